"""The review page (``--format html``) without a browser: segments, text, order, escaping, CLI.

The HTML is parsed with the standard library's HTML parser (the same tokenizer rules as a
browser for what matters here): the article's text must come back offset for offset, every
highlight must name the spans covering it, and no article or model text may become markup.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli import cli
from summarize.commands.check import check_command
from summarize.grounding import (
    AlignmentStatus,
    GroundingReport,
    ItemGrounding,
    QuoteAlignment,
    Verdict,
    check_summary_text,
)
from summarize.result import SummaryResult
from summarize.review import render_review_page
from summarize.review.items import review_quote
from summarize.review.page import ASSETS
from summarize.review.segments import segment_text
from summarize.text import Span
from tests.review_pages import INJECTIONS, injected_article, injected_result, located_spans

# The page's own elements; anything else came from the article or the model.
PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "dl", "div", "dt", "dd",
    "p", "span", "mark", "main", "nav", "ol", "ul", "li", "button", "q", "a", "strong", "article",
    "script",
}  # fmt: skip
SPAN_ID = re.compile(r"s\d+")


class _Page(HTMLParser):
    """Tags, attributes, the article's text and each highlight's text, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.article: list[str] = []
        self.marks: list[tuple[list[str], str]] = []
        self.anchors: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_article = False
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "article" and attributes.get("id") == "article":
            self._in_article = True
        elif self._in_article and tag == "mark":
            self._mark = (attributes.get("data-spans") or "").split()
            self.marks.append((self._mark, ""))
        elif self._in_article and tag == "span" and attributes.get("class") == "anchor":
            self.anchors.append(attributes.get("id") or "")
        if tag not in ("meta",):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        if tag == "mark":
            self._mark = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        where = self.stack[-1] if self.stack else ""
        if where == "script":
            self.scripts.append(data)
        elif where == "style":
            self.styles.append(data)
        else:
            self.text.append(data)
        if self._in_article:
            self.article.append(data)
            if self._mark is not None:
                spans, text = self.marks[-1]
                self.marks[-1] = (spans, text + data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _report(items: list[ItemGrounding]) -> GroundingReport:
    return GroundingReport(items=items, score=0.5)


def _result_with(article: str, items: list[ItemGrounding]) -> SummaryResult:
    base = injected_result(injected_article("x"), "x")
    return base.model_copy(update={"grounding": _report(items)})


# -- segments ---------------------------------------------------------------------------------


def test_segments_rebuild_the_text_and_name_every_covering_span() -> None:
    rng = random.Random(15)
    for _ in range(200):
        length = rng.randint(1, 60)
        spans = [Span(a, b) for a, b in (sorted(rng.sample(range(length + 1), 2)) for _ in range(6))]
        segments = segment_text(length, spans)
        assert segments[0].start == 0 and segments[-1].end == length
        assert all(a.end == b.start for a, b in pairwise(segments))
        for segment in segments:
            for offset in range(segment.start, segment.end):
                covering = tuple(i for i, s in enumerate(spans) if s.covers(offset))
                assert segment.covering == covering


def test_nested_identical_and_crossing_spans() -> None:
    spans = [Span(2, 8), Span(4, 6), Span(4, 6), Span(5, 10)]
    assert [(s.start, s.end, s.covering) for s in segment_text(12, spans)] == [
        (0, 2, ()),
        (2, 4, (0,)),
        (4, 5, (0, 1, 2)),
        (5, 6, (0, 1, 2, 3)),
        (6, 8, (0, 3)),
        (8, 10, (3,)),
        (10, 12, ()),
    ]


def test_an_elided_quote_is_highlighted_part_by_part() -> None:
    parts = [
        QuoteAlignment(quote="a b", status=AlignmentStatus.exact, span=Span(0, 3), similarity=1.0),
        QuoteAlignment(quote="e f", status=AlignmentStatus.exact, span=Span(8, 11), similarity=1.0),
    ]
    whole = QuoteAlignment(
        quote="a b ... e f", status=AlignmentStatus.exact, span=Span(0, 11), similarity=1.0, parts=parts
    )
    assert review_quote(whole).spans == (Span(0, 3), Span(8, 11))


# -- the page ---------------------------------------------------------------------------------


def test_the_article_reads_back_offset_for_offset_and_every_span_is_highlighted_in_order() -> None:
    article = injected_article("<b>bold</b>")
    result = injected_result(article, "<b>bold</b>")
    page = parse(render_review_page(article, result))
    assert "".join(page.article) == article  # CRLF, emoji, CJK and combining marks included
    spans = located_spans(result, article)
    assert page.anchors == [f"s{n + 1}" for n in range(len(spans))]
    for number, span in enumerate(spans):
        text = "".join(t for ids, t in page.marks if f"s{number + 1}" in ids)
        assert text == span.of(article)


def test_rejected_items_come_first_with_their_reasons() -> None:
    article = injected_article("x")
    result = injected_result(article, "x")
    html = render_review_page(article, result)
    order = re.findall(r'<span class="badge v-(\w+)">', html.split('<main class="layout">')[1])
    assert order == [
        "contradicted",
        "misattributed",
        "unsupported",
        "partially_supported",
        "supported",
        "supported",
    ]
    assert html.index("Needs attention (3)") < html.index("Other items (3)")
    assert html.count("claim: x") == 6


def test_quotes_not_found_are_shown_as_such() -> None:
    article = injected_article("x")
    html = render_review_page(article, injected_result(article, "x"))
    assert html.count('<strong class="not-found">not found in the article</strong>') == 6
    assert html.count("<q>x (made up)</q>") == 6
    assert "6 quote(s) not found" in html


def test_spans_outside_the_article_are_reported_not_rendered() -> None:
    article = "Short article."
    item = ItemGrounding(
        section="event", index=0, label="e", verdict=Verdict.supported, evidence=[Span(0, 5), Span(3, 400)]
    )
    page = parse(render_review_page(article, _result_with(article, [item])))
    assert page.anchors == ["s1"]
    assert any("1 span(s) lie outside this article" in t for t in page.text)


def test_grounding_off_lists_items_unchecked() -> None:
    article = injected_article("x")
    result = injected_result(article, "x").model_copy(update={"grounding": None})
    html = render_review_page(article, result)
    assert "grounding was off for this run" in html
    assert html.count('<span class="badge v-unchecked">not checked</span>') == 6
    assert parse(html).anchors == []


def test_the_policy_allows_exactly_the_inline_style_and_script() -> None:
    page = parse(render_review_page("An article.", _result_with("An article.", [])))
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert policy is not None

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert page.styles == [(ASSETS / "review.css").read_text(encoding="utf-8")]
    assert page.scripts == [(ASSETS / "review.js").read_text(encoding="utf-8")]
    assert f"style-src '{digest(page.styles[0])}'" in policy
    assert f"script-src '{digest(page.scripts[0])}'" in policy
    assert "default-src 'none'" in policy


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injected_text_stays_text(payload: str) -> None:
    article = injected_article(payload)
    page = parse(render_review_page(article, injected_result(article, payload)))
    for tag, attributes in page.tags:
        assert tag in PAGE_TAGS, tag
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert tag != "a" or SPAN_ID.fullmatch((attributes.get("href") or "#")[1:]), attributes
    assert [t for t, _ in page.tags].count("script") == 1
    assert "".join(page.article) == article
    text = "".join(page.text)
    assert text.count(payload) >= 30  # labels, details, reasons, quotes, attribution, title, notice


def test_a_checked_summary_page_lists_its_claims() -> None:
    article = "The minister resigned on Monday. She said: “I am leaving politics.”"
    result = check_summary_text(article, "The minister resigned on Tuesday. She said “I will stay”.")
    page = parse(render_review_page(article, result, source="article.txt"))
    assert "".join(page.article) == article
    assert any(t.strip() == "Claim 1" for t in page.text)
    assert sum(t.strip() in ("contradicted", "unsupported") for t in page.text) >= 1


# -- the commands -----------------------------------------------------------------------------


def test_summarize_format_html(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "Officials said the bridge in Norrvik would close on Monday for repairs.\n\n"
        "“The bridge is no longer safe,” said Anna Berg, the city engineer.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    printed = runner.invoke(cli, ["run", str(article), "--engine", "rules", "--format", "html"])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout.startswith("<!DOCTYPE html>")
    out = tmp_path / "out"
    written = runner.invoke(
        cli, ["run", str(article), str(article), "--engine", "rules", "--format", "html", "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in out.iterdir()) == ["story-2.html", "story.html"]
    several = runner.invoke(cli, ["run", str(article), str(article), "--engine", "rules", "--format", "html"])
    assert several.exit_code == 2
    assert "--out" in several.output


def test_check_format_html(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("The bridge in Norrvik closed on Monday for repairs.\n", encoding="utf-8")
    summary = tmp_path / "summary.txt"
    summary.write_text("The bridge closed on Friday.\n", encoding="utf-8")
    result = CliRunner().invoke(check_command, [str(article), str(summary), "--format", "html"])
    assert result.exit_code == 0, result.output
    page = parse(result.stdout)
    assert "".join(page.article) == article.read_text(encoding="utf-8")
    assert any("Review: " in t for t in page.text)
