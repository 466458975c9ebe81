"""Reading an article (or a summary) from a file, stdin or a URL into checked text, with one clear
error per bad input.

HTML (recognised by content, not by name) and URLs are handed to ``summarize.web``, imported
only then: the article is the page's extracted text, with the page's metadata alongside.

Input is bounded: at most ``max_bytes`` are read (stdin included, so ``summarize - < /dev/zero``
stops at once). UTF-8 (with or without a BOM) and UTF-16/UTF-32 with a BOM are decoded; anything
else binary or undecodable is refused. Text with nothing to read in it is refused too.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import (
    ArticleNotFoundError,
    ArticleTooLargeError,
    EmptyArticleError,
    NoArticleTextError,
    NotAFileError,
    UndecodableArticleError,
)
from .page import PageMetadata
from .text import AnalysedArticle
from .web.sniffing import is_url, looks_like_html

if TYPE_CHECKING:
    from .web.limits import FetchLimits

STDIN = "-"
DEFAULT_MAX_BYTES = 5_000_000
# Longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A word: two or more letters in a row, in any script.
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Article:
    """An article's text and where it came from (a path, or '-' for stdin)."""

    text: str
    source: str = "<text>"
    page: PageMetadata | None = None

    @cached_property
    def analysed(self) -> AnalysedArticle:
        """The article's shared text analysis (computed lazily, once)."""
        return AnalysedArticle(self.text)


def has_article_text(text: str) -> bool:
    """True when ``text`` holds something to summarize.

    The hook where "is there body text at all?" is decided. The rule here is simple: at least one
    word of two letters; invisible characters, punctuation and digits alone are not an article.
    """
    return _WORD.search(text) is not None


def article_from_text(text: str, source: str = "<text>", *, role: str = "article") -> Article:
    """Check an in-memory text and wrap it as an Article; ``role`` names it in errors ('summary')."""
    if "\x00" in text:
        raise UndecodableArticleError(f"{source}: looks binary (contains NUL bytes), not a text {role}")
    if not text.strip():
        raise EmptyArticleError(f"{source}: the {role} is empty")
    if not has_article_text(text):
        furniture = " or page furniture" if role == "article" else ""
        raise NoArticleTextError(
            f"{source}: no {role} text found (only invisible characters, punctuation, digits{furniture})"
        )
    article = Article(text=text, source=source)
    if role == "article":
        layout = article.analysed.layout
        if layout.headline is None and not layout.standfirst and not layout.body:
            shown = "; ".join(span.of(text)[:40] for span in layout.dropped[:3])
            raise NoArticleTextError(
                f"{source}: no article text found: every line reads as page furniture or as "
                f"instructions to a model ({shown})"
            )
    return article


def decode_article(data: bytes, source: str, *, role: str = "article") -> Article:
    """Decode UTF-8 bytes (a BOM is allowed), or UTF-16/32 with a BOM, into a checked Article."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise UndecodableArticleError(f"{source}: looks binary (contains NUL bytes), not a text {role}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableArticleError(
            f"{source}: not valid {encoding.upper().replace('-SIG', '')} (byte {exc.start}); "
            "convert it first, e.g. iconv -t UTF-8",
            original=exc,
        ) from exc
    return article_from_text(text.lstrip("\ufeff"), source, role=role)


def _read_capped(stream: BinaryIO, name: str, max_bytes: int, role: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleTooLargeError(
            f"{name}: the {role} is larger than {max_bytes:,} bytes (--max-bytes); "
            "only the first part could be read, so nothing was summarized"
        )
    return data


def article_from_bytes(data: bytes, source: str, *, role: str = "article") -> Article:
    """An Article from a file's bytes: extracted from HTML, else checked text."""
    if looks_like_html(data):
        from .web.reading import article_from_html

        return article_from_html(data, source)
    return decode_article(data, source, role=role)


def read_article(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    role: str = "article",
    fetch_limits: FetchLimits | None = None,
) -> Article:
    """Read an article from a path, an http(s) URL, or stdin when the path is '-', reading at most
    ``max_bytes`` (a URL has its own size cap in ``fetch_limits``)."""
    name = str(path)
    if name == STDIN:
        return article_from_bytes(
            _read_capped(sys.stdin.buffer, "<stdin>", max_bytes, role), "<stdin>", role=role
        )
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
        with file.open("rb") as handle:
            data = _read_capped(handle, name, max_bytes, role)
    except OSError as exc:
        raise ArticleNotFoundError(f"{name}: cannot be read ({exc.strerror})", original=exc) from exc
    return article_from_bytes(data, name, role=role)
