"""`summarize eval` end to end with an in-memory engine: table, reports, baseline, gate exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import summarize.commands.eval as eval_module
from summarize.article import Article
from summarize.cli import main
from summarize.config import Settings
from summarize.engines.base import EngineOutput, SummaryCheck
from summarize.errors import EngineError
from summarize.evaluation.references import load_reference
from summarize.pipeline import Summarizer
from summarize.schema import Summary
from summarize.usage import TokenUsage

CASES_DIR = Path(__file__).resolve().parent.parent / "evals" / "cases"
REFERENCES = {
    path.with_suffix(".txt").read_text(encoding="utf-8"): load_reference(path).summary
    for path in CASES_DIR.glob("*.yaml")
}


class ReferenceEngine:
    """Answers each case article with its own reference summary, optionally spoiled."""

    name = "fake"

    def __init__(self, spoil: Callable[[Summary], Summary] = lambda summary: summary) -> None:
        self.spoil = spoil

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        summary = self.spoil(REFERENCES[article.text].model_copy(deep=True))
        return EngineOutput(
            summary=summary,
            model="fake-1",
            usage=TokenUsage(prompt_tokens=100, completion_tokens=20, total_tokens=120, requests=1),
        )

    def close(self) -> None:
        pass


def without_uncertainties(summary: Summary) -> Summary:
    summary.uncertainties = []
    return summary


def run_eval_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: ReferenceEngine, *extra: str
) -> tuple[int, Path]:
    monkeypatch.setattr(eval_module, "Summarizer", lambda settings: Summarizer(settings, engine))
    args = [
        "eval",
        "--corpus",
        str(CASES_DIR),
        "--baseline",
        str(tmp_path / "baseline.json"),
        "--report",
        str(tmp_path / "report.json"),
        "--junit",
        str(tmp_path / "junit.xml"),
        "--markdown",
        str(tmp_path / "summary.md"),
        *extra,
    ]
    with pytest.raises(SystemExit) as exited:
        main(args)
    return int(exited.value.code or 0), tmp_path


def test_perfect_engine_passes_and_writes_reports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(), "--update-baseline")
    assert code == 0
    printed = capsys.readouterr()
    assert "fiction_veloria_rates" in printed.out and "totals" in printed.out
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["engine"] == "fake" and report["model"] == "fake-1"
    assert {s["f1"] for s in report["totals"]["sections"].values()} == {1.0}
    assert report["totals"]["grounding"]["items"] > 0
    # Hand-written references are never contradicted or misattributed by the checker.
    assert report["totals"]["grounding"]["contradicted"] == 0
    assert report["totals"]["grounding"]["misattributed"] == 0
    assert report["totals"]["tokens"] == 120 * len(REFERENCES)
    assert (out / "baseline.json").is_file()
    assert "<testsuites" in (out / "junit.xml").read_text(encoding="utf-8")


def test_a_regression_against_the_baseline_exits_12(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(), "--update-baseline")
    code, out = run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(without_uncertainties))
    assert code == 12
    assert "uncertainties F1 vs baseline" in capsys.readouterr().err
    assert 'name="uncertainties F1 vs baseline"' in (out / "junit.xml").read_text(encoding="utf-8")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "regressed against the baseline (exit 12)" in summary
    assert "### Newly failing" in summary and "| uncertain |" in summary


def test_a_leaking_engine_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(), "--update-baseline")

    def leak(summary: Summary) -> Summary:
        summary.event.evidence.append("Sign up for our morning briefing.")
        return summary

    code, out = run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(leak))
    assert code == 12
    leaks = [a["leaks"] for a in json.loads((out / "report.json").read_text(encoding="utf-8"))["articles"]]
    assert ["Sign up for our morning briefing."] in leaks


def test_settings_reach_the_engine_factory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[Settings] = []

    def factory(settings: Settings) -> Summarizer:
        seen.append(settings)
        return Summarizer(settings, ReferenceEngine())

    monkeypatch.setattr(eval_module, "Summarizer", factory)
    with pytest.raises(SystemExit):
        main(
            [
                "eval",
                "--engine",
                "rules",
                "--grounding",
                "strict",
                "--corpus",
                str(CASES_DIR),
                "--report",
                str(tmp_path / "r.json"),
                "--junit",
                str(tmp_path / "j.xml"),
                "--baseline",
                str(tmp_path / "none.json"),
                "--markdown",
                str(tmp_path / "s.md"),
            ]
        )
    assert seen[0].engine == "rules" and seen[0].grounding == "strict"


def test_an_empty_corpus_is_a_config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["eval", "--corpus", str(tmp_path)])
    assert exited.value.code == 3
    assert "no article with a reference" in capsys.readouterr().err


class FailingOnMineEngine(ReferenceEngine):
    """Fails on the mining article, as an endpoint that gave up would."""

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        if "Kestrel" in article.text:
            raise EngineError("endpoint gave up after 4 attempts")
        return super().summarize(article, check=check)


def test_an_engine_failure_scores_as_missed_items_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, out = run_eval_cli(monkeypatch, tmp_path, FailingOnMineEngine())
    assert code == 9  # every article must get a summary (the default summaries floor)
    articles = {
        a["article"]: a for a in json.loads((out / "report.json").read_text(encoding="utf-8"))["articles"]
    }
    mine = articles["fiction_kestrel_mine"]
    assert mine["error"] == "EngineError: endpoint gave up after 4 attempts"
    assert mine["sections"]["uncertainties"]["recall"] == 0.0
    assert mine["sections"]["uncertainties"]["reference"] == 4
    assert articles["fiction_norrvik_bridge"]["error"] is None
    assert '<failure message="EngineError' in (out / "junit.xml").read_text(encoding="utf-8")


# -- degraded engines: each must fail the gate ------------------------------------------------

_AUXILIARIES = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may")


def negate(text: str) -> str:
    """The same sentence with its first auxiliary negated ("is" -> "is not"), else "did not" added."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if word.casefold() in _AUXILIARIES:
            return " ".join([*words[: index + 1], "not", *words[index + 1 :]])
    return " ".join([words[0], "did not", *words[1:]]) if len(words) > 1 else "Not " + text


