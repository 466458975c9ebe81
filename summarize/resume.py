"""Resuming a batch (``--resume``): what an earlier run delivered is kept and not done again.

- ``--out DIR``: every input's file name is chosen before the run starts, in input order, so
  a second run over the same inputs looks for the same names. A file there is complete, as files
  are written atomically (a temporary file, fsynced, renamed); it counts as done when it is valid:
  JSON that parses as this input's result, or a Markdown or HTML file that is not empty.
- ``--jsonl FILE``: each result is appended as one line, in one write (the kernel has it once the
  write returns, so a killed process loses nothing; the file is fsynced when the run ends). A line
  that parses as a result is done, for the input its ``metadata.source`` names (an input named
  twice needs two lines). A torn last line, from a run killed mid-write, is cut off before appending.

So a run killed at any instant (kill -9) loses nothing already delivered, and the next run with
``--resume`` redoes nothing already delivered. (A power cut can lose the lines the disk had not
yet stored; ``--resume`` then does those articles again.)
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from .errors import OutputError
from .output import format_result
from .result import SummaryResult
from .sources import BatchInput


def _result_source(text: str | bytes) -> str | None:
    try:
        return SummaryResult.model_validate_json(text).metadata.source
    except (ValidationError, ValueError):
        return None


def done_in_folder(paths: Sequence[Path], inputs: Sequence[BatchInput], fmt: str) -> set[int]:
    """Indices of the inputs whose ``--out`` file (``paths[i]``) is already there and valid."""
    done = set()
    for index, (path, item) in enumerate(zip(paths, inputs, strict=True)):
        try:
            if fmt == "json":
                if _result_source(path.read_bytes()) == item.source:
                    done.add(index)
            elif path.stat().st_size > 0:
                done.add(index)
        except OSError:
            continue  # not there (or unreadable): to do
    return done


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class JsonlFile:
    """A JSONL results file, appended one whole line at a time; on resume, what it already holds."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = Path(path)
        self._done: Counter[str] = Counter()
        try:
            if resume and self.path.exists():
                self._done = self._read_and_mend()
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
            self._fd: int | None = os.open(self.path, flags, 0o666)
        except OSError as exc:
            raise OutputError(
                f"cannot write {self.path}: {_reason(exc)}", path=str(self.path), original=exc
            ) from exc

    def _read_and_mend(self) -> Counter[str]:
        data = self.path.read_bytes()
        complete = data.rfind(b"\n") + 1  # a line without its newline was torn by a kill
        if complete < len(data):
            with open(self.path, "r+b") as handle:
                handle.truncate(complete)
        done: Counter[str] = Counter()
        for line in data[:complete].splitlines():
            source = _result_source(line) if line.strip() else None
            if source is not None:
                done[source] += 1
        return done

    def done(self, inputs: Sequence[BatchInput]) -> set[int]:
        """Indices of the inputs this file already holds a valid result for."""
        left = Counter(self._done)
        done = set()
        for index, item in enumerate(inputs):
            if left[item.source] > 0:
                left[item.source] -= 1
                done.add(index)
        return done

    def write(self, result: SummaryResult) -> None:
        """Append one result as one line, in one write."""
        if self._fd is None:
            raise ValueError("the JSONL file is closed")
        line = format_result(result, "json", pretty=False).encode("utf-8")
        view = memoryview(line)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            raise OutputError(
                f"cannot write {self.path}: {_reason(exc)}", path=str(self.path), original=exc
            ) from exc

    def close(self) -> None:
        """Store the file on disk and close it."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.fsync(self._fd)
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
