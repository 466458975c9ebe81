"""Tier 1: the OpenAI-compatible engine against an in-memory endpoint (real openai + instructor)."""

from __future__ import annotations

import json

import pytest

from summarize.article import Article
from summarize.config import resolve_settings
from summarize.engines.openai_engine import OpenAIEngine
from summarize.errors import ArticleTooLongError, ConfigError, EndpointError, InvalidOutputError
from summarize.llm.modes import choose_mode
from tests.fakes import ARTICLE, FakeEndpoint, good_summary

OPENAI = {"api_key": "sk-test", "model": "gpt-test"}
LOCAL = {"base_url": "http://127.0.0.1:9/v1", "model": "m"}


def make_engine(endpoint: FakeEndpoint, sleeps: list[float] | None = None, **options: object) -> OpenAIEngine:
    settings = resolve_settings(environ={}, **{**OPENAI, **options})
    recorded = sleeps if sleeps is not None else []
    return OpenAIEngine(settings, transport=endpoint.transport(), sleep=recorded.append)


def summarize(engine: OpenAIEngine, text: str = ARTICLE):  # type: ignore[no-untyped-def]
    return engine.summarize(Article(text=text, source="a.txt"))


def test_tools_mode_for_openai_returns_summary_and_usage() -> None:
    endpoint = FakeEndpoint([("summary", good_summary())])
    out = summarize(make_engine(endpoint))
    assert out.summary.event.what.startswith("Russia began")
    assert out.mode == "tools" and out.model == "gpt-test"
    assert (out.usage.prompt_tokens, out.usage.completion_tokens, out.usage.requests) == (100, 50, 1)
    request = endpoint.chat_requests[0]
    assert request["tools"][0]["function"]["name"] == "Summary"
    assert "<article-" in request["messages"][1]["content"]


def test_json_schema_mode_sends_the_schema_as_a_grammar() -> None:
    endpoint = FakeEndpoint([("summary", good_summary())])
    out = summarize(make_engine(endpoint, api_key=None, mode="json_schema", **LOCAL))
    fmt = endpoint.chat_requests[0]["response_format"]
    assert out.mode == "json_schema"
    assert fmt["type"] == "json_object" and fmt["schema"]["title"] == "Summary"


def test_auto_mode_and_model_come_from_the_endpoint_listing() -> None:
    endpoint = FakeEndpoint([("summary", good_summary())], models=[{"id": "llama3", "owned_by": "library"}])
    out = summarize(make_engine(endpoint, api_key=None, base_url="http://127.0.0.1:11434/v1", model=None))
    assert (out.model, out.mode) == ("llama3", "json")
    assert endpoint.chat_requests[0]["response_format"] == {"type": "json_object"}


@pytest.mark.parametrize(
    ("base_url", "owned_by", "expected"),
    [
        (None, None, "tools"),
        ("https://api.openai.com/v1", None, "tools"),
        ("http://localhost:11434/v1", None, "json"),
        ("http://localhost:8080/v1", "llamacpp", "json_schema"),
        ("http://localhost:8000/v1", "vllm", "structured"),
        ("http://example.test/v1", None, "json"),
    ],
)
def test_choose_mode_fits_the_endpoint(base_url: str | None, owned_by: str | None, expected: str) -> None:
    assert choose_mode("auto", base_url, owned_by) == expected
    assert choose_mode("md_json", base_url, owned_by) == "md_json"


def test_transient_failures_are_retried_then_succeed() -> None:
    sleeps: list[float] = []
    endpoint = FakeEndpoint([("status", 503), ("disconnect",), ("summary", good_summary())])
    out = summarize(make_engine(endpoint, sleeps))
    assert out.attempts == 3
    assert len(sleeps) == 2 and all(0 <= s <= 30 for s in sleeps)
    assert out.usage.requests == 3  # every chat request sent counts, failed ones too
    assert (out.usage.prompt_tokens, out.usage.completion_tokens) == (100, 50)  # one completion


def test_retry_after_header_is_honoured() -> None:
    sleeps: list[float] = []
    endpoint = FakeEndpoint([("status", 429, {"retry-after": "7"}), ("summary", good_summary())])
    summarize(make_engine(endpoint, sleeps))
    assert sleeps == [7.0]


