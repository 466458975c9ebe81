"""Turning HTML bytes or a URL into an Article: decode, extract, put the headline on top.

The article text is the page's headline, a blank line, then the extracted body: the headline is
on the page and is what a summary's event is usually taken from, and every span the grounding
reports refers to this text (``summarize extract`` prints exactly it).
"""

from __future__ import annotations

from ..article import Article, article_from_text
from ..redaction import page_url_secrets, register_secret
from ..redaction import redact_page_url as redact_url
from .charsets import decode_page
from .extraction import extract_page
from .fetching import fetch_page
from .limits import FetchLimits
from .sniffing import looks_like_html


def article_text(title: str | None, body: str) -> str:
    """The headline (unless the body already opens with it), a blank line, then the body."""
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}"


def article_from_html(
    data: bytes, source: str, *, url: str | None = None, header_charset: str | None = None
) -> Article:
    """Decode an HTML page and extract its article; raises NoArticleTextError if it has none."""
    html = decode_page(data, source, header_charset)
    page = extract_page(html, source, url)
    return Article(text=article_text(page.metadata.title, page.body), source=source, page=page.metadata)


def read_url(url: str, limits: FetchLimits | None = None) -> Article:
    """Fetch a URL (HTML or plain text) and read its article."""
    source = redact_url(url)
    for secret in page_url_secrets(url):
        register_secret(secret)  # so no message, log line or traceback shows it
    fetched = fetch_page(url, limits)
    if looks_like_html(fetched.data):
        return article_from_html(fetched.data, source, url=fetched.url, header_charset=fetched.charset)
    return article_from_text(decode_page(fetched.data, source, fetched.charset), source)
