"""The text layer's layout, segmenter and name keys, on made-up page text (no corpus needed)."""

from __future__ import annotations

from summarize.text import AnalysedArticle
from summarize.text.layout import is_furniture
from summarize.text.names import token_key

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
    layout = AnalysedArticle(PAGE).layout
    assert layout.headline is not None
    assert layout.headline.of(PAGE) == "Rebels Seize Port City After Week of Fighting"
    assert [p.of(PAGE)[:12] for p in layout.body] == ["Aden, Yemen ", "The governor"]
    assert layout.dateline is not None and layout.dateline.of(PAGE) == "Aden, Yemen"
    dropped = " ".join(span.of(PAGE) for span in layout.dropped)
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
    text = (
        "Mr. Smith met Dr. H. A. Jones in the U.S. on Jan. 5. They talked. 他们说。好的！\n"
        "“We stay. We fight,” he said. Then   they left."
    )
    spans = AnalysedArticle(text).sentences
    assert [s.of(text) for s in spans] == [
        "Mr. Smith met Dr. H. A. Jones in the U.S. on Jan. 5.",
        "They talked.",
        "他们说。",
        "好的！",
        "“We stay. We fight,” he said.",  # never split inside a quotation
        "Then   they left.",
    ]


def test_transliterations_share_a_key() -> None:
    assert token_key("Khmeimim") == token_key("Hmeimim")
    assert token_key("al‑Sharaa’s") == token_key("Sharaa")
    assert token_key("Tartous") == token_key("Tartus")
    assert token_key("Moscow") != token_key("Damascus")
