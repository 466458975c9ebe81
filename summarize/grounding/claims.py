"""The one claim checker: a claim against its evidence in the article, with a verdict and reasons.

Both the grounding of structured summaries and ``summarize check`` call ``check_claim``. The
evidence is the sentences holding the quotes the claim cites, when they are found; otherwise
(or when they do not carry the claim) the best-matching window of the article. The verdict
names that evidence as spans of the original text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from ..text import AnalysedArticle, Span, same_name
from ..text.attribution.speakers import looks_like_name
from ..text.fold import fold_word
from ..text.lexicon import HEDGES, NEGATIONS, PARTIAL, UNIVERSAL
from ..text.words import TOKEN_RE, canonical_number
from .alignment import AlignmentStatus, QuoteAlignment, QuoteLocator
from .features import Kind, Passage, analyse_passage
from .meaning import CLAIM, Comparison, Finding, Policy, Severity, compare, matches
from .relations import claim_frames, compare_frames, frames
from .retrieval import ArticleIndex, Window
from .verdicts import PARTIAL_MISSING, UNSUPPORTED_MISSING, VERDICT_SCORE, Verdict, short, worst


class Judgement(Protocol):
    """A judge's answer: one of the verdicts below (not misattributed) and a reason."""

    @property
    def verdict(self) -> str: ...

    @property
    def reason(self) -> str: ...


class ClaimJudge(Protocol):
    """Something that judges a claim against a passage (``--judge llm``: a configured model)."""

    def judge_claim(self, claim: str, evidence: str) -> Judgement:
        """The verdict on ``claim`` given the article passage ``evidence``."""
        ...


class ClaimCheck(BaseModel):
    """One claim, what the article supports of it, and the evidence it was checked against."""

    model_config = ConfigDict(extra="forbid")

    claim: str
    span: Span | None = Field(
        default=None, description="Where the claim is in the summary text (free text only)."
    )
    verdict: Verdict
    score: float = Field(ge=0.0, le=1.0, description="1 supported, 0.5 partially, 0 otherwise.")
    reasons: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(
        default_factory=list, description="The article passages the claim was checked against."
    )
    quotes: list[QuoteAlignment] = Field(default_factory=list)
    attributed_to: str | None = Field(
        default=None, description="Who the article says spoke, when not the claim's speaker."
    )


def check_claim(
    article: AnalysedArticle,
    claim: str,
    *,
    quotes: Sequence[str] = (),
    speaker: str | None = None,
    policy: Policy = CLAIM,
    judge: ClaimJudge | None = None,
) -> ClaimCheck:
    """Check ``claim`` against ``article``.

    ``quotes`` are verbatim passages the claim cites (its evidence, or the words it quotes);
    ``speaker`` is who the claim says spoke them; ``policy`` says which checks apply (a full
    claim, a phrase such as a role or a place, an uncertain item whose hedges need not be
    repeated). With a ``judge``, the rules still find the evidence window, locate the quotes and
    check who spoke; the judge decides what the passage says of the claim.
    """
    index = article.layer(ArticleIndex)
    locator = article.layer(QuoteLocator)
    alignments = [locator.locate(quote) for quote in quotes]
    reasons: list[str] = []
    verdicts: list[Verdict] = []
    for alignment in alignments:
        verdict, reason = _quote_verdict(alignment)
        if reason:
            # One missing quote among found ones leaves the item partly grounded.
            found_any = any(a.status is not AlignmentStatus.not_found for a in alignments)
            verdicts.append(
                Verdict.partially_supported if verdict is Verdict.unsupported and found_any else verdict
            )
            reasons.append(reason)
        changed = fuzzy_change(alignment, article.text)
        if changed is not None:
            verdicts.append(Verdict.contradicted)
            reasons.append(changed.message)
    passage = analyse_passage(claim, names=index.names)
    cited = set().union(*(index.sentences_overlapping(a.span) for a in alignments if a.span is not None))
    spoken = _spoken_by(article, index, speaker) if speaker else set()
    window, comparison = _best_evidence(index, passage, cited | spoken if cited or spoken else None, policy)
    if (cited or spoken) and _claim_verdict(comparison) is not Verdict.supported:
        # The cited passage does not carry the claim: does any other passage?
        elsewhere, other = _best_evidence(index, passage, None, policy)
        if _claim_verdict(other) is Verdict.supported and elsewhere.sentences:
            window, comparison = elsewhere, other
            verdicts.append(Verdict.partially_supported)
            reasons.append(
                "the cited evidence does not carry this claim; another passage of the article does"
            )
    if judge is not None and window.sentences:
        passage_text = " ".join(index.spans[i].of(article.text) for i in window.sentences)
        judgement = judge.judge_claim(claim, passage_text)
        verdicts.append(Verdict(str(judgement.verdict)))
        reasons.append(f"judge: {judgement.reason}")
    else:
        verdicts.append(_claim_verdict(comparison))
        reasons.extend(_reasons(comparison))
    attributed_to = None
    if speaker and looks_like_name(speaker):
        wrong = _misattribution(article, index, window, alignments, speaker)
        if wrong is not None and wrong[0] is Verdict.misattributed:
            verdicts.append(Verdict.misattributed)
            attributed_to = wrong[1]
            reasons.insert(0, f"the article gives these words to {wrong[1]}, not to {speaker}")
        elif wrong is not None:
            verdicts.append(Verdict.unsupported)
            reasons.insert(0, f"the article does not attribute this to {speaker}")
    verdict = worst(verdicts)
    score = VERDICT_SCORE[verdict]
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        score=score,
        reasons=_unique(reasons),
        evidence=list(window.spans),
        quotes=alignments,
        attributed_to=attributed_to,
    )


