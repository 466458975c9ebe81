"""Reading an article from a file or stdin into checked text, with one clear error per bad input."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import (
    ArticleNotFoundError,
    EmptyArticleError,
    NotAFileError,
    UndecodableArticleError,
)
from .text import AnalysedArticle

STDIN = "-"


@dataclass(frozen=True)
class Article:
    """An article's text and where it came from (a path, or '-' for stdin)."""

    text: str
    source: str = "<text>"

    @cached_property
    def analysed(self) -> AnalysedArticle:
        """The article's shared text analysis (computed lazily, once)."""
        return AnalysedArticle(self.text)


def article_from_text(text: str, source: str = "<text>") -> Article:
    """Check an in-memory text and wrap it as an Article."""
    if "\x00" in text:
        raise UndecodableArticleError(f"{source}: looks binary (contains NUL bytes), not a text article")
    if not text.strip():
        raise EmptyArticleError(f"{source}: the article is empty")
    return Article(text=text, source=source)


def decode_article(data: bytes, source: str) -> Article:
    """Decode UTF-8 bytes (a BOM is allowed) into a checked Article."""
    if b"\x00" in data:
        raise UndecodableArticleError(f"{source}: looks binary (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableArticleError(
            f"{source}: not valid UTF-8 (byte {exc.start}); convert it first, e.g. iconv -t UTF-8",
            original=exc,
        ) from exc
    return article_from_text(text, source)


def read_article(path: str | Path) -> Article:
    """Read an article from a path, or from stdin when the path is '-'."""
    name = str(path)
    if name == STDIN:
        return decode_article(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    if not file.exists():
        raise ArticleNotFoundError(f"{name}: no such file")
    if not file.is_file():
        kind = "a directory" if file.is_dir() else "not a regular file"
        raise NotAFileError(f"{name}: is {kind}, expected a text file")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ArticleNotFoundError(f"{name}: cannot be read ({exc.strerror})", original=exc) from exc
    return decode_article(data, name)
