"""More speech the attribution finder reads: asides after a speaker, adjuncts before "that", quotes
running over paragraphs, trailing "according to", "cited ... as saying" and firms named with "&"."""

from __future__ import annotations

import pytest

from summarize.text import AnalysedArticle, Attribution


def reported(text: str) -> list[Attribution]:
    return [a for a in AnalysedArticle(text).attributions if not a.direct]


@pytest.mark.parametrize(
    ("text", "speaker", "clause"),
    [
        (
            "A senior official, speaking on condition of anonymity, said the talks had failed.",
            "A senior official",
            "the talks had failed",
        ),
        (
            "Lena Strand, who runs a bakery near the bridge, said her takings had already fallen.",
            "Lena Strand",
            "her takings had already fallen",
        ),
        (
            "The Ministry of Justice said in a statement that it had suspended the contracts.",
            "The Ministry of Justice",
            "it had suspended the contracts",
        ),
        (
            "Tallberg & Moe said on Monday that repairs should take about four months.",
            "Tallberg & Moe",
            "repairs should take about four months",
        ),
        (
            "The company has struggled to pay contractors, according to one of the people, who asked "
            "not to be named.",
            "one of the people",
            "The company has struggled to pay contractors",
        ),
        (
            "Part of the contingent was expected to move to the coast, Reuters’ sources said.",
            "Reuters’ sources",
            "Part of the contingent was expected to move to the coast",
        ),
        (
            "The daily cited an unidentified source as saying that the base could soon be closed.",
            "an unidentified source",
            "the base could soon be closed",
        ),
    ],
)
def test_reported_speech_speakers_and_clauses(text: str, speaker: str, clause: str) -> None:
    (item,) = reported(text)
    assert (item.speaker, item.quote) == (speaker, clause)


def test_who_asked_not_to_be_named_is_not_a_speaker() -> None:
    text = "A person close to the case, who asked not to be named, said charges may follow."
    assert [(a.speaker, a.quote) for a in reported(text)] == [
        ("A person close to the case", "charges may follow")
    ]


def test_a_quote_inside_a_reported_clause_belongs_to_the_reporting_speaker() -> None:
    text = (
        'One worker, who declined to give his name, said managers had told staff to expect "a long winter".'
    )
    items = AnalysedArticle(text).attributions
    assert {a.speaker for a in items} == {"One worker"}
    clause = next(a for a in items if not a.direct).quote
    assert clause == 'managers had told staff to expect "a long winter"'  # the closing mark is kept


def test_a_quote_running_over_two_paragraphs_is_spoken_by_the_next_paragraphs_speaker() -> None:
    text = (
        "Economists were divided.\n\n"
        '"This was the right call. Prices are still climbing.\n\n'
        '"The bank has finally shown it is serious," said Mira Example, an economist at Example Bank.\n'
    )
    first = next(a for a in AnalysedArticle(text).attributions if a.quote.startswith("This was"))
    assert first.direct and first.speaker == "Mira Example"
    assert first.quote == "This was the right call. Prices are still climbing."


def test_a_subject_with_an_appositive_gives_a_later_he_said_its_title() -> None:
    text = 'Paul Example, an economist at the University of Ostrava, disagreed. "It is wrong," he said.'
    (item,) = AnalysedArticle(text).attributions
    assert (item.speaker, item.title, item.affiliation) == (
        "Paul Example",
        "economist",
        "University of Ostrava",
    )
