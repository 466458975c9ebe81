"""How long, how far and how much a page download may take, resolved once and frozen.

Kept apart from ``fetching`` so that the CLI can resolve the limits without importing httpx.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..config import Settings
from ..errors import ConfigError

DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_TOTAL_SECONDS = 30.0
DEFAULT_CONNECT_SECONDS = 10.0
DEFAULT_MAX_REDIRECTS = 5
MAX_BYTES_ENV = "SUMMARIZE_MAX_PAGE_BYTES"
TOTAL_SECONDS_ENV = "SUMMARIZE_FETCH_TIMEOUT"


@dataclass(frozen=True)
class FetchLimits:
    """How long, how far and how much a page download may take."""

    max_bytes: int = DEFAULT_MAX_BYTES
    total_seconds: float = DEFAULT_TOTAL_SECONDS
    connect_seconds: float = DEFAULT_CONNECT_SECONDS
    max_redirects: int = DEFAULT_MAX_REDIRECTS

    @classmethod
    def of(cls, settings: Settings) -> FetchLimits:
        """The limits a run's settings ask for (``--max-page-bytes``, ``--fetch-timeout``)."""
        return cls(max_bytes=settings.max_page_bytes, total_seconds=settings.fetch_timeout)

    @classmethod
    def resolve(cls, max_bytes: int | None = None, total_seconds: float | None = None) -> FetchLimits:
        """Limits from the arguments, else the environment, else the defaults."""
        if max_bytes is None:
            max_bytes = int(_from_environment(MAX_BYTES_ENV, DEFAULT_MAX_BYTES))
        if total_seconds is None:
            total_seconds = _from_environment(TOTAL_SECONDS_ENV, DEFAULT_TOTAL_SECONDS)
        if max_bytes <= 0 or total_seconds <= 0:
            raise ConfigError("the page size cap and the fetch timeout must be positive")
        return cls(max_bytes=max_bytes, total_seconds=total_seconds)


def _from_environment(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
