"""Running many articles from the command line: ``summarize batch`` and the body of ``summarize run``.

Both go through :func:`run_articles`: resume what an earlier run delivered, open the result
cache, summarize (threads here, or Ray with ``batch --ray``), deliver each result as it finishes
(stdout, ``--out DIR`` or ``--jsonl FILE``), show a progress bar on a terminal for runs longer
than a second, then list the failures and exit with the first one's code.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..batch import BatchReport, Outcome, run_batch
from ..cache import ResultCache
from ..cli import EXIT_CODES_HELP, _input_prefix, _print_verbose, _report, _stderr
from ..config import Settings
from ..output import OutputDir, format_result
from ..pipeline import Summarizer
from ..progress import ProgressMode, RunProgress, progress_mode
from ..redaction import printable
from ..result import SummaryResult
from ..result_shape import OutputShape
from ..resume import JsonlFile, done_in_folder
from ..run_feedback import RunFeedback
from ..sources import BatchInput, expand_sources
from .options import destination_options, settings_options
from .run_options import diagnostic_options, display_options, shaped_settings

# A run shorter than this shows no progress bar at all.
PROGRESS_DELAY_SECONDS = 1.0


class BatchProgress:
    """A progress bar on stderr, started only when the run outlasts a second: done/total, failures, ETA."""

    def __init__(self, console: Console, total: int, *, show: bool, delay: float = PROGRESS_DELAY_SECONDS):
        self._progress = Progress(
            TextColumn("summarizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("summarizing", total=total, failed="")
        self._failed = 0
        self._lock = threading.Lock()
        self._closed = False
        self._timer = threading.Timer(delay, self._start) if show else None
        self.shown = False

    def _start(self) -> None:
        with self._lock:
            if not self._closed:
                self._progress.start()
                self.shown = True

    def __enter__(self) -> BatchProgress:
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()
        return self

    def advance(self, failed: bool) -> None:
        """One more article done (or failed)."""
        self._failed += failed
        self._progress.update(
            self._task, advance=1, failed=f"[red]{self._failed} failed[/red]" if self._failed else ""
        )

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self.shown:
                self._progress.stop()


@dataclass
class Destination:
    """Where results go: stdout, one file each in a folder, or lines appended to a JSONL file."""

    fmt: str
    several: bool
    shape: OutputShape = field(default_factory=OutputShape)
    folder: OutputDir | None = None
    paths: list[Path] | None = None  # the folder's file for each input, chosen in input order
    jsonl: JsonlFile | None = None

    def deliver(self, result: SummaryResult) -> Path | None:
        """Write or print one result; the file written, if any."""
        if self.folder is not None and self.paths is not None:
            index = result.metadata.index
            return self.folder.write(result, self.paths[index] if index is not None else None)
        if self.jsonl is not None:
            self.jsonl.write(result)
            return None
        text = format_result(result, self.fmt, pretty=not self.several, shape=self.shape)
        sys.stdout.write(text if self.fmt == "json" or not self.several else text + "\n---\n\n")
        sys.stdout.flush()
        return None

    def close(self) -> None:
        """Close the JSONL file, if any."""
        if self.jsonl is not None:
            self.jsonl.close()


def _open_destination(
    items: list[BatchInput],
    fmt: str,
    out_dir: Path | None,
    jsonl: Path | None,
    resume: bool,
    shape: OutputShape,
) -> tuple[Destination, set[int]]:
    if out_dir is not None and jsonl is not None:
        raise click.UsageError("--out and --jsonl are two destinations: choose one")
    if jsonl is not None and fmt != "json":
        raise click.UsageError(
            "--jsonl writes JSON lines: leave out --format, or use --out DIR for other formats"
        )
    if resume and out_dir is None and jsonl is None:
        raise click.UsageError(
            "--resume needs --out DIR or --jsonl FILE: stdout keeps no record of what was done"
        )
    if fmt == "html" and len(items) > 1 and out_dir is None:
        raise click.UsageError("--format html writes one page per article: with several, add --out DIR")
    if out_dir is not None:
        folder = OutputDir(out_dir, fmt, shape)
        paths = [folder.path_for(item.source) for item in items]
        done = done_in_folder(paths, items, fmt) if resume else set()
        return Destination(fmt, len(items) > 1, shape, folder=folder, paths=paths), done
    if jsonl is not None:
        sink = JsonlFile(jsonl, resume=resume)
        return Destination(fmt, True, shape, jsonl=sink), sink.done(items) if resume else set()
    return Destination(fmt, len(items) > 1, shape), set()


def run_articles(
    items: list[BatchInput],
    settings: Settings,
    *,
    fmt: str = "json",
    out_dir: Path | None = None,
    jsonl: Path | None = None,
    resume: bool = False,
    shape: OutputShape | None = None,
    progress: ProgressMode | None = None,
    verbose: bool = False,
    debug: bool = False,
    ray_address: str | None = None,
) -> None:
    """Summarize ``items`` and deliver every result; exits non-zero with the first failure's code
    (a ``--fail-on`` hit counts as a failure)."""
    shape = shape or OutputShape()
    destination, done = _open_destination(items, fmt, out_dir, jsonl, resume, shape)
    several = len(items) > 1
    mode = progress or progress_mode(None, _stderr.is_terminal)
    feedback = RunFeedback(_stderr, settings, fmt=fmt, shape=shape, several=several)
    if done:
        _stderr.print(
            f"summarize: resuming: {len(done)} of {len(items)} article(s) already done", markup=False
        )
    cache = ResultCache.open(settings)
    opening_problem = cache.problem if cache is not None else None
    if opening_problem:
        _stderr.print(printable(f"summarize: warning: {opening_problem}"), markup=False)
    try:
        report = _run(
            items, settings, destination, done, cache, several, verbose, debug, ray_address, feedback, mode
        )
    finally:
        destination.close()
        if cache is not None:
            cache.close()
    if cache is not None and cache.problem and cache.problem != opening_problem:  # it failed mid-run
        _stderr.print(printable(f"summarize: warning: {cache.problem}"), markup=False)
    _print_summary(report, several)
    exit_code = feedback.finish(report.failures)
    if exit_code:
        raise SystemExit(exit_code)


def _run(
    items: list[BatchInput],
    settings: Settings,
    destination: Destination,
    done: set[int],
    cache: ResultCache | None,
    several: bool,
    verbose: bool,
    debug: bool,
    ray_address: str | None,
    feedback: RunFeedback,
    mode: ProgressMode,
) -> BatchReport:
    notice: list[str] = []

    def deliver(result: SummaryResult) -> None:
        # The notice was printed once; it need not repeat in every result.
        result.metadata.notices = [n for n in result.metadata.notices if n not in notice]
        if verbose:
            _print_verbose(result)
        written = destination.deliver(result)
        if written is not None:
            feedback.wrote(written)

    total = len(items) - len(done)
    # Several articles: a bar with counts, failures and an ETA; one article: a spinner with its stage.
    display = (
        BatchProgress(_stderr, total, show=mode == "live")
        if total > 1
        else RunProgress(_stderr, mode, total=max(total, 1))
    )
    with display as progress:

        def on_outcome(outcome: Outcome) -> None:
            if isinstance(progress, BatchProgress):
                progress.advance(failed=outcome.error is not None)
            else:
                progress.article_done()
            if outcome.error is not None:
                _report(outcome.error, debug, prefix=_input_prefix(outcome) if several else "")
            feedback.delivered(outcome)

        if ray_address is not None:
            from ..ray_batch import run_ray_batch

            return run_ray_batch(
                items,
                settings,
                deliver,
                on_outcome,
                address=ray_address,
                skip=done,
                use_cache=cache is not None,
            )
        if isinstance(progress, RunProgress):
            progress.stage("starting the engine")
        with Summarizer(settings) as summarizer:
            if isinstance(progress, RunProgress):
                summarizer.on_stage = lambda source, stage: progress.stage(f"{source}: {stage}")
            if summarizer.notice:
                notice.append(summarizer.notice)
                feedback.shown_notice = summarizer.notice
                _stderr.print(f"summarize: {summarizer.notice}", markup=False)
            return run_batch(items, summarizer, deliver, on_outcome, cache=cache, skip=done)


def _print_summary(report: BatchReport, several: bool) -> None:
    if several and report.failures:
        _stderr.print(f"summarize: {len(report.failures)} of {len(report.inputs)} article(s) failed:")
        for failure in report.failures:
            assert failure.error is not None
            _stderr.print(printable(f"  - {_input_prefix(failure)}{failure.error.message}"), markup=False)
    if report.not_processed:
        _stderr.print(
            printable(
                f"summarize: stopped after a failed write; not processed: {', '.join(report.not_processed)}"
            ),
            markup=False,
        )


RAY_ADDRESS_HELP = (
    "Run on Ray Data: alone (put it after the sources) for a local Ray instance; =auto for the "
    "cluster this machine belongs to; =ray://HEAD:10001 for a remote one. One summarizer actor per worker."
)


def _ray_address(value: str | None) -> str | None:
    if value is None or value in ("local", "auto") or "://" in value or value.rpartition(":")[2].isdigit():
        return value
    raise click.BadParameter(
        f"{value!r} is not a Ray address (auto, ray://HEAD:10001, HOST:6379); "
        "put --ray after the sources, or write --ray=ADDRESS",
        param_hint="--ray",
    )


@click.command(
    "batch", epilog=EXIT_CODES_HELP, short_help="Summarize folders, globs and manifests (threads or Ray)."
)
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@destination_options
@display_options()
@click.option(
    "--ray",
    "ray_address",
    is_flag=False,
    flag_value="local",
    default=None,
    metavar="[ADDRESS]",
    help=RAY_ADDRESS_HELP,
)
@settings_options()
@diagnostic_options
def batch_command(
    sources: tuple[str, ...],
    fmt: str,
    out_dir: Path | None,
    jsonl: Path | None,
    resume: bool,
    compact: bool,
    fields: tuple[str, ...] | None,
    progress: bool | None,
    ray_address: str | None,
    verbose: bool,
    debug: bool,
    **options: Any,
) -> None:
    """Summarize every article in SOURCE folders, glob patterns ('news/**/*.txt'), JSONL manifests
    (one {"path": ...} or {"id": ..., "text": ...} per line) and files.

    Results stream out as they finish, each with its input's index (metadata.index). --workers
    articles run at once against an endpoint; --ray runs them on Ray Data instead.
    """
    shape, settings = shaped_settings(fmt, compact, fields, options)
    items = expand_sources(sources)
    run_articles(
        items,
        settings,
        fmt=fmt,
        out_dir=out_dir,
        jsonl=jsonl,
        resume=resume,
        shape=shape,
        progress=progress_mode(progress, _stderr.is_terminal),
        verbose=verbose,
        debug=debug,
        ray_address=_ray_address(ray_address),
    )
