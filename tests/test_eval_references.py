"""The hand-written references: valid, verbatim, complete, and honest about fiction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.evaluation.references import EvalCase, collect_cases, default_corpus_dirs, load_reference
from summarize.grounding import Verdict, ground_summary
from summarize.schema import Summary

REPO_ROOT = Path(__file__).resolve().parent.parent
EVALS_DIR = REPO_ROOT / "evals"
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus" / "qamishli"
REFERENCE_FILES = sorted((EVALS_DIR / "references").glob("*.yaml"))
CASE_FILES = sorted((EVALS_DIR / "cases").glob("*.yaml"))
needs_corpus = pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="shared corpus not present")


def quotes(summary: Summary) -> list[str]:
    """Every string the schema requires to be copied verbatim from the article."""
    found = list(summary.event.evidence)
    for item in [*summary.actors, *summary.stated_motives, *summary.uncertainties]:
        found.extend(item.evidence)
    found.extend(view.quote for view in summary.analyst_views)
    return found


@needs_corpus
def test_every_corpus_article_has_a_reference() -> None:
    manifest = json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
    ids = {article["id"] for article in manifest["articles"]}
    assert ids == {path.stem for path in REFERENCE_FILES}


@needs_corpus
@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda path: path.stem)
def test_reference_quotes_are_verbatim_and_boilerplate_is_real(path: Path) -> None:
    reference = load_reference(path)
    text = (CORPUS_DIR / f"{reference.article}.txt").read_text(encoding="utf-8")
    missing = [quote for quote in quotes(reference.summary) if quote not in text]
    assert missing == []
    # must_not_appear lists what the page really carries, so a leak check can fire.
    absent = [boilerplate for boilerplate in reference.must_not_appear if boilerplate not in text]
    assert absent == []
    assert reference.must_not_appear, "every corpus article has some noise to list"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_fiction_cases_are_labelled_and_verbatim(path: Path) -> None:
    reference = load_reference(path)
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    assert reference.fiction
    assert text.startswith("[FICTION:")
    assert [quote for quote in quotes(reference.summary) if quote not in text] == []
    assert [item for item in reference.must_not_appear if item not in text] == []


def test_fiction_cases_cover_the_edge_cases() -> None:
    summaries = {path.stem: load_reference(path).summary for path in CASE_FILES}
    assert len(summaries) >= 3
    assert any(not summary.analyst_views for summary in summaries.values())
    assert any(
        summary.uncertainties
        and not summary.analyst_views
        and all(item.reason == "unnamed_source" for item in summary.uncertainties[:3])
        for summary in summaries.values()
    )
    assert any(len(summary.analyst_views) >= 2 for summary in summaries.values())
    veloria = (EVALS_DIR / "cases" / "fiction_veloria_rates.txt").read_text(encoding="utf-8")
    # The split quotation: a paragraph opens a quote and does not close it; the next one goes on.
    opened = next(line for line in veloria.splitlines() if line.startswith('"This was the right call'))
    assert opened.count('"') == 1


def test_default_suite_includes_own_cases_and_the_shared_corpus_when_present() -> None:
    dirs = default_corpus_dirs(EVALS_DIR)
    assert dirs[0] == EVALS_DIR / "cases"
    cases = collect_cases(dirs, EVALS_DIR)
    ids = {case.case_id for case in cases}
    assert {path.stem for path in CASE_FILES} <= ids
    if CORPUS_DIR.is_dir():
        assert {path.stem for path in REFERENCE_FILES} <= ids


ALL_CASES = collect_cases(default_corpus_dirs(EVALS_DIR), EVALS_DIR)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda item: item.case_id)
def test_no_reference_item_is_contradicted_or_misattributed(case: EvalCase) -> None:
    """A hand-written reference never says the opposite of its article or gives words to the wrong
    speaker; looser paraphrases may be partial (their rate is in tests/test_meaning_checks.py)."""
    report = ground_summary(case.reference.summary, case.article.text)
    wrong = [
        (item.section, item.label, item.reasons)
        for item in report.items
        if item.verdict in (Verdict.contradicted, Verdict.misattributed)
    ]
    assert wrong == []
