"""The eval suite for the local engine, replayed from the real recorded llama.cpp cassettes.

CI cannot run the tiny model live within its budget, so the local engine is evaluated on the
corpus articles by replaying the recordings of tests/test_cassettes.py (the eval sends exactly
the same requests, so the body digests match). The table is printed into the test log and the
gate is checked against evals/baseline/local.json. Regenerate that baseline with the tool:
``UPDATE_EVAL_BASELINE=1 pytest tests/test_eval_local_cassettes.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import vcr
import yaml
from rich.console import Console

from summarize.article import Article
from summarize.config import resolve_settings
from summarize.engines.local import LocalEngine
from summarize.evaluation.gate import check_gate, load_thresholds
from summarize.evaluation.judges import MeaningJudge
from summarize.evaluation.names import NameMatcher
from summarize.evaluation.references import (
    ALIASES_FILE_NAME,
    EvalCase,
    collect_cases,
    find_evals_dir,
    load_alias_groups,
)
from summarize.evaluation.report import EvalReport, load_report, print_report, save_report
from summarize.evaluation.runner import run_eval
from summarize.pipeline import Summarizer
from summarize.result import SummaryResult
from tests.conftest import CASSETTE_DIR, match_body_digest
from tests.test_cassettes import RecordedServer

EVALS_DIR = find_evals_dir(Path(__file__).resolve().parent.parent)
BASELINE = EVALS_DIR / "baseline" / "local.json"


def replaying_vcr() -> vcr.VCR:
    replay = vcr.VCR(
        cassette_library_dir=str(CASSETTE_DIR),
        record_mode="none",
        decode_compressed_response=True,
        match_on=["method", "path", "body_digest"],
    )
    replay.register_matcher("body_digest", match_body_digest)
    return replay


IDS_CASSETTE = "test_each_article_gets_a_summary_with_no_invented_evidence[{}].yaml"
QUOTES_CASSETTE = "test_verbatim_quotes_are_recorded_for_comparison[{}].yaml"


def replayed_eval(cases: list[EvalCase], cassette: str, evidence: str) -> EvalReport:
    """The eval of the local engine on ``cases``, each answered from its recorded cassette."""
    settings = resolve_settings(environ={}, engine="local", evidence=evidence)
    replay = replaying_vcr()
    with Summarizer(settings, LocalEngine(settings, server=RecordedServer())) as summarizer:

        def summarize(article: Article) -> SummaryResult:
            with replay.use_cassette(cassette.format(Path(article.source).stem)):
                return summarizer.summarize(article)

        report = run_eval(
            cases,
            summarize,
            MeaningJudge(),
            NameMatcher(load_alias_groups(EVALS_DIR / ALIASES_FILE_NAME)),
            engine="local",
        )
    replay_failures = [a.error for a in report.articles if a.error and "connect" in a.error]
    assert replay_failures == [], "a request had no recording: re-record with cassettes/record.sh"
    return report


def test_local_engine_eval_from_cassettes(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = collect_cases([corpus_dir, EVALS_DIR / "cases"], EVALS_DIR)
    assert len(cases) == 10
    report = replayed_eval(cases, IDS_CASSETTE, "ids")
    if os.environ.get("UPDATE_EVAL_BASELINE") == "1":
        save_report(report, BASELINE)
    checks = check_gate(report, load_thresholds(EVALS_DIR / "thresholds.yaml"), load_report(BASELINE))
    with capsys.disabled():
        print("\nEval of the local engine (SmolLM2-135M, replayed from cassettes):")
        print_report(report, Console(width=160, highlight=False), checks)
    failed = [c for c in checks if not c.passed]
    assert failed == [], failed


def test_sentence_references_cost_less_and_score_no_worse_than_verbatim_quotes(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13's goal, on the same recorded model and corpus articles: at least 40% fewer
    completion tokens per summary with sentence references, at equal or better eval scores."""
    cases = collect_cases([corpus_dir], EVALS_DIR)
    ids = replayed_eval(cases, IDS_CASSETTE, "ids")
    quotes = replayed_eval(cases, QUOTES_CASSETTE, "quotes")
    with capsys.disabled():
        for name, report in (("sentence references", ids), ("verbatim quotes", quotes)):
            print(f"\nEval of the local engine, {name} (corpus articles, replayed from cassettes):")
            print_report(report, Console(width=160, highlight=False))

    def completion_tokens(cassette: str) -> int:
        total = 0
        for case in cases:
            text = (CASSETTE_DIR / cassette.format(case.case_id)).read_text(encoding="utf-8")
            for interaction in yaml.safe_load(text)["interactions"]:
                total += json.loads(interaction["response"]["body"]["string"])["usage"]["completion_tokens"]
        return total

    assert completion_tokens(IDS_CASSETTE) <= 0.6 * completion_tokens(QUOTES_CASSETTE)
    ids_totals, quotes_totals = ids.totals(), quotes.totals()
    assert ids_totals.failed <= quotes_totals.failed
    assert (ids_totals.grounding.rate or 0.0) >= (quotes_totals.grounding.rate or 0.0)
    for section, score in ids_totals.sections.items():
        assert (score.f1 or 0.0) >= (quotes_totals.sections[section].f1 or 0.0) - 1e-9, section


def test_the_local_gate_fails_a_model_whose_evidence_is_invented(corpus_dir: Path) -> None:
    """The gate can fail: the same model's real recordings with verbatim quotes (invented
    evidence, grounding rate 0.03) fall under the local floors."""
    cases = collect_cases([corpus_dir], EVALS_DIR)
    report = replayed_eval(cases, QUOTES_CASSETTE, "quotes")
    checks = check_gate(report, load_thresholds(EVALS_DIR / "thresholds.yaml"), load_report(BASELINE))
    failed = {c.name for c in checks if not c.passed}
    assert any("grounding rate" in name for name in failed), failed
