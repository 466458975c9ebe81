"""Making text safe to print: no secrets (URL credentials, the API key), no terminal escapes.

Settings register the secrets they hold (the API key, a password or query values in the base
URL) when they are resolved; :func:`redact` then replaces them in any text about to be shown,
:func:`redact_url` shows a URL without its credentials, and :func:`printable` escapes control
characters (a file name or an endpoint's error text could otherwise drive the terminal).
"""

from __future__ import annotations

import re
import threading
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
# Shorter values would mask ordinary words; real keys and passwords are longer.
_MIN_SECRET_LENGTH = 4
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")
_secrets: set[str] = set()
_lock = threading.Lock()


def redact_url(url: str | None) -> str:
    """``url`` without a user name or password, and with every query value masked."""
    if not url:
        return url or ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return _URL_USERINFO.sub(rf"\1{MASK}@", url)
    netloc = (f"{MASK}@" if "@" in parts.netloc else "") + (f"[{host}]" if ":" in host else host) + port
    query = urlencode([(key, MASK) for key, _ in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# Parameter names that carry secrets; substrings, so api_key, apiKey, access_token, X-Amz-Signature,
# client_secret and passwd all match. Redacting a harmless "keyword=" is the price of missing none.
_SECRET_PARAMETER = re.compile(
    r"key|token|secret|pass|pwd|auth|signature|^sig$|session|credential|cookie", re.IGNORECASE
)
_PAGE_URL_IN_TEXT = re.compile(r"""\bhttps?://[^\s"'<>]+""", re.IGNORECASE)


def _redact_parameters(query: str) -> str:
    parts = []
    for part in query.split("&"):
        name, equals, value = part.partition("=")
        secret = equals and value and _SECRET_PARAMETER.search(name.replace("-", "").replace("_", ""))
        parts.append(f"{name}={MASK}" if secret else part)
    return "&".join(parts)


def redact_page_url(url: str) -> str:
    """An article's URL with its user name, password and secret-looking query or fragment values
    masked (its harmless query, such as a page number, stays readable)."""
    try:
        parts = urlsplit(url)
        # .port validates the authority; a malformed one is masked below rather than shown.
        _ = parts.port
    except ValueError:
        return re.sub(r"//[^/?#]*@", f"//{MASK}@", _redact_parameters(url))
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rpartition('@')[2]}"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            parts.path,
            _redact_parameters(parts.query),
            _redact_parameters(parts.fragment),
        )
    )


def redact_urls_in(text: str) -> str:
    """The text with every http(s) URL in it redacted (for messages of third-party exceptions)."""

    def redact_match(match: re.Match[str]) -> str:
        url = match.group(0)
        core = url.rstrip(".,;:!?)]")  # sentence punctuation after a URL is not part of it
        return redact_page_url(core) + url[len(core) :]

    return _PAGE_URL_IN_TEXT.sub(redact_match, text)


def page_url_secrets(url: str) -> list[str]:
    """The credentials in an article's URL: user name, password and secret-looking query values."""
    try:
        parts = urlsplit(url)
        found = [parts.username, parts.password]
    except ValueError:
        return []
    for query in (parts.query, parts.fragment):
        for name, value in parse_qsl(query, keep_blank_values=True):
            if _SECRET_PARAMETER.search(name.replace("-", "").replace("_", "")):
                found.append(value)
    return [value for value in found if value]


def url_secrets(url: str | None) -> list[str]:
    """The credential-like parts of a URL: user name, password and query values."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
        found = [parts.username, parts.password]
    except ValueError:
        return []
    found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    return [value for value in found if value]


def register_secret(value: str | None) -> None:
    """Remember a value that must never be printed."""
    if value and len(value) >= _MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every registered secret and every URL's credentials masked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return redact_urls_in(_URL_USERINFO.sub(rf"\1{MASK}@", text))


def printable(text: str) -> str:
    """``text`` with control characters (escape codes, bidi overrides) shown as escapes, secrets masked."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), redact(text))
