"""Extracting a news article's body text and page metadata from HTML (trafilatura, tuned).

trafilatura finds the story's container and drops navigation, footers, share bars and the like;
``news_furniture`` adds what we know about news pages (embedded posts kept, sign-up pitches,
tip lines, credits and stamps dropped). The options below were measured with
``python bench/extract.py``:

- ``include_comments=False``: readers' comments are not the article;
- ``include_tables=True``: tables in news pages are mostly data the story cites;
- ``deduplicate=False``: trafilatura's deduplication remembers text across documents in a
  process-wide cache, so ``summarize a.html b.html`` would lose b's paragraphs that a shared;
- ``favor_precision``/``favor_recall`` left off: precision mode cut whole stories short
  (F1 0.93 against 0.97), recall mode changed nothing measurable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..errors import NoArticleTextError
from ..page import PageMetadata
from ..redaction import redact_page_url as redact_url
from ..text.words import words
from .news_furniture import drop_furniture_lines, prepare_news_tree

# Fewer words than this is not an article but a stray label, a cookie notice or an error stub.
MIN_ARTICLE_WORDS = 15

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ExtractedPage:
    """A page's article body (plain text, one paragraph a line) and its metadata."""

    body: str
    metadata: PageMetadata


def declared_language(tree: HtmlElement) -> str | None:
    """The page's declared language: <html lang>, else Content-Language, else og:locale."""
    candidates = [
        tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for candidate in candidates:
        value = str(candidate or "").strip().split(",")[0].strip()
        if _LANGUAGE.match(value):
            return value.replace("_", "-")
    return None


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def extract_page(html: str, source: str, url: str | None = None) -> ExtractedPage:
    """The article body and metadata of one HTML page; NoArticleTextError if there is no story."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise NoArticleTextError(f"{source}: no article text found in this page (it has no HTML body)")
    language = declared_language(tree)
    prepare_news_tree(tree)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        favor_precision=False,
        favor_recall=False,
    )
    if not isinstance(document, Document):
        document = Document()
    body = _tidy(drop_furniture_lines(document.text or ""))
    if len(words(body)) < MIN_ARTICLE_WORDS:
        raise NoArticleTextError(
            f"{source}: no article text found in this page (only menus, links or notices; "
            "it may be a front page, a paywall, or a page its scripts fill in)"
        )
    page_url = url or document.url
    metadata = PageMetadata(
        title=_clean(document.title),
        author=_clean(document.author),
        date=_clean(document.date),
        site_name=_clean(document.sitename),
        url=redact_url(page_url) if page_url else None,
        language=language or _clean(document.language),
    )
    return ExtractedPage(body=body, metadata=metadata)


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
