"""Checking any free-text summary against its article, claim by claim (``summarize check``).

The summary is split into claims by the one segmenter (each sentence of each line, list markers
left out). Each claim goes through the one claim checker: the words it quotes are located in
the article, and when the summary says who spoke them, checked against the article's own
attribution; the rest of the claim is checked against its evidence window.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..text import AnalysedArticle, Span
from .claims import ClaimCheck, ClaimJudge, check_claim
from .relations import claim_frames
from .verdicts import REJECTED, Verdict

BULLET_RE = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s+")


class CheckResult(BaseModel):
    """The verdict on a whole free-text summary: ``supported`` when every claim is,
    ``unsupported`` when any claim is unsupported, contradicted or misattributed, else
    ``partially_supported``."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["supported", "partially_supported", "unsupported"]
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


def check_summary_text(
    article: AnalysedArticle | str, summary_text: str, *, judge: ClaimJudge | None = None
) -> CheckResult:
    """Split ``summary_text`` into claims and check each against the article (``judge``: see check_claim)."""
    if not isinstance(article, AnalysedArticle):
        article = AnalysedArticle(article)
    summary = AnalysedArticle(summary_text)
    spans = split_claims(summary)
    claim_frames([span.of(summary_text) for span in spans])  # one parser batch for every claim
    claims: list[ClaimCheck] = []
    for span in spans:
        inside = [a for a in summary.attributions if span.contains(a.span)]
        quoted = [a.quote for a in inside if a.direct]
        speakers = [
            a.speaker
            for a in inside
            if a.speaker and a.speaker_span is not None and span.contains(a.speaker_span)
        ]
        check = check_claim(
            article,
            span.of(summary_text),
            quotes=quoted,
            speaker=speakers[0] if speakers else None,
            judge=judge,
        )
        claims.append(check.model_copy(update={"span": span}))
    unsupported = [c for c in claims if c.verdict is not Verdict.supported]
    score = sum(c.score for c in claims) / len(claims) if claims else 0.0
    verdict: Literal["supported", "partially_supported", "unsupported"] = "supported"
    if not claims or any(c.verdict in REJECTED for c in claims):
        verdict = "unsupported"
    elif unsupported:
        verdict = "partially_supported"
    return CheckResult(
        verdict=verdict,
        score=round(score, 4),
        claims=claims,
        unsupported=unsupported,
    )
