"""Summarizing many articles with one engine: the batch rules, in the API so every caller shares them.

- Each input yields an :class:`Outcome` (its index and name, and a result or an error); a
  failed article never stops the others.
- A batch's exit status is its first failure's.
- Delivering a result (printing it, writing it with ``summarize.output.OutputDir``) may fail
  with OutputError: then the batch stops, and the report names what was not processed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .article import read_article
from .config import Settings
from .errors import OutputError, SummarizeError
from .pipeline import Summarizer
from .result import SummaryResult
from .web.limits import FetchLimits


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a result, or the error that stopped it."""

    index: int  # position in the inputs, from 0
    name: str  # the input as given ('-' for stdin)
    result: SummaryResult | None = None
    error: SummarizeError | None = None

    @property
    def ok(self) -> bool:
        """True when the article was summarized."""
        return self.error is None


def summarize_many(inputs: Iterable[str | Path], settings: Settings | Summarizer) -> Iterator[Outcome]:
    """Summarize each input (a path, or '-' for stdin) in order, going on past failures.

    Pass a Summarizer to share its engine with other work (and to see its notice); with
    Settings, one is opened for the batch and closed when the iterator ends or is closed.
    """
    if isinstance(settings, Summarizer):
        yield from _outcomes(inputs, settings)
        return
    with Summarizer(settings) as summarizer:
        yield from _outcomes(inputs, summarizer)


def _outcomes(inputs: Iterable[str | Path], summarizer: Summarizer) -> Iterator[Outcome]:
    for index, name in enumerate(inputs):
        try:
            settings = summarizer.settings
            result = summarizer.summarize(
                read_article(name, max_bytes=settings.max_bytes, fetch_limits=FetchLimits.of(settings))
            )
        except SummarizeError as exc:
            yield Outcome(index, str(name), error=exc)
        else:
            yield Outcome(index, str(name), result=result)


@dataclass
class BatchReport:
    """How a batch went: its failures, and what a failed write left unprocessed."""

    inputs: list[str]
    failures: list[Outcome] = field(default_factory=list)
    delivered: int = 0
    stopped_by: OutputError | None = None  # the failed write that ended the batch early
    not_processed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when everything was delivered, else the first failure's exit code."""
        return self.failures[0].error.exit_code if self.failures and self.failures[0].error else 0


def run_batch(
    inputs: Sequence[str | Path],
    summarizer: Summarizer,
    deliver: Callable[[SummaryResult], object],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Summarize every input and ``deliver`` each result; a failed delivery (OutputError) stops the batch."""
    names = [str(name) for name in inputs]
    report = BatchReport(inputs=names)
    for outcome in summarize_many(names, summarizer):
        if outcome.result is not None:
            try:
                deliver(outcome.result)
            except OutputError as exc:
                outcome = Outcome(outcome.index, outcome.name, error=exc)
                report.stopped_by = exc
                report.not_processed = names[outcome.index + 1 :]
            else:
                report.delivered += 1
        if outcome.error is not None:
            report.failures.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if report.stopped_by is not None:
            break
    return report
