"""Normalized values and when two can both be true: the equivalences and near misses a
comparison of outlets must get right, each on a sentence of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.article import article_from_text
from summarize.compare.slots import Slot, build_article_slots
from summarize.compare.values import Match, compare_values

DATELINE = "Test headline for a story\n\nVESSEN, Wednesday 10 September 2025 - "


def slots(body: str) -> list[Slot]:
    article = article_from_text(DATELINE + body, "test.txt")
    return article.analysed.layer(build_article_slots).slots


def value_of(body: str, text: str) -> Slot:
    article = DATELINE + body
    found = [slot for slot in slots(body) if slot.span.of(article) == text]
    assert found, [slot.span.of(article) for slot in slots(body)]
    return found[0]


def match(first: tuple[str, str], second: tuple[str, str]) -> Match:
    return compare_values(value_of(*first).value, value_of(*second).value)


def test_a_fortnight_is_fourteen_days_and_conflicts_with_fifteen() -> None:
    fortnight = ("The ceasefire was extended on Saturday for a fortnight.", "a fortnight")
    fifteen = ("The ceasefire was extended on Saturday for 15 days.", "15 days")
    fourteen = ("The ceasefire was extended on Saturday for 14 days.", "14 days")
    assert match(fortnight, fifteen) is Match.different
    assert match(fortnight, fourteen) is Match.same


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            ("Some 7,000 savers lost money.", "Some 7,000 savers"),
            ("About 7000 investors lost money.", "About 7000 investors"),
        ),
        (
            ("Losses reached 140m crowns.", "140m crowns"),
            ("Losses reached 140 million crowns.", "140 million crowns"),
        ),
        (
            ("The inquiry lasted 18 months.", "18 months"),
            ("The inquiry lasted a year and a half.", "a year and a half"),
        ),
        (("He was held for three weeks.", "three weeks"), ("He was held for 21 days.", "21 days")),
    ],
)
def test_the_same_value_in_other_words(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert match(first, second) is Match.same


def test_rounded_figures_and_bounds_are_not_conflicts() -> None:
    rounded = ("It employs about 300 people.", "about 300 people")
    exact = ("It employs 312 people.", "312 people")
    assert match(rounded, exact) is Match.compatible
    per_count = value_of("Each count carries up to five years in prison.", "up to five years")
    total = value_of("He faces up to 175 years in prison on 35 counts of fraud.", "up to 175 years")
    assert per_count.per and not total.per
    assert compare_values(per_count.value, total.value) is not Match.different


def test_a_weekday_is_resolved_against_the_dateline() -> None:
    tuesday = value_of("Maravic was arrested at the airport on Tuesday.", "Tuesday")
    assert tuesday.value.describe() == "9 September 2025"
    friday = value_of("The association will hold a meeting on Friday.", "Friday")
    assert friday.value.describe() == "12 September 2025"
    eighth = ("Maravic was arrested on 8 September.", "8 September")
    assert match(("Maravic was arrested on Tuesday.", "Tuesday"), eighth) is Match.different
    assert (
        match(
            ("Maravic was arrested on Tuesday.", "Tuesday"),
            ("He was arrested on 9 September.", "9 September"),
        )
        is Match.same
    )


def test_dates_at_several_precisions_agree() -> None:
    december = ("Assad was ousted in December 2024.", "December 2024")
    late = ("Assad was ousted in late 2024.", "late 2024")
    year = ("Assad was ousted in 2024.", "2024")
    assert match(december, late) is Match.compatible
    assert match(december, year) is Match.compatible
    assert match(("Assad was ousted in 2023.", "2023"), year) is Match.different


def test_places_transliterations_sites_and_vague_places() -> None:
    hmeimim = ("Equipment was moved to the Hmeimim airbase.", "the Hmeimim airbase")
    khmeimim = ("Equipment was moved to the Khmeimim air base.", "the Khmeimim air base")
    assert match(hmeimim, khmeimim) is Match.same
    airport = ("Police arrested him at Vessen airport.", "Vessen airport")
    home = (
        "Police arrested him at his home in the Lindholm district of Vessen.",
        "his home in the Lindholm district of Vessen",
    )
    assert match(airport, home) is Match.different
    abroad = ("He prepared to fly abroad.", "abroad")
    alba = ("He prepared to fly to Porto Alba.", "Porto Alba")
    assert match(abroad, alba) is Match.compatible


def test_titles_of_different_rank_conflict_but_facets_do_not() -> None:
    chief = ("“It was fraud,” chief prosecutor Lidia Orsen said.", "chief prosecutor")
    deputy = ("“It was fraud,” deputy prosecutor Lidia Orsen said.", "deputy prosecutor")
    assert match(chief, deputy) is Match.different
    founder = ("Teodor Maravic, the founder of Halcyon, was arrested.", "the founder of Halcyon")
    head = ("Teodor Maravic, the head of Halcyon, was arrested.", "the head of Halcyon")
    assert match(founder, head) is Match.compatible


def test_ages_counts_and_money_are_read_with_their_unit() -> None:
    age = value_of("Prosecutors accuse Maravic, 54, of fraud.", "54")
    assert age.kind == "age" and age.holder == "Maravic"
    counted = value_of("Police detained Mr Maravic and two associates.", "Mr Maravic and two associates")
    assert counted.value.describe() == "3 people"
    money = value_of("Its shares fell to 2.10 crowns in early trading.", "2.10 crowns")
    assert money.value.describe() == "2.1 crown" and "early" in money.moments


def test_the_dateline_date_is_the_articles_date_not_a_fact() -> None:
    article = article_from_text(DATELINE + "Police arrested a man on Tuesday.", "test.txt")
    found = article.analysed.layer(build_article_slots)
    assert found.date == dt.date(2025, 9, 10)
    assert [slot.span.of(article.text) for slot in found.slots if slot.kind == "date"] == ["Tuesday"]


def test_rounding_units_and_subordinate_ranks() -> None:
    assert (
        match(("The party won 42% of the vote.", "42%"), ("The party won 41.8% of the vote.", "41.8%"))
        is Match.compatible
    )
    assert (
        match(("The party won 42% of the vote.", "42%"), ("The party won 44% of the vote.", "44%"))
        is Match.different
    )
    assert (
        match(
            ("The quake hit at a depth of 10 km.", "10 km"),
            ("The quake hit at a depth of 10 kilometres.", "10 kilometres"),
        )
        is Match.same
    )
    governor = ("“We will rebuild,” Governor Elsa Varn said.", "Governor")
    deputy = ("“We will rebuild,” deputy governor Elsa Varn said.", "deputy governor")
    assert match(governor, deputy) is Match.different


def test_earlier_readings_totals_and_running_tallies_are_marked() -> None:
    earlier = value_of("The party won 120 seats, up from 98 seats in 2021.", "98 seats")
    assert "earlier" in earlier.moments
    total = value_of("The party won 120 of the parliament's 250 seats.", "250 seats")
    assert "total" in total.moments
    tally = value_of("The death toll has risen to 61 people.", "61 people")
    assert "changing" in tally.moments
    closing = value_of("Its shares closed at 1.65 crowns on Wednesday.", "1.65 crowns")
    assert "close" in closing.moments
