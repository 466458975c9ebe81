"""``summarize compare`` as a user meets it: the Python API and the CLI on the invented Halcyon
cluster (evals/compare/fiction_halcyon_arrest), JSON and Markdown, spans, bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from summarize import Comparison, compare_files
from summarize.compare import FactStatus, TooFewArticlesError
from summarize.compare.scoring import COMPARE_REFERENCES, load_reference, score
from summarize.schema_export import SCHEMAS_DIR

CLUSTER = COMPARE_REFERENCES / "fiction_halcyon_arrest"
ARTICLES = sorted(str(path) for path in CLUSTER.glob("*.txt"))
SCHEMA = json.loads((SCHEMAS_DIR / "comparison.schema.json").read_text(encoding="utf-8"))
UNRELATED = Path(__file__).resolve().parents[1] / "evals" / "cases" / "fiction_kestrel_mine.txt"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare_files(ARTICLES, engine="rules")


def _texts(comparison: Comparison) -> dict[str, str]:
    return {outlet.name: Path(outlet.source).read_text(encoding="utf-8") for outlet in comparison.outlets}


def _conflict_with(comparison: Comparison, *words: str) -> list[str]:
    for fact in comparison.facts:
        texts = [value.text for value in fact.values]
        if fact.status is FactStatus.conflict and all(any(w in t for t in texts) for w in words):
            return texts
    return []


def test_outlets_are_named_by_file_stem_with_their_summaries(comparison: Comparison) -> None:
    assert [outlet.name for outlet in comparison.outlets] == [
        "calder_post",
        "nordwire",
        "radio_istra",
        "vessen_herald",
    ]
    assert all(outlet.result.summary.event.what for outlet in comparison.outlets)
    assert all(outlet.date == "2025-09-10" for outlet in comparison.outlets)
    assert comparison.overlap.related and not comparison.failures


def test_planted_conflicts_are_found_with_normalized_values(comparison: Comparison) -> None:
    assert _conflict_with(comparison, "8 September", "9 September", "Tuesday")
    assert _conflict_with(comparison, "20 days", "three weeks")
    assert _conflict_with(comparison, "deputy prosecutor", "chief prosecutor")
    assert _conflict_with(comparison, "Four people", "Three people", "Mr Maravic and two associates")
    date = next(f for f in comparison.facts if f.status is FactStatus.conflict and f.kind.value == "date")
    assert {v.normalized for v in date.values} == {"8 September 2025", "9 September 2025"}
    assert len({v.group for v in date.values}) == 2


def test_near_misses_are_not_conflicts(comparison: Comparison) -> None:
    in_conflicts = {v.text for f in comparison.facts if f.status is FactStatus.conflict for v in f.values}
    for near_miss in (
        "up to five years",
        "up to 175 years",
        "1.65 crowns",
        "2.10 crowns",
        "abroad",
        "about 300 people",
    ):
        assert near_miss not in in_conflicts


def test_agreements_normalize_number_words_units_and_names(comparison: Comparison) -> None:
    agreed = [{v.text for v in f.values} for f in comparison.facts if f.status is FactStatus.agree]
    assert any({"140 million crowns", "140m crowns"} <= texts for texts in agreed)
    assert any({"18 months", "a year and a half"} <= texts for texts in agreed)
    assert any({"7000 small investors", "Some 7,000 savers"} <= texts for texts in agreed)
    actors = {actor.name: actor.outlets for actor in comparison.actors}
    assert "radio_istra" in actors["Teodor Maravic"] and "Maravic" in actors["Teodor Maravic"]["radio_istra"]


def test_every_span_is_exact_in_its_own_article(comparison: Comparison) -> None:
    texts = _texts(comparison)
    for fact in comparison.facts:
        for value in fact.values:
            assert texts[value.outlet][value.span.start : value.span.end] == value.text
            assert texts[value.outlet][value.sentence.start : value.sentence.end]
    for speaker in comparison.speakers:
        for quote in speaker.quotes:
            assert texts[quote.outlet][quote.span.start : quote.span.end] == quote.text
    for source in comparison.unnamed_sources:
        assert texts[source.outlet][source.span.start : source.span.end] == source.text


def test_speakers_and_unnamed_sources(comparison: Comparison) -> None:
    orsen = [s for s in comparison.speakers if s.speaker == "Lidia Orsen"]
    assert any(
        s.match.value == "same" and {q.outlet for q in s.quotes} == {"nordwire", "vessen_herald"}
        for s in orsen
    )
    reisz = [s for s in comparison.speakers if s.speaker == "Anton Reisz"]
    assert reisz and reisz[0].match.value == "different"
    sources = {(s.outlet, s.text) for s in comparison.unnamed_sources}
    assert ("vessen_herald", "A police source") in sources
    assert any(o == "calder_post" and "familiar with" in t for o, t in sources)


def test_the_reference_scores_hold(comparison: Comparison) -> None:
    reference = load_reference(CLUSTER / "reference.yaml")
    texts = {name: text for name, text in _texts(comparison).items()}
    result = score(comparison, reference, texts)
    assert result.conflict_recall >= 0.9 and result.conflict_precision >= 0.8
    assert result.agreement_recall >= 0.8
    assert not result.near_misses_called_conflicts and result.spans_exact


def test_cli_json_validates_against_the_schema(run: Run) -> None:
    code, out, err = run("compare", *ARTICLES, "--engine", "rules")
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert any(fact["status"] == "conflict" for fact in data["facts"])


def test_cli_markdown_report(run: Run) -> None:
    code, out, _ = run("compare", *ARTICLES, "--engine", "rules", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Comparison of 4 outlets")
    for heading in (
        "## Conflicts",
        "## Agreements",
        "## Claims in one outlet only",
        "## Speakers",
        "## Unnamed sources",
    ):
        assert heading in out
    assert "“8 September”" in out and "## nordwire" in out


def test_fewer_than_two_articles_is_a_usage_error(run: Run) -> None:
    code, _, err = run("compare", ARTICLES[0])
    assert code == 2 and "at least two" in err
    with pytest.raises(TooFewArticlesError):
        compare_files(ARTICLES[:1], engine="rules")


def test_an_unreadable_article_is_reported_and_the_rest_compared(run: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    code, out, err = run("compare", ARTICLES[0], missing, ARTICLES[1], "--engine", "rules")
    assert code == 4 and "gone.txt" in err
    data = json.loads(out)
    assert [o["name"] for o in data["outlets"]] == ["calder_post", "nordwire"]
    assert data["failures"][0]["source"] == missing and data["failures"][0]["exit_code"] == 4


def test_too_few_readable_articles_fail_with_the_reason(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, out, err = run("compare", ARTICLES[0], str(empty), "--engine", "rules")
    assert code == 4 and out == "" and "empty" in err


def test_articles_on_unrelated_events_are_said_to_share_little(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "kestrel.txt"
    shutil.copy(UNRELATED, other)
    code, out, err = run("compare", ARTICLES[1], str(other), "--engine", "rules")
    data = json.loads(out)
    assert code == 0
    assert data["overlap"]["related"] is False and "unrelated" in err
    assert not [f for f in data["facts"] if f["status"] == "conflict"]


def test_the_same_article_twice_agrees_with_itself(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(ARTICLES[1], copy)
    result = compare_files([ARTICLES[1], str(copy)], engine="rules")
    assert [outlet.name for outlet in result.outlets] == ["nordwire", "copy"]
    assert not [f for f in result.facts if f.status is FactStatus.conflict]
    assert len([f for f in result.facts if f.status is FactStatus.agree]) >= 10
