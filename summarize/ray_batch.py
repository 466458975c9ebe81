"""Summarizing a batch on Ray Data: the same Python API, spread over a Ray instance or cluster.

The inputs become a dataset (``ray.data.from_items``); ``map_batches`` runs
:class:`SummarizerActor`, a callable class, so each actor opens its summarizer (its engine: a
client, or a local llama.cpp server) and the result cache once, then summarizes one article per
call; results stream back to the driver as rows, where the batch rules deliver them
(``summarize.batch.deliver_outcomes``: stdout, ``--out`` or ``--jsonl``, resume, exit codes).
On a cluster, :func:`summarize_dataset` gives the dataset of results to write anywhere Ray
writes (``.write_json("s3://...")``). Ray schedules everything; there is no scheduler here.

An article's failure is a row like any other (its error type, message and exit code), never an
exception that would stop the dataset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import errors
from .batch import ArticleWorker, BatchReport, Outcome, deliver_outcomes
from .cache import ResultCache, run_identity
from .config import Settings
from .errors import ConfigError, SummarizeError
from .pipeline import Summarizer
from .redaction import register_secret, url_secrets
from .result import SummaryResult
from .sources import BatchInput

if TYPE_CHECKING:
    import ray.data

# Columns of the rows going in and coming out.
IN_COLUMNS = ("index", "name", "text", "label")


class SummarizerActor:
    """A Ray Data actor: one summarizer (and one cache) for its lifetime, one article per row."""

    def __init__(self, settings: Settings, use_cache: bool = True) -> None:
        # Secrets are masked in messages by the process that holds them: register them here too.
        register_secret(settings.api_key)
        for secret in url_secrets(settings.base_url):
            register_secret(secret)
        self._cache = ResultCache.open(settings) if use_cache else None
        summarizer = Summarizer(settings)
        identity = run_identity(settings, summarizer.engine) if self._cache is not None else None
        self._worker = ArticleWorker(
            settings, lambda: summarizer, owned=True, cache=self._cache, identity=identity
        )

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows: dict[str, list[Any]] = {
            "index": [],
            "name": [],
            "result": [],
            "article_text": [],
            "error_type": [],
            "error_message": [],
            "exit_code": [],
        }
        for index, name, text, label in zip(*(batch[column] for column in IN_COLUMNS), strict=True):
            item = BatchInput(str(name), text=text or None, label=label or None)
            outcome = self._worker((int(index), item))
            rows["index"].append(outcome.index)
            rows["name"].append(outcome.name)
            result, error = outcome.result, outcome.error
            rows["result"].append(result.model_dump_json() if result is not None else "")
            rows["article_text"].append((result.article_text or "") if result is not None else "")
            rows["error_type"].append(type(error).__name__ if error is not None else "")
            rows["error_message"].append(error.message if error is not None else "")
            rows["exit_code"].append(error.exit_code if error is not None else 0)
        return rows


def summarize_dataset(
    dataset: ray.data.Dataset, settings: Settings, *, workers: int | None = None, use_cache: bool = True
) -> ray.data.Dataset:
    """The dataset of results of a dataset of inputs (columns index, name, text, label): one
    summarizer actor per worker (default: the settings' ``workers``), one article per call."""
    import ray.data

    return dataset.map_batches(
        SummarizerActor,
        fn_constructor_kwargs={"settings": settings, "use_cache": use_cache},
        batch_size=1,  # an article is a long call: results stream out one by one
        compute=ray.data.ActorPoolStrategy(size=workers or settings.workers),
    )


def input_rows(items: Sequence[BatchInput], skip: Collection[int] = ()) -> list[dict[str, Any]]:
    """The dataset rows for a batch's inputs (those in ``skip`` left out)."""
    return [
        {"index": index, "name": item.name, "text": item.text or "", "label": item.label or ""}
        for index, item in enumerate(items)
        if index not in skip
    ]


def outcome_of(row: dict[str, Any]) -> Outcome:
    """A result row back as the Outcome the batch rules take."""
    index, name = int(row["index"]), str(row["name"])
    if row["error_type"]:
        return Outcome(
            index,
            name,
            error=_error(str(row["error_type"]), str(row["error_message"]), int(row["exit_code"])),
        )
    result = SummaryResult.model_validate_json(row["result"])
    return Outcome(index, name, result=result.with_article_text(str(row["article_text"])))


def _error(type_name: str, message: str, exit_code: int) -> SummarizeError:
    kind = getattr(errors, type_name, None)
    if isinstance(kind, type) and issubclass(kind, SummarizeError) and kind is not errors.OutputError:
        return kind(message)
    error = SummarizeError(message)
    error.exit_code = exit_code
    return error


def connect(address: str) -> None:
    """Join the Ray instance at ``address`` ('local' starts one on this machine), once per process."""
    try:
        import ray
        import ray.data
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ConfigError(f"--ray needs Ray Data: pip install 'ray[data]' ({exc})", original=exc) from exc
    if not ray.is_initialized():
        ray.init(
            address=None if address == "local" else address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # summarize draws its own on stderr
    for name in ("ray", "ray.data"):  # no execution plans or notes on stderr
        logging.getLogger(name).setLevel(logging.ERROR)


def ray_outcomes(
    items: Sequence[BatchInput],
    settings: Settings,
    *,
    address: str,
    skip: Collection[int] = (),
    use_cache: bool = True,
) -> Iterator[Outcome]:
    """Outcomes of a batch run on Ray, as the actors finish them."""
    import ray.data

    connect(address)
    rows = input_rows(items, skip)
    if not rows:
        return
    dataset = ray.data.from_items(rows)
    for row in summarize_dataset(dataset, settings, use_cache=use_cache).iter_rows():
        yield outcome_of(row)


def run_ray_batch(
    items: Sequence[BatchInput],
    settings: Settings,
    deliver: Callable[[SummaryResult], object],
    on_outcome: Callable[[Outcome], None] | None = None,
    *,
    address: str = "local",
    skip: Collection[int] = (),
    use_cache: bool = True,
) -> BatchReport:
    """``summarize.batch.run_batch`` on Ray: the same rules, deliveries on the driver."""
    outcomes = ray_outcomes(items, settings, address=address, skip=skip, use_cache=use_cache)
    return deliver_outcomes(items, outcomes, deliver, on_outcome, skip=skip)
