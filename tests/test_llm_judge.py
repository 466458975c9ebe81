"""``--judge llm``: the rules find each claim's evidence window, the model decides the verdict.

Tier 1 (an in-memory endpoint through the real openai client and instructor): the verdict the
model gives is the claim's, the request carries the article's own passage, and quote and
speaker checks stay with the rules. Tier 2 is a real recorded cassette (tests/test_cassettes.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.commands.check import check_command
from summarize.config import resolve_settings
from summarize.engines.openai_engine import OpenAIEngine
from summarize.errors import ConfigError
from summarize.grounding import Verdict, check_summary_text
from summarize.pipeline import open_claim_judge
from tests.fakes import ARTICLE, FakeEndpoint


def engine_for(endpoint: FakeEndpoint) -> OpenAIEngine:
    settings = resolve_settings(environ={}, api_key="sk-test", model="gpt-test")
    return OpenAIEngine(settings, transport=endpoint.transport(), sleep=lambda _: None)


def test_the_model_s_verdict_decides_and_sees_the_article_s_passage() -> None:
    endpoint = FakeEndpoint(
        [
            ("summary", {"verdict": "supported", "reason": "the passage says Russia began withdrawing"}),
            ("summary", {"verdict": "contradicted", "reason": "the passage says Monday, not Friday"}),
        ]
    )
    summary = "Russia began withdrawing its forces from Qamishli airport.\nReuters reported it on Friday."
    result = check_summary_text(ARTICLE, summary, judge=engine_for(endpoint))
    assert [c.verdict for c in result.claims] == [Verdict.supported, Verdict.contradicted]
    assert result.claims[1].reasons == ["judge: the passage says Monday, not Friday"]
    assert result.verdict == "unsupported"
    sent = endpoint.chat_requests[0]["messages"][-1]["content"]
    assert "Passage: Moscow, Russia – Russia has begun withdrawing its forces" in sent
    assert "Claim: Russia began withdrawing its forces from Qamishli airport." in sent
    # The verdict still names the article passage it was judged on.
    assert result.claims[0].evidence and "withdrawing" in result.claims[0].evidence[0].of(ARTICLE)


def test_a_quote_the_article_does_not_hold_stays_unsupported_whatever_the_model_says() -> None:
    endpoint = FakeEndpoint([("summary", {"verdict": "supported", "reason": "looks fine"})])
    result = check_summary_text(ARTICLE, "Anna Petrova said “the war is over”.", judge=engine_for(endpoint))
    assert result.claims[0].verdict is Verdict.unsupported
    assert any(reason.startswith("quote not found") for reason in result.claims[0].reasons)


def test_judge_llm_without_a_model_is_a_configuration_error() -> None:
    with (
        pytest.raises(ConfigError),
        open_claim_judge(resolve_settings(environ={}, engine="rules", judge="llm")),
    ):
        pass


def test_check_command_takes_the_judge_and_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article, summary = tmp_path / "article.txt", tmp_path / "summary.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    summary.write_text("Russia began withdrawing its forces from Qamishli airport.\n", encoding="utf-8")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    refused = CliRunner().invoke(check_command, [str(article), str(summary), "--judge", "llm"])
    assert isinstance(refused.exception, ConfigError)
    shown = CliRunner().invoke(check_command, [str(article), str(summary), "--format", "markdown"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("# Check: supported")
    assert "evidence (" in shown.output and "Russia has begun withdrawing" in shown.output
    as_json = CliRunner().invoke(check_command, [str(article), str(summary), "--format", "json"])
    assert json.loads(as_json.output)["claims"][0]["evidence"][0]["start"] >= 0
