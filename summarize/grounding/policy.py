"""Grounding as one policy per article: each candidate summary is grounded once, and the strict
re-ask, the report and the pruning all read that one report."""

from __future__ import annotations

from ..schema import Summary
from ..text import AnalysedArticle
from .claims import ClaimJudge
from .report import (
    SECTIONS,
    GroundingReport,
    ItemGrounding,
    drop_unsupported,
    ground_summary,
    score_of,
    unsupported_reasons,
)
from .verdicts import REJECTED


class Grounder:
    """Grounds summaries of one article, remembering each summary's report."""

    def __init__(self, article: AnalysedArticle, judge: ClaimJudge | None = None) -> None:
        self.article = article
        self.judge = judge
        self._reports: dict[str, GroundingReport] = {}

    def report(self, summary: Summary) -> GroundingReport:
        """The grounding report of ``summary`` (computed once per distinct summary)."""
        key = summary.model_dump_json()
        if key not in self._reports:
            self._reports[key] = ground_summary(summary, self.article, judge=self.judge)
        return self._reports[key]

    def reasons(self, summary: Summary) -> list[str]:
        """Why ``summary`` is not grounded, for a model to act on (empty: accept); a SummaryCheck."""
        return unsupported_reasons(self.report(summary))

    def prune(self, summary: Summary) -> tuple[Summary, GroundingReport, int]:
        """Strict mode: the summary without its unsupported items, their report, and how many went."""
        report = self.report(summary)
        pruned = drop_unsupported(summary, report)
        kept: list[ItemGrounding] = []
        for section in SECTIONS:
            items = [item for item in report.items if item.section == section]
            survivors = [item for item in items if section == "event" or item.verdict not in REJECTED]
            kept.extend(item.model_copy(update={"index": index}) for index, item in enumerate(survivors))
        dropped = len(report.items) - len(kept)
        return pruned, GroundingReport(items=kept, score=score_of(kept)), dropped
