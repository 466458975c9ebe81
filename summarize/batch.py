"""Summarizing many articles with one engine: the batch rules, in the API so every caller shares them.

- Each input yields an :class:`Outcome` (its index and name, and a result or an error); a
  failed article never stops the others.
- Against an endpoint, ``workers`` articles run at once (one engine per worker, one shared
  request gate: a Retry-After pauses them all) and outcomes come in the order they finish;
  the rule-based and local engines take one article at a time, in order.
- With a :class:`~summarize.cache.ResultCache`, an article already summarized the same way is
  read back (``metadata.cached``) instead of being summarized again.
- ``skip`` leaves out inputs already done (``--resume``).
- A batch's exit status is its first failure's.
- Delivering a result (printing it, writing it with ``summarize.output.OutputDir``) may fail
  with OutputError: then the batch stops, and the report names what was not processed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .article import Article, article_from_text, read_article
from .cache import ResultCache, cache_key, run_identity
from .concurrency import map_unordered
from .config import Settings
from .errors import OutputError, SummarizeError
from .pipeline import Summarizer
from .result import SummaryResult
from .sources import BatchInput, as_input
from .web.limits import FetchLimits

Input = str | Path | BatchInput


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


def load_input(item: BatchInput, settings: Settings) -> Article:
    """The article an input names (read, fetched, or given as text), checked."""
    if item.text is not None:
        article = article_from_text(item.text, item.name)
    else:
        article = read_article(item.name, max_bytes=settings.max_bytes, fetch_limits=FetchLimits.of(settings))
    return article if item.label is None else replace(article, source=item.label)


class ArticleWorker:
    """Summarizes one input at a time, through the cache, with its own summarizer (made on the first
    article the cache does not have)."""

    def __init__(
        self,
        settings: Settings,
        make_summarizer: Callable[[], Summarizer],
        *,
        owned: bool,
        cache: ResultCache | None = None,
        identity: dict[str, str] | None = None,
    ):
        self._settings = settings
        self._make_summarizer = make_summarizer
        self._owned = owned
        self._cache = cache if identity is not None else None
        self._identity = identity or {}
        self._summarizer: Summarizer | None = None

    def __call__(self, job: tuple[int, BatchInput]) -> Outcome:
        index, item = job
        try:
            result = self._summarize(load_input(item, self._settings))
        except SummarizeError as exc:
            return Outcome(index, item.name, error=exc)
        result.metadata.index = index
        return Outcome(index, item.name, result=result)

    def _summarize(self, article: Article) -> SummaryResult:
        key = cache_key(article.text, self._identity) if self._cache is not None else ""
        if self._cache is not None:
            cached = self._cache.get(key, article)
            if cached is not None:
                return cached
        if self._summarizer is None:
            self._summarizer = self._make_summarizer()
        result = self._summarizer.summarize(article)
        if self._cache is not None:
            self._cache.put(key, result)
        return result

    def close(self) -> None:
        """Close the summarizer this worker made."""
        if self._owned and self._summarizer is not None:
            self._summarizer.close()


def summarize_many(
    inputs: Iterable[Input],
    settings: Settings | Summarizer,
    *,
    workers: int | None = None,
    cache: ResultCache | None = None,
    skip: Collection[int] = (),
) -> Iterator[Outcome]:
    """Summarize each input (a path, a URL, '-' for stdin, or a BatchInput), going on past failures.

    Pass a Summarizer to share its engine with other work (and to see its notice); with
    Settings, one is opened for the batch and closed when the iterator ends or is closed.
    ``workers`` (default: the settings') articles run at once when the engine allows it; outcomes
    then come as they finish, each with its input's index.
    """
    if isinstance(settings, Summarizer):
        yield from _outcomes(inputs, settings, workers, cache, skip)
        return
    with Summarizer(settings) as summarizer:
        yield from _outcomes(inputs, summarizer, workers, cache, skip)


def _outcomes(
    inputs: Iterable[Input],
    summarizer: Summarizer,
    workers: int | None,
    cache: ResultCache | None,
    skip: Collection[int],
) -> Iterator[Outcome]:
    settings = summarizer.settings
    threads = (workers or settings.workers) if summarizer.runs_concurrently else 1
    jobs = ((index, as_input(item)) for index, item in enumerate(inputs) if index not in skip)
    # Once, before the workers start: it may ask the endpoint which model it serves.
    identity = run_identity(settings, summarizer.engine) if cache is not None else None

    def new_worker(slot: int) -> ArticleWorker:
        # The first worker uses the caller's summarizer; the others each open a sibling.
        if slot == 0:
            return ArticleWorker(settings, lambda: summarizer, owned=False, cache=cache, identity=identity)
        return ArticleWorker(settings, summarizer.sibling, owned=True, cache=cache, identity=identity)

    yield from map_unordered(jobs, new_worker, threads)


@dataclass
class BatchReport:
    """How a batch went: its failures, and what a failed write left unprocessed."""

    inputs: list[str]
    failures: list[Outcome] = field(default_factory=list)
    delivered: int = 0
    skipped: int = 0  # already done before this run (--resume)
    stopped_by: OutputError | None = None  # the failed write that ended the batch early
    not_processed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when everything was delivered, else the first failure's exit code."""
        return self.failures[0].error.exit_code if self.failures and self.failures[0].error else 0


def run_batch(
    inputs: Sequence[Input],
    summarizer: Summarizer,
    deliver: Callable[[SummaryResult], object],
    on_outcome: Callable[[Outcome], None] | None = None,
    *,
    workers: int | None = None,
    cache: ResultCache | None = None,
    skip: Collection[int] = (),
) -> BatchReport:
    """Summarize every input and ``deliver`` each result; a failed delivery (OutputError) stops the batch."""
    items = [as_input(item) for item in inputs]
    outcomes = summarize_many(items, summarizer, workers=workers, cache=cache, skip=skip)
    return deliver_outcomes(items, outcomes, deliver, on_outcome, skip=skip)


def deliver_outcomes(
    items: Sequence[BatchInput],
    outcomes: Iterator[Outcome],
    deliver: Callable[[SummaryResult], object],
    on_outcome: Callable[[Outcome], None] | None = None,
    *,
    skip: Collection[int] = (),
) -> BatchReport:
    """The batch rules over outcomes however they were made (threads here, Ray actors elsewhere)."""
    report = BatchReport(inputs=[item.name for item in items], skipped=len(skip))
    finished: set[int] = set(skip)
    try:
        for outcome in outcomes:
            finished.add(outcome.index)
            if outcome.result is not None:
                try:
                    deliver(outcome.result)
                except OutputError as exc:
                    outcome = Outcome(outcome.index, outcome.name, error=exc)
                    report.stopped_by = exc
                else:
                    report.delivered += 1
            if outcome.error is not None:
                report.failures.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            if report.stopped_by is not None:
                report.not_processed = [item.name for i, item in enumerate(items) if i not in finished]
                break
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()
    report.failures.sort(key=lambda outcome: outcome.index)  # "first" is in input order, not finishing order
    return report
