"""Progress of a run on stderr, so a long run is never silent, and a short one never flickers.

Nothing is shown for the first ``delay`` seconds (about one): a run that ends sooner prints no
progress at all. After that, on a terminal, one line redrawn in place: a spinner, what is being
done ("article.txt: summarizing with local"), articles done out of all when there are several,
and the time elapsed; it disappears when the run ends. Elsewhere (a log, a pipe) nothing is
shown unless asked for (``--progress``); then at most one plain line a second, when the stage
has changed, and a long stage repeats its line every ``heartbeat`` seconds. Stages come from whatever drives the run (the CLI,
``Summarizer.on_stage``) and may come from several threads.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Literal

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from .redaction import printable

ProgressMode = Literal["live", "lines", "off"]
DELAY_SECONDS = 1.0
HEARTBEAT_SECONDS = 15.0


def progress_mode(requested: bool | None, is_terminal: bool) -> ProgressMode:
    """--progress / --no-progress, else a live line on a terminal and nothing elsewhere."""
    if requested is False:
        return "off"
    if is_terminal:
        return "live"
    return "lines" if requested else "off"


class RunProgress:
    """The progress display of one run: see the module docstring."""

    def __init__(
        self,
        console: Console,
        mode: ProgressMode,
        *,
        total: int = 1,
        delay: float = DELAY_SECONDS,
        heartbeat: float = HEARTBEAT_SECONDS,
    ) -> None:
        self.console = console
        self.mode = mode
        self.total = total
        self.delay = delay
        self.heartbeat = heartbeat
        self.done = 0
        self._stage = "starting"
        self._started = time.monotonic()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._visible = False
        self._watcher: threading.Thread | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if mode == "live":
            # markup off: a file name such as "notes[bold].txt" is shown as it is.
            columns = [SpinnerColumn(), TextColumn("{task.description}", markup=False)]
            if total > 1:
                columns.append(TextColumn("[{task.completed}/{task.total}]", markup=False))
            self._bar = Progress(*columns, TimeElapsedColumn(), console=console, transient=True)
            self._task = self._bar.add_task(self._stage, total=total)

    def __enter__(self) -> RunProgress:
        if self.mode != "off":
            self._watcher = threading.Thread(target=self._watch, name="summarize-progress", daemon=True)
            self._watcher.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the display (a live line is erased)."""
        self._stopped.set()
        if self._watcher is not None:
            self._watcher.join()
            self._watcher = None
        with self._lock:
            if self._bar is not None and self._visible:
                self._bar.stop()
            self._visible = False

    @property
    def visible(self) -> bool:
        """True once the display has appeared (the run has taken longer than the delay)."""
        return self._visible

    def stage(self, text: str) -> None:
        """What the run is doing now."""
        text = printable(text)
        with self._lock:
            if text == self._stage:
                return
            self._stage = text
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, description=text)

    def article_done(self) -> None:
        """One more article finished (summarized or failed)."""
        with self._lock:
            self.done += 1
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, completed=self.done)

    def _line(self, still: bool) -> str:
        elapsed = time.monotonic() - self._started
        count = f" [{self.done}/{self.total}]" if self.total > 1 else ""
        return f"summarize: {'still ' if still else ''}{self._stage}{count} ({elapsed:.0f} s)"

    def _watch(self) -> None:
        if self._stopped.wait(self.delay):
            return
        with self._lock:
            if self._stopped.is_set():
                return
            self._visible = True
            if self._bar is not None:
                self._bar.start()
                return
        # Lines: at most one a tick, when the stage changed, or "still ..." after a heartbeat.
        printed, printed_at = "", 0.0
        while True:
            with self._lock:
                now = time.monotonic()
                if self._stage != printed or now - printed_at >= self.heartbeat:
                    self.console.print(self._line(still=self._stage == printed), markup=False)
                    printed, printed_at = self._stage, now
            if self._stopped.wait(self.delay):
                return
