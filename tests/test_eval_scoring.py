"""Scoring a summary against a reference: matching, names, judges, leaks, sanity of the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.errors import ConfigError
from summarize.evaluation.judges import LexicalJudge, create_judge
from summarize.evaluation.matching import SECTIONS, SummaryMatcher, assign_one_to_one
from summarize.evaluation.metrics import SectionScore, find_leaks
from summarize.evaluation.names import NameMatcher
from summarize.evaluation.references import EvalCase, collect_cases, default_corpus_dirs, load_alias_groups
from summarize.evaluation.runner import score_summary
from summarize.schema import Summary

EVALS_DIR = Path(__file__).resolve().parent.parent / "evals"
CASES = collect_cases(default_corpus_dirs(EVALS_DIR), EVALS_DIR)
NAMES = NameMatcher(load_alias_groups(EVALS_DIR / "aliases.yaml"))
MATCHER = SummaryMatcher(LexicalJudge(), NAMES)


def case(case_id: str) -> EvalCase:
    return next(item for item in CASES if item.case_id == case_id)


@pytest.mark.parametrize("item", CASES, ids=lambda item: item.case_id)
def test_a_reference_scored_against_itself_is_perfect(item: EvalCase) -> None:
    sections, leaks = score_summary(item, item.reference.summary, MATCHER)
    for name in SECTIONS:
        score = sections[name]
        if score.reference:
            assert score.f1 == 1.0, name
        else:
            assert score.f1 is None, name
    assert leaks == []


def wrong_summary() -> Summary:
    """A fluent, schema-valid summary of a different story."""
    return Summary.model_validate(
        {
            "event": {
                "what": "A football club sacked its coach after a heavy defeat in the cup final.",
                "where": "Manchester",
                "when": "Sunday",
                "evidence": ["sacked"],
            },
            "actors": [
                {
                    "name": "Manchester Rovers",
                    "kind": "organization",
                    "role": "sacked the coach",
                    "evidence": ["sacked"],
                }
            ],
            "stated_motives": [
                {
                    "actor": "Manchester Rovers",
                    "motive": "Fans demanded change after five losses.",
                    "stated_by": "reporter",
                    "evidence": ["losses"],
                }
            ],
            "analyst_views": [
                {
                    "analyst": "Jane Pundit",
                    "affiliation": "Sky",
                    "view": "The coach was unlucky.",
                    "quote": "He was unlucky",
                }
            ],
            "uncertainties": [
                {
                    "claim": "The club may appoint a former player next week.",
                    "reason": "speculative",
                    "evidence": ["next week"],
                }
            ],
        }
    )


@pytest.mark.parametrize("item", CASES, ids=lambda item: item.case_id)
def test_a_summary_of_another_story_scores_zero(item: EvalCase) -> None:
    sections, _ = score_summary(item, wrong_summary(), MATCHER)
    assert all(sections[name].matched == 0 for name in SECTIONS)


def test_a_summary_with_swapped_claims_scores_low_not_zero() -> None:
    reference = case("fiction_kestrel_mine").reference.summary
    # Right event, but motives and uncertainties replaced by claims the article does not make.
    altered = reference.model_copy(
        update={
            "uncertainties": [
                reference.uncertainties[0].model_copy(update={"claim": "Gold prices hit a record high."})
            ],
            "stated_motives": [
                reference.stated_motives[0].model_copy(update={"motive": "Shareholders want a merger."})
            ],
        }
    )
    sections, _ = score_summary(case("fiction_kestrel_mine"), altered, MATCHER)
    assert sections["event"].f1 == 1.0
    assert sections["stated_motives"].matched == 0
    assert sections["uncertainties"].matched == 0
    assert sections["uncertainties"].recall == 0.0


def test_copying_a_boilerplate_block_counts_as_a_leak() -> None:
    item = case("fiction_norrvik_bridge")
    leaky = item.reference.summary.model_copy(deep=True)
    leaky.actors[0].evidence.append("Subscribe to the Norrvik Gazette for just 1 krona a week.")
    _, leaks = score_summary(item, leaky, MATCHER)
    assert leaks == ["Subscribe to the Norrvik Gazette for just 1 krona a week."]


def test_leaks_ignore_case_and_punctuation_but_need_the_whole_phrase() -> None:
    summary = case("fiction_norrvik_bridge").reference.summary.model_copy(deep=True)
    summary.event.what = "SUBSCRIBE to the Norrvik Gazette — for just 1 krona a week"
    assert find_leaks(summary, ["Subscribe to the Norrvik Gazette for just 1 krona a week."]) != []
    summary.event.what = "The Norrvik Gazette reported the closure."
    assert find_leaks(summary, ["Subscribe to the Norrvik Gazette for just 1 krona a week."]) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hmeimim", "Khmeimim air base"),
        ("Hmeimim airbase", "Khmeimim"),
        ("al-Sharaa", "Ahmed al-Sharaa"),
        ("Mr Al-Sharaa", "Ahmed al\u2011Sharaa"),
        ("President Ahmed al-Sharaa", "Ahmed al-Sharaa"),
        ("Hellyer", "Dr HA Hellyer"),
        ("SDF", "Syrian Democratic Forces (SDF)"),
        ("Moscow", "Russia"),
        ("Caroline  Rose", "caroline rose"),
    ],
)
def test_names_match_through_normalization_and_aliases(first: str, second: str) -> None:
    assert NAMES.same(first, second)
    assert NAMES.same(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Syrian", "Syrian Democratic Forces"),
        ("Bashar al-Assad", "Ahmed al-Sharaa"),
        ("Russia", "Syrian government"),
        ("Caroline Rose", "Rob Geist Pinfold"),
        ("", "Russia"),
    ],
)
def test_different_names_do_not_match(first: str, second: str) -> None:
    assert not NAMES.same(first, second)


def test_assignment_is_one_to_one_and_maximizes_matches() -> None:
    # Greedy would give row 0 the 0.9 column and leave row 1 without a partner.
    pairs = assign_one_to_one([[0.9, 0.8], [0.85, None]])
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (1, 0)]
    assert assign_one_to_one([[None, None]]) == []
    assert assign_one_to_one([]) == []
    # More predictions than references: each reference item is matched at most once.
    assert len(assign_one_to_one([[1.0], [1.0], [1.0]])) == 1


def test_duplicate_predictions_lower_precision_not_recall() -> None:
    item = case("fiction_veloria_rates")
    doubled = item.reference.summary.model_copy(deep=True)
    doubled.actors = doubled.actors + doubled.actors
    sections, _ = score_summary(item, doubled, MATCHER)
    assert sections["actors"].recall == 1.0
    assert sections["actors"].precision == 0.5


def test_an_analyst_listed_as_an_actor_is_not_a_false_positive() -> None:
    item = case("fiction_veloria_rates")
    summary = item.reference.summary.model_copy(deep=True)
    summary.actors.append(summary.actors[0].model_copy(update={"name": "Mira Okafor"}))
    sections, _ = score_summary(item, summary, MATCHER)
    assert sections["actors"].precision == 1.0


def test_section_score_arithmetic() -> None:
    assert SectionScore(matched=2, predicted=4, reference=2).f1 == pytest.approx(2 / 3)
    assert SectionScore(matched=0, predicted=3, reference=0).f1 == 0.0
    assert SectionScore(matched=0, predicted=0, reference=2).f1 == 0.0
    assert SectionScore().f1 is None


def test_lexical_judge_is_deterministic_and_thresholded() -> None:
    judge = LexicalJudge()
    same = judge.similarity(
        "Russia withdrew its troops from the Qamishli base.",
        "Russian troops were withdrawn from Qamishli base by Russia",
    )
    different = judge.similarity(
        "Russia withdrew its troops from the Qamishli base.", "Inflation in Veloria fell to 3 percent."
    )
    assert same >= judge.threshold > different
    assert judge.similarity("", "anything") == 0.0


def test_the_llm_judge_needs_an_engine_that_can_judge() -> None:
    with pytest.raises(ConfigError, match="llm judge"):
        create_judge("llm", object())
    with pytest.raises(ConfigError, match="unknown judge"):
        create_judge("psychic")


class CountingAsker:
    """Stands in for an engine that can answer "same fact?"; says yes when the texts share a word."""

    def __init__(self) -> None:
        self.calls = 0

    def same_fact(self, first: str, second: str) -> bool:
        self.calls += 1
        return bool(set(first.lower().split()) & set(second.lower().split()))


def test_the_llm_judge_asks_once_per_pair_and_thresholds_the_answer() -> None:
    asker = CountingAsker()
    judge = create_judge("llm", asker)
    assert judge.similarity("Rates rose", "rates went up") >= judge.threshold
    assert judge.similarity("Rates rose", "rates went up") >= judge.threshold
    assert judge.similarity("Rates rose", "Bridge closed") < judge.threshold
    assert judge.similarity("", "Bridge closed") == 0.0
    assert asker.calls == 2
