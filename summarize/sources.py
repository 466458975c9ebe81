"""What a batch reads: articles named one by one, folders, glob patterns and JSONL manifests.

- a file, a URL or '-' (stdin) is one article;
- a folder is every ``.txt``, ``.html``, ``.htm`` and ``.md`` file under it (hidden ones skipped),
  in sorted order;
- a pattern with ``*``, ``?`` or ``[`` is expanded (``**`` crosses folders), in sorted order;
- a ``.jsonl`` file is a manifest: one JSON object per line, with ``path`` (a file, relative to
  the manifest's folder, or a URL) or ``text`` (the article itself), and an optional ``id`` that
  names it in results (``metadata.source``).

Names are resolved before anything is summarized, so a batch knows its size (for the progress
bar) and each input keeps one index across runs (for ``--resume``).
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .article import STDIN
from .errors import ArticleNotFoundError, InputError
from .redaction import redact_url
from .web.sniffing import is_url

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md"})
MANIFEST_SUFFIX = ".jsonl"
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class BatchInput:
    """One article of a batch: a name (a path, a URL, '-') to read, or a name and the article's text."""

    name: str
    text: str | None = None
    label: str | None = None  # a manifest's id: what results call the article instead of its path

    @property
    def source(self) -> str:
        """What the result's ``metadata.source`` will say for this input."""
        if self.label is not None:
            return self.label
        if self.text is not None:
            return self.name
        if self.name == STDIN:
            return "<stdin>"
        return redact_url(self.name) if is_url(self.name) else self.name


def as_input(item: str | Path | BatchInput) -> BatchInput:
    """Any input as a BatchInput."""
    return item if isinstance(item, BatchInput) else BatchInput(str(item))


def expand_sources(sources: Iterable[str]) -> list[BatchInput]:
    """Every article the sources name, in order (see the module docstring)."""
    return [item for source in sources for item in _expand(source)]


def _expand(source: str) -> Iterator[BatchInput]:
    if source == STDIN or is_url(source):
        yield BatchInput(source)
        return
    path = Path(source)
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            raise InputError(f"{source}: no article files (*.txt, *.html, *.htm, *.md) in this folder")
        yield from (BatchInput(str(p)) for p in found)
    elif not path.exists() and _GLOB_CHARACTERS & set(source):
        matches = sorted(m for m in glob.glob(source, recursive=True) if Path(m).is_file())
        if not matches:
            raise InputError(f"{source}: no file matches this pattern")
        yield from (BatchInput(m) for m in matches)
    elif path.suffix.lower() == MANIFEST_SUFFIX and path.is_file():
        yield from read_manifest(path)
    else:
        yield BatchInput(source)  # a file, read (and checked) when its turn comes


def read_manifest(path: Path) -> Iterator[BatchInput]:
    """The articles a JSONL manifest lists; a bad line is an error naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleNotFoundError(f"{path}: cannot read the manifest ({exc})", original=exc) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            entry = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}: not a JSON object ({exc})", original=exc) from exc
        if not isinstance(entry, dict):
            raise InputError(f"{where}: not a JSON object")
        text, name, ident = entry.get("text"), entry.get("path"), entry.get("id")
        if (text is None) == (name is None) or not isinstance(text or name, str):
            raise InputError(f'{where}: needs exactly one of "path" and "text", a string')
        if ident is not None and not isinstance(ident, str | int):
            raise InputError(f'{where}: "id" must be a string or a number')
        if text is not None:
            yield BatchInput(str(ident) if ident is not None else f"{path}:{number}", text=text)
        else:
            assert isinstance(name, str)
            resolved = name if is_url(name) or Path(name).is_absolute() else str(path.parent / name)
            yield BatchInput(resolved, label=None if ident is None else str(ident))
