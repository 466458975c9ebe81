"""Reading an article from a file, stdin or a URL into checked text, with one clear error per bad input.

HTML (recognised by content, not by name) and URLs are handed to ``summarize.web``, imported
only then: the article is the page's extracted text, with the page's metadata alongside.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import (
    ArticleNotFoundError,
    EmptyArticleError,
    NotAFileError,
    UndecodableArticleError,
)
from .page import PageMetadata
from .text import AnalysedArticle
from .web.sniffing import is_url, looks_like_html

if TYPE_CHECKING:
    from .web.limits import FetchLimits

STDIN = "-"


@dataclass(frozen=True)
class Article:
    """An article's text and where it came from (a path, a redacted URL, or '<stdin>').

    For a web page, ``text`` is the extracted article (the text every span refers to) and
    ``page`` the page's metadata.
    """

    text: str
    source: str = "<text>"
    page: PageMetadata | None = None

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


def article_from_bytes(data: bytes, source: str) -> Article:
    """An Article from a file's bytes: extracted from HTML, else checked UTF-8 text."""
    if looks_like_html(data):
        from .web.reading import article_from_html

        return article_from_html(data, source)
    return decode_article(data, source)


def read_article(path: str | Path, *, fetch_limits: FetchLimits | None = None) -> Article:
    """Read an article from a path, an http(s) URL, or stdin when the path is '-'."""
    name = str(path)
    if name == STDIN:
        return article_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    if is_url(name):
        from .web.reading import read_url

        return read_url(name, fetch_limits)
    file = Path(path)
    if not file.exists():
        raise ArticleNotFoundError(f"{name}: no such file")
    if not file.is_file():
        kind = "a directory" if file.is_dir() else "not a regular file"
        raise NotAFileError(f"{name}: is {kind}, expected a text or HTML file")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ArticleNotFoundError(f"{name}: cannot be read ({exc.strerror})", original=exc) from exc
    return article_from_bytes(data, name)
