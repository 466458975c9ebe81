"""The review page: one self-contained HTML file showing what the article supports of a summary.

The article is shown whole, each evidence and quote span highlighted and coloured by the worst
verdict of the items citing it; the items are listed most severe first, each a button that
selects its spans and scrolls to them. Nothing is loaded from anywhere: the style sheet and the
script are inlined, and a Content-Security-Policy allows exactly those two (by hash) and nothing
else, so even text that escaped escaping could neither run nor fetch.

Every value from the article, the model or the run is escaped by the template (jinja2
autoescape); none is ever put into the script, a URL or an attribute other than as escaped text.
The script reads only ids and classes this module generates.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from ..grounding import REJECTED, AlignmentStatus, CheckResult, Verdict
from ..result import SummaryResult
from ..text import Span
from .items import VERDICT_ORDER, ReviewItem, by_severity, items_from_check, items_from_summary
from .segments import segment_text

ASSETS = Path(__file__).resolve().parent
STATUS_TEXT = {
    AlignmentStatus.exact: "found (exact)",
    AlignmentStatus.normalized: "found (after normalizing case, quote marks, dashes and spaces)",
    AlignmentStatus.fuzzy: "found approximately",
    AlignmentStatus.not_found: "not found in the article",
}


@dataclass
class LocatedSpan:
    """One distinct span of the article, and the items citing it (as evidence or as a quote)."""

    id: str
    span: Span
    items: list[str] = field(default_factory=list)
    verdicts: list[Verdict | None] = field(default_factory=list)
    quote: bool = False


@dataclass(frozen=True)
class ItemView:
    """A ``ReviewItem`` with the page ids of its spans."""

    id: str
    item: ReviewItem
    spans: list[str]
    quote_spans: list[list[str]]
    evidence_spans: list[str]

    @property
    def verdict_class(self) -> str:
        return verdict_class(self.item.verdict)

    @property
    def verdict_text(self) -> str:
        return verdict_text(self.item.verdict)


@dataclass(frozen=True)
class SegmentView:
    """A run of article text: plain, or highlighted for the spans and items covering it."""

    html: Markup
    anchors: list[str]
    spans: list[str]
    items: list[str]
    worst: Verdict | None
    quote: bool

    @property
    def verdict(self) -> str:
        return verdict_class(self.worst)

    @property
    def description(self) -> str:
        """The mark's tooltip: the verdict in words, as colour is not the only signal."""
        cited = "quoted" if self.quote else "evidence"
        return f"{verdict_text(self.worst)} ({cited}, cited by {len(self.items)} item(s))"


def verdict_class(verdict: Verdict | None) -> str:
    """The CSS class of a verdict: ``v-supported``, ..., ``v-unchecked`` when grounding was off."""
    return f"v-{verdict.value if verdict else 'unchecked'}"


def verdict_text(verdict: Verdict | None) -> str:
    """A verdict in words, as the page writes it next to every colour."""
    return verdict.value.replace("_", " ") if verdict else "not checked"


def render_review_page(
    article_text: str, result: SummaryResult | CheckResult, *, source: str | None = None
) -> str:
    """The review page for ``result`` (a summary or a free-text check) of ``article_text``."""
    if isinstance(result, SummaryResult):
        items = items_from_summary(result)
        source = source or result.metadata.source
        facts = _summary_facts(result)
        notices = list(result.metadata.notices)
        if result.grounding is None:
            notices.append("grounding was off for this run: no verdicts, nothing highlighted")
    else:
        items = items_from_check(result)
        facts = [
            ("verdict", verdict_text(Verdict(result.verdict))),
            ("score", f"{result.score:.2f}"),
            ("claims", str(len(result.claims))),
        ]
        notices = []
    views, located, dropped = _locate(by_severity(items), len(article_text))
    if dropped:
        notices.append(
            f"{dropped} span(s) lie outside this article's text and are not shown: "
            "is this the article the summary was checked against?"
        )
    counts = [
        (verdict_class(v), verdict_text(v), n)
        for v in VERDICT_ORDER
        if (n := sum(1 for view in views if view.item.verdict is v))
    ]
    missing = sum(1 for item in items for q in item.quotes if q.status is AlignmentStatus.not_found)
    css, script = _asset("review.css"), _asset("review.js")
    return _template().render(
        title=source or "summary",
        facts=facts,
        notices=notices,
        counts=counts,
        missing_quotes=missing,
        groups=_groups(views),
        segments=_segments(article_text, located),
        located=len(located),
        status_text=STATUS_TEXT,
        css=Markup(css),
        script=Markup(script),
        csp=_policy(css, script),
    )


