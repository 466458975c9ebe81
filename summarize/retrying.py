"""The retry policy for transient endpoint failures: tenacity, exponential backoff with jitter,
bounded attempts and bounded total time, honouring the server's Retry-After."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from .errors import EndpointError

T = TypeVar("T")


class TransientFailure(Exception):
    """A failure worth retrying (timeout, 429, 5xx, dropped connection), in our own terms."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, original: BaseException | None = None
    ):
        super().__init__(message)
        self.retry_after = retry_after
        self.original = original


def _wait_for(max_wait: float) -> Callable[[RetryCallState], float]:
    backoff = wait_random_exponential(multiplier=0.5, max=min(30.0, max_wait))

    def wait(state: RetryCallState) -> float:
        outcome = state.outcome
        failure = outcome.exception() if outcome is not None else None
        if isinstance(failure, TransientFailure) and failure.retry_after is not None:
            # The server said when to come back; believe it, within our own budget.
            return max(0.0, min(failure.retry_after, max_wait))
        return float(backoff(state))

    return wait


def call_with_retries(
    call: Callable[[], T],
    *,
    max_attempts: int,
    max_seconds: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call``, retrying TransientFailure; raise EndpointError once attempts or time run out."""
    retrying = Retrying(
        retry=retry_if_exception_type(TransientFailure),
        stop=stop_after_attempt(max_attempts) | stop_before_delay(max_seconds),
        wait=_wait_for(max_seconds),
        sleep=sleep,
        reraise=False,
    )
    try:
        return retrying(call)
    except RetryError as exc:
        attempts = exc.last_attempt.attempt_number
        last = exc.last_attempt.exception()
        cause = last.original if isinstance(last, TransientFailure) and last.original else last
        raise EndpointError(
            f"endpoint failed after {attempts} attempt{'s' if attempts != 1 else ''}: {last}",
            original=cause,
            attempts=attempts,
        ) from cause
