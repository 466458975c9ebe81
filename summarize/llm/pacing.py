"""Request pacing shared by every worker of a run: when the endpoint says "come back later", all wait.

A 429 (or 503) answer with ``Retry-After`` (or OpenAI's ``retry-after-ms``) holds the
:class:`RequestGate` until then; every client that shares the gate waits at it before its next
request. The worker that got the answer also waits through its own retry (summarize.retrying);
the two waits overlap, they do not add up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

# Statuses whose Retry-After speaks for the whole endpoint, not for one request.
PAUSING_STATUSES = frozenset({429, 503})


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms`` or ``retry-after`` in seconds), if any."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name) if headers is not None else None
        if raw:
            try:
                seconds = float(raw) * scale
            except ValueError:
                continue  # an HTTP-date; fall back to our own backoff
            if seconds >= 0:
                return seconds
    return None


class RequestGate:
    """A pause every worker honours: ``hold`` closes it for a while, ``wait`` blocks until it opens."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._opens_at = 0.0
        self._changed = threading.Condition()
        self.holds = 0  # how many times the endpoint paused the run

    def hold(self, seconds: float) -> None:
        """Keep every request back for ``seconds`` from now (a longer pause already set stays)."""
        with self._changed:
            self._opens_at = max(self._opens_at, self._clock() + seconds)
            self.holds += 1

    def wait(self, until: float | None = None) -> float:
        """Block until the gate opens, or until the monotonic time ``until``; returns seconds waited."""
        started = self._clock()
        with self._changed:
            while True:
                now = self._clock()
                end = self._opens_at if until is None else min(self._opens_at, until)
                if now >= end:
                    return now - started
                self._changed.wait(end - now)
