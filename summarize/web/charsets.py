"""Decoding a web page's bytes into text, in the order browsers trust the evidence.

1. a byte-order mark (it is in the bytes themselves, so it beats any declaration);
2. valid UTF-8 with non-ASCII characters in it is UTF-8, whatever is declared: servers often
   send a default ``charset=ISO-8859-1`` for UTF-8 pages, and legacy text is practically never
   valid UTF-8 by chance;
3. the charset of the HTTP ``Content-Type`` header, then the ``<meta charset>`` or
   ``<meta http-equiv="Content-Type">`` declared near the top;
4. UTF-8 (plain ASCII);
5. detection by charset-normalizer.

A declaration the bytes contradict (a page that says UTF-8 and is not) is skipped, not trusted.
As in browsers, ISO-8859-1 and ASCII are read as windows-1252, their superset. When nothing
fits, the page is undecodable: a clear error, never mojibake passed on to the summary.
"""

from __future__ import annotations

import codecs
import re

from ..errors import UndecodableArticleError

# The top of the page where a <meta> charset may be declared (browsers look at 1,024 bytes;
# many pages declare it later, after long <script> or <link> blocks).
META_SCAN_BYTES = 16_384

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Python's canonical names of the charsets browsers read as windows-1252.
_READ_AS_CP1252 = {"iso8859-1", "latin-1", "ascii"}


def codec_for(label: str | None) -> str | None:
    """Python's codec for a charset label from a header or a page, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if canonical in _READ_AS_CP1252 else canonical


def declared_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _strict(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_page(data: bytes, source: str, header_charset: str | None = None) -> str:
    """Decode a page's bytes (see the module docstring for the order); raise if nothing fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is not None:
                return text
            break
    declared = [
        codec for codec in (codec_for(header_charset), codec_for(declared_meta_charset(data))) if codec
    ]
    wide = [codec for codec in declared if codec.startswith(("utf-16", "utf-32"))]
    for codec in wide:  # UTF-16 without a BOM is full of NUL bytes and still text
        text = _strict(data, codec)
        if text is not None:
            return text
    if b"\x00" in data:
        raise UndecodableArticleError(f"{source}: looks binary (contains NUL bytes), not a web page")
    if not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            return text
    for codec in [*declared, "utf-8"]:
        text = _strict(data, codec)
        if text is not None:
            return text
    return _detect(data, source)


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableArticleError(
            f"{source}: cannot tell this page's character set (no valid declaration, and detection "
            "failed); save it as UTF-8 and try again"
        )
    return str(best)
