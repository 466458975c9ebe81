"""Fetching a web page with httpx, within limits, with one clear error per failure.

Limits (``limits.FetchLimits``: argument > environment variable > default, resolved once):

- a **total deadline** for the whole download (``--fetch-timeout``, ``SUMMARIZE_FETCH_TIMEOUT``,
  30 s). httpx's own timeouts are per operation, so a server trickling one byte a second would
  never trip them; the download runs under ``asyncio.timeout`` instead, which cancels it at the
  deadline wherever it is (DNS, connect, headers, body);
- a connect timeout (10 s, or the deadline if shorter);
- at most 5 redirects;
- a size cap on the decoded body (``--max-page-bytes``, ``SUMMARIZE_MAX_PAGE_BYTES``, 10 MB),
  checked against Content-Length first and then while streaming, so a huge or endless body is cut
  off and a compressed bomb cannot expand past it;
- the content type must be HTML or plain text (or absent: the content then decides).

Every message shows the URL through ``redact_url``. Errors are raised ``from None`` so that even
``--debug`` tracebacks do not print httpx's own messages, which hold the unredacted URL; the
httpx exception stays on ``.original``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from typing import Any, TypeVar

import httpx

from ..errors import NotAWebPageError, PageFetchError, PageTooLargeError
from ..redaction import redact_page_url as redact_url
from ..redaction import redact_urls_in
from .limits import FetchLimits

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_ACCEPT_HEADER = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"

T = TypeVar("T")


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: its bytes, declared media type and charset, and the URL it came from."""

    data: bytes
    media_type: str | None
    charset: str | None
    url: str


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, *parameters = (part.strip() for part in header.split(";"))
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.lower() or None, charset


def _user_agent() -> str:
    try:
        version = metadata.version("summarize")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        version = "0"
    return f"summarize/{version} (article summarizer)"


async def _download(url: str, limits: FetchLimits) -> FetchedPage:
    shown = redact_url(url)
    timeout = httpx.Timeout(limits.total_seconds, connect=min(limits.connect_seconds, limits.total_seconds))
    headers = {"User-Agent": _user_agent(), "Accept": _ACCEPT_HEADER}
    async with (
        httpx.AsyncClient(
            follow_redirects=True, max_redirects=limits.max_redirects, timeout=timeout, headers=headers
        ) as client,
        client.stream("GET", url) as response,
    ):
        if response.status_code >= 400:
            raise PageFetchError(f"{shown}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
        media_type, charset = _content_type(response.headers.get("content-type"))
        if media_type is not None and media_type not in ACCEPTED_TYPES:
            raise NotAWebPageError(f"{shown}: the server sent {media_type}, not an HTML page or plain text")
        declared_length = response.headers.get("content-length", "")
        if declared_length.isdigit() and int(declared_length) > limits.max_bytes:
            raise _too_large(shown, limits, f"it announces {int(declared_length):,} bytes")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > limits.max_bytes:
                raise _too_large(shown, limits, "cut off")
        return FetchedPage(bytes(body), media_type, charset, str(response.url))


def _too_large(shown: str, limits: FetchLimits, detail: str) -> PageTooLargeError:
    return PageTooLargeError(
        f"{shown}: the page is larger than the {limits.max_bytes:,}-byte cap ({detail}); "
        "raise it with --max-page-bytes"
    )


async def _within_deadline(url: str, limits: FetchLimits) -> FetchedPage:
    async with asyncio.timeout(limits.total_seconds):
        return await _download(url, limits)


def _run_to_completion(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    # Called from async code: asyncio.run would refuse, so the download gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, make()).result()


def fetch_page(url: str, limits: FetchLimits | None = None) -> FetchedPage:
    """Download ``url`` within ``limits``; every failure is one SummarizeError with a redacted URL."""
    limits = limits or FetchLimits.resolve()
    shown = redact_url(url)
    try:
        return _run_to_completion(lambda: _within_deadline(url, limits))
    except TimeoutError as exc:
        message = f"{shown}: no complete answer within {limits.total_seconds:g} s; raise --fetch-timeout"
        error = PageFetchError(message, original=exc)
    except httpx.TooManyRedirects as exc:
        message = f"{shown}: more than {limits.max_redirects} redirects (a redirect loop?)"
        error = PageFetchError(message, original=exc)
    except httpx.ConnectTimeout as exc:
        connect = min(limits.connect_seconds, limits.total_seconds)
        error = PageFetchError(f"{shown}: could not connect within {connect:g} s", original=exc)
    except httpx.TimeoutException as exc:
        message = f"{shown}: no complete answer within {limits.total_seconds:g} s; raise --fetch-timeout"
        error = PageFetchError(message, original=exc)
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        error = PageFetchError(f"{shown}: not a URL that can be fetched ({_reason(exc)})", original=exc)
    except httpx.ConnectError as exc:
        error = PageFetchError(f"{shown}: cannot connect ({_reason(exc)})", original=exc)
    except httpx.HTTPError as exc:
        error = PageFetchError(f"{shown}: download failed ({_reason(exc)})", original=exc)
    raise error from None


def _reason(exc: BaseException) -> str:
    return redact_urls_in(str(exc)) or type(exc).__name__
