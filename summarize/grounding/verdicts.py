"""Turning quote alignments, flagged words and attributions into one verdict with reasons.

Shared by the structured-summary grounding (``report.py``) and the free-text checker
(``checker.py``) so both judge a claim by the same rules:

- ``misattributed``: the quote is in the article, but the article gives it to someone else;
- ``unsupported``: no quote of the item is found, or a name, number, date or place is absent;
- ``partially_supported``: some quotes are missing, or most content words of a field are absent;
- ``supported``: everything checked was found.
"""

from __future__ import annotations

from enum import StrEnum

from ..text import Attribution, attribution_at, same_name
from .alignment import QuoteAlignment
from .claims import ClaimWords

# A field whose content words are mostly absent is a paraphrase too loose to check.
PARTIAL_MISSING_RATIO = 0.5
VERDICT_SCORE = {"supported": 1.0, "partially_supported": 0.5, "unsupported": 0.0, "misattributed": 0.0}


class Verdict(StrEnum):
    """How far the article supports one item or claim."""

    supported = "supported"
    partially_supported = "partially_supported"
    unsupported = "unsupported"
    misattributed = "misattributed"


def short(text: str, limit: int = 80) -> str:
    """A quote or claim shortened for a one-line reason."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote_reasons(alignments: list[QuoteAlignment]) -> list[str]:
    return [f"quote not found in the article: “{short(a.quote)}”" for a in alignments if not a.found]


def word_reasons(words: list[ClaimWords]) -> list[str]:
    reasons = []
    for checked in words:
        for flagged in checked.flagged:
            where = f" (in {flagged.field})" if flagged.field else ""
            reasons.append(f"{flagged.kind.value} “{flagged.word}”{where} does not appear in the article")
    return reasons


def misattribution(
    speaker: str, alignment: QuoteAlignment, attributions: list[Attribution]
) -> Attribution | None:
    """The article's attribution of a located quote when it names someone other than ``speaker``."""
    if alignment.span is None or not speaker.strip():
        return None
    found = attribution_at(attributions, alignment.span)
    if found is None or found.speaker is None or same_name(found.speaker, speaker):
        return None
    return found


def decide(
    alignments: list[QuoteAlignment], words: list[ClaimWords], *, misattributed_to: Attribution | None = None
) -> Verdict:
    """The verdict for one item from what was and was not found."""
    if misattributed_to is not None:
        return Verdict.misattributed
    if alignments and not any(a.found for a in alignments):
        return Verdict.unsupported
    if any(checked.missing_strong for checked in words):
        return Verdict.unsupported
    if any(not a.found for a in alignments):
        return Verdict.partially_supported
    if any(c.content >= 2 and c.missing_ratio > PARTIAL_MISSING_RATIO for c in words):
        return Verdict.partially_supported
    return Verdict.supported
