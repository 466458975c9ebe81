"""Each layer of text analysis runs once per article, whatever the engine and the grounding mode.

The builders the shared ``AnalysedArticle`` calls are wrapped with counters; a run through the
Python API (the rules engine in every grounding mode, and an LLM engine whose strict re-ask grounds
twice candidates) must call each article-level builder at most once for the article, and parse
each article sentence at most once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import summarize.grounding.alignment as alignment_module
import summarize.grounding.claims as claims_module
import summarize.text.analysed as analysed_module
from summarize import summarize_article
from summarize.config import resolve_settings
from summarize.engines.openai_engine import OpenAIEngine
from tests.fakes import ARTICLE, FakeEndpoint, good_summary

BUILDERS = ("quotation_spans", "segment", "lay_out", "find_attributions", "normalize_with_offsets")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    parsed_sentences: Counter[str] = Counter()

    def counting(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if args and args[0] == ARTICLE:
                calls[name] += 1
            return original(*args, **kwargs)

        return wrapper

    for name in BUILDERS:
        monkeypatch.setattr(analysed_module, name, counting(name, getattr(analysed_module, name)))
    original_parse = analysed_module.parse_texts

    def parse(texts: list[str]) -> Any:
        for text in texts:
            if text in ARTICLE:
                parsed_sentences[text] += 1
        return original_parse(texts)

    monkeypatch.setattr(analysed_module, "parse_texts", parse)
    for name, module in (("ArticleIndex", claims_module), ("QuoteLocator", alignment_module)):
        cls = getattr(module, name)
        original_init = cls.__init__

        def init(
            self: Any, article: Any, *args: Any, _name: str = name, _init: Any = original_init, **kwargs: Any
        ) -> None:
            if article.text == ARTICLE:
                calls[_name] += 1
            _init(self, article, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", init)
    yield calls
    assert all(count == 1 for count in parsed_sentences.values()), parsed_sentences


def _assert_once(calls: Counter[str]) -> None:
    assert calls["segment"] == 1 and calls["find_attributions"] == 1, calls
    assert all(count <= 1 for count in calls.values()), calls


@pytest.mark.parametrize("grounding", ["off", "warn", "strict"])
def test_the_rules_engine_and_grounding_share_one_analysis(counted: Counter[str], grounding: str) -> None:
    summarize_article(ARTICLE, engine="rules", grounding=grounding)
    _assert_once(counted)
    if grounding != "off":
        assert counted["ArticleIndex"] == 1


def test_an_llm_engine_s_strict_reask_grounds_on_the_same_analysis(counted: Counter[str]) -> None:
    bad = good_summary()
    bad["actors"][0]["evidence"] = ["Volkov ordered the retreat"]  # type: ignore[index]
    endpoint = FakeEndpoint([("summary", bad), ("summary", good_summary())])
    settings = resolve_settings(environ={}, api_key="sk-test", model="gpt-test")
    engine = OpenAIEngine(settings, transport=endpoint.transport(), sleep=lambda _: None)
    result = summarize_article(ARTICLE, engine=engine, grounding="strict")
    assert result.metadata.reasks == 1  # two candidates grounded...
    _assert_once(counted)  # ...on one analysis
    assert counted["ArticleIndex"] == 1 and counted["QuoteLocator"] == 1
