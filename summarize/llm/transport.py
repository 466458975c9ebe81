"""The HTTP transport under the model client: counts the chat requests that reach the endpoint."""

from __future__ import annotations

import httpx2 as httpx

# What callers (and tests, with an in-memory one) may hand the client to send requests through.
Transport = httpx.BaseTransport


class GuardedTransport(httpx.BaseTransport):
    """Wraps the real transport (or a test's in-memory one) and counts the chat requests sent."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self._inner = inner or httpx.HTTPTransport()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/chat/completions"):
            self.requests += 1
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
