"""The structured client: the only module that imports ``openai`` and ``instructor``.

It takes chat messages and a pydantic response model and returns the parsed object with its
usage, attempts and re-asks. Any OpenAI-compatible endpoint works (OpenAI, Ollama, vLLM, a
llama.cpp server, LM Studio). It probes the endpoint once (model and server kind), picks the
structured-output mode, maps every openai/instructor failure into summarize.errors, and retries
transient failures with tenacity (summarize.retrying); instructor re-asks on invalid output.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx2 as httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel

from ..config import Settings
from ..errors import ArticleTooLongError, ConfigError, EndpointError, InvalidOutputError, SummarizeError
from ..redaction import redact, redact_url
from ..retrying import TransientFailure, call_with_retries
from ..usage import TokenUsage
from .modes import SCHEMA_IN_PROMPT_MODES, choose_mode, is_openai_host
from .pacing import RequestGate, retry_after_seconds
from .transport import BadResponse, GuardedTransport, Transport
from .types import ChatMessage, Completion

T = TypeVar("T", bound=BaseModel)

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# A conservative characters-per-token ratio (English averages ~4; other scripts use fewer).
CHARS_PER_TOKEN = 3.0

_INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "structured": instructor.Mode.JSON_SCHEMA,  # OpenAI's response_format json_schema
    # json_object + schema (below): llama.cpp turns the schema into a grammar. instructor's JSON_SCHEMA
    # mode puts no copy of the schema in the prompt (its response_format is replaced in extra_body):
    # the grammar enforces it, and the task's prompt lists the fields with their descriptions.
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
_CONTEXT_ERROR_MARKERS = ("context length", "context_length", "maximum context", "too many tokens", "n_ctx")


@functools.lru_cache(maxsize=16)
def _schema_once(model: type[T]) -> type[T]:
    """``model`` whose JSON Schema is computed once: instructor rebuilds it on every request, which
    costs more CPU than the rest of a request (it bounds how many workers one core can keep busy)."""
    schema = json.dumps(model.model_json_schema())

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:
            return model.model_json_schema(*args, **kwargs)
        fresh: dict[str, Any] = json.loads(
            schema
        )  # a copy each time, as pydantic gives (faster than deepcopy)
        return fresh

    # Same name, module and docstring: the schema and the tool name the model sees do not change.
    namespace = {"__doc__": model.__doc__, "__module__": model.__module__}
    memoized = type(
        model.__name__, (model,), {**namespace, "model_json_schema": classmethod(model_json_schema)}
    )
    return memoized


def _short(exc: BaseException) -> str:
    # An endpoint's error text is printed: one line, bounded, and never a secret it echoes back.
    text = str(exc).strip().splitlines()
    return redact(text[0][:300]) if text else type(exc).__name__


class StructuredClient:
    """Typed answers from any OpenAI-compatible chat endpoint."""

    def __init__(
        self,
        settings: Settings,
        *,
        base_url: str | None = None,
        default_mode: str | None = None,
        context_tokens: int | None = None,
        max_output_tokens: int | None = None,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        gate: RequestGate | None = None,
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
        self._transport = GuardedTransport(
            transport, base_url=self._base_url, request_seconds=settings.timeout, gate=gate
        )
        self._client = openai.OpenAI(
            api_key=settings.api_key or "not-needed",  # local servers accept any key
            base_url=self._base_url,
            timeout=settings.timeout,
            max_retries=0,  # tenacity owns retries, so attempts are counted and bounded in one place
            # trust_env=False: the guarded transport picks the environment's proxy itself, so
            # no request can go through an unguarded one.
            http_client=httpx.Client(transport=self._transport, trust_env=False),
        )
        self._model: str | None = settings.model
        self._mode: str | None = None

    @property
    def context_tokens(self) -> int | None:
        """The model's context window, from --context-tokens or the engine that knows it."""
        return self._context_tokens

    @property
    def where(self) -> str:
        """The endpoint, as error messages name it (credentials masked)."""
        return redact_url(self._base_url) if self._base_url else "api.openai.com"

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    # -- endpoint facts, resolved on first use ---------------------------------------------------
    def resolve_endpoint(self) -> tuple[str, str]:
        """The model name and structured-output mode, probing /v1/models once when needed."""
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
                    raise ConfigError(f"the endpoint at {self.where} lists no models; pass --model")
                self._model = models[0].id
            owned_by = next((m.owned_by for m in models if m.id == self._model), None)
        if self._model is None:
            self._model = DEFAULT_OPENAI_MODEL
        self._mode = choose_mode(self._requested_mode, self._base_url, owned_by)
        return self._model, self._mode

    def estimate_prompt_tokens(self, messages: list[ChatMessage], response_model: type[BaseModel]) -> int:
        """Characters / CHARS_PER_TOKEN, counting the schema in modes that put it in the prompt."""
        _, mode = self.resolve_endpoint()
        chars = sum(len(m["content"]) for m in messages)
        if mode in SCHEMA_IN_PROMPT_MODES:
            chars += len(json.dumps(response_model.model_json_schema()))
        return int(chars / CHARS_PER_TOKEN)

    # -- the one call ----------------------------------------------------------------------------
    def complete(
        self,
        messages: list[ChatMessage],
        response_model: type[T],
        *,
        temperature: float | None = None,
    ) -> Completion[T]:
        """Ask for one ``response_model``: retried on transient failures, re-asked on invalid output.

        Everything (each request, re-ask and wait between retries) ends within --article-timeout.
        """
        with self._transport.budget(self._settings.article_timeout):
            return self._complete(messages, response_model, temperature)

    def _complete(
        self, messages: list[ChatMessage], response_model: type[T], temperature: float | None
    ) -> Completion[T]:
        model, mode = self.resolve_endpoint()
        usage = TokenUsage.none()
        requests_before = self._transport.requests
        reasks = 0

        def on_response(response: Any) -> None:
            used = getattr(response, "usage", None)
            usage.add_completion(
                int(getattr(used, "prompt_tokens", 0) or 0), int(getattr(used, "completion_tokens", 0) or 0)
            )

        def on_parse_error(*_: Any, **__: Any) -> None:
            nonlocal reasks
            reasks += 1

        hooks = Hooks()
        hooks.on("completion:response", on_response)
        hooks.on("parse:error", on_parse_error)
        client = instructor.from_openai(self._client, mode=_INSTRUCTOR_MODES[mode])
        extra: dict[str, Any] = {
            "temperature": self._settings.temperature if temperature is None else temperature
        }
        if self._max_output_tokens:
            extra["max_tokens"] = self._max_output_tokens
        if mode == "json_schema":
            extra["extra_body"] = {
                "response_format": {"type": "json_object", "schema": response_model.model_json_schema()}
            }
        attempts = 0

        def request() -> Any:
            nonlocal attempts
            attempts += 1
            return client.chat.completions.create(
                model=model,
                messages=messages,  # type: ignore[arg-type]
                response_model=_schema_once(response_model),
                max_retries=self._settings.max_reasks,
                hooks=hooks,
                **extra,
            )

        try:
            value = self._call(request)
        except InvalidOutputError as exc:
            exc.usage = usage  # what the failed answers cost still counts
            raise
        finally:
            usage.requests = self._transport.requests - requests_before
        return Completion(value=value, model=model, mode=mode, usage=usage, attempts=attempts, reasks=reasks)

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

        budget_left = self._transport.budget_left()
        max_seconds = self._settings.max_retry_seconds
        return call_with_retries(
            attempt,
            max_attempts=self._settings.max_attempts,
            max_seconds=max_seconds if budget_left is None else min(max_seconds, budget_left),
            sleep=self._sleep,
        )

    def _translate_retry(self, exc: InstructorRetryException) -> Exception:
        cause = exc.__cause__
        if isinstance(cause, openai.OpenAIError):
            return self._translate(cause)
        attempts = int(getattr(exc, "n_attempts", 0) or 0)
        return InvalidOutputError(
            f"the model's output did not match the schema after {attempts} attempt(s): {_short(cause or exc)}",
            original=cause or exc,
            attempts=attempts,
        )

    def _translate(self, exc: openai.OpenAIError) -> Exception:
        where = self.where
        cause = exc.__cause__
        if isinstance(cause, SummarizeError):
            # Raised on purpose by a transport under the client (a replay with no recording for
            # this request): our own error, never a connection failure to retry.
            return cause
        if isinstance(exc, openai.APITimeoutError):
            if self._transport.budget_spent():
                return EndpointError(
                    f"gave up on {where}: the article's {self._settings.article_timeout:g}s budget "
                    "(--article-timeout) ran out",
                    original=exc,
                )
            return TransientFailure(
                f"request to {where} took longer than {self._settings.timeout:g}s (--timeout)", original=exc
            )
        if isinstance(cause, BadResponse):
            failure = TransientFailure if cause.transient else EndpointError
            return failure(f"{where} answered {cause}", original=exc)
        if isinstance(exc, openai.APIConnectionError):
            if isinstance(cause, httpx.RemoteProtocolError):
                return TransientFailure(
                    f"{where} broke the connection mid-answer ({_short(cause)})", original=exc
                )
            return TransientFailure(f"cannot connect to {where} ({_short(cause or exc)})", original=exc)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            message = _short(exc)
            if status in (408, 409, 429) or status >= 500:
                return TransientFailure(
                    f"HTTP {status} from {where}: {message}",
                    retry_after=retry_after_seconds(exc.response.headers),
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


__all__ = ["DEFAULT_OPENAI_MODEL", "StructuredClient"]
