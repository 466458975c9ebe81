"""--compact (the summary with each item's verdict, no repeated text) and --fields (chosen parts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize import summarize_file
from summarize.result_shape import OutputShape, parse_fields, shape_result
from summarize.schema import Summary
from tests.cli_runner import Run


def test_compact_json_is_a_fraction_of_the_full_result_and_repeats_no_evidence(corpus_dir: Path) -> None:
    result = summarize_file(str(corpus_dir / "001_e633f8b8a2fc3933.txt"), engine="rules")
    full = result.model_dump_json(indent=2)

    compact = json.dumps(shape_result(result, OutputShape(compact=True)), indent=2, ensure_ascii=False)

    assert len(compact) < len(full) / 3
    for evidence in result.summary.event.evidence:
        assert evidence not in compact or evidence == result.summary.event.what


def test_compact_puts_each_items_verdict_on_the_item(run: Run, article: Path) -> None:
    code, out, _ = run(str(article), "--engine", "rules", "--compact")

    data = json.loads(out)
    assert code == 0
    assert list(data) == ["summary", "grounding", "metadata"]
    assert data["summary"]["event"]["verdict"] == "supported"
    assert "evidence" not in data["summary"]["event"]
    assert all(
        "verdict" in item for section in ("actors", "uncertainties") for item in data["summary"][section]
    )
    assert set(data["grounding"]) == {"score", "verdicts"}
    assert sum(data["grounding"]["verdicts"].values()) >= 1 + len(data["summary"]["actors"])
    assert list(data["metadata"]) == ["source", "engine", "model", "grounding_mode", "seconds"]


def test_fields_keep_the_result_shape_and_the_grounding_of_the_sections_chosen(
    run: Run, article: Path
) -> None:
    code, out, _ = run(str(article), "--engine", "rules", "--fields", "event,analyst_views,grounding")

    data = json.loads(out)
    assert code == 0
    assert list(data) == ["summary", "grounding"]
    assert list(data["summary"]) == ["event", "analyst_views"]
    assert {item["section"] for item in data["grounding"]["items"]} <= {"event", "analyst_views"}
    assert data["grounding"]["items"][0]["quotes"]  # the full grounding, for these sections


def test_fields_and_compact_together(run: Run, article: Path) -> None:
    _, out, _ = run(str(article), "--engine", "rules", "--compact", "--fields", "event")

    assert json.loads(out) == {"summary": {"event": json.loads(out)["summary"]["event"]}}


def test_several_articles_give_one_compact_line_each(run: Run, article: Path) -> None:
    code, out, _ = run(str(article), str(article), "--engine", "rules", "--compact")

    assert code == 0
    assert [json.loads(line)["summary"]["event"]["verdict"] for line in out.splitlines()] == ["supported"] * 2


def test_out_files_take_the_shape_too_and_the_run_says_where_it_wrote(
    run: Run, article: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "summaries"

    code, out, err = run(str(article), "--engine", "rules", "--compact", "--out", str(out_dir))

    assert (code, out) == (0, "")
    assert f"summarize: wrote {out_dir / 'article.json'}\n" in err
    assert "verdict" in json.loads((out_dir / "article.json").read_text())["summary"]["event"]


def test_several_out_files_are_counted(run: Run, article: Path, tmp_path: Path) -> None:
    code, _, err = run(str(article), str(article), "--engine", "rules", "--out", str(tmp_path / "o"))

    assert code == 0 and f"summarize: wrote 2 files to {tmp_path / 'o'}/\n" in err


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_compact_and_fields_are_for_json(run: Run, article: Path, fmt: str) -> None:
    code, _, err = run(str(article), "--compact", "--format", fmt)

    assert code == 2 and "--compact and --fields shape JSON output" in err


def test_an_unknown_field_is_a_usage_error_listing_the_names(run: Run, article: Path) -> None:
    code, _, err = run(str(article), "--fields", "event,motives")

    assert code == 2 and "'motives' is not one of summary, event, actors, stated_motives" in err


def test_summary_names_every_section() -> None:
    assert parse_fields("summary, grounding") == (*Summary.model_fields, "grounding")
