"""Grounding a structured Summary item by item, and what the pipeline does with the result.

``ground_summary`` checks every item's evidence quotes (located in the article), its free-text
fields (names, numbers, dates and content words looked up in the article) and, for analyst
views, who the article says spoke the quote. ``summary_check_for`` turns that into reasons a
model can act on (strict mode re-asks once with them); ``drop_unsupported`` removes what the
article does not support.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field

from ..schema import AnalystView, Summary
from ..text import AnalysedArticle
from .alignment import QuoteAlignment, QuoteLocator
from .claims import ArticleVocabulary, ClaimWords, FlaggedWord, WordKind
from .verdicts import VERDICT_SCORE, Verdict, decide, misattribution, quote_reasons, short, word_reasons

SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties")
DROPPED = frozenset({Verdict.unsupported, Verdict.misattributed})


class ItemGrounding(BaseModel):
    """What the article supports of one summary item."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(description="event, actors, stated_motives, analyst_views or uncertainties.")
    index: int = Field(description="Position in its section (0 for the event).")
    label: str = Field(description="A short name for the item (actor name, claim, ...).")
    verdict: Verdict
    reasons: list[str] = Field(default_factory=list)
    quotes: list[QuoteAlignment] = Field(default_factory=list)
    flagged: list[FlaggedWord] = Field(default_factory=list)
    attributed_to: str | None = Field(
        default=None, description="For an analyst view: who the article says spoke the quote."
    )


class GroundingReport(BaseModel):
    """Item-by-item account of what the article supports, with a score from 0 to 1."""

    model_config = ConfigDict(extra="forbid")

    items: list[ItemGrounding] = Field(default_factory=list)
    score: float = Field(ge=0.0, le=1.0, description="Mean item support: 1 supported, 0.5 partially, 0 not.")

    def of(self, verdict: Verdict) -> list[ItemGrounding]:
        """The items with this verdict."""
        return [item for item in self.items if item.verdict is verdict]


class _Grounder:
    def __init__(self, article: AnalysedArticle) -> None:
        self.article = article
        self.locator = article.layer(QuoteLocator)
        self.vocabulary = article.layer(ArticleVocabulary)

    def item(
        self,
        section: str,
        index: int,
        label: str,
        evidence: list[str],
        fields: dict[str, str | None],
        *,
        names: tuple[str, ...] = (),
        places: tuple[str, ...] = (),
    ) -> ItemGrounding:
        alignments = [self.locator.locate(quote) for quote in evidence]
        words: list[ClaimWords] = []
        for name, value in fields.items():
            if value:
                checked = self.vocabulary.check(value, field_name=name, place=name in places)
                if name in names:
                    # A name field is all name: its missing words are names, however they are cased.
                    checked = _as_names(checked)
                words.append(checked)
        return ItemGrounding(
            section=section,
            index=index,
            label=short(label, 60),
            verdict=decide(alignments, words),
            reasons=quote_reasons(alignments) + word_reasons(words),
            quotes=alignments,
            flagged=[f for checked in words for f in checked.flagged],
        )

    def analyst_view(self, index: int, view: AnalystView) -> ItemGrounding:
        item = self.item(
            "analyst_views",
            index,
            view.analyst,
            [view.quote],
            {"analyst": view.analyst, "affiliation": view.affiliation, "view": view.view},
            names=("analyst",),
        )
        wrong = misattribution(view.analyst, item.quotes[0], self.article.attributions)
        if wrong is None:
            return item
        reason = f"the article attributes this quote to {wrong.speaker}, not to {view.analyst}"
        return item.model_copy(
            update={
                "verdict": decide(item.quotes, [], misattributed_to=wrong),
                "reasons": [reason, *item.reasons],
                "attributed_to": wrong.speaker,
            }
        )


def _as_names(checked: ClaimWords) -> ClaimWords:
    renamed = [
        f.model_copy(update={"kind": WordKind.name}) if f.kind is WordKind.word else f
        for f in checked.flagged
    ]
    return ClaimWords(content=checked.content, strong=max(checked.strong, len(renamed)), flagged=renamed)


def ground_summary(summary: Summary, article: AnalysedArticle | str) -> GroundingReport:
    """Check every item of ``summary`` against the article; see the module docstring."""
    grounder = _Grounder(article if isinstance(article, AnalysedArticle) else AnalysedArticle(article))
    event = summary.event
    items = [
        grounder.item(
            "event",
            0,
            event.what,
            event.evidence,
            {"what": event.what, "where": event.where, "when": event.when},
            places=("where",),
        )
    ]
    for index, actor in enumerate(summary.actors):
        items.append(
            grounder.item(
                "actors",
                index,
                actor.name,
                actor.evidence,
                {"name": actor.name, "role": actor.role},
                names=("name",),
            )
        )
    for index, motive in enumerate(summary.stated_motives):
        items.append(
            grounder.item(
                "stated_motives",
                index,
                f"{motive.actor}: {motive.motive}",
                motive.evidence,
                {"actor": motive.actor, "motive": motive.motive},
                names=("actor",),
            )
        )
    for index, view in enumerate(summary.analyst_views):
        items.append(grounder.analyst_view(index, view))
    for index, uncertainty in enumerate(summary.uncertainties):
        items.append(
            grounder.item(
                "uncertainties",
                index,
                uncertainty.claim,
                uncertainty.evidence,
                {"claim": uncertainty.claim, "attributed_to": uncertainty.attributed_to},
            )
        )
    return GroundingReport(items=items, score=score_of(items))


def score_of(items: list[ItemGrounding]) -> float:
    """Mean item support: 1 supported, 0.5 partially, 0 not."""
    return round(sum(VERDICT_SCORE[item.verdict.value] for item in items) / len(items), 4) if items else 0.0


def unsupported_reasons(report: GroundingReport) -> list[str]:
    """One line per unsupported or misattributed item, phrased so a model can fix it."""
    lines = []
    for item in report.items:
        if item.verdict in DROPPED:
            why = "; ".join(item.reasons) or item.verdict.value
            lines.append(
                f"{item.section}[{item.index}] ({item.label}) is {item.verdict.value}: {why}. "
                "Copy quotes character for character from the article and use only names, numbers "
                "and dates the article gives, or remove the item."
            )
    return lines


def summary_check_for(article: AnalysedArticle) -> Callable[[Summary], list[str]]:
    """A SummaryCheck for engines: the reasons a candidate summary is not grounded (empty: accept)."""

    def check(summary: Summary) -> list[str]:
        return unsupported_reasons(ground_summary(summary, article))

    return check


def drop_unsupported(summary: Summary, report: GroundingReport) -> Summary:
    """Strict mode: remove unsupported and misattributed items (the event stays, whatever its verdict)."""
    dropped: dict[str, set[int]] = {section: set() for section in SECTIONS}
    for item in report.items:
        if item.verdict in DROPPED and item.section != "event":
            dropped[item.section].add(item.index)
    return summary.model_copy(
        update={
            "actors": [a for i, a in enumerate(summary.actors) if i not in dropped["actors"]],
            "stated_motives": [
                m for i, m in enumerate(summary.stated_motives) if i not in dropped["stated_motives"]
            ],
            "analyst_views": [
                v for i, v in enumerate(summary.analyst_views) if i not in dropped["analyst_views"]
            ],
            "uncertainties": [
                u for i, u in enumerate(summary.uncertainties) if i not in dropped["uncertainties"]
            ],
        }
    )