def negated(summary: Summary) -> Summary:
    summary.event.what = negate(summary.event.what)
    for motive in summary.stated_motives:
        motive.motive = negate(motive.motive)
    for view in summary.analyst_views:
        view.view = negate(view.view)
    for uncertainty in summary.uncertainties:
        uncertainty.claim = negate(uncertainty.claim)
    return summary


def pasted(summary: Summary) -> Summary:
    """Every free-text field replaced by the whole article body (what a lenient judge rewards)."""
    body = next(
        text for text, reference in REFERENCES.items() if reference.event == summary.event.model_copy()
    )
    body = " ".join(line for line in body.splitlines()[2:] if line.strip())
    summary.event.what = body
    for motive in summary.stated_motives:
        motive.motive = body
    for view in summary.analyst_views:
        view.view = body
    for uncertainty in summary.uncertainties:
        uncertainty.claim = body
    return summary


class FailingEngine(ReferenceEngine):
    """An engine that always errors (a dead endpoint)."""

    def summarize(self, article: Article, *, check: SummaryCheck | None = None) -> EngineOutput:
        raise EngineError("the endpoint is down")


@pytest.mark.parametrize(
    ("engine", "failing_check", "exit_code"),
    [
        (ReferenceEngine(negated), "event F1 vs baseline", 12),
        (ReferenceEngine(pasted), "event F1 vs baseline", 12),
        (ReferenceEngine(without_uncertainties), "uncertainties F1 vs baseline", 12),
        (FailingEngine(), "summaries floor", 9),
    ],
    ids=["every item negated", "article pasted into every field", "a section dropped", "always errors"],
)
def test_a_degraded_engine_fails_the_gate(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    engine: ReferenceEngine,
    failing_check: str,
    exit_code: int,
) -> None:
    run_eval_cli(monkeypatch, tmp_path, ReferenceEngine(), "--update-baseline")
    code, _ = run_eval_cli(monkeypatch, tmp_path, engine)
    assert code == exit_code
    assert failing_check in capsys.readouterr().err
