"""Checking any free-text summary against its article, claim by claim (``summarize check``).

The summary is split into claims (sentences and list items). Each claim's quoted words are
located in the article, and, when the summary says who spoke them, checked against the article's
own attribution; its other words are looked up as names, numbers, dates and content words.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..attribution import find_attributions
from .alignment import QuoteAlignment, QuoteLocator
from .claims import ArticleVocabulary, FlaggedWord
from .verdicts import Verdict, decide, misattribution, quote_reasons, word_reasons

CLAIM_RE = re.compile(r"[^\n]+")
BULLET_RE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(\[]?[A-Z0-9])")
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


def split_claims(summary_text: str) -> list[tuple[int, int]]:
    """Spans of the claims in a summary: each list item or sentence (markers and spaces trimmed)."""
    spans: list[tuple[int, int]] = []
    for line in CLAIM_RE.finditer(summary_text):
        start = line.start()
        bullet = BULLET_RE.match(line.group())
        if bullet:
            start += bullet.end()
        pieces = [
            start,
            *(start + m.end() for m in SENTENCE_END_RE.finditer(summary_text[start : line.end()])),
        ]
        for piece_start, piece_end in zip(pieces, [*pieces[1:], line.end()], strict=True):
            text = summary_text[piece_start:piece_end]
            stripped_start = piece_start + len(text) - len(text.lstrip())
            stripped_end = piece_end - (len(text) - len(text.rstrip()))
            if any(ch.isalnum() for ch in summary_text[stripped_start:stripped_end]):
                spans.append((stripped_start, stripped_end))
    return spans


def check_summary_text(article_text: str, summary_text: str) -> CheckResult:
    """Split ``summary_text`` into claims and check each against ``article_text``."""
    locator = QuoteLocator(article_text)
    vocabulary = ArticleVocabulary(article_text)
    article_attributions = find_attributions(article_text)
    summary_quotes = [a for a in find_attributions(summary_text) if a.direct]
    claims: list[ClaimCheck] = []
    for start, end in split_claims(summary_text):
        claim = summary_text[start:end]
        quoted = [q for q in summary_quotes if start <= q.quote_start and q.quote_end <= end]
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