def _best_evidence(
    index: ArticleIndex, passage: Passage, within: set[int] | None, policy: Policy
) -> tuple[Window, Comparison]:
    window = index.window(passage, within=within)
    # The primary sentence first: a word is matched there before anywhere else in the window.
    order = sorted(window.sentences, key=lambda i: i != window.primary)
    evidence = [index.passages[i] for i in order]
    before = {i - k for i in window.sentences for k in (1, 2) if i - k >= 0} - set(window.sentences)
    context = [index.passages[i] for i in sorted(before | index.topic)]
    comparison = compare(passage, evidence, index, context=context, policy=policy)
    if not policy.coverage_rejects:
        comparison.lenient = True
    if (
        policy.relations
        and window.sentences
        and _claim_verdict(comparison) in (Verdict.supported, Verdict.partially_supported)
    ):
        # Every word is there: check who did what to whom in the parse.
        parses = index.article.parsed(order)
        evidence_frames = [f for i in order for f in frames(parses[i])]
        comparison.findings.extend(compare_frames(claim_frames([passage.text])[0], evidence_frames))
    return window, comparison


def _claim_verdict(comparison: Comparison) -> Verdict:
    severities = {f.severity for f in comparison.findings}
    if Severity.contradicted in severities:
        return Verdict.contradicted
    if Severity.unsupported in severities or (
        comparison.missing_ratio > UNSUPPORTED_MISSING and not comparison.lenient
    ):
        return Verdict.unsupported
    if Severity.partial in severities or comparison.missing_ratio > PARTIAL_MISSING:
        return Verdict.partially_supported
    return Verdict.supported


def _reasons(comparison: Comparison) -> list[str]:
    reasons = [f.message for f in comparison.findings]
    if comparison.missing_ratio > PARTIAL_MISSING and not any(
        f.kind in _WORD_FINDINGS for f in comparison.findings
    ):
        reasons.append(
            f"{round(100 * comparison.missing_ratio)}% of the claim's words are not in its evidence"
        )
    return reasons


_WORD_FINDINGS = frozenset({"name", "number", "date"})


def _quote_verdict(alignment: QuoteAlignment) -> tuple[Verdict, str | None]:
    """A cited quote's own verdict: missing, approximate, or changed in a word that matters."""
    if alignment.status is AlignmentStatus.not_found:
        return Verdict.unsupported, f"quote not found in the article: “{short(alignment.quote)}”"
    if alignment.status is not AlignmentStatus.fuzzy:
        return Verdict.supported, None
    return Verdict.partially_supported, (
        f"quote found only approximately ({alignment.similarity:.0%}): “{short(alignment.quote)}”"
    )


