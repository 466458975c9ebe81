"""Hiding credentials in URLs before a URL reaches any message, output or report.

A URL given on the command line may carry a password (``https://user:pass@host/``) or a key in
its query (``?api_key=...``). Every message, the result's ``source`` and the page metadata show
the URL through :func:`redact_url`, which keeps the host and path (what a reader needs to know
which page failed) and replaces the secrets with ``***``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# Parameter names that carry secrets; substrings, so api_key, apiKey, access_token, X-Amz-Signature,
# client_secret and passwd all match. Redacting a harmless "keyword=" is the price of missing none.
_SECRET_PARAMETER = re.compile(
    r"key|token|secret|pass|pwd|auth|signature|^sig$|session|credential|cookie", re.IGNORECASE
)
_URL_IN_TEXT = re.compile(r"""\bhttps?://[^\s"'<>]+""", re.IGNORECASE)


def _redact_parameters(query: str) -> str:
    parts = []
    for part in query.split("&"):
        name, equals, value = part.partition("=")
        secret = equals and value and _SECRET_PARAMETER.search(name.replace("-", "").replace("_", ""))
        parts.append(f"{name}={MASK}" if secret else part)
    return "&".join(parts)


def redact_url(url: str) -> str:
    """The URL with its user name, password and secret-looking query or fragment values masked."""
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
        return redact_url(core) + url[len(core) :]

    return _URL_IN_TEXT.sub(redact_match, text)
