"""Tier 1 for the tasks over the model seam, with a scripted StructuredModel (no HTTP at all)."""

from __future__ import annotations

import pytest

from summarize.article import Article
from summarize.config import MIN_CONTEXT_TOKENS
from summarize.errors import ArticleTooLongError
from summarize.tasks.article_summary import ANSWER_TOKENS_RESERVE, summarize_with
from summarize.tasks.same_fact import same_fact
from tests.fakes import ARTICLE, FakeModel, good_summary


def test_summary_task_returns_the_summary_and_what_it_cost() -> None:
    model = FakeModel([good_summary()])

    out = summarize_with(model, Article(ARTICLE, "a.txt"))

    assert out.summary.event.what.startswith("Russia began")
    assert (out.model, out.mode, out.usage.total_tokens, out.usage.requests) == ("fake", "json", 15, 1)
    system, user = model.calls[0]
    assert system["role"] == "system" and "Qamishli" in user["content"]


def test_summary_task_refuses_an_article_longer_than_the_context_before_asking() -> None:
    model = FakeModel([good_summary()], context_tokens=MIN_CONTEXT_TOKENS)

    with pytest.raises(ArticleTooLongError, match=r"about \d+ prompt tokens, more than the 512"):
        summarize_with(model, Article("word " * 5000))

    assert model.calls == []


def test_the_smallest_context_allowed_leaves_room_for_a_prompt() -> None:
    assert MIN_CONTEXT_TOKENS - ANSWER_TOKENS_RESERVE >= 512


def test_strict_check_turns_reasons_into_one_reask() -> None:
    model = FakeModel([good_summary(), good_summary()])
    asked: list[int] = []

    def check(summary: object) -> list[str]:
        asked.append(1)
        return ["actor 'Russia': quote not found in the article"]

    out = summarize_with(model, Article(ARTICLE), check=check)

    assert asked == [1] and out.reasks == 1 and out.usage.requests == 2


def test_same_fact_asks_for_a_yes_or_no() -> None:
    model = FakeModel([{"same": True}, {"same": False}])

    assert same_fact(model, "Russia left the base.", "Russian troops withdrew.") is True
    assert same_fact(model, "Russia left the base.", "It rained in Paris.") is False
    assert "Statement B: It rained in Paris." in model.calls[1][1]["content"]
