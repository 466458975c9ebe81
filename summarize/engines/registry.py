"""Choosing and building the engine for a run; engine modules are imported only when chosen."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..errors import ConfigError
from ..llm.pacing import RequestGate
from .base import Engine

AUTO_FALLBACK_NOTICE = (
    "no LLM endpoint configured, so using the offline rule-based engine; for model-written summaries "
    "set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL and --model (Ollama, vLLM, llama.cpp), or base-url "
    "and model in the config file ('summarize config path' says where), or use --engine local"
)


@dataclass
class EngineChoice:
    """The engine picked for a run, plus a notice for the user when the choice was implicit."""

    engine: Engine
    notice: str | None = None


def create_engine(settings: Settings, *, gate: RequestGate | None = None) -> EngineChoice:
    """Build the engine the settings ask for; 'auto' prefers a configured endpoint, else the rules.

    ``gate`` paces the requests of every engine that shares it (one per worker of a batch).
    """
    name = settings.engine
    notice = None
    if name == "auto":
        name = "openai" if settings.llm_configured else "rules"
        if name == "rules":
            notice = AUTO_FALLBACK_NOTICE
    if name == "openai":
        from .openai_engine import OpenAIEngine

        return EngineChoice(OpenAIEngine(settings, gate=gate), notice)
    if name == "local":
        try:
            from .local import LocalEngine
        except ImportError as exc:  # pragma: no cover - depends on the optional extra
            raise ConfigError(
                f"the local engine needs the [local] extra: pip install -e '.[local]' ({exc})", original=exc
            ) from exc
        return EngineChoice(LocalEngine(settings), notice)
    if name == "rules":
        from .rules import RulesEngine

        return EngineChoice(RulesEngine(settings), notice)
    raise ConfigError(f"unknown engine {name!r}")
