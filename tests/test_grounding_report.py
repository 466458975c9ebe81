"""ground_summary, the Grounder and drop_unsupported on the corpus fixtures: every verdict, with
the reasons and the evidence a reviewer sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.grounding import (
    Grounder,
    GroundingReport,
    ItemGrounding,
    Verdict,
    check_claim,
    drop_unsupported,
    ground_summary,
)
from summarize.schema import Summary
from summarize.text import AnalysedArticle

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qamishli"
FIXTURES = ROOT / "tests" / "fixtures" / "grounding"

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")


def load(article_id: str) -> tuple[Summary, AnalysedArticle]:
    summary = Summary.model_validate_json((FIXTURES / f"{article_id}.json").read_text(encoding="utf-8"))
    return summary, AnalysedArticle((CORPUS / f"{article_id}.txt").read_text(encoding="utf-8"))


def item_of(report: GroundingReport, section: str, index: int) -> ItemGrounding:
    return next(i for i in report.items if i.section == section and i.index == index)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_known_good_summaries_are_not_rejected(path: Path) -> None:
    summary, article = load(path.stem)
    report = ground_summary(summary, article)
    rejected = [
        (i.section, i.index, i.reasons)
        for i in report.items
        if i.verdict not in (Verdict.supported, Verdict.partially_supported)
    ]
    assert rejected == []
    assert all(q.span is not None for item in report.items for q in item.quotes)
    # Every item names the article passages it was checked against.
    assert all(item.evidence for item in report.items)


def test_fabricated_quote_is_unsupported_and_a_missing_second_quote_is_partial() -> None:
    summary, article = load("002_1d2bac3a4efa2572")
    summary.actors[0].evidence = ["Peskov denied that any troops were leaving Syria"]
    summary.event.evidence.append("The Kremlin confirmed the pull-out in a statement on Friday")
    report = ground_summary(summary, article)
    assert item_of(report, "actors", 0).verdict is Verdict.unsupported
    assert item_of(report, "event", 0).verdict is Verdict.partially_supported
    assert 0 < report.score < 1


def test_a_number_moved_from_another_fact_is_contradicted_with_the_article_s_value() -> None:
    summary, article = load("002_1d2bac3a4efa2572")
    summary.uncertainties[1].claim = "US efforts to fly an estimated 9,000 IS militants to Iraq."
    report = ground_summary(summary, article)
    item = item_of(report, "uncertainties", 1)
    assert item.verdict is Verdict.contradicted
    assert any("7,000" in reason for reason in item.reasons)


def test_a_name_not_in_the_article_is_unsupported() -> None:
    summary, article = load("002_1d2bac3a4efa2572")
    summary.actors[2].name = "Brett McGurk"
    item = item_of(ground_summary(summary, article), "actors", 2)
    assert item.verdict is Verdict.unsupported
    assert any("McGurk" in reason and "not in the article" in reason for reason in item.reasons)


def test_quote_given_to_another_analyst_is_misattributed() -> None:
    summary, article = load("000_1ac071ef24be8291")
    summary.analyst_views[0].analyst = "Caroline Rose"  # Hellyer's words
    item = item_of(ground_summary(summary, article), "analyst_views", 0)
    assert item.verdict is Verdict.misattributed
    assert item.attributed_to == "HA Hellyer"
    assert "HA Hellyer" in item.reasons[0]


def test_a_claim_mostly_absent_from_its_evidence_is_unsupported() -> None:
    summary, article = load("001_e633f8b8a2fc3933")
    summary.uncertainties[0].claim = "Observers speculate Moscow intends permanent abandonment everywhere."
    assert item_of(ground_summary(summary, article), "uncertainties", 0).verdict is Verdict.unsupported


def test_a_flipped_negation_and_a_hedge_stated_as_fact_are_caught() -> None:
    article = AnalysedArticle((CORPUS / "001_e633f8b8a2fc3933.txt").read_text(encoding="utf-8"))
    faithful = check_claim(article, "Bridzhe said the Qamishli air base is not needed anymore.")
    flipped = check_claim(article, "Bridzhe said the Qamishli air base is still needed.")
    hedged = check_claim(
        article, "The withdrawal signals an end to Russia's presence at the northeastern base."
    )
    assert faithful.verdict is Verdict.supported
    assert flipped.verdict is Verdict.contradicted
    assert hedged.verdict is Verdict.unsupported and "states it as fact" in hedged.reasons[0]
    # The verdict names its evidence: the article's own sentence.
    assert "not needed anymore" in faithful.evidence[0].of(article.text)


def test_grounder_reasons_and_pruning_share_one_report() -> None:
    summary, article = load("000_1ac071ef24be8291")
    grounder = Grounder(article)
    assert grounder.reasons(summary) == []
    summary.analyst_views[1].quote = "Russia will be back in Qamishli within a year"
    summary.actors[1].evidence = ["President Ahmed al-Sharaa ordered the Russians out"]
    summary.event.evidence = ["Russia has closed every base it had in Syria"]
    reasons = grounder.reasons(summary)
    assert len(reasons) == 3
    assert any(r.startswith("analyst_views[1] (Caroline Rose) is unsupported") for r in reasons)
    report = grounder.report(summary)
    assert grounder.report(summary) is report  # grounded once, read many times
    kept, pruned_report, dropped = grounder.prune(summary)
    assert dropped == 2
    assert [a.name for a in kept.actors] == ["Russia", "Syrian Democratic Forces"]
    assert [v.analyst for v in kept.analyst_views] == ["HA Hellyer", "Rob Geist Pinfold"]
    # The event cannot be dropped: it stays, and the report keeps its verdict.
    assert kept.event == summary.event
    assert item_of(pruned_report, "event", 0).verdict is Verdict.unsupported
    # The pruned report is the first report filtered and re-indexed, not a second grounding.
    assert [(i.section, i.index) for i in pruned_report.items if i.section == "analyst_views"] == [
        ("analyst_views", 0),
        ("analyst_views", 1),
    ]
    assert drop_unsupported(summary, report) == kept


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Russian troops have been stationed at Qamishli airport since 2019.", Verdict.supported),
        ("US efforts to fly an estimated 7000 IS militants to Iraq.", Verdict.supported),  # 7,000
        ("Russia wants to retain its base at Khmeimim.", Verdict.supported),  # the article spells it Hmeimim
        ("Russian troops have been stationed at Qamishli airport since 2014.", Verdict.contradicted),
        ("Mardasov said Russia left.", Verdict.unsupported),  # no Mardasov in this article
    ],
)
def test_claim_words_are_forgiven_where_the_fact_is_the_same(claim: str, verdict: Verdict) -> None:
    article = AnalysedArticle((CORPUS / "002_1d2bac3a4efa2572.txt").read_text(encoding="utf-8"))
    assert check_claim(article, claim).verdict is verdict
