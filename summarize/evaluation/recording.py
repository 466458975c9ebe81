"""Record once, replay in CI: how an eval reaches its model, live or from the eval folder's recordings.

Modes (``summarize eval --record | --replay | --record-missing | --live``):

- ``record``: every article is summarized by the real endpoint, and each article's requests and
  answers are stored as a cassette in ``<evals>/cassettes/<article>.yaml`` (summarize.llm.recording);
  ``cassettes/endpoint.yaml`` keeps the model and structured-output mode the endpoint resolved to.
- ``replay``: nothing is sent anywhere; the OpenAI-compatible engine runs over the recordings with
  the recorded model and mode, so the requests are byte for byte those recorded. A request that
  differs (a changed prompt, schema, model or setting) or an article never recorded fails the run,
  naming the cassette and the article (exit 13).
- ``record-missing``: replays what still matches and records only stale or new articles.
- live (no recording): today's behaviour.

With no flag, a run replays when the folder has recordings and either ``CI`` is set or no endpoint
is configured; otherwise it is live. Recording applies to the OpenAI-compatible engine only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..config import Settings
from ..engines.openai_engine import OpenAIEngine
from ..errors import ConfigError
from ..llm.recording import REPLAY_BASE_URL, CassetteShelf, RecordingTransport, RecordMode
from ..pipeline import Summarizer
from ..yaml_files import read_yaml

CASSETTES_DIR_NAME = "cassettes"
ENDPOINT_FILE = "endpoint.yaml"
LIVE = "live"
RERECORD_HINT = "re-record what changed with: summarize eval --record-missing"
_FALSE = {"", "0", "false", "no", "off"}


class EndpointFacts(BaseModel):
    """What the recorded endpoint resolved to; a replay asks for the same, so its requests match."""

    model_config = ConfigDict(extra="forbid")

    model: str
    mode: str
    engine: str = "openai"


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True when the CI variable is set to anything but an empty or false value (GitHub, GitLab, ... set it)."""
    env = os.environ if environ is None else environ
    return env.get("CI", "").strip().lower() not in _FALSE


def has_recordings(cassettes: Path) -> bool:
    """True when ``cassettes`` holds a recorded endpoint."""
    return (cassettes / ENDPOINT_FILE).is_file()


def choose_mode(
    flag: str | None,
    settings: Settings,
    cassettes: Path,
    environ: Mapping[str, str] | None = None,
) -> RecordMode | None:
    """The recording mode of a run (None: live); see the module docstring."""
    engine = settings.engine
    if flag == LIVE:
        return None
    if flag is not None:
        if engine in ("rules", "local"):
            raise ConfigError(
                f"--{flag} records or replays an OpenAI-compatible endpoint; the {engine} engine makes no "
                "HTTP requests to record (for a local GGUF, serve it with llama.cpp and use --base-url)"
            )
        if flag in ("record", "record-missing") and not settings.llm_configured:
            raise ConfigError(
                f"--{flag} needs a real endpoint to record: set OPENAI_API_KEY (OpenAI) or "
                "OPENAI_BASE_URL / --base-url (Ollama, vLLM, llama.cpp, LM Studio)"
            )
        return flag  # type: ignore[return-value]  # click restricts it to RECORD_MODES
    if engine in ("rules", "local") or not has_recordings(cassettes):
        return None
    if in_ci(environ) or not settings.llm_configured:
        return "replay"
    return None


def load_endpoint_facts(cassettes: Path) -> EndpointFacts:
    """The recorded endpoint's facts; a clear ConfigError when there are no recordings."""
    path = cassettes / ENDPOINT_FILE
    if not path.is_file():
        raise ConfigError(
            f"{path}: no recordings to replay; record them once with: summarize eval --record "
            "(with OPENAI_API_KEY or --base-url set)"
        )
    try:
        return EndpointFacts.model_validate(read_yaml(path, "recorded endpoint"))
    except ValidationError as exc:
        raise ConfigError(
            f"{path}: not a recorded endpoint ({exc.errors()[0]['msg']}); re-record", original=exc
        ) from exc


def save_endpoint_facts(cassettes: Path, facts: EndpointFacts) -> None:
    """Write ``endpoint.yaml`` beside the cassettes."""
    cassettes.mkdir(parents=True, exist_ok=True)
    text = "# The endpoint the cassettes were recorded from (summarize eval --record); replays ask for the same.\n"
    text += yaml.safe_dump(facts.model_dump(), sort_keys=False)
    (cassettes / ENDPOINT_FILE).write_text(text, encoding="utf-8")


@dataclass
class RecordedEngine:
    """A Summarizer whose endpoint traffic is recorded or replayed, and the cassettes it uses."""

    summarizer: Summarizer
    shelf: CassetteShelf
    engine_name: str

    def case(self, case_id: str) -> AbstractContextManager[object]:
        """Routes one article's requests to its cassette."""
        return self.shelf.use(case_id)


def open_recorded_engine(settings: Settings, mode: RecordMode, cassettes: Path) -> RecordedEngine:
    """The OpenAI-compatible engine over ``cassettes`` in ``mode``; records the endpoint's facts first."""
    shelf = CassetteShelf(cassettes, mode, rerecord_hint=RERECORD_HINT)
    if mode == "replay":
        facts = load_endpoint_facts(cassettes)
        # The recorded model and mode (unless the user asks for others, which then shows as stale);
        # the replay URL is never contacted and no key is needed or sent anywhere.
        settings = replace(
            settings,
            engine="openai",
            base_url=REPLAY_BASE_URL,
            api_key=None,
            model=settings.model or facts.model,
            mode=facts.mode if settings.mode == "auto" else settings.mode,
        )
        transport = RecordingTransport(shelf, base_url=REPLAY_BASE_URL)
        engine = OpenAIEngine(settings, transport=transport)
        return RecordedEngine(Summarizer(settings, engine), shelf, facts.engine)
    settings = settings.with_engine("openai")
    transport = RecordingTransport(shelf, base_url=settings.base_url)
    engine = OpenAIEngine(settings, transport=transport)
    try:
        # Probed once, outside any cassette: replays then ask for this model and mode directly.
        model, structured_mode = engine.client.resolve_endpoint()
    except BaseException:
        engine.close()
        raise
    save_endpoint_facts(cassettes, EndpointFacts(model=model, mode=structured_mode))
    return RecordedEngine(Summarizer(settings, engine), shelf, engine.name)
