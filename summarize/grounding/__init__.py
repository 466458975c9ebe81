"""Source grounding: locate every quote, check every claim, flag what the article does not say.

Public API (the pipeline and the ``check`` command use only these):

- ``locate_quote(quote, text) -> QuoteAlignment``: exact / normalized / fuzzy / not_found, with a
  span of the original text;
- ``ground_summary(summary, article_text) -> GroundingReport``: a verdict per item and a score;
- ``summary_check_for(article_text)``: a ``SummaryCheck`` (reasons, for a strict-mode re-ask);
- ``drop_unsupported(summary, report) -> Summary``: strict mode;
- ``check_summary_text(article_text, summary_text) -> CheckResult``: any free-text summary.
"""

from __future__ import annotations

from .alignment import AlignmentStatus, QuoteAlignment, QuoteLocator, locate_quote
from .checker import CheckResult, ClaimCheck, check_summary_text
from .claims import FlaggedWord, WordKind
from .report import (
    GroundingReport,
    ItemGrounding,
    drop_unsupported,
    ground_summary,
    summary_check_for,
    unsupported_reasons,
)
from .verdicts import Verdict

__all__ = [
    "AlignmentStatus",
    "CheckResult",
    "ClaimCheck",
    "FlaggedWord",
    "GroundingReport",
    "ItemGrounding",
    "QuoteAlignment",
    "QuoteLocator",
    "Verdict",
    "WordKind",
    "check_summary_text",
    "drop_unsupported",
    "ground_summary",
    "locate_quote",
    "summary_check_for",
    "unsupported_reasons",
]
