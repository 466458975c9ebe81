"""Uncertainties: claims from unnamed sources, unconfirmed reports, denials and disputes,
conflicting accounts and speculation, each with the sentence that carries it.

A claim is written as a sentence of its own: the reported clause of an unnamed source ("The
withdrawal includes Qamishli Airport."), the sentence holding a denial (the denial kept: "He
denied that the company had cut its maintenance budget."), the clause an "indications that"
introduces, or the clause a hedge belongs to ("US forces also appear to be on the way out.").
A source is named as a noun phrase ("five Syrian sources", "a senior ministry official"),
never a piece of the reporting verb. Speculation counts only in the reporter's own voice: a
hedge in someone's statement belongs to their statement. Consecutive claims of one unnamed
source ("Syrian sources told Reuters ...", then "The sources stated ...") are one item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Uncertainty, UncertaintyReason
from ..text import Attribution, Span
from ..text.words import word_set, words
from .clauses import ASIDES, Parsed, clause_head, clause_range, render, without_asides, without_connectives
from .document import Document
from .sources import Voice, Voices, voices_of
from .statements import subjectless

_ANONYMITY = re.compile(
    r"\bpeople familiar with|\bon condition of anonymity|\b(?:asked|declined) not to be named|\bdeclined to give"
    r"|\b(?:unnamed|unidentified|anonymous) (?:officials?|sources?|persons?|people)",
    re.IGNORECASE,
)
_DISPUTED = re.compile(
    r"\b(?:den(?:y|ied|ies)|disputed|disputes (?:the|that|this)|refut(?:ed|es)"
    r"|reject(?:ed|s)? (?:the )?(?:claims?|reports?|allegations?|accusations?)"
    r"|dismiss(?:ed|es)? (?:the )?(?:claims?|reports?|allegations?)|contested|(?:were|are|is|was) divided (?:over|on))\b",
    re.IGNORECASE,
)
_CONFLICTING = re.compile(
    r"\b(?:conflicting (?:accounts|reports|claims)|contradict\w*|differing accounts|other accounts|contrary to"
    r"|at odds with)\b",
    re.IGNORECASE,
)
_UNCONFIRMED = re.compile(
    r"\b(?:reportedly|allegedly|unconfirmed|could not (?:be )?(?:independently )?(?:verif|confirm)\w*"
    r"|(?:is|are|was|were) said to|according to (?:media )?reports|(?:not|un)clear whether|not known whether)\b",
    re.IGNORECASE,
)
# "amid indications that X", "signs that X": the claim is X.
_INDICATION = re.compile(r"\b(?:indications?|signs?|suggestions?) that\s+", re.IGNORECASE)
_SPECULATIVE = re.compile(
    r"\b(?:could|might|may|likely|expected to|appears? to|appeared to|seems? to|seemed to|possibly|probably)\b"
)
_HEDGE_WORDS = re.compile(
    r"^(?:could|might|may|likely|appears?|appeared|seems?|seemed|expected|possibly|probably)$"
)
_SOURCE_NOUNS = word_set(
    """source sources official officials people person diplomat diplomats witness witnesses resident
    residents worker workers member members aide aides insider insiders employee employees staff
    executive executives officer officers"""
)
_ANAPHORIC = re.compile(r"^the\s", re.IGNORECASE)
_MAX_ITEMS = 8
_MAX_SPECULATIVE = 3


@dataclass
class _Found:
    index: int
    rank: int
    item: Uncertainty
    source: str | None


def build_uncertainties(document: Document) -> list[Uncertainty]:
    """Uncertain claims in article order, strongest signals first when there are many."""
    voices = voices_of(document)
    candidates = [
        s for s in document.sentences if _any_signal(document.of(s)) or _voices_in(document, voices, s)
    ]
    index_of = {sentence: index for index, sentence in enumerate(document.sentences)}
    found: list[_Found] = []
    for sentence, parsed in document.parse_each(candidates):
        index = index_of[sentence]
        guesses = sum(f.item.reason is UncertaintyReason.speculative for f in found)
        result = _classify(document, voices, parsed, sentence, guesses < _MAX_SPECULATIVE)
        if result is None:
            continue
        rank, reason, claim, source = result
        previous = found[-1] if found else None
        if (
            previous is not None
            and reason is UncertaintyReason.unnamed_source
            and previous.item.reason is reason
            and previous.index >= index - 2
            and source is not None
            and _ANAPHORIC.match(source)
        ):
            previous.item.evidence.append(document.of(sentence))  # "The sources stated ...": the same source
            continue
        item = Uncertainty(claim=claim, reason=reason, attributed_to=source, evidence=[document.of(sentence)])
        found.append(_Found(index, rank, item, source))
    speculative = [f for f in found if f.item.reason is UncertaintyReason.speculative][:_MAX_SPECULATIVE]
    strong = [f for f in found if f.item.reason is not UncertaintyReason.speculative]
    chosen = sorted([*strong, *speculative], key=lambda f: (f.rank, f.index))[:_MAX_ITEMS]
    return [f.item for f in sorted(chosen, key=lambda f: f.index)]


def _any_signal(text: str) -> bool:
    return any(
        p.search(text) for p in (_ANONYMITY, _DISPUTED, _CONFLICTING, _UNCONFIRMED, _INDICATION, _SPECULATIVE)
    )


def _voices_in(document: Document, voices: Voices, sentence: Span) -> list[tuple[Attribution, Voice]]:
    found = []
    for attribution in document.attributions:
        if sentence.covers(attribution.span.start) and (voice := voices.of(attribution)) is not None:
            found.append((attribution, voice))
    return found


def _classify(
    document: Document, voices: Voices, parsed: Parsed, sentence: Span, speculate: bool
) -> tuple[int, UncertaintyReason, str, str | None] | None:
    text = document.of(sentence)
    spoken = _voices_in(document, voices, sentence)
    # An unnamed source of information: reported words of "sources", "officials", "people familiar
    # with ...", not the opinions of "analysts" or a quoted passer-by, nor "state media" reports.
    unnamed = [
        (a, v)
        for a, v in spoken
        if (v.source is not None or not v.named) and _is_source(v.source or v.name) and not a.direct
    ]
    if unnamed or _ANONYMITY.search(text):
        attribution, voice = unnamed[0] if unnamed else (None, None)
        source = (voice.source or voice.name) if voice is not None else _anonymous_source(text)
        span = attribution.span if attribution is not None and not attribution.direct else sentence
        claim = _claim(parsed, span)
        if claim is not None and source is not None:
            return 0, UncertaintyReason.unnamed_source, claim, source
    # "..., which Mr Omar says cleared the way for ...": the reporter hands the claim to its source.
    handed = next(((a, v) for a, v in spoken if v.named and subjectless(document, a)), None)
    if handed is not None:
        claim = _claim(parsed, sentence, keep={t.i for t in parsed.tokens_in(handed[0].span)})
        if claim is not None:
            return 3, UncertaintyReason.unconfirmed_report, claim, handed[1].name
    if _DISPUTED.search(text):
        claim = _claim(parsed, sentence)
        if claim is not None:
            return 1, UncertaintyReason.disputed, claim, None
    if _CONFLICTING.search(text):
        claim = _claim(parsed, sentence)
        if claim is not None:
            return 2, UncertaintyReason.conflicting_accounts, claim, None
    indication = _INDICATION.search(text)
    if _UNCONFIRMED.search(text) or indication:
        span = sentence
        if indication:
            span = Span(sentence.start + indication.end(), sentence.end)
        claim = _claim(parsed, span)
        if claim is not None:
            return 3, UncertaintyReason.unconfirmed_report, claim, None
    hedge = _SPECULATIVE.search(text)
    if hedge and not spoken and speculate:
        claim = _hedged_clause(parsed, Span(sentence.start + hedge.start(), sentence.start + hedge.end()))
        if claim is not None:
            return 4, UncertaintyReason.speculative, claim, None
    return None


def _claim(parsed: Parsed, span: Span, keep: set[int] | None = None) -> str | None:
    """The words of ``span`` as a sentence: its main clause, asides left out (never a hedge)."""
    tokens = parsed.tokens_in(span)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    heads = [head for root in roots if (head := clause_head(root)) is not None and head.i in inside]
    head = heads[0] if heads else None
    if head is None:
        return None
    first, last = clause_range(head)
    first, last = max(first, tokens[0].i), min(last, tokens[-1].i)
    keep = (keep or set()) | {t.i for t in parsed.doc if _HEDGE_WORDS.match(t.lower_)}
    pieces = without_connectives(parsed.doc, without_asides(parsed.doc, first, last, keep, ASIDES))
    claim = render(parsed, pieces)
    return claim if len(words(claim)) >= 4 else None


def _hedged_clause(parsed: Parsed, hedge: Span) -> str | None:
    """The clause a hedge belongs to ("..., and US forces also appear to be on the way out")."""
    token = parsed.token_at(hedge.start)
    head = clause_head(token) if token is not None else None
    if head is None:
        return None
    first, last = clause_range(head)
    return _claim(parsed, Span(parsed.start(parsed.doc[first]), parsed.end(parsed.doc[last])))


def _is_source(phrase: str) -> bool:
    """A phrase naming people as the source ("five Syrian sources", "a person close to the case")."""
    return any(word.casefold() in _SOURCE_NOUNS for word in words(phrase))


def _anonymous_source(text: str) -> str | None:
    """ "A government official, speaking on condition of anonymity, said": the noun phrase."""
    match = re.match(
        r"\s*((?:[A-Z]\w*\s+)?(?:[a-z]+\s+){0,3}(?:official|source|person|people|diplomat)s?)\b", text
    )
    return match.group(1) if match else None
