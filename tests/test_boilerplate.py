"""Boilerplate filtering and sentence splitting, on made-up page text (no corpus needed)."""

from __future__ import annotations

from summarize.extractive.boilerplate import is_furniture, lay_out
from summarize.extractive.names import normalize_name
from summarize.extractive.sentences import split_lines, split_sentences

PAGE = """Support Our Newsroom!

Rebels Seize Port City After Week of Fighting

Photo: A fighter in the port (Photo: Jane Doe/Getty)

Aden, Yemen – Rebels seized the port city of Aden on Tuesday, officials said. Mr. Smith told reporters the U.S. was watching.

The governor fled to the capital.

Your next read

Why the war matters

Sign up for our free weekly newsletter

Tags

Rebels seize port city after week of fighting.
"""


def test_page_furniture_is_dropped_and_the_story_kept() -> None:
    layout = lay_out(split_lines(PAGE))
    assert layout.headline is not None
    assert layout.headline.text == "Rebels Seize Port City After Week of Fighting"
    assert [p.text[:12] for p in layout.body] == ["Aden, Yemen ", "The governor"]
    assert layout.dateline is not None and layout.dateline.text == "Aden, Yemen"
    dropped = " ".join(span.text for span in layout.dropped)
    for furniture in ("Support Our Newsroom!", "Your next read", "Why the war matters", "Tags", "Photo:"):
        assert furniture in dropped
    # The headline repeated at the foot of the page is not a body paragraph.
    assert "Rebels seize port city after week of fighting." in dropped


def test_reader_appeals_are_furniture_but_reporting_is_not() -> None:
    assert is_furniture(
        "Your support, no matter how small, makes a difference. If you can, please support us."
    )
    assert is_furniture("Subscribers agree to the Privacy Policy")
    assert not is_furniture("The ministry said it would support the ceasefire announced on Monday.")
    assert not is_furniture("“We will not leave,” the commander told our correspondent.")


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "Mr. Smith met Dr. H. A. Jones in the U.S. on Jan. 5. They talked. 他们说。好的！"
    spans = [span for line in split_lines(text) for span in split_sentences(text, line)]
    assert [s.text for s in spans] == [
        "Mr. Smith met Dr. H. A. Jones in the U.S. on Jan. 5.",
        "They talked.",
        "他们说。",
        "好的！",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_transliterations_share_a_key() -> None:
    assert normalize_name("Khmeimim") == normalize_name("Hmeimim")
    assert normalize_name("al‑Sharaa’s") == normalize_name("Sharaa")
    assert normalize_name("Tartous") == normalize_name("Tartus")
    assert normalize_name("Moscow") != normalize_name("Damascus")
