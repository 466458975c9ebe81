"""The HTTP transport under the model client: every request bounded in time and size, every answer checked.

- A request has one deadline for all of it (connect, send, headers, body): its ``--timeout``,
  cut short by the article's budget. httpx's own timeouts apply to each socket operation, so a
  server sending one byte a second would never trip them; here each socket operation may only
  wait until the deadline (a network backend wrapped around httpcore's), and the body is
  checked between chunks too.
- An answer is read whole, at most ``MAX_RESPONSE_BYTES``; a 2xx answer to a chat or model
  listing request must be the JSON object the API promises, or it is a ``BadResponse`` (a
  proxy's HTML page is an endpoint failure, never model output to re-ask about).
- Chat requests are counted, failed ones too.
- With a shared :class:`~summarize.llm.pacing.RequestGate`, every request first waits for the
  gate to open, and an answer with Retry-After (429, 503) closes it for every worker.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpcore2
import httpx2 as httpx

from .pacing import PAUSING_STATUSES, RequestGate, retry_after_seconds

# What callers (and tests, with an in-memory one) may hand the client to send requests through.
Transport = httpx.BaseTransport
# Far more than any summary needs; a hostile endpoint cannot make us buffer more.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
_JSON_PATHS = {"/chat/completions": "choices", "/models": "data"}


class BadResponse(Exception):
    """A 2xx answer that is not what the API promises (not JSON, the wrong shape, too large)."""

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


class Deadline:
    """The monotonic time by which the request in flight must be done, shared with its sockets."""

    def __init__(self) -> None:
        self.at: float | None = None

    def bound(self, timeout: float | None, expired: type[Exception]) -> float | None:
        """``timeout`` cut to the time left; ``expired`` is raised when none is left."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise expired("the request's deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        bounded = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    def __init__(self, inner: httpcore2.NetworkBackend, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, bounded, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def proxy_for(base_url: str | None) -> str | None:
    """The proxy the environment asks for to reach ``base_url`` (HTTPS_PROXY, NO_PROXY, ...), if any."""
    if not base_url:
        base_url = "https://api.openai.com/v1"
    parts = urlsplit(base_url)
    if parts.hostname and urllib.request.proxy_bypass(parts.hostname):
        return None
    return urllib.request.getproxies().get(parts.scheme)


class GuardedTransport(httpx.BaseTransport):
    """Wraps the real transport (or a test's in-memory one): deadlines, size cap, answer checks, a count."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        base_url: str | None = None,
        request_seconds: float | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        gate: RequestGate | None = None,
    ) -> None:
        self._deadline = Deadline()
        self._gate = gate
        self._inner = inner or httpx.HTTPTransport(proxy=proxy_for(base_url))
        pool = getattr(self._inner, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None:
            # httpx exposes no network backend option; its pool's is wrapped so sockets see the deadline.
            pool._network_backend = _DeadlineBackend(backend, self._deadline)  # type: ignore[union-attr]
        self._request_seconds = request_seconds
        self._max_response_bytes = max_response_bytes
        self._budget_ends: float | None = None
        self.requests = 0

    @contextmanager
    def budget(self, seconds: float | None) -> Iterator[None]:
        """Every request inside the block must also end within ``seconds`` from now."""
        self._budget_ends = None if seconds is None else time.monotonic() + seconds
        try:
            yield
        finally:
            self._budget_ends = None

    def budget_spent(self) -> bool:
        """True when the current budget has run out."""
        return self._budget_ends is not None and time.monotonic() >= self._budget_ends

    def budget_left(self) -> float | None:
        """Seconds left in the current budget, if one is set."""
        return None if self._budget_ends is None else max(0.0, self._budget_ends - time.monotonic())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/chat/completions"):
            self.requests += 1
        # Compressed bodies could not be checked (or capped) as they arrive.
        request.headers["Accept-Encoding"] = "identity"
        if self._gate is not None:
            # Held back by another worker's Retry-After: wait, but never past the article's budget.
            self._gate.wait(until=self._budget_ends)
        ends = [t for t in (self._budget_ends, self._request_end()) if t is not None]
        self._deadline.at = min(ends) if ends else None
        try:
            response = self._inner.handle_request(request)
            try:
                body = self._read(response.stream)
            finally:
                response.close()
        finally:
            self._deadline.at = None
        if self._gate is not None and response.status_code in PAUSING_STATUSES:
            pause = retry_after_seconds(response.headers)
            if pause is not None:
                self._gate.hold(pause)
        if 200 <= response.status_code < 300:
            self._check(path, response, body)
        return httpx.Response(
            response.status_code, headers=response.headers, content=body, extensions=response.extensions
        )

    def _request_end(self) -> float | None:
        return None if self._request_seconds is None else time.monotonic() + self._request_seconds

    def _read(self, stream: Any) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in stream:
            size += len(chunk)
            if size > self._max_response_bytes:
                raise BadResponse(
                    f"the answer is larger than {self._max_response_bytes // (1024 * 1024)} MiB",
                    transient=False,
                )
            chunks.append(chunk)
            self._deadline.bound(None, httpx.ReadTimeout)  # a trickle: each read is quick, the sum is not
        return b"".join(chunks)

    @staticmethod
    def _check(path: str, response: httpx.Response, body: bytes) -> None:
        key = next((k for suffix, k in _JSON_PATHS.items() if path.endswith(suffix)), None)
        encoding = response.headers.get("content-encoding", "identity").lower()
        if key is None or encoding not in ("", "identity"):
            return
        kind = response.headers.get("content-type", "no content type").split(";")[0].strip()
        try:
            data = json.loads(body)
        except ValueError:
            preview = body[:60].decode("utf-8", "replace").replace("\n", " ")
            raise BadResponse(
                f"HTTP {response.status_code} with a body that is not JSON ({kind}: {preview!r})"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            raise BadResponse(
                f"HTTP {response.status_code} with JSON that is not an API answer (no {key!r} list)"
            )

    def close(self) -> None:
        self._inner.close()
