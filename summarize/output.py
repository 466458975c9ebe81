"""Writing results: the text of a result in each format, and ``--out DIR`` files.

Files are written atomically (a temporary file in the same folder, fsynced, then renamed), with
the mode the umask gives any new file, under a unique name per run (``a.json``, ``a-2.json``).
A failed write removes its temporary file and raises OutputError naming the path.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from .article import STDIN
from .errors import OutputError
from .markdown import render_markdown
from .result import SummaryResult
from .result_shape import OutputShape, shape_result

OutputFormat = Literal["json", "markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = ("json", "markdown", "html")
_SUFFIXES = {"json": ".json", "markdown": ".md", "html": ".html"}


def format_result(
    result: SummaryResult, fmt: str, *, pretty: bool = True, shape: OutputShape | None = None
) -> str:
    """The result as JSON (indented when ``pretty``, else one line; ``shape``: compact or chosen
    fields), Markdown, or a self-contained HTML review page (which needs the article text the
    pipeline keeps with the result)."""
    if fmt == "markdown":
        return render_markdown(result)
    if fmt == "html":
        from .review import render_review_page

        if result.article_text is None:
            raise ValueError(
                "the HTML review page needs the article text (results from the pipeline keep it)"
            )
        return render_review_page(result.article_text, result)
    if shape is not None and not shape.is_full:
        data = shape_result(result, shape)
        text = json.dumps(
            data, ensure_ascii=False, indent=2 if pretty else None, separators=_separators(pretty)
        )
    else:
        text = result.model_dump_json(indent=2 if pretty else None)
    # Valid JSON either way, but a reader splitting JSONL on Unicode line breaks would cut a record.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _separators(pretty: bool) -> tuple[str, str]:
    # As pydantic writes the full result: no spaces in one-line JSON.
    return (",", ": ") if pretty else (",", ":")


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def write_atomically(path: Path, text: str, *, mode: int = 0o666) -> None:
    """Write ``text`` to ``path`` so that a crash or a full disk never leaves a truncated file there."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}", path=str(path), original=exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), mode)  # mkstemp creates 0600; results are ordinary files
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {_reason(exc)}", path=str(path), original=exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _safe_stem(source: str) -> str:
    if source in (STDIN, "<stdin>"):
        return "stdin"
    if source.startswith(("http://", "https://")):  # a page: its last path segment, no query
        stem = Path(urlsplit(source).path.rstrip("/")).stem or "page"
    else:
        stem = Path(source).stem or "article"
    # A name that a shell or another tool would trip over (newlines, escape codes) is replaced.
    return "".join(ch if ch.isprintable() and ch not in "/\\" else "_" for ch in stem)


class OutputDir:
    """One file per result in ``directory``: ``<stem>.json`` or ``<stem>.md``, never two with one name."""

    def __init__(self, directory: Path, fmt: str, shape: OutputShape | None = None) -> None:
        self.directory = Path(directory)
        self.fmt = fmt
        self.shape = shape
        self._used: set[str] = set()
        self._mode = 0o666 & ~_current_umask()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the output folder {self.directory}: {_reason(exc)}",
                path=str(self.directory),
                original=exc,
            ) from exc
        if not self.directory.is_dir():
            raise OutputError(f"--out {self.directory}: not a folder", path=str(self.directory))

    def path_for(self, source: str) -> Path:
        """A path for the result of ``source`` that no earlier result of this run has taken."""
        stem, suffix = _safe_stem(source), _SUFFIXES[self.fmt]
        name, n = f"{stem}{suffix}", 1
        while name.casefold() in self._used:  # two inputs with one name, on any filesystem
            n += 1
            name = f"{stem}-{n}{suffix}"
        self._used.add(name.casefold())
        return self.directory / name

    def write(self, result: SummaryResult, path: Path | None = None) -> Path:
        """Write one result (to ``path``, taken earlier with ``path_for``, or a new one); returns its path."""
        path = path or self.path_for(result.metadata.source)
        write_atomically(path, format_result(result, self.fmt, shape=self.shape), mode=self._mode)
        return path
