"""A summary the article does not support is never silent: one stderr line in warn mode, and
`--fail-on` for scripts (exit 8, as a grounding failure, the result still written)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarize.config import FAIL_ON_VERDICTS, resolve_settings
from summarize.errors import ConfigError, GroundingProblemsError
from summarize.grounding import REJECTED, ground_summary
from summarize.grounding.problems import failing_verdicts, problems_line
from summarize.schema import Summary
from tests.cli_runner import Run
from tests.fakes import ARTICLE, FakeEndpoint, good_summary
from tests.test_cli import route_engines


def doubtful_summary() -> dict[str, Any]:
    """good_summary with an invented actor, a view given to the wrong analyst and an invented date."""
    summary = good_summary()
    summary["actors"].append(
        {
            "name": "Turkey",
            "kind": "state",
            "role": "sent troops to Qamishli",
            "evidence": ["Turkey sent troops to Qamishli on Friday"],
        }
    )
    summary["analyst_views"][0]["analyst"] = "John Smith"
    summary["uncertainties"][0]["claim"] = "Damascus will expel every Russian soldier by March."
    return summary


def serve(monkeypatch: pytest.MonkeyPatch, *summaries: dict[str, Any]) -> None:
    # Verbatim quotes, where a model can invent evidence (sentence numbers cannot cite a missing one).
    monkeypatch.setenv("SUMMARIZE_EVIDENCE", "quotes")
    route_engines(monkeypatch, FakeEndpoint([("summary", s) for s in summaries]))


def test_the_problems_line_counts_each_kind_of_problem() -> None:
    report = ground_summary(Summary.model_validate(doubtful_summary()), ARTICLE)

    assert problems_line(report) == "2 of 5 items unsupported, 1 misattributed; see grounding"
    assert problems_line(ground_summary(Summary.model_validate(good_summary()), ARTICLE)) is None


def test_fail_on_names_the_grounding_verdicts() -> None:
    assert set(FAIL_ON_VERDICTS) == {verdict.value for verdict in REJECTED}
    report = ground_summary(Summary.model_validate(doubtful_summary()), ARTICLE)

    assert [v.value for v in failing_verdicts(report, ("misattributed",))] == ["misattributed"]
    assert failing_verdicts(report, ("contradicted",)) == []


def test_warn_mode_says_on_stderr_when_items_are_unsupported(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    serve(monkeypatch, doubtful_summary())

    code, out, err = run(str(article))

    assert code == 0
    assert "summarize: 2 of 5 items unsupported, 1 misattributed; see grounding\n" in err
    assert json.loads(out)["grounding"]["score"] < 1


def test_a_supported_summary_prints_no_warning(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    serve(monkeypatch, good_summary())

    code, _, err = run(str(article))

    assert (code, err) == (0, "")


def test_the_line_points_at_the_verdicts_in_each_format(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    serve(monkeypatch, doubtful_summary(), doubtful_summary())

    _, _, markdown_err = run(str(article), "--format", "markdown")
    _, _, compact_err = run(str(article), "--compact")

    assert "misattributed; see the report" in markdown_err
    assert "misattributed; see the verdicts" in compact_err


@pytest.mark.parametrize(("fail_on", "code"), [("unsupported", 8), ("any", 8), ("contradicted", 0)])
def test_fail_on_exits_8_and_still_prints_the_result(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path, fail_on: str, code: int
) -> None:
    serve(monkeypatch, doubtful_summary())

    got, out, err = run(str(article), "--fail-on", fail_on)

    assert got == code
    assert json.loads(out)["summary"]["event"]["what"]
    if code:
        assert (
            f"error: --fail-on {'unsupported,contradicted,misattributed' if fail_on == 'any' else fail_on}"
            in err
        )
        assert "(the result was still written)" in err


def test_fail_on_several_verdicts_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path
) -> None:
    serve(monkeypatch, doubtful_summary())
    monkeypatch.setenv("SUMMARIZE_FAIL_ON", "contradicted, misattributed")

    code, _, _ = run(str(article))

    assert code == GroundingProblemsError.exit_code == 8


def test_with_several_articles_each_line_names_its_article_and_the_first_failure_decides(
    monkeypatch: pytest.MonkeyPatch, run: Run, article: Path, tmp_path: Path
) -> None:
    serve(monkeypatch, good_summary(), doubtful_summary())

    # One worker and no cache: the scripted answers go to the articles in order (good first,
    # doubtful third), and the third is not the first's cached result.
    missing = str(tmp_path / "missing.txt")
    code, out, err = run(
        str(article), missing, str(article), "--fail-on", "any", "--workers", "1", "--no-cache"
    )

    assert len(out.splitlines()) == 2
    assert f"summarize: {article}: 2 of 5 items unsupported, 1 misattributed; see grounding" in err
    assert code == 4  # the missing file (second) comes before the --fail-on hit (third)


def test_fail_on_needs_grounding(monkeypatch: pytest.MonkeyPatch, run: Run, article: Path) -> None:
    serve(monkeypatch)

    code, _, err = run(str(article), "--fail-on", "any", "--grounding", "off")

    assert code == 2 and "--fail-on needs grounding" in err


def test_a_bad_fail_on_value_is_refused() -> None:
    with pytest.raises(ConfigError, match="'sometimes' is not one of unsupported, contradicted"):
        resolve_settings(environ={}, config_files=(), fail_on="sometimes")
