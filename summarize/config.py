"""Settings resolved once per call (argument > environment variable > default), then frozen."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

EngineName = Literal["auto", "openai", "local", "rules"]
GroundingMode = Literal["off", "warn", "strict"]
ENGINES: tuple[EngineName, ...] = ("auto", "openai", "local", "rules")
GROUNDING_MODES: tuple[GroundingMode, ...] = ("off", "warn", "strict")
# instructor modes a user may force with --mode; "auto" picks one that fits the endpoint.
MODES = ("auto", "tools", "structured", "json_schema", "json", "md_json")

ENV_VARS: dict[str, str] = {
    "engine": "SUMMARIZE_ENGINE",
    "model": "SUMMARIZE_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "mode": "SUMMARIZE_MODE",
    "gguf": "SUMMARIZE_GGUF",
    "grounding": "SUMMARIZE_GROUNDING",
    "timeout": "SUMMARIZE_TIMEOUT",
    "max_attempts": "SUMMARIZE_MAX_ATTEMPTS",
    "max_retry_seconds": "SUMMARIZE_MAX_RETRY_SECONDS",
    "max_reasks": "SUMMARIZE_MAX_REASKS",
    "context_tokens": "SUMMARIZE_CONTEXT_TOKENS",
}


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved before any work starts."""

    engine: EngineName = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    mode: str = "auto"
    gguf: Path | None = None
    grounding: GroundingMode = "warn"
    timeout: float = 120.0
    max_attempts: int = 4
    max_retry_seconds: float = 120.0
    max_reasks: int = 2
    context_tokens: int | None = None
    temperature: float = 0.0
    verbose: bool = False

    @property
    def llm_configured(self) -> bool:
        """True when an OpenAI-compatible endpoint is configured (a key or a base URL)."""
        return bool(self.api_key or self.base_url)

    def with_engine(self, engine: EngineName) -> Settings:
        """A copy of these settings bound to a concrete engine."""
        return replace(self, engine=engine)


_CONVERTERS = {
    "gguf": Path,
    "timeout": float,
    "max_attempts": int,
    "max_retry_seconds": float,
    "max_reasks": int,
    "context_tokens": int,
}


def resolve_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build frozen Settings from explicit arguments, then environment variables, then defaults.

    ``None`` in ``overrides`` means "not given", so the environment or the default applies.
    """
    from .errors import ConfigError

    env = os.environ if environ is None else environ
    known = set(Settings.__dataclass_fields__)
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, object] = {}
    for field in known:
        value = overrides.get(field)
        if value is None and field in ENV_VARS:
            raw = env.get(ENV_VARS[field], "").strip()
            if raw:
                try:
                    value = _CONVERTERS.get(field, str)(raw)
                except ValueError as exc:
                    raise ConfigError(f"{ENV_VARS[field]}={raw!r} is not a valid {field}") from exc
        if value is not None:
            values[field] = value
    settings = Settings(**values)  # type: ignore[arg-type]
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    from .errors import ConfigError

    if settings.engine not in ENGINES:
        raise ConfigError(f"unknown engine {settings.engine!r}; choose one of {', '.join(ENGINES)}")
    if settings.grounding not in GROUNDING_MODES:
        raise ConfigError(f"unknown grounding mode {settings.grounding!r}; choose off, warn or strict")
    if settings.mode not in MODES:
        raise ConfigError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
    if settings.max_attempts < 1 or settings.max_reasks < 0:
        raise ConfigError("max_attempts must be at least 1 and max_reasks at least 0")
