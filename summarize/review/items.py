"""What the review page lists: summary items or checked claims, one shape for both.

A ``ReviewItem`` is what a reviewer reads about one item: its verdict and reasons, its quotes
(found or not: a quote that was not found stays on the page, marked as such) and the article
spans it was checked against. Items come from a ``SummaryResult`` (structured summary) or a
``CheckResult`` (free-text check); the page never looks at either directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grounding import AlignmentStatus, CheckResult, QuoteAlignment, Verdict
from ..grounding.verdicts import short
from ..result import SummaryResult
from ..schema import Summary
from ..text import Span

# Most severe first: the page lists items in this order, unchecked ones last.
VERDICT_ORDER: tuple[Verdict | None, ...] = (
    Verdict.contradicted,
    Verdict.misattributed,
    Verdict.unsupported,
    Verdict.partially_supported,
    Verdict.supported,
    None,
)
SECTION_NAMES = {
    "event": "Event",
    "actors": "Actor",
    "stated_motives": "Stated motive",
    "analyst_views": "Analyst view",
    "uncertainties": "Uncertainty",
    "statements": "Statement",
    "claims": "Claim",
}


@dataclass(frozen=True, slots=True)
class ReviewQuote:
    """A quote as given, how it was found, and where (empty ``spans`` when not found)."""

    text: str
    status: AlignmentStatus
    similarity: float
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One summary item or claim, with everything the page shows about it."""

    section: str
    index: int
    label: str
    detail: str
    verdict: Verdict | None
    reasons: tuple[str, ...]
    quotes: tuple[ReviewQuote, ...]
    evidence: tuple[Span, ...]
    attributed_to: str | None = None

    @property
    def title(self) -> str:
        """The item's place in the summary, numbered from 1: "Event", "Actor 3", "Claim 2"."""
        name = SECTION_NAMES.get(self.section, self.section)
        return name if self.section == "event" else f"{name} {self.index + 1}"


def review_quote(alignment: QuoteAlignment) -> ReviewQuote:
    """A located quote; an elided quote ("a ... b") is highlighted part by part."""
    spans: tuple[Span, ...] = ()
    if alignment.found and alignment.span is not None:
        parts = tuple(p.span for p in alignment.parts if p.span is not None)
        spans = parts if alignment.parts and len(parts) == len(alignment.parts) else (alignment.span,)
    return ReviewQuote(alignment.quote, alignment.status, alignment.similarity, spans)


def items_from_summary(result: SummaryResult) -> list[ReviewItem]:
    """Every item of a structured summary, with its grounding when the run grounded it."""
    summary = result.summary
    if result.grounding is None:
        return [
            ReviewItem(section, index, short(detail, 60), detail, None, (), (), ())
            for section, index, detail in _summary_items(summary)
        ]
    details = {(section, index): detail for section, index, detail in _summary_items(summary)}
    return [
        ReviewItem(
            section=item.section,
            index=item.index,
            label=item.label,
            detail=details.get((item.section, item.index), item.label),
            verdict=item.verdict,
            reasons=tuple(item.reasons),
            quotes=tuple(review_quote(q) for q in item.quotes),
            evidence=tuple(item.evidence),
            attributed_to=item.attributed_to,
        )
        for item in result.grounding.items
    ]


def items_from_check(result: CheckResult) -> list[ReviewItem]:
    """Every claim of a free-text check."""
    return [
        ReviewItem(
            section="claims",
            index=index,
            label=short(claim.claim, 60),
            detail=claim.claim,
            verdict=claim.verdict,
            reasons=tuple(claim.reasons),
            quotes=tuple(review_quote(q) for q in claim.quotes),
            evidence=tuple(claim.evidence),
            attributed_to=claim.attributed_to,
        )
        for index, claim in enumerate(result.claims)
    ]


def by_severity(items: list[ReviewItem]) -> list[ReviewItem]:
    """Rejected items first (contradicted, misattributed, unsupported), then partial, then supported."""
    return sorted(items, key=lambda item: VERDICT_ORDER.index(item.verdict))


def _summary_items(summary: Summary) -> list[tuple[str, int, str]]:
    """(section, index, one readable line) for every item of a summary."""
    event = summary.event
    facts = "; ".join(f for f in (event.where, event.when) if f)
    rows = [("event", 0, f"{event.what} ({facts})" if facts else event.what)]
    rows += [("actors", i, f"{a.name}: {a.role}") for i, a in enumerate(summary.actors)]
    rows += [("stated_motives", i, f"{m.actor}: {m.motive}") for i, m in enumerate(summary.stated_motives)]
    rows += [
        ("analyst_views", i, f"{v.analyst}{f' ({v.affiliation})' if v.affiliation else ''}: {v.view}")
        for i, v in enumerate(summary.analyst_views)
    ]
    rows += [
        ("uncertainties", i, f"{u.claim}{f' (attributed to {u.attributed_to})' if u.attributed_to else ''}")
        for i, u in enumerate(summary.uncertainties)
    ]
    rows += [("statements", i, f"{s.speaker}: {s.text}") for i, s in enumerate(summary.statements)]
    return rows
