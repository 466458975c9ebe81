"""Long articles: split on paragraphs with overlap, summarized in parts, merged, grounded whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.article import Article, article_from_text
from summarize.chunking import merge_summaries, paragraph_spans
from summarize.config import resolve_settings
from summarize.engines.base import EngineOutput, SummaryCheck
from summarize.engines.rules import summarize_text
from summarize.errors import ArticleTooLongError
from summarize.grounding.alignment import AlignmentStatus
from summarize.pipeline import Summarizer
from summarize.schema import Actor, ActorKind, Event, Statement, StatementKind, Summary
from summarize.usage import TokenUsage
from tests.loopback import MODEL, fenced_sentences, rules_model, serve

ROOT = Path(__file__).resolve().parent.parent
RULES = resolve_settings(environ={}, engine="rules")
Run = Callable[..., tuple[int, str, str]]


def long_article() -> str:
    """About 6,000 words of real and invented news, one story after another."""
    corpus = sorted((ROOT.parent / "shared" / "corpus" / "qamishli").glob("*.txt"))
    fiction = sorted((ROOT / "evals" / "cases").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in [*corpus, *fiction])


class ContextLimitedRules:
    """The rule-based engine behind a context check like the LLM tasks' (same error, same numbers)."""

    name = "rules"

    def __init__(self, room_tokens: int, overhead_chars: int = 3000) -> None:
        self.room = room_tokens
        self.overhead = overhead_chars
        self.parts: list[str] = []

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        needed = (len(article.text) + self.overhead) // 3
        if needed > self.room:
            raise ArticleTooLongError("too long", tokens_needed=needed, tokens_allowed=self.room)
        self.parts.append(article.text)
        usage = TokenUsage(prompt_tokens=needed, completion_tokens=10, total_tokens=needed + 10, requests=1)
        return EngineOutput(summary=summarize_text(article.text), model="rules-v1", usage=usage)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def chunked() -> tuple[str, ContextLimitedRules, object]:
    text = long_article()
    engine = ContextLimitedRules(room_tokens=2500)
    with Summarizer(RULES, engine) as summarizer:
        result = summarizer.summarize(article_from_text(text, "long.txt"))
    return text, engine, result


def test_a_long_article_is_summarized_in_parts_not_refused(
    chunked: tuple[str, ContextLimitedRules, object],
) -> None:
    _, engine, result = chunked

    assert len(engine.parts) > 3
    assert any("summarized in" in notice for notice in result.metadata.notices)  # type: ignore[attr-defined]
    assert result.metadata.usage.requests == len(engine.parts)  # type: ignore[attr-defined]


def test_parts_are_whole_paragraphs_of_the_article_that_fit_cover_it_and_overlap(
    chunked: tuple[str, ContextLimitedRules, object],
) -> None:
    text, engine, _ = chunked
    starts = [text.index(part) for part in engine.parts]

    assert starts == sorted(starts) and starts[0] == 0
    assert all((len(p) + engine.overhead) // 3 <= engine.room for p in engine.parts)
    paragraphs = {text[s:e] for s, e in paragraph_spans(text)}
    covered = {para for part in engine.parts for para in part.split("\n") if para.strip()}
    assert covered == paragraphs
    assert any(s < prev + len(p) for prev, p, s in zip(starts, engine.parts, starts[1:], strict=False))


def test_every_evidence_span_is_right_in_the_original_text(
    chunked: tuple[str, ContextLimitedRules, object],
) -> None:
    text, _, result = chunked
    report = result.grounding  # type: ignore[attr-defined]
    quotes = [q for item in report.items for q in item.quotes]

    assert quotes and all(q.status is AlignmentStatus.exact for q in quotes)
    assert all(q.span.of(text) == q.quote for q in quotes)
    assert all(span.of(text) for item in report.items for span in item.evidence)
    summary = result.summary  # type: ignore[attr-defined]
    evidence = [
        e
        for section in (summary.actors, summary.stated_motives, summary.uncertainties)
        for i in section
        for e in i.evidence
    ]
    assert all(e in text for e in evidence)


def test_merging_finds_one_actor_under_two_names_and_drops_repeated_statements() -> None:
    event = Event(what="A thing happened.", evidence=["A thing happened"])

    def part(actor: str, speaker: str, words: str) -> Summary:
        return Summary(
            event=event,
            actors=[Actor(name=actor, kind=ActorKind.person, role="leader", evidence=[f"{actor} spoke"])],
            stated_motives=[],
            analyst_views=[],
            uncertainties=[],
            statements=[Statement(speaker=speaker, kind=StatementKind.direct, text=words)],
        )

    merged = merge_summaries(
        [
            part("Ahmed al-Sharaa", "Ahmed al-Sharaa", "We will rebuild"),
            part("al-Sharaa", "Mr Sharaa", "We will rebuild the country"),
        ]
    )

    assert [a.name for a in merged.actors] == ["Ahmed al-Sharaa"]
    assert merged.actors[0].evidence == ["Ahmed al-Sharaa spoke", "al-Sharaa spoke"]
    assert [s.text for s in merged.statements] == ["We will rebuild the country"]


def test_only_a_paragraph_that_cannot_fit_alone_is_refused() -> None:
    text = "Headline\n\n" + "word " * 3000 + "\n\nA short closing line."
    with (
        Summarizer(RULES, ContextLimitedRules(room_tokens=1500)) as summarizer,
        pytest.raises(
            ArticleTooLongError, match=r"paragraph 2 \(15,000 characters.*does not fit even alone"
        ) as raised,
    ):
        summarizer.summarize(article_from_text(text, "wall.txt"))

    assert raised.value.exit_code == 5


def test_the_cli_summarizes_a_long_article_through_a_small_context(run: Run, tmp_path: Path) -> None:
    text = long_article()
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")

    with serve(respond=rules_model) as (url, server):
        code, out, err = run(
            str(path), "--base-url", url, "--model", MODEL, "--mode", "structured", "--context-tokens", "4096",
            "--no-cache",
        )  # fmt: skip

    assert code == 0, err
    result = json.loads(out)
    asked = [fenced_sentences(body) for body in server.chat_bodies]
    flat = " ".join(text.split())
    assert len({tuple(part) for part in asked}) > 3  # several parts, each a few sentences of the article
    assert all(" ".join(line.split()) in flat for part in asked for line in part)
    assert all(len(" ".join(part)) < len(flat) / 2 for part in asked)
    assert any("summarized in" in n for n in result["metadata"]["notices"])
    quotes = [q for item in result["grounding"]["items"] for q in item["quotes"]]
    assert quotes and all(
        text[q["span"]["start"] : q["span"]["end"]] == q["quote"] for q in quotes if q["status"] == "exact"
    )
