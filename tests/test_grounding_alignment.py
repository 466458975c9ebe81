"""locate_quote: every status, elided quotes, and offsets into the original text in any script."""

from __future__ import annotations

import unicodedata

import pytest

from summarize.grounding import AlignmentStatus, QuoteAlignment, QuoteLocator, locate_quote
from summarize.text import AnalysedArticle
from summarize.text.fold import normalize_with_offsets

ARTICLE = (
    "Russian troops evacuated Qamishli airbase in the country’s north this week.\n\n"
    "“I’d be careful of framing this as Russia simply ‘losing’ the Middle East,” said Dr HA Hellyer.\n"
    "Russia is stretched elsewhere and is having to be more selective about where it puts its resources.\n"
    "The base – long a logistics hub – had been used since 2019.   It had   many   spaces.\n"
)


def test_exact() -> None:
    found = locate_quote("evacuated Qamishli airbase", ARTICLE)
    assert found.status is AlignmentStatus.exact
    assert _text(found, ARTICLE) == "evacuated Qamishli airbase"
    assert found.similarity == 1.0


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("I'd be careful of framing this as Russia simply 'losing' the Middle East", "I’d be careful"),
        ("RUSSIAN TROOPS EVACUATED QAMISHLI AIRBASE", "Russian troops"),
        ("The base - long a logistics hub - had been used since 2019", "The base –"),
        ("It had many spaces", "It had   many"),
        ("Russian troops evacuated\nQamishli airbase", "Russian troops"),
    ],
)
def test_normalized(quote: str, expected: str) -> None:
    found = locate_quote(quote, ARTICLE)
    assert found.status is AlignmentStatus.normalized
    assert found.span is not None
    assert ARTICLE[found.span.start :].startswith(expected)
    # The span ends on the last matched character, not on the next one.
    assert ARTICLE[found.span.end - 1].isalnum() or ARTICLE[found.span.end - 1] in "’'"


def test_fuzzy_reports_similarity_and_a_word_aligned_span() -> None:
    found = locate_quote(
        "Russia is stretched elsewhere and has to be more selective about where it puts resources", ARTICLE
    )
    assert found.status is AlignmentStatus.fuzzy
    assert 0.86 <= found.similarity < 1.0
    assert _text(found, ARTICLE) == (
        "Russia is stretched elsewhere and is having to be more selective about where it puts its resources"
    )


@pytest.mark.parametrize(
    "quote", ["The Kremlin denied everything in a statement on Tuesday night", "", "   "]
)
def test_not_found(quote: str) -> None:
    found = locate_quote(quote, ARTICLE)
    assert found.status is AlignmentStatus.not_found
    assert found.span is None
    assert not found.found


@pytest.mark.parametrize("ellipsis", ["...", "…", " [...] ", " … "])
def test_elided_quote_is_located_part_by_part_in_order(ellipsis: str) -> None:
    quote = f"Russia is stretched elsewhere{ellipsis}where it puts its resources"
    found = locate_quote(quote, ARTICLE)
    assert found.status is AlignmentStatus.exact
    assert [p.status for p in found.parts] == [AlignmentStatus.exact, AlignmentStatus.exact]
    assert _text(found, ARTICLE).startswith("Russia is stretched")
    assert _text(found, ARTICLE).endswith("its resources")


def test_elided_parts_out_of_order_are_not_found() -> None:
    found = locate_quote("where it puts its resources … Russia is stretched elsewhere", ARTICLE)
    assert found.status is AlignmentStatus.not_found
    assert [p.found for p in found.parts] == [True, False]


def test_elided_part_status_is_the_worst_of_its_parts() -> None:
    found = locate_quote("RUSSIA IS STRETCHED ELSEWHERE … where it puts its resources", ARTICLE)
    assert found.status is AlignmentStatus.normalized


SCRIPTS = {
    "cjk": ("俄罗斯军队撤离了卡米什利空军基地。分析人士说，这是战术性撤退。", "这是战术性撤退"),
    "arabic": ("انسحبت القوات الروسية من قاعدة القامشلي الجوية هذا الأسبوع.", "قاعدة القامشلي الجوية"),
    "emoji": ("Troops 🇷🇺👨‍👩‍👧 left 🚁 the base ✈️ today, witnesses said.", "left 🚁 the base ✈️ today"),
    "combining": (
        "Le cafe\u0301 de Qamishli a fermé; l’e\u0301quipe est partie.",
        "l’e\u0301quipe est partie",
    ),
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_offsets_are_exact_in_every_script(script: str) -> None:
    text, quote = SCRIPTS[script]
    padded = "🙂 ü̈ 中文 " * 3 + text  # astral and combining characters before the quote shift naive offsets
    found = locate_quote(quote, padded)
    assert found.status is AlignmentStatus.exact
    assert _text(found, padded) == quote


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_normalized_offsets_map_back_in_every_script(script: str) -> None:
    text, quote = SCRIPTS[script]
    padded = "🙂 ü̈ 中文 " * 3 + text
    # The same quote in the other Unicode normalization form, with doubled spaces.
    variant = unicodedata.normalize("NFC" if script == "combining" else "NFD", quote).replace(" ", "  ")
    found = locate_quote(variant, padded)
    assert found.status in {AlignmentStatus.exact, AlignmentStatus.normalized}
    assert unicodedata.normalize("NFC", _text(found, padded)) == unicodedata.normalize("NFC", quote)


def test_fuzzy_offsets_in_cjk() -> None:
    text, _ = SCRIPTS["cjk"]
    padded = "🙂🙂 " + text
    found = QuoteLocator(AnalysedArticle(padded), fuzzy_threshold=0.8).locate("分析人士说，这是战略性撤退")
    assert found.status is AlignmentStatus.fuzzy
    assert _text(found, padded) == "分析人士说，这是战术性撤退"


def test_normalization_map_covers_every_character() -> None:
    text = "A\u00a0“B”—C…  e\u0301 ß"
    normalized = normalize_with_offsets(text)
    assert normalized.text == 'a "b"-c... é ss'
    assert len(normalized.starts) == len(normalized.text) == len(normalized.ends)
    start, end = normalized.original_span(normalized.text.index("é"), normalized.text.index("é") + 1)
    assert text[start:end] == "e\u0301"


def test_search_after_an_offset_finds_the_later_occurrence() -> None:
    text = "the base. the base."
    locator = QuoteLocator(AnalysedArticle(text))
    assert _start(locator.locate("the base")) == 0
    assert _start(locator.locate("the base", after=3)) == 10


def _text(found: QuoteAlignment, text: str) -> str:
    assert found.span is not None, f"not found: {found.quote!r}"
    return found.span.of(text)


def _start(found: QuoteAlignment) -> int:
    assert found.span is not None
    return found.span.start
