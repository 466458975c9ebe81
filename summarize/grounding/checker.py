"""Checking any free-text summary against its article, claim by claim (``summarize check``).

The summary is split into claims (sentences and list items). Each claim's quoted words are
located in the article, and, when the summary says who spoke them, checked against the article's
own attribution; its other words are looked up as names, numbers, dates and content words.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..text import AnalysedArticle, Span
from .alignment import QuoteAlignment, QuoteLocator
from .claims import ArticleVocabulary, FlaggedWord
from .verdicts import Verdict, decide, misattribution, quote_reasons, word_reasons

BULLET_RE = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s+")
# Name, number and date words weigh more than other content words in a claim's score.
STRONG_WEIGHT = 2.0


class ClaimCheck(BaseModel):
    """One claim of a free-text summary and what the article supports of it."""

    model_config = ConfigDict(extra="forbid")

    claim: str
    start: int = Field(description="Offset of the claim in the summary text.")
    end: int
    verdict: Verdict
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list)
    flagged: list[FlaggedWord] = Field(default_factory=list)
    quotes: list[QuoteAlignment] = Field(default_factory=list)


class CheckResult(BaseModel):
    """The verdict on a whole free-text summary: supported only if every claim is."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["supported", "unsupported"]
    score: float = Field(ge=0.0, le=1.0, description="Mean claim score; higher is better supported.")
    claims: list[ClaimCheck]
    unsupported: list[ClaimCheck] = Field(description="The claims that are not fully supported.")


def split_claims(summary: AnalysedArticle) -> list[Span]:
    """The claims of a summary: each sentence of each line, list markers left out."""
    spans: list[Span] = []
    text = summary.text
    for sentence in summary.sentences:
        bullet = BULLET_RE.match(text, sentence.start, sentence.end)
        start = bullet.end() if bullet else sentence.start
        if any(ch.isalnum() for ch in text[start : sentence.end]):
            spans.append(Span(start, sentence.end))
    return spans


def check_summary_text(article: AnalysedArticle | str, summary_text: str) -> CheckResult:
    """Split ``summary_text`` into claims and check each against the article."""
    if not isinstance(article, AnalysedArticle):
        article = AnalysedArticle(article)
    locator = article.layer(QuoteLocator)
    vocabulary = article.layer(ArticleVocabulary)
    article_attributions = article.attributions
    summary = AnalysedArticle(summary_text)
    summary_quotes = [a for a in summary.attributions if a.direct]
    claims: list[ClaimCheck] = []
    for claim_span in split_claims(summary):
        start, end = claim_span.start, claim_span.end
        claim = summary_text[start:end]
        quoted = [q for q in summary_quotes if claim_span.contains(q.span)]
        alignments = [locator.locate(q.quote) for q in quoted]
        wrong = None
        for quote, alignment in zip(quoted, alignments, strict=True):
            if quote.speaker and alignment.found:
                wrong = wrong or misattribution(quote.speaker, alignment, article_attributions)
        words = vocabulary.check(claim)
        verdict = decide(alignments, [words], misattributed_to=wrong)
        reasons = quote_reasons(alignments) + word_reasons([words])
        if wrong is not None:
            reasons.insert(0, f"the article attributes “{wrong.quote[:60]}” to {wrong.speaker}")
        claims.append(
            ClaimCheck(
                claim=claim,
                start=start,
                end=end,
                verdict=verdict,
                score=_claim_score(verdict, words.content, words.strong, words.flagged),
                reasons=reasons,
                flagged=words.flagged,
                quotes=alignments,
            )
        )
    unsupported = [c for c in claims if c.verdict is not Verdict.supported]
    score = sum(c.score for c in claims) / len(claims) if claims else 0.0
    return CheckResult(
        verdict="unsupported" if unsupported or not claims else "supported",
        score=round(score, 4),
        claims=claims,
        unsupported=unsupported,
    )


def _claim_score(verdict: Verdict, content: int, strong: int, flagged: list[FlaggedWord]) -> float:
    """1 minus the weighted share of missing words; 0 for a missing or misattributed quote."""
    if verdict is Verdict.misattributed:
        return 0.0
    total = STRONG_WEIGHT * strong + (content - strong)
    if total == 0:
        return 1.0 if verdict is Verdict.supported else 0.0
    missing_strong = sum(1 for f in flagged if f.kind.value != "word")
    missing = STRONG_WEIGHT * missing_strong + (len(flagged) - missing_strong)
    score = max(0.0, 1.0 - missing / total)
    if verdict is Verdict.unsupported and missing == 0:
        return 0.0  # every quote of the claim is missing
    return round(score, 4)
