"""The attribution finder names the right speaker for each quotation, on synthetic text and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.text import AnalysedArticle, Attribution, Span, attribution_at
from summarize.text.names import same_name

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "qamishli"


def find_attributions(text: str) -> list[Attribution]:
    """Every attribution of ``text``, as the shared analysis finds them."""
    return AnalysedArticle(text).attributions


def speaker_of(text: str, quote_start: str) -> Attribution:
    """The attribution of the direct quote that begins with ``quote_start``."""
    for item in find_attributions(text):
        if item.direct and item.quote.startswith(quote_start):
            return item
    raise AssertionError(f"no direct quote starting {quote_start!r}")


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "“We will stay,” said Jane Doe, a fellow at the Example Institute.",
            "We will stay",
            "Jane Doe",
            "said",
        ),
        ("“We will stay,” Jane Doe said.", "We will stay", "Jane Doe", "said"),
        ('Jane Doe said: "We will stay."', "We will stay", "Jane Doe", "said"),
        ("Jane Doe said the plan was “a bad idea” for everyone.", "a bad idea", "Jane Doe", "said"),
        (
            "Prices rose because “demand is high”, according to a market trader.",
            "demand",
            "a market trader",
            "according to",
        ),
        ("Relations have been “lukewarm” since the war, analysts said.", "lukewarm", "analysts", "said"),
        ("“We will stay,” John Roe told Reuters.", "We will stay", "John Roe", "told"),
        (
            "The paper cited an unnamed official as saying “nothing is decided”.",
            "nothing",
            "an unnamed official",
            "cited as saying",
        ),
        ("« Nous restons », a dit Marie Curie.", "Nous restons", None, ""),
    ],
)
def test_direct_quote_cues(text: str, quote: str, speaker: str | None, cue: str) -> None:
    found = speaker_of(text, quote)
    assert found.speaker == speaker
    assert found.cue == cue
    assert found.span.of(text) == found.quote
    if speaker is not None:
        assert found.speaker_span is not None
        assert speaker.split()[-1] in found.speaker_span.of(text) or found.cue == "said"


def test_title_before_name_and_pronoun_and_short_name_resolve_to_the_full_name() -> None:
    text = (
        "“It is over,” political analyst Dmitry Example said on Monday.\n\n"
        "“They are leaving,” Example told a TV channel.\n\n"
        "“Nothing is left,” he added.\n"
    )
    items = [a for a in find_attributions(text) if a.direct]
    assert [a.speaker for a in items] == ["Dmitry Example"] * 3
    assert items[0].title == "political analyst"
    assert [a.speaker_span.of(text) if a.speaker_span else "" for a in items] == [
        "Dmitry Example",
        "Example",
        "he",
    ]


def test_appositive_gives_title_and_affiliation() -> None:
    text = "Jane Doe, a Syria expert at the New Lines Institute, said “the base is gone”."
    found = speaker_of(text, "the base")
    assert (found.speaker, found.title, found.affiliation) == (
        "Jane Doe",
        "Syria expert",
        "New Lines Institute",
    )


def test_quote_opening_a_paragraph_with_no_cue_continues_the_previous_speaker() -> None:
    text = (
        "“First part,” said Jane Doe, an analyst.\n\n“Second part without any cue.”\n\nThe weather was “odd”."
    )
    assert speaker_of(text, "Second part").speaker == "Jane Doe"
    assert speaker_of(text, "Second part").cue == "previous sentence"
    # A scare quote in the middle of a narrative sentence is nobody's.
    assert speaker_of(text, "odd").speaker is None


def test_reported_speech_without_quote_marks() -> None:
    text = "However, John Roe, an expert at the Example Council, said Russia had lost its role as a mediator."
    items = [a for a in find_attributions(text) if not a.direct]
    assert len(items) == 1
    assert items[0].speaker == "John Roe"
    assert items[0].affiliation == "Example Council"
    assert items[0].quote == "Russia had lost its role as a mediator"


def test_told_listener_is_not_the_speaker() -> None:
    text = "Syrian sources told Reuters that the withdrawal includes the airport."
    (item,) = find_attributions(text)
    assert item.speaker == "Syrian sources"
    assert item.quote == "the withdrawal includes the airport"


def test_trailing_reported_cue() -> None:
    text = "The two sides agreed on Saturday to extend a ceasefire for 15 days, Reuters said."
    (item,) = find_attributions(text)
    assert (item.speaker, item.direct) == ("Reuters", False)
    assert item.quote == "The two sides agreed on Saturday to extend a ceasefire for 15 days"


def test_apostrophes_are_not_quotes_and_offsets_hold_in_other_scripts() -> None:
    text = "Russia’s army left. 🇸🇾 “مرحبا بكم” said Ahmad Example. 中文 “你好，世界” Li Wei said."
    arabic = speaker_of(text, "مرحبا")
    chinese = speaker_of(text, "你好")
    assert arabic.span.of(text) == "مرحبا بكم"
    assert arabic.speaker == "Ahmad Example"
    assert chinese.span.of(text) == "你好，世界"
    assert chinese.speaker == "Li Wei"
    assert all(a.quote != "s army left. 🇸🇾 " for a in find_attributions(text))


def test_same_name() -> None:
    assert same_name("Dr HA Hellyer", "H.A. Hellyer")
    assert same_name("Mr Omar", "Abdulkarim Omar")
    assert same_name("Hmeimim", "Khmeimim")
    assert same_name("al\u2011Sharaa", "Ahmed al-Sharaa")
    assert same_name("SDF", "Syrian Democratic Forces")
    assert not same_name("Syrian", "Syrian Democratic Forces")
    assert not same_name("Caroline Rose", "Rob Geist Pinfold")
    assert not same_name("Russia", "Belarus")
    assert not same_name("", "Rose")


def test_attribution_at_prefers_the_direct_quote_inside_a_reported_clause() -> None:
    text = "Jane Doe said the move showed “a degree of resilience” in the end."
    items = find_attributions(text)
    start = text.index("a degree")
    found = attribution_at(items, Span(start, start + len("a degree of resilience")))
    assert found is not None and found.direct and found.speaker == "Jane Doe"
    assert attribution_at(items, Span(0, 4)) is None


# -- the real corpus: every named analyst quote goes to the right person -------------------------

CORPUS_SPEAKERS = [
    ("000_1ac071ef24be8291.txt", "I’d be careful", "HA Hellyer", "Center for American Progress"),
    ("000_1ac071ef24be8291.txt", "What we’re seeing", "HA Hellyer", "Center for American Progress"),
    ("000_1ac071ef24be8291.txt", "Moscow’s influence is more limited", "HA Hellyer", None),
    (
        "000_1ac071ef24be8291.txt",
        "Russia’s withdrawal from Qamishli indicates",
        "Caroline Rose",
        "New Lines Institute",
    ),
    ("000_1ac071ef24be8291.txt", "clear that the Russians", "Caroline Rose", None),
    ("000_1ac071ef24be8291.txt", "likely part of an unfolding", "Rob Geist Pinfold", "King’s College London"),
    ("000_1ac071ef24be8291.txt", "The base was there", "Rob Geist Pinfold", None),
    ("000_1ac071ef24be8291.txt", "there’s nothing for them", "a Syrian source", None),
    ("000_1ac071ef24be8291.txt", "lukewarm", "analysts", None),
    ("001_e633f8b8a2fc3933.txt", "The decision is made", "Dmitry Bridzhe", None),
    ("001_e633f8b8a2fc3933.txt", "Russia’s two other bases", "Dmitry Bridzhe", None),
    ("001_e633f8b8a2fc3933.txt", "Now there is no need", "Dmitry Bridzhe", None),
    ("002_1d2bac3a4efa2572.txt", "I have no doubt", "Dmitry Peskov", None),
    ("002_1d2bac3a4efa2572.txt", "Russia wants to retain", "Abdulkarim Omar", None),
    ("002_1d2bac3a4efa2572.txt", "Al-Sharaa is reaching", "Abdulkarim Omar", None),
    ("002_1d2bac3a4efa2572.txt", "We don’t really care", "A member of the US-trained Kurdish forces", None),
    ("003_e4e09b1ddf54181a.txt", "there’s nothing for them", "an unidentified Syrian source", None),
]


@pytest.mark.parametrize(("file", "quote", "speaker", "affiliation"), CORPUS_SPEAKERS)
def test_corpus_speakers(file: str, quote: str, speaker: str, affiliation: str | None) -> None:
    text = (CORPUS / file).read_text(encoding="utf-8")
    found = speaker_of(text, quote)
    assert found.speaker == speaker
    if affiliation is not None:
        assert found.affiliation == affiliation


def test_corpus_reported_speech_of_analysts() -> None:
    text = (CORPUS / "003_e4e09b1ddf54181a.txt").read_text(encoding="utf-8")
    reported = [a for a in find_attributions(text) if not a.direct and a.speaker == "Anton Mardasov"]
    assert len(reported) == 1
    assert reported[0].affiliation == "Russian International Affairs Council"
    assert reported[0].quote.startswith("Russia had lost its role as a regional mediator")


def test_two_people_with_one_surname_stay_apart() -> None:
    text = "“One,” said Ahmad Example.\n“Two,” said Li Example.\n“Three,” Example said."
    speakers = [a.speaker for a in find_attributions(text) if a.direct]
    # The bare surname goes to the most recent full name that carries it.
    assert speakers == ["Ahmad Example", "Li Example", "Li Example"]
