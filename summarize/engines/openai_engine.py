"""The OpenAI-compatible engine: the only module that imports ``openai`` and ``instructor``.

Any endpoint that speaks the OpenAI chat API works (OpenAI, Ollama, vLLM, a llama.cpp server,
LM Studio). instructor turns the reply into a validated ``Summary`` and re-asks on invalid
output; tenacity (summarize.retrying) retries transient transport failures around that.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, Self
from urllib.parse import urlparse

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import schema
from ..article import Article
from ..config import Settings
from ..errors import ArticleTooLongError, ConfigError, EndpointError, InvalidOutputError
from ..prompts import render_messages, render_prompt
from ..retrying import TransientFailure, call_with_retries
from .base import EngineOutput, SummaryCheck, Usage

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Room left for the model's answer when checking that an article fits the context window.
ANSWER_TOKENS_RESERVE = 1536
# A conservative characters-per-token ratio (English averages ~4; other scripts use fewer).
CHARS_PER_TOKEN = 3.0

_INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "structured": instructor.Mode.JSON_SCHEMA,  # OpenAI's response_format json_schema
    "json_schema": instructor.Mode.JSON,  # json_object + schema: llama.cpp's grammar-constrained output
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# /v1/models "owned_by" values that identify a server, and the mode that fits it.
_MODE_BY_OWNER = {"llamacpp": "json_schema", "me": "json_schema", "library": "json", "vllm": "structured"}
_CONTEXT_ERROR_MARKERS = ("context length", "context_length", "maximum context", "too many tokens", "n_ctx")


def is_openai_host(base_url: str | None) -> bool:
    """True for OpenAI's own API (no base URL, or api.openai.com)."""
    return base_url is None or urlparse(base_url).hostname == "api.openai.com"


def choose_mode(requested: str, base_url: str | None, owned_by: str | None = None) -> str:
    """The instructor mode for an endpoint: the user's choice, else one that the server accepts."""
    if requested != "auto":
        return requested
    if is_openai_host(base_url):
        return "tools"
    if owned_by in _MODE_BY_OWNER:
        return _MODE_BY_OWNER[owned_by]
    port = urlparse(base_url).port if base_url else None
    if port == 11434:  # Ollama's default port
        return "json"
    return "json"  # schema in the prompt + json_object: the widest-supported choice


def _retry_after(headers: Any) -> float | None:
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name) if headers is not None else None
        if raw:
            try:
                return float(raw) * scale
            except ValueError:
                continue  # an HTTP-date; fall back to our own backoff
    return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


