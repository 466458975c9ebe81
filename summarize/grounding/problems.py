"""What grounding found wrong with a summary, in one line, and whether ``--fail-on`` fails it.

The CLI prints :func:`problems_line` on stderr in warn mode, so a summary the article does not
support is never silent ("3 of 12 items unsupported, 1 misattributed; see grounding"), and
exits 12 when :func:`failing_verdicts` finds a verdict ``--fail-on`` names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .report import GroundingReport
from .verdicts import REJECTED, Verdict

# The order a problems line names them in: the commonest problem first, as a reader expects.
_ORDER = (Verdict.unsupported, Verdict.contradicted, Verdict.misattributed)
assert set(_ORDER) == REJECTED


def problem_counts(report: GroundingReport) -> dict[Verdict, int]:
    """How many items have each rejected verdict (only verdicts that occur)."""
    counts = Counter(item.verdict for item in report.items if item.verdict in REJECTED)
    return {verdict: counts[verdict] for verdict in _ORDER if counts[verdict]}


def problems_line(report: GroundingReport, where: str = "grounding") -> str | None:
    """'3 of 12 items unsupported, 1 misattributed; see grounding', or None when nothing is wrong."""
    counts = problem_counts(report)
    if not counts:
        return None
    (first, first_count), *rest = counts.items()
    noun = "item" if len(report.items) == 1 else "items"
    line = f"{first_count} of {len(report.items)} {noun} {first.value}"
    line += "".join(f", {count} {verdict.value}" for verdict, count in rest)
    return f"{line}; see {where}"


def failing_verdicts(report: GroundingReport | None, fail_on: Iterable[str]) -> list[Verdict]:
    """The verdicts named in ``fail_on`` that some item of ``report`` has (none without a report)."""
    if report is None:
        return []
    wanted = {Verdict(name) for name in fail_on}
    return [verdict for verdict in problem_counts(report) if verdict in wanted]