def fuzzy_change(alignment: QuoteAlignment, text: str) -> Finding | None:
    """A fuzzily found quote whose differing words change its meaning (a negation, number,
    hedge or quantifier): the article says otherwise."""
    if alignment.status is not AlignmentStatus.fuzzy or alignment.span is None:
        return None
    quoted = _meaningful(alignment.quote)
    found = _meaningful(alignment.span.of(text))
    changed = quoted ^ found
    if not changed:
        return None
    return Finding(
        Severity.contradicted,
        "quote",
        f"the quote differs from the article in “{', '.join(sorted(changed))}”: “{short(alignment.span.of(text))}”",
    )


def _meaningful(text: str) -> set[str]:
    words = {fold_word(m.group()).replace("'", "") for m in TOKEN_RE.finditer(text)}
    numbers = {n for m in TOKEN_RE.finditer(text) if (n := canonical_number(m.group())) is not None}
    return {w for w in words if w in NEGATIONS or w in HEDGES or w in UNIVERSAL or w in PARTIAL} | numbers


def _spoken_by(article: AnalysedArticle, index: ArticleIndex, speaker: str) -> set[int]:
    """The sentences holding what the article attributes to ``speaker``."""
    found: set[int] = set()
    for attribution in article.attributions:
        if attribution.speaker and same_name(attribution.speaker, speaker):
            found |= index.sentences_overlapping(attribution.span)
    return found


def _misattribution(
    article: AnalysedArticle,
    index: ArticleIndex,
    window: Window,
    alignments: list[QuoteAlignment],
    speaker: str,
) -> tuple[Verdict, str] | None:
    """Whether the article gives the claim's words to someone else (misattributed, with who), or to
    no one the claim names (unsupported); None when the article gives them to ``speaker``."""
    spans = [a.span for a in alignments if a.span is not None]
    if not spans and window.primary is not None:
        spans = [index.spans[window.primary]]
    if not spans:
        return None
    covering = [
        a
        for span in spans
        for a in article.attributions
        if a.span.overlap(span) >= 0.5 * min(len(span), len(a.span))
    ]
    if any(a.speaker and same_name(a.speaker, speaker) for a in covering):
        return None
    named = [t for t in analyse_passage(speaker, names=index.names).content if t.kind is Kind.name]
    if not named:
        return None
    for sentence in index.sentences_overlapping(spans[0]):
        passage = index.passages[sentence]
        for other in passage.tokens:
            inside = any(a.span.start <= other.span.start < a.span.end for a in covering)
            if not inside and any(matches(token, other) for token in named):
                return None  # "a Syrian source cited by Kommersant": named in the attribution itself
    if any(a.speaker is None for a in covering):
        return None  # the article's speaker is not known: nothing to contradict
    if not covering:
        # Reporter's voice, or a quotation the finder could not close: the speaker may be named
        # just before ("Mira Okafor ... said." then a paragraph of her words).
        first = min(index.sentences_overlapping(spans[0]), default=0)
        for sentence in range(max(0, first - 2), first + 1):
            if any(matches(token, other) for token in named for other in index.passages[sentence].tokens):
                return None
    speakers = [a.speaker for a in covering if a.speaker]
    if speakers and not any(looks_like_name(name) for name in speakers):
        # "Syrian sources told Reuters that ...", then "The sources stated ...": a generic source the
        # claim names by the outlet that relays it, named just before as the one told or citing.
        first = min(index.sentences_overlapping(spans[0]), default=0)
        for sentence in range(max(0, first - 2), first + 1):
            tokens = index.passages[sentence].tokens
            for position, other in enumerate(tokens):
                relays = (position > 0 and tokens[position - 1].folded in _RELAY_BEFORE) or (
                    position + 1 < len(tokens) and tokens[position + 1].folded in _RELAY_AFTER
                )
                if relays and any(matches(token, other) for token in named):
                    return None
    if speakers:
        return Verdict.misattributed, speakers[0]
    return Verdict.unsupported, ""


_RELAY_BEFORE = frozenset({"told", "by", "citing", "cited", "quoting", "to"})
_RELAY_AFTER = frozenset({"reported", "reports", "cited", "quoted", "reporting"})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
