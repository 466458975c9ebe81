"""Turning the grounding checks' per-item verdicts into the eval's grounding counts.

The eval does not check grounding itself: it counts the verdicts of
``summarize.grounding.ground_summary`` (the report the pipeline already made, or a fresh one).
An item counts as grounded when it is supported or partially supported, i.e. its evidence is
in the article; unsupported, contradicted and misattributed items are counted on their own.
"""

from __future__ import annotations

from ..grounding import GroundingReport, Verdict, ground_summary
from ..schema import Summary
from .metrics import GroundingCounts

GROUNDED_VERDICTS = frozenset({Verdict.supported, Verdict.partially_supported})


def count_grounding(
    summary: Summary, article_text: str, report: GroundingReport | None = None
) -> GroundingCounts:
    """Counts of grounded, unsupported and misattributed items in one summary."""
    if report is None:
        report = ground_summary(summary, article_text)
    verdicts = [item.verdict for item in report.items]
    return GroundingCounts(
        items=len(verdicts),
        supported=sum(1 for verdict in verdicts if verdict in GROUNDED_VERDICTS),
        unsupported=verdicts.count(Verdict.unsupported),
        contradicted=verdicts.count(Verdict.contradicted),
        misattributed=verdicts.count(Verdict.misattributed),
    )