def test_retry_exhaustion_raises_endpoint_error_with_attempts() -> None:
    endpoint = FakeEndpoint([("status", 500), ("status", 502), ("status", 500)])
    with pytest.raises(EndpointError) as info:
        summarize(make_engine(endpoint, max_attempts=3))
    assert info.value.attempts == 3 and info.value.exit_code == 6
    assert "after 3 attempts" in str(info.value) and "HTTP 500" in str(info.value)


def test_total_retry_time_is_bounded() -> None:
    sleeps: list[float] = []
    endpoint = FakeEndpoint([("status", 429, {"retry-after": "100"})] * 3)
    with pytest.raises(EndpointError) as info:
        summarize(make_engine(endpoint, sleeps, max_attempts=10, max_retry_seconds=5))
    assert sum(sleeps) <= 5 and info.value.attempts < 10


def test_non_transient_refusal_is_not_retried() -> None:
    endpoint = FakeEndpoint([("status", 401)])
    with pytest.raises(EndpointError, match="refused the credentials"):
        summarize(make_engine(endpoint))
    assert len(endpoint.chat_requests) == 1


def test_invalid_output_is_reasked_and_tokens_summed_over_attempts() -> None:
    endpoint = FakeEndpoint([("content", '{"event": "not an object"}'), ("summary", good_summary())])
    out = summarize(make_engine(endpoint, api_key=None, mode="json", **LOCAL))
    assert out.reasks == 1
    assert (out.usage.prompt_tokens, out.usage.completion_tokens, out.usage.requests) == (200, 100, 2)
    reask = json.dumps(endpoint.chat_requests[1]["messages"])
    assert "event" in reask and "validation" in reask.lower()


def test_reask_exhaustion_raises_invalid_output() -> None:
    endpoint = FakeEndpoint([("content", "no json here")] * 3)
    with pytest.raises(InvalidOutputError) as info:
        summarize(make_engine(endpoint, api_key=None, mode="json", max_reasks=2, **LOCAL))
    assert info.value.exit_code == 7 and info.value.attempts == 3
    assert len(endpoint.chat_requests) == 3


def test_article_longer_than_context_fails_before_any_request() -> None:
    endpoint = FakeEndpoint([])
    with pytest.raises(ArticleTooLongError) as info:
        summarize(make_engine(endpoint, context_tokens=2048), "word " * 5000)
    assert info.value.exit_code == 5 and "context" in str(info.value)
    assert endpoint.requests == []


def test_server_context_error_becomes_article_too_long() -> None:
    endpoint = FakeEndpoint([("status", 400)])
    endpoint.error_message = "This model's maximum context length is 4096 tokens"
    with pytest.raises(ArticleTooLongError):
        summarize(make_engine(endpoint))
    assert len(endpoint.chat_requests) == 1


def test_strict_check_reasks_once_with_its_reasons() -> None:
    endpoint = FakeEndpoint([("summary", good_summary()), ("summary", good_summary())])
    calls: list[int] = []

    def check(summary):  # type: ignore[no-untyped-def]
        calls.append(1)
        return ["actor 'Russia': quote not found in the article"]

    out = make_engine(endpoint).summarize(Article(ARTICLE), check=check)
    assert len(calls) == 1 and out.reasks == 1 and len(endpoint.chat_requests) == 2
    assert "quote not found in the article" in json.dumps(endpoint.chat_requests[1]["messages"])


def test_no_endpoint_configured_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        OpenAIEngine(resolve_settings(environ={}))


def test_same_fact_asks_the_model_for_a_yes_or_no() -> None:
    endpoint = FakeEndpoint([("summary", {"same": True}), ("summary", {"same": False})])
    engine = make_engine(endpoint)
    assert engine.same_fact("Russia left the base.", "Russian troops withdrew from the base.") is True
    assert engine.same_fact("Russia left the base.", "It rained in Paris.") is False
    assert "Statement B: It rained in Paris." in json.dumps(endpoint.chat_requests[1]["messages"])
