"""The pipeline through the Python API: grounding modes, strict re-ask and metadata."""

from __future__ import annotations

import pytest

from summarize import summarize_article
from summarize.config import resolve_settings
from summarize.engines.openai_engine import OpenAIEngine
from summarize.errors import GroundingError
from tests.fakes import ARTICLE, FakeEndpoint, good_summary


def engine_for(endpoint: FakeEndpoint) -> OpenAIEngine:
    # Verbatim evidence: these scripts invent quotes, which sentence numbers cannot express.
    settings = resolve_settings(environ={}, api_key="sk-test", model="gpt-test", evidence="quotes")
    return OpenAIEngine(settings, transport=endpoint.transport(), sleep=lambda _: None)


def with_invented_actor() -> dict[str, object]:
    data = good_summary()
    data["actors"].append(  # type: ignore[attr-defined]
        {
            "name": "Boris Volkov",
            "kind": "person",
            "role": "commander",
            "evidence": ["Volkov ordered the retreat"],
        }
    )
    return data


def test_warn_reports_unsupported_items_and_keeps_them() -> None:
    endpoint = FakeEndpoint([("summary", with_invented_actor())])
    result = summarize_article(ARTICLE, engine=engine_for(endpoint), grounding="warn")
    assert len(result.summary.actors) == 2
    assert result.grounding is not None
    verdicts = {(i.section, i.label): i.verdict for i in result.grounding.items}
    assert verdicts[("actors", "Boris Volkov")] == "unsupported"
    assert result.grounding.score < 1.0
    assert result.metadata.grounding_mode == "warn" and result.metadata.usage.total_tokens == 150


def test_strict_reasks_once_then_drops_what_is_still_unsupported() -> None:
    endpoint = FakeEndpoint([("summary", with_invented_actor()), ("summary", with_invented_actor())])
    result = summarize_article(ARTICLE, engine=engine_for(endpoint), grounding="strict")
    assert len(endpoint.chat_requests) == 2 and result.metadata.reasks == 1
    assert [a.name for a in result.summary.actors] == ["Russia"]
    assert any("dropped 1 unsupported" in n for n in result.metadata.notices)
    assert result.grounding is not None and result.grounding.score == 1.0


def test_strict_fails_when_the_event_itself_is_unsupported() -> None:
    data = good_summary()
    data["event"]["evidence"] = ["Russian jets bombed Aleppo on Friday"]  # type: ignore[index]
    endpoint = FakeEndpoint([("summary", data), ("summary", data)])
    with pytest.raises(GroundingError) as info:
        summarize_article(ARTICLE, engine=engine_for(endpoint), grounding="strict")
    assert info.value.exit_code == 8


def test_grounding_off_skips_the_report() -> None:
    endpoint = FakeEndpoint([("summary", with_invented_actor())])
    result = summarize_article(ARTICLE, engine=engine_for(endpoint), grounding="off")
    assert result.grounding is None and len(result.summary.actors) == 2
