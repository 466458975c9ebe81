"""ground_summary, summary_check_for and drop_unsupported on the corpus fixtures: every verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.grounding import (
    GroundingReport,
    Verdict,
    WordKind,
    drop_unsupported,
    ground_summary,
    summary_check_for,
)
from summarize.grounding.claims import ArticleVocabulary
from summarize.schema import Summary
from summarize.text import AnalysedArticle

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
FIXTURES = ROOT / "tests" / "fixtures" / "grounding"


def load(article_id: str) -> tuple[Summary, str]:
    summary = Summary.model_validate_json((FIXTURES / f"{article_id}.json").read_text(encoding="utf-8"))
    return summary, (CORPUS / f"{article_id}.txt").read_text(encoding="utf-8")


def verdict_of(report: GroundingReport, section: str, index: int) -> Verdict:
    return next(i.verdict for i in report.items if i.section == section and i.index == index)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_known_good_summaries_are_fully_supported(path: Path) -> None:
    summary, article = load(path.stem)
    report = ground_summary(summary, article)
    assert [(i.section, i.index, i.reasons) for i in report.items if i.verdict is not Verdict.supported] == []
    assert report.score == 1.0
    assert all(q.span is not None for item in report.items for q in item.quotes)


def test_fabricated_quote_is_unsupported_and_a_missing_second_quote_is_partial() -> None:
    summary, article = load("002_1d2bac3a4efa2572")
    summary.actors[0].evidence = ["Peskov denied that any troops were leaving Syria"]
    summary.event.evidence.append("The Kremlin confirmed the pull-out in a statement on Friday")
    report = ground_summary(summary, article)
    assert verdict_of(report, "actors", 0) is Verdict.unsupported
    assert verdict_of(report, "event", 0) is Verdict.partially_supported
    assert 0 < report.score < 1


def test_changed_number_and_name_are_flagged_with_their_kind() -> None:
    summary, article = load("002_1d2bac3a4efa2572")
    summary.uncertainties[1].claim = "US efforts to fly an estimated 9,000 IS militants to Iraq."
    summary.actors[2].name = "Brett McGurk"
    report = ground_summary(summary, article)
    assert verdict_of(report, "uncertainties", 1) is Verdict.unsupported
    item = next(i for i in report.items if i.section == "uncertainties" and i.index == 1)
    assert [(f.word, f.kind) for f in item.flagged] == [("9,000", WordKind.number)]
    actor = next(i for i in report.items if i.section == "actors" and i.index == 2)
    assert actor.verdict is Verdict.unsupported
    assert {f.word for f in actor.flagged} == {"Brett", "McGurk"}
    assert all(f.kind is WordKind.name for f in actor.flagged)


def test_quote_given_to_another_analyst_is_misattributed() -> None:
    summary, article = load("000_1ac071ef24be8291")
    summary.analyst_views[0].analyst = "Caroline Rose"  # Hellyer's words
    report = ground_summary(summary, article)
    item = next(i for i in report.items if i.section == "analyst_views" and i.index == 0)
    assert item.verdict is Verdict.misattributed
    assert item.attributed_to == "HA Hellyer"
    assert "HA Hellyer" in item.reasons[0]


def test_loose_paraphrase_is_partially_supported() -> None:
    summary, article = load("001_e633f8b8a2fc3933")
    summary.uncertainties[0].claim = "Observers speculate Moscow intends permanent abandonment everywhere."
    report = ground_summary(summary, article)
    assert verdict_of(report, "uncertainties", 0) is Verdict.partially_supported


def test_summary_check_reasons_and_drop_unsupported() -> None:
    summary, article = load("000_1ac071ef24be8291")
    assert summary_check_for(article)(summary) == []
    summary.analyst_views[1].quote = "Russia will be back in Qamishli within a year"
    summary.actors[1].evidence = ["President Ahmed al-Sharaa ordered the Russians out"]
    summary.event.evidence = ["Russia has closed every base it had in Syria"]
    reasons = summary_check_for(article)(summary)
    assert len(reasons) == 3
    assert any(r.startswith("analyst_views[1] (Caroline Rose) is unsupported") for r in reasons)
    report = ground_summary(summary, article)
    kept = drop_unsupported(summary, report)
    assert [a.name for a in kept.actors] == ["Russia", "Syrian Democratic Forces"]
    assert [v.analyst for v in kept.analyst_views] == ["HA Hellyer", "Rob Geist Pinfold"]
    # The event cannot be dropped: it stays, and the report keeps its verdict.
    assert kept.event == summary.event
    assert verdict_of(report, "event", 0) is Verdict.unsupported


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        ("Russia withdrew its troops from Qamishli airport on 27 January", []),  # Jan 27 / withdrawal
        ("US efforts to fly an estimated 7000 IS militants to Iraq", []),  # 7,000
        ("Russia has a base at Khmeimim", []),  # the article spells it Hmeimim
        ("Fifteen Russian helicopters left", ["Fifteen", "helicopters", "left"]),
        ("Mardasov said Russia left", ["Mardasov", "left"]),
        ("Putin met Sharaa on Tuesday in March", ["met", "Tuesday", "March"]),
        ("The Kurds say Iranian drones struck", ["Iranian", "drones", "struck"]),
    ],
)
def test_claim_word_normalization(claim: str, missing: list[str]) -> None:
    vocabulary = ArticleVocabulary(
        AnalysedArticle((CORPUS / "002_1d2bac3a4efa2572.txt").read_text(encoding="utf-8"))
    )
    assert [f.word for f in vocabulary.check(claim).flagged] == missing
