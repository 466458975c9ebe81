"""The gate: floors, tolerances and the baseline comparison decide the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.errors import EvalFloorError, EvalGateError, EvalRegressionError
from summarize.evaluation.gate import Floors, Thresholds, Tolerance, check_gate, enforce_gate, load_thresholds
from summarize.evaluation.matching import SECTIONS
from summarize.evaluation.metrics import ArticleResult, GroundingCounts, SectionScore
from summarize.evaluation.report import EvalReport, load_report, save_report, write_junit

EVALS_DIR = Path(__file__).resolve().parent.parent / "evals"


def report(
    matched: int, supported: int = 10, leaks: int = 0, engine: str = "rules", judge: str = "meaning"
) -> EvalReport:
    """A two-article report where every section has 10 reference and 10 predicted items per article."""
    articles = [
        ArticleResult(
            article=f"article-{n}",
            sections={name: SectionScore(matched=matched, predicted=10, reference=10) for name in SECTIONS},
            grounding=GroundingCounts(items=10, supported=supported),
            leaks=["boilerplate"] * leaks,
        )
        for n in range(2)
    ]
    return EvalReport(
        engine=engine, judge=judge, judge_threshold=0.6, sections=list(SECTIONS), articles=articles
    )


def failed(checks: list) -> list[str]:  # type: ignore[type-arg]
    return [check.name for check in checks if not check.passed]


def test_a_regression_beyond_tolerance_fails_with_exit_code_12() -> None:
    checks = check_gate(report(matched=7), Thresholds(), baseline=report(matched=8))
    assert "event F1 vs baseline" in failed(checks)
    with pytest.raises(EvalGateError) as caught:
        enforce_gate(checks)
    assert isinstance(caught.value, EvalRegressionError)
    assert caught.value.exit_code == 12
    assert "regressed against the baseline" in caught.value.message
    assert "event F1 vs baseline" in caught.value.message


def test_a_floor_failure_is_exit_9_even_when_a_score_also_regressed() -> None:
    thresholds = Thresholds(floors={"rules": Floors(f1={"actors": 0.8})})
    checks = check_gate(report(matched=7), thresholds, baseline=report(matched=8))
    assert {"actors F1 floor", "actors F1 vs baseline"} <= set(failed(checks))
    with pytest.raises(EvalGateError) as caught:
        enforce_gate(checks)
    assert isinstance(caught.value, EvalFloorError)
    assert caught.value.exit_code == 9
    assert "under a floor" in caught.value.message and "actors F1 vs baseline" in caught.value.message


def test_a_drop_within_tolerance_passes() -> None:
    thresholds = Thresholds(tolerance=Tolerance(f1=0.15))
    checks = check_gate(report(matched=7), thresholds, baseline=report(matched=8))
    assert failed(checks) == []
    enforce_gate(checks)


def test_floors_apply_without_a_baseline() -> None:
    thresholds = Thresholds(floors={"rules": Floors(f1={"actors": 0.8}, grounding_rate=0.95)})
    checks = check_gate(report(matched=7, supported=9), thresholds, baseline=None)
    assert failed(checks) == ["actors F1 floor", "grounding rate floor"]


def test_grounding_rate_and_leak_regressions_fail() -> None:
    checks = check_gate(report(matched=8, supported=8, leaks=1), Thresholds(), baseline=report(matched=8))
    assert failed(checks) == ["grounding rate vs baseline", "boilerplate leaks vs baseline"]


def test_engine_floors_are_for_the_default_judge_only() -> None:
    thresholds = Thresholds(floors={"rules": Floors(f1={"event": 0.99}), "default": Floors()})
    assert failed(check_gate(report(matched=5), thresholds, None)) == ["event F1 floor"]
    assert failed(check_gate(report(matched=5, judge="embedding"), thresholds, None)) == []


def test_a_baseline_of_another_judge_is_not_compared() -> None:
    checks = check_gate(report(matched=1), Thresholds(), baseline=report(matched=10, judge="embedding"))
    assert failed(checks) == []
    assert any(check.name == "baseline" for check in checks)


def test_only_articles_in_both_runs_are_compared() -> None:
    # A run on fewer articles (the shared corpus missing) is compared on what it shares.
    now = report(matched=8)
    now.articles = now.articles[:1]
    before = report(matched=8)
    before.articles[1].sections["event"] = SectionScore(matched=0, predicted=10, reference=10)
    assert failed(check_gate(now, Thresholds(), before)) == []


def test_report_round_trips_and_junit_lists_failures(tmp_path: Path) -> None:
    current = report(matched=5)
    save_report(current, tmp_path / "report.json")
    loaded = load_report(tmp_path / "report.json")
    assert loaded.totals() == current.totals()
    checks = check_gate(current, Thresholds(), baseline=report(matched=9))
    write_junit(current, checks, tmp_path / "junit.xml")
    xml = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert xml.count("<failure") == len(failed(checks)) > 0


def test_the_committed_thresholds_file_is_valid() -> None:
    thresholds = load_thresholds(EVALS_DIR / "thresholds.yaml")
    for floors in thresholds.floors.values():
        assert set(floors.f1) <= set(SECTIONS)


def test_floors_hold_the_whole_suite_and_a_subset_is_held_to_the_baseline() -> None:
    thresholds = Thresholds(floors={"rules": Floors(f1={"event": 0.9})})
    subset = report(matched=5)
    subset.articles = subset.articles[:1]
    checks = check_gate(subset, thresholds, baseline=report(matched=5))
    assert failed(checks) == []
    assert any(check.name == "floors" and "1 of the baseline's 2" in check.message for check in checks)
    assert failed(check_gate(report(matched=5), thresholds, baseline=report(matched=5))) == ["event F1 floor"]


def test_an_engine_that_fails_on_an_article_fails_the_summaries_floor() -> None:
    now = report(matched=10)
    now.articles[1].error = "EngineError: the endpoint is down"
    assert failed(check_gate(now, Thresholds(), None)) == ["summaries floor"]
    allowed = Thresholds(floors={"rules": Floors(summaries=0.5)})
    assert failed(check_gate(now, allowed, None)) == []
