"""Source grounding: locate every quote, check every claim against its evidence, say what the
article supports, contradicts or does not say.

Public API (the pipeline and the ``check`` command use only these):

- ``locate_quote(quote, article) -> QuoteAlignment``: exact / normalized / fuzzy / not_found,
  with a span of the original text;
- ``check_claim(article, claim, quotes=..., speaker=...) -> ClaimCheck``: the one claim checker;
- ``ground_summary(summary, article) -> GroundingReport``: a verdict per item and a score;
- ``Grounder(article)``: one grounding policy per article (strict re-ask, report, pruning);
- ``check_summary_text(article, summary_text) -> CheckResult``: any free-text summary.
"""

from __future__ import annotations

from .alignment import AlignmentStatus, QuoteAlignment, QuoteLocator, locate_quote
from .checker import CheckResult, check_summary_text
from .claims import ClaimCheck, ClaimJudge, check_claim
from .policy import Grounder
from .report import GroundingReport, ItemGrounding, drop_unsupported, ground_summary, unsupported_reasons
from .verdicts import REJECTED, Verdict

__all__ = [
    "REJECTED",
    "AlignmentStatus",
    "CheckResult",
    "ClaimCheck",
    "ClaimJudge",
    "Grounder",
    "GroundingReport",
    "ItemGrounding",
    "QuoteAlignment",
    "QuoteLocator",
    "Verdict",
    "check_claim",
    "check_summary_text",
    "drop_unsupported",
    "ground_summary",
    "locate_quote",
    "unsupported_reasons",
]
