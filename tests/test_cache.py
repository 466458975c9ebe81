"""The result cache: a re-run reads results back instead of asking again, safely, within a bound."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.article import article_from_text
from summarize.cache import ResultCache, cache_key, run_identity
from summarize.config import resolve_settings
from summarize.engines.rules import RulesEngine
from summarize.pipeline import Summarizer
from summarize.result import SummaryResult
from tests.fakes import ARTICLE, good_summary
from tests.loopback import MODEL, serve

Run = Callable[..., tuple[int, str, str]]
RULES = resolve_settings(environ={}, engine="rules")
pytestmark = pytest.mark.usefixtures("no_endpoint_environment")


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = []
    for n in range(3):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"{ARTICLE}\n\nUpdate {n}.", encoding="utf-8")
        paths.append(str(path))
    return paths


def a_result(text: str = ARTICLE, source: str = "a.txt") -> SummaryResult:
    with Summarizer(RULES) as summarizer:
        return summarizer.summarize(article_from_text(text, source))


def test_a_second_run_reads_every_result_back_and_asks_nothing(run: Run, articles: list[str]) -> None:
    args = ["--model", MODEL, "--mode", "json"]
    with serve(respond=lambda body: ("summary", good_summary())) as (url, server):
        first = run(*articles, "--base-url", url, *args)
        asked = len(server.chat_bodies)
        second = run(*articles, "--base-url", url, *args)

    assert first[0] == second[0] == 0 and asked == 3 and len(server.chat_bodies) == 3
    before = {json.loads(line)["metadata"]["index"]: json.loads(line) for line in first[1].splitlines()}
    after = {json.loads(line)["metadata"]["index"]: json.loads(line) for line in second[1].splitlines()}
    assert all(not r["metadata"]["cached"] for r in before.values())
    assert all(r["metadata"]["cached"] for r in after.values())
    assert [after[i]["metadata"]["source"] for i in range(3)] == articles
    assert all(after[i]["summary"] == before[i]["summary"] for i in range(3))
    assert all(after[i]["grounding"] == before[i]["grounding"] for i in range(3))


def test_no_cache_asks_again(run: Run, articles: list[str]) -> None:
    args = ["--model", MODEL, "--mode", "json"]
    with serve(respond=lambda body: ("summary", good_summary())) as (url, server):
        run(articles[0], "--base-url", url, *args)
        code, out, _ = run(articles[0], "--base-url", url, *args, "--no-cache")

    assert code == 0 and len(server.chat_bodies) == 2 and not json.loads(out)["metadata"]["cached"]


def test_a_copy_under_another_name_is_a_hit_that_carries_its_own_name(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, 10_000_000)
    identity = run_identity(RULES, RulesEngine(RULES))
    cache.put(cache_key(ARTICLE, identity), a_result(source="first.txt"))

    hit = cache.get(cache_key(ARTICLE, identity), article_from_text(ARTICLE, "copy.txt"))

    assert hit is not None and hit.metadata.cached and hit.metadata.source == "copy.txt"
    assert hit.article_text == ARTICLE


@pytest.mark.parametrize(
    "change",
    [
        {"model": "other-model"},
        {"base_url": "http://elsewhere.test/v1"},
        {"grounding": "strict"},
        {"prompt_version": "summarize-v9+deadbeef"},
        {"schema_version": "0123456789abcdef"},
        {"engine": "local"},
        {"mode": "tools"},
    ],
)
def test_anything_that_shapes_a_result_is_in_the_key(change: dict[str, str]) -> None:
    identity = run_identity(RULES, RulesEngine(RULES))

    assert cache_key(ARTICLE, identity) != cache_key(ARTICLE, {**identity, **change})
    assert cache_key(ARTICLE, identity) != cache_key(ARTICLE + " ", identity)


def test_the_cache_stays_under_its_bound_dropping_the_least_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("summarize.cache._TOUCH_AFTER", 0.0)  # every hit counts as a use
    result = a_result()
    cache = ResultCache(tmp_path, 10_000_000)
    cache.put("probe", result)
    one = cache.size()[1]
    cache.close()

    cache = ResultCache(tmp_path, one * 20)
    article = article_from_text(ARTICLE, "a.txt")
    for n in range(200):
        cache.put(f"k{n}", result)
        assert cache.get("k0", article) is not None  # k0 is used all along: it stays

    count, size = cache.size()
    assert size <= one * 20 + one * 32 and count < 60
    assert cache.get("k0", article) is not None and cache.get("k1", article) is None


def _fill(directory: str, start: int) -> int:
    cache = ResultCache(Path(directory), 100_000_000)
    result = SummaryResult.model_validate_json(Path(directory, "seed.json").read_text(encoding="utf-8"))
    for n in range(start, start + 40):
        cache.put(f"key-{n}", result)
    cache.close()
    return 40 if cache.problem is None else 0


def test_processes_sharing_one_cache_at_once_lose_nothing(tmp_path: Path) -> None:
    (tmp_path / "seed.json").write_text(a_result().model_dump_json(), encoding="utf-8")

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        stored = pool.starmap(_fill, [(str(tmp_path), n * 40) for n in range(4)])

    cache = ResultCache(tmp_path, 100_000_000)
    assert stored == [40] * 4 and cache.size()[0] == 160
    assert all(cache.get(f"key-{n}", article_from_text(ARTICLE, "a")) for n in range(160))


def test_a_cache_that_cannot_be_opened_is_a_warning_not_a_failure(
    run: Run, articles: list[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")

    code, out, err = run(articles[0], "--engine", "rules", "--cache-dir", str(blocker / "cache"))

    assert code == 0 and json.loads(out)["summary"]
    assert err.count("warning: the result cache") == 1 and "is not used" in err


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, 10_000_000)
    cache.put("k", a_result())
    assert cache._db is not None
    cache._db.execute("UPDATE results SET value = x'00ff'")

    assert cache.get("k", article_from_text(ARTICLE, "a")) is None


@pytest.mark.parametrize("setting", [{"evidence": "quotes"}, {"judge": "llm"}, {"grounding": "strict"}])
def test_a_setting_that_changes_the_result_changes_the_run_identity(setting: dict[str, str]) -> None:
    """--evidence quotes (another prompt) or --judge llm (other verdicts) must not be served the
    result of a run without them."""
    other = resolve_settings(environ={}, engine="rules", **setting)  # type: ignore[arg-type]

    assert run_identity(other, RulesEngine(other)) != run_identity(RULES, RulesEngine(RULES))