class OpenAIEngine:
    """Summaries from any OpenAI-compatible chat endpoint."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        base_url: str | None = None,
        default_mode: str | None = None,
        context_tokens: int | None = None,
        max_output_tokens: int | None = None,
        http_client: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._base_url = base_url or settings.base_url
        if self._base_url is None and not settings.api_key:
            raise ConfigError(
                "no endpoint configured: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL (or --base-url) "
                "for Ollama, vLLM, a llama.cpp server or LM Studio"
            )
        self._requested_mode = settings.mode if settings.mode != "auto" else (default_mode or "auto")
        self._context_tokens = settings.context_tokens or context_tokens
        self._max_output_tokens = max_output_tokens
        self._sleep = sleep
        self._client = openai.OpenAI(
            api_key=settings.api_key or "not-needed",  # local servers accept any key
            base_url=self._base_url,
            timeout=settings.timeout,
            max_retries=0,  # tenacity owns retries, so attempts are counted and bounded in one place
            http_client=http_client,
        )
        self._model: str | None = settings.model
        self._mode: str | None = None

    def close(self) -> None:
        self._client.close()

    # -- endpoint facts, resolved on first use ---------------------------------------------------
    def _resolve_endpoint(self) -> tuple[str, str]:
        if self._model is not None and self._mode is not None:
            return self._model, self._mode
        owned_by = None
        needs_probe = self._model is None or (
            self._requested_mode == "auto" and not is_openai_host(self._base_url)
        )
        if needs_probe and not is_openai_host(self._base_url):
            models = self._call(lambda: list(self._client.models.list()))
            if self._model is None:
                if not models:
                    raise ConfigError(f"the endpoint at {self._base_url} lists no models; pass --model")
                self._model = models[0].id
            owned_by = next((m.owned_by for m in models if m.id == self._model), None)
        if self._model is None:
            self._model = DEFAULT_OPENAI_MODEL
        self._mode = choose_mode(self._requested_mode, self._base_url, owned_by)
        return self._model, self._mode

    # -- error translation -----------------------------------------------------------------------
    def _call(self, request: Callable[[], Any]) -> Any:
        def attempt() -> Any:
            try:
                return request()
            except InstructorRetryException as exc:
                raise self._translate_retry(exc) from exc
            except IncompleteOutputException as exc:
                raise InvalidOutputError(
                    "the model's answer was cut off at its output token limit", original=exc
                ) from exc
            except openai.OpenAIError as exc:
                raise self._translate(exc) from exc

        return call_with_retries(
            attempt,
            max_attempts=self._settings.max_attempts,
            max_seconds=self._settings.max_retry_seconds,
            sleep=self._sleep,
        )

    def _translate_retry(self, exc: InstructorRetryException) -> Exception:
        cause = exc.__cause__
        if isinstance(cause, openai.OpenAIError):
            return self._translate(cause)
        attempts = int(getattr(exc, "n_attempts", 0) or 0)
        return InvalidOutputError(
            f"the model's output did not match the summary schema after {attempts} attempt(s): "
            f"{_short(cause or exc)}",
            original=cause or exc,
            attempts=attempts,
        )

    def _translate(self, exc: openai.OpenAIError) -> Exception:
        where = self._base_url or "api.openai.com"
        if isinstance(exc, openai.APITimeoutError):
            return TransientFailure(
                f"request to {where} timed out after {self._settings.timeout:g}s", original=exc
            )
        if isinstance(exc, openai.APIConnectionError):
            return TransientFailure(f"cannot connect to {where} ({_short(exc)})", original=exc)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            message = _short(exc)
            if status in (408, 409, 429) or status >= 500:
                return TransientFailure(
                    f"HTTP {status} from {where}: {message}",
                    retry_after=_retry_after(exc.response.headers),
                    original=exc,
                )
            if any(marker in message.lower() for marker in _CONTEXT_ERROR_MARKERS):
                return ArticleTooLongError(
                    f"the article does not fit the model's context: {message}", original=exc
                )
            if status in (401, 403):
                return EndpointError(
                    f"{where} refused the credentials (HTTP {status}); check OPENAI_API_KEY", original=exc
                )
            if status == 404:
                return EndpointError(
                    f"{where} has no model {self._model!r} (HTTP 404); check --model", original=exc
                )
            return EndpointError(f"{where} rejected the request (HTTP {status}): {message}", original=exc)
        return EndpointError(f"{where}: {_short(exc)}", original=exc)

    # -- the one call ----------------------------------------------------------------------------
    def _check_fits(self, messages: list[dict[str, str]], mode: str) -> None:
        if not self._context_tokens:
            return
        chars = sum(len(m["content"]) for m in messages)
        if mode in ("json", "json_schema", "md_json"):
            chars += len(json.dumps(schema.Summary.model_json_schema()))  # instructor adds it to the prompt
        estimate = int(chars / CHARS_PER_TOKEN)
        budget = self._context_tokens - ANSWER_TOKENS_RESERVE
        if estimate > budget:
            raise ArticleTooLongError(
                f"the article needs about {estimate} prompt tokens, more than the {budget} this model's "
                f"{self._context_tokens}-token context leaves after room for the answer; "
                "shorten it or use a model with a longer context (--context-tokens)"
            )

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        model, mode = self._resolve_endpoint()
        messages = render_messages(article.text)
        self._check_fits(messages, mode)
        usage = Usage()
        reasks = 0

        def on_response(response: Any) -> None:
            used = getattr(response, "usage", None)
            usage.add(
                int(getattr(used, "prompt_tokens", 0) or 0), int(getattr(used, "completion_tokens", 0) or 0)
            )

        def on_parse_error(*_: Any, **__: Any) -> None:
            nonlocal reasks
            reasks += 1

        hooks = Hooks()
        hooks.on("completion:response", on_response)
        hooks.on("parse:error", on_parse_error)
        client = instructor.from_openai(self._client, mode=_INSTRUCTOR_MODES[mode])
        response_model = _checked_summary_model(check) if check else schema.Summary
        extra: dict[str, Any] = {"temperature": self._settings.temperature}
        if self._max_output_tokens:
            extra["max_tokens"] = self._max_output_tokens
        if mode == "json_schema":
            extra["extra_body"] = {
                "response_format": {"type": "json_object", "schema": schema.Summary.model_json_schema()}
            }
        attempts = 0

        def request() -> Any:
            nonlocal attempts
            attempts += 1
            return client.chat.completions.create(
                model=model,
                messages=messages,  # type: ignore[arg-type]
                response_model=response_model,
                max_retries=self._settings.max_reasks,
                hooks=hooks,
                **extra,
            )

        result = self._call(request)
        summary = schema.Summary.model_validate(result.model_dump())
        return EngineOutput(
            summary=summary, model=model, usage=usage, attempts=attempts, reasks=reasks, mode=mode
        )

    def same_fact(self, first: str, second: str) -> bool:
        """Ask the model whether two statements report the same fact (the eval's llm judge)."""
        model, mode = self._resolve_endpoint()
        client = instructor.from_openai(self._client, mode=_INSTRUCTOR_MODES[mode])
        messages = [
            {"role": "system", "content": render_prompt("same_fact.system")},
            {"role": "user", "content": render_prompt("same_fact.user", first=first, second=second)},
        ]
        answer: SameFact = self._call(
            lambda: client.chat.completions.create(
                model=model,
                messages=messages,  # type: ignore[arg-type]
                response_model=SameFact,
                max_retries=self._settings.max_reasks,
                temperature=0.0,
            )
        )
        return answer.same


class SameFact(BaseModel):
    """Whether two statements report the same fact."""

    model_config = ConfigDict(extra="forbid")

    same: bool = Field(description="true when both statements report the same fact, false otherwise.")


def _checked_summary_model(check: SummaryCheck) -> type[schema.Summary]:
    """A Summary whose validation asks ``check`` once; its reasons become instructor's re-ask."""
    asked = False

    class Summary(schema.Summary):  # same name, so the model sees the same schema and tool name
        __doc__ = schema.Summary.__doc__

        @model_validator(mode="after")
        def _supported_by_article(self) -> Self:
            nonlocal asked
            if asked:  # bounded: one re-ask with reasons, then the caller's grounding decides
                return self
            asked = True
            reasons = check(self)
            if reasons:
                raise ValueError(
                    "Fix these items, which the article does not support: " + " | ".join(reasons)
                )
            return self

    return Summary


__all__ = ["OpenAIEngine", "choose_mode", "is_openai_host"]
