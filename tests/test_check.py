"""``summarize check`` and check_summary_text: claims split, checked, and reported as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.commands.check import check_command
from summarize.errors import InputError
from summarize.grounding import Verdict, check_summary_text
from summarize.grounding.checker import split_claims
from summarize.text import AnalysedArticle

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "qamishli"
ARTICLE = CORPUS / "000_1ac071ef24be8291.txt"

GOOD = (
    "Russian troops evacuated Qamishli airbase in Syria this week.\n"
    "- Dr HA Hellyer said: “Russia is stretched elsewhere.”\n"
    "- Caroline Rose of the New Lines Institute said the move should not be read as a complete withdrawal.\n"
)
BAD = (
    "Russian troops evacuated Qamishli airbase in Syria in March.\n"
    "Caroline Rose said: “Russia is stretched elsewhere.”\n"
    "Anton Mardasov warned that 5,000 Iranian fighters arrived.\n"
    "The Kremlin called it “a total victory for peace”.\n"
)


def test_split_claims_handles_bullets_and_sentences() -> None:
    text = "- First claim here. Second one!\n2) Third claim\n\n"
    assert [s.of(text) for s in split_claims(AnalysedArticle(text))] == [
        "First claim here.",
        "Second one!",
        "Third claim",
    ]


def test_good_summary_is_supported() -> None:
    result = check_summary_text(ARTICLE.read_text(encoding="utf-8"), GOOD)
    assert result.verdict == "supported"
    assert result.score == 1.0
    assert result.unsupported == []
    assert len(result.claims) == 3


def test_bad_summary_lists_each_unsupported_claim_with_reasons() -> None:
    result = check_summary_text(ARTICLE.read_text(encoding="utf-8"), BAD)
    assert result.verdict == "unsupported"
    verdicts = [c.verdict for c in result.claims]
    assert verdicts == [Verdict.unsupported, Verdict.misattributed, Verdict.unsupported, Verdict.unsupported]
    assert "March" in result.claims[0].reasons[0]
    assert "HA Hellyer" in result.claims[1].reasons[0]
    assert any("5,000" in reason for reason in result.claims[2].reasons)
    assert "Anton Mardasov" in result.claims[2].reasons[0]
    assert result.claims[3].reasons[0].startswith("quote not found")
    # Each verdict names the article passage it was checked against.
    assert all(claim.evidence for claim in result.claims[:3])
    assert result.score < 0.5


def test_summary_verdict_is_unsupported_when_any_claim_is_rejected_and_partial_otherwise() -> None:
    article = "The army left the town on Monday after a week of heavy fighting near the river."
    rejected = check_summary_text(article, "The army left the town. Bakers sold cheap bread quickly.")
    assert [c.verdict for c in rejected.claims] == [Verdict.supported, Verdict.unsupported]
    assert rejected.verdict == "unsupported"
    assert rejected.score == pytest.approx(0.5)
    partial = check_summary_text(
        article, "The army left the town on Monday after heavy shelling by rebel artillery."
    )
    assert [c.verdict for c in partial.claims] == [Verdict.partially_supported]
    assert partial.verdict == "partially_supported"


def test_cli_json_output(tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(check_command, [str(ARTICLE), str(summary), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["verdict"] == "unsupported"
    assert 0 <= payload["score"] <= 1
    assert payload["unsupported"][0]["claim"].startswith("Russian troops evacuated")
    assert all(c["reasons"] for c in payload["unsupported"])


def test_cli_text_output_reads_the_summary_from_stdin() -> None:
    result = CliRunner().invoke(check_command, [str(ARTICLE), "-"], input=BAD)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("unsupported (score ")
    assert "- [misattributed] Caroline Rose said: “Russia is stretched elsewhere.”" in lines


def test_cli_refuses_two_stdin_inputs() -> None:
    result = CliRunner().invoke(check_command, ["-", "-"], input="x")
    assert isinstance(result.exception, InputError)
