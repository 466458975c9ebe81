"""Telling HTML from plain text by content (never by file name), and URLs from paths.

A page saved as ``story.txt`` is still HTML and a text file named ``story.html`` is still text,
so the decision looks at the first kilobytes: what the document starts with (the tags the WHATWG
MIME sniffing algorithm looks for: a doctype, ``<html``, ``<head``, ``<body``, ``<p``, ...), and
otherwise how much of it is markup.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096

_URL = re.compile(r"^https?://\S", re.IGNORECASE)
# What may precede the first tag: whitespace, an XML declaration, comments.
_PREAMBLE = re.compile(r"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)
# The WHATWG "text/html" signatures, matched at the start of the document.
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)(?=[\s>/])",
    re.IGNORECASE,
)
# Elements that only a document has: found anywhere near the top, they settle it.
_DOCUMENT_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)(?=[\s>])", re.IGNORECASE)
_KNOWN_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|ol|h[1-6]|script|style|meta|link|table|tr|td|img|section|article"
    r"|header|footer|nav|main|em|strong|b|i|blockquote|figure|figcaption|time|title)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# A fragment without <html>: this many known tags covering this share of the sample.
MIN_TAGS = 5
MIN_MARKUP_SHARE = 0.2


def is_url(argument: str) -> bool:
    """True for an http(s) URL; anything else is a path."""
    return bool(_URL.match(argument))


def _sample(data: bytes) -> str:
    head = data[:SNIFF_BYTES]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    # Tags are ASCII in every charset we accept; latin-1 maps each byte to one character.
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def looks_like_html(data: bytes) -> bool:
    """True when the first kilobytes of ``data`` are an HTML document or fragment."""
    sample = _sample(data)
    start = _PREAMBLE.match(sample)
    if _HTML_START.match(sample, start.end() if start else 0):
        return True
    if _DOCUMENT_TAG.search(sample, 0, 1024):
        return True
    tags = _KNOWN_TAG.findall(sample)
    return len(tags) >= MIN_TAGS and sum(map(len, tags)) >= MIN_MARKUP_SHARE * len(sample)
