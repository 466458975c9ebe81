"""Article and model text in the Markdown report shows as text: no HTML, links or remote images run.

Each injection string is put in every field of a summary; the report is rendered with a real
CommonMark renderer (markdown-it-py, raw HTML allowed as in most viewers), and the rendered HTML
may hold only the report's own tags, with no attributes at all, while the string still reads
character for character.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from summarize.markdown import render_markdown
from summarize.markdown_escape import escape_markdown
from summarize.result import RunMetadata, SummaryResult, TokenUsage
from summarize.schema import Summary

INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<img src=x onerror=alert(document.cookie)>",
    "[click me](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "![tracker](https://evil.example/pixel.png)",
    "![alt][ref]\n\n[ref]: https://evil.example/pixel.png",
    "<https://evil.example/autolink>",
    "<javascript:alert(1)>",
    "<a href='javascript:alert(1)'>link</a>",
    "<iframe src='https://evil.example'></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "<!-- hidden --><b>bold</b>",
    "**bold** _em_ `code` ~~strike~~",
    "line one\n\n# Fake heading\n\n- fake item",
    "\n```\ncode fence\n```\n",
    "> fake quote\n> more",
    "| a | b |\n|---|---|\n| c | d |",
    "1. ordered\n2. list",
    "text\\<script>alert(1)</script>",
    "[link](<javascript:alert(1)>)",
    '<div onmouseover="alert(1)">hover</div>',
]

# The tags the report itself produces; anything else came from the injected text.
REPORT_TAGS = {"h1", "h2", "p", "ul", "li", "strong", "em", "blockquote", "br"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _rendered(markdown: str) -> _Tags:
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    return parser


def _summary(text: str) -> Summary:
    return Summary.model_validate(
        {
            "event": {"what": text, "where": text, "when": text, "evidence": [text]},
            "actors": [{"name": text, "kind": "person", "role": text, "evidence": [text]}],
            "stated_motives": [{"actor": text, "motive": text, "stated_by": "actor", "evidence": [text]}],
            "analyst_views": [{"analyst": text, "affiliation": text, "view": text, "quote": text}],
            "uncertainties": [
                {"claim": text, "reason": "unnamed_source", "attributed_to": text, "evidence": [text]}
            ],
        }
    )


def _result(text: str) -> SummaryResult:
    metadata = RunMetadata(
        source="page.html",
        engine="rules",
        model=text,
        mode=None,
        prompt_version=None,
        tool_version="0",
        grounding_mode="off",
        usage=TokenUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0, requests=0),
        attempts=1,
        reasks=0,
        seconds=0.0,
    )
    return SummaryResult(summary=_summary(text), metadata=metadata)


@pytest.mark.parametrize("injection", INJECTIONS)
def test_injected_text_renders_as_text(injection: str) -> None:
    rendered = _rendered(render_markdown(_result(injection)))
    for tag, attrs in rendered.tags:
        assert tag in REPORT_TAGS and attrs == [], (tag, attrs)
    # Every field still reads as the original characters (whitespace runs become one space).
    flat = " ".join(injection.split())
    assert flat in "".join(rendered.text)


@pytest.mark.parametrize("injection", INJECTIONS)
def test_escaped_text_is_one_inert_line(injection: str) -> None:
    escaped = escape_markdown(injection)
    assert "\n" not in escaped and "<" not in escaped and ">" not in escaped
    parser = _rendered(escaped)
    assert [tag for tag, _ in parser.tags] in ([], ["p"])
    assert "".join(parser.text).strip() == " ".join(injection.split())


def test_ordinary_text_stays_readable_in_the_markdown_source() -> None:
    assert escape_markdown("Russia left Qamishli (a base), officials said!") == (
        "Russia left Qamishli (a base), officials said!"
    )
    assert escape_markdown("AT&T's 5% rise - and 3 > 2") == "AT&amp;T's 5% rise - and 3 &gt; 2"