def _groups(views: list[ItemView]) -> list[tuple[str, list[ItemView]]]:
    """Items needing attention (rejected) first, then the rest; empty groups left out."""
    rejected = [view for view in views if view.item.verdict in REJECTED]
    rest = [view for view in views if view.item.verdict not in REJECTED]
    groups = [("Needs attention", rejected), ("Other items" if rejected else "Items", rest)]
    return [(heading, group) for heading, group in groups if group]


def _summary_facts(result: SummaryResult) -> list[tuple[str, str]]:
    meta = result.metadata
    facts = [("engine", meta.engine), ("model", meta.model), ("grounding", meta.grounding_mode)]
    if result.grounding is not None:
        facts.append(("score", f"{result.grounding.score:.2f}"))
    if meta.page is not None:
        facts += [
            (name, value) for name, value in (("page", meta.page.title), ("url", meta.page.url)) if value
        ]
    return facts


def _locate(items: list[ReviewItem], length: int) -> tuple[list[ItemView], list[LocatedSpan], int]:
    """Give every distinct valid span an id (s1, s2, ... in article order) and each item its ids."""
    cited: list[tuple[Span, int, bool]] = []
    for number, item in enumerate(items):
        for quote in item.quotes:
            cited.extend((span, number, True) for span in quote.spans)
        cited.extend((span, number, False) for span in item.evidence)
    valid = [c for c in cited if 0 <= c[0].start < c[0].end <= length]
    dropped = len(cited) - len(valid)
    located: dict[Span, LocatedSpan] = {}
    for position, span in enumerate(sorted({c[0] for c in valid})):
        located[span] = LocatedSpan(f"s{position + 1}", span)
    for span, number, is_quote in valid:
        entry = located[span]
        if f"i{number}" not in entry.items:
            entry.items.append(f"i{number}")
            entry.verdicts.append(items[number].verdict)
        entry.quote |= is_quote

    def ids(spans: Iterable[Span]) -> list[str]:
        return [located[s].id for s in spans if s in located]

    views = []
    for number, item in enumerate(items):
        quote_spans = [ids(q.spans) for q in item.quotes]
        evidence = ids(item.evidence)
        every = sorted({s for q in item.quotes for s in q.spans} | set(item.evidence))
        views.append(ItemView(f"i{number}", item, ids(every), quote_spans, evidence))
    return views, list(located.values()), dropped


def _segments(text: str, located: list[LocatedSpan]) -> list[SegmentView]:
    starts: dict[int, list[str]] = {}
    for entry in located:
        starts.setdefault(entry.span.start, []).append(entry.id)
    segments = []
    for segment in segment_text(len(text), [entry.span for entry in located]):
        covering = [located[i] for i in segment.covering]
        # Items are numbered most severe first, so the first listed is the one to show on a click.
        items = sorted({item for entry in covering for item in entry.items}, key=lambda i: int(i[1:]))
        worst = min((v for e in covering for v in e.verdicts), key=VERDICT_ORDER.index, default=None)
        segments.append(
            SegmentView(
                html=_escape_text(text[segment.start : segment.end]),
                anchors=starts.get(segment.start, []),
                spans=[entry.id for entry in covering],
                items=items,
                worst=worst,
                quote=any(entry.quote for entry in covering),
            )
        )
    return segments


def _escape_text(text: str) -> Markup:
    # A raw CR would be folded into the following LF by the HTML parser; as a reference it stays,
    # so the page's text is the article's, offset for offset.
    return Markup(str(escape(text)).replace("\r", "&#13;"))


@cache
def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    if "</" in text:  # would close the inline <style> or <script> element early
        raise ValueError(f"{name} must not contain '</'")
    return text


@cache
def _policy(css: str, script: str) -> str:
    """Nothing but the page's own inline style sheet and script, matched by their hashes."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    return (
        f"default-src 'none'; style-src {digest(css)}; script-src {digest(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


@cache
def _template_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(ASSETS),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _template() -> Template:
    return _template_environment().get_template("page.html.j2")
