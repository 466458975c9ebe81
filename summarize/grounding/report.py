"""Grounding a structured Summary item by item: every free-text field is a claim checked against
the evidence the item cites, with the one claim checker (``claims.check_claim``).

- event: what happened, where and when, against the event's evidence;
- actors: the actor named in its role, against its evidence;
- stated motives: the motive against its evidence, and the actor named in the article;
- analyst views: the quote located and given to the analyst by the article, and the view
  against what the article attributes to that analyst;
- uncertainties: the claim against its evidence (its hedges need not be repeated), and its
  source named there;
- statements: the words located in the article and given to the speaker there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from pydantic import BaseModel, ConfigDict, Field

from ..schema import Summary
from ..text import AnalysedArticle, Span
from .alignment import QuoteAlignment
from .claims import ClaimCheck, ClaimJudge
from .claims import check_claim as _check_claim
from .meaning import PHRASE, Policy
from .verdicts import REJECTED, VERDICT_SCORE, Verdict, short, worst

# An uncertainty is hedged by kind; a motive is a stated reason (its cause is the item itself, and
# an analyst's hedge goes with the analyst); a view is an opinion attributed to its analyst.
HEDGED = Policy(hedges=False)
STATED_REASON = Policy(hedges=False, causes=False, local_names=False)
OPINION = Policy(hedges=False, coverage_rejects=False)

SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties", "statements")


class ItemGrounding(BaseModel):
    """What the article supports of one summary item."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(
        description="event, actors, stated_motives, analyst_views, uncertainties or statements."
    )
    index: int = Field(description="Position in its section (0 for the event).")
    label: str = Field(description="A short name for the item (actor name, claim, ...).")
    verdict: Verdict
    reasons: list[str] = Field(default_factory=list)
    quotes: list[QuoteAlignment] = Field(default_factory=list)
    evidence: list[Span] = Field(
        default_factory=list, description="The article passages the item was checked against."
    )
    attributed_to: str | None = Field(
        default=None, description="For a quote: who the article says spoke it, when not the item's speaker."
    )
    suspicious: bool = Field(
        default=False,
        description="True when the item's evidence holds text addressed to a language model (a planted "
        "instruction): the article may have tried to steer the summary.",
    )


class GroundingReport(BaseModel):
    """Item-by-item account of what the article supports, with a score from 0 to 1."""

    model_config = ConfigDict(extra="forbid")

    items: list[ItemGrounding] = Field(default_factory=list)
    score: float = Field(ge=0.0, le=1.0, description="Mean item support: 1 supported, 0.5 partially, 0 not.")

    def of(self, verdict: Verdict) -> list[ItemGrounding]:
        """The items with this verdict."""
        return [item for item in self.items if item.verdict is verdict]


def _item(
    section: str, index: int, label: str, checks: dict[str, ClaimCheck], planted: Sequence[Span] = ()
) -> ItemGrounding:
    """One item from the checks of its fields (the first field carries the item's quotes);
    ``planted`` are the article's sentences addressed to a model."""
    reasons: list[str] = []
    for name, check in checks.items():
        reasons.extend(f"{name}: {reason}" for reason in check.reasons)
    first = next(iter(checks.values()))
    evidence: list[Span] = []
    for check in checks.values():
        evidence.extend(span for span in check.evidence if span not in evidence)
    attributed = next((c.attributed_to for c in checks.values() if c.attributed_to), None)
    touched = [q.span for q in first.quotes if q.span is not None] + evidence
    suspicious = any(span.overlap(plant) for span in touched for plant in planted)
    if suspicious:
        reasons.insert(0, "its evidence holds text addressed to a language model (a planted instruction)")
    return ItemGrounding(
        section=section,
        index=index,
        label=short(label, 60),
        verdict=worst([check.verdict for check in checks.values()]),
        reasons=list(dict.fromkeys(reasons)),
        quotes=first.quotes,
        evidence=sorted(evidence),
        attributed_to=attributed,
        suspicious=suspicious,
    )


def ground_summary(
    summary: Summary, article: AnalysedArticle | str, *, judge: ClaimJudge | None = None
) -> GroundingReport:
    """Check every item of ``summary`` against the article; see the module docstring. With a
    ``judge`` (``--judge llm``), the judge decides each claim field against its evidence window."""
    if not isinstance(article, AnalysedArticle):
        article = AnalysedArticle(article)
    check_claim = partial(_check_claim, judge=judge)
    planted = article.instructions
    event = summary.event
    event_checks = {"what": check_claim(article, event.what, quotes=event.evidence)}
    for name, value in (("where", event.where), ("when", event.when)):
        if value:
            event_checks[name] = check_claim(article, value, quotes=event.evidence, policy=PHRASE)
    items = [_item("event", 0, event.what, event_checks, planted)]
    for index, actor in enumerate(summary.actors):
        check = check_claim(article, f"{actor.name} {actor.role}", quotes=actor.evidence, policy=PHRASE)
        items.append(_item("actors", index, actor.name, {"role": check}, planted))
    for index, motive in enumerate(summary.stated_motives):
        checks = {"motive": check_claim(article, motive.motive, quotes=motive.evidence, policy=STATED_REASON)}
        checks["actor"] = check_claim(article, motive.actor, policy=PHRASE)
        items.append(_item("stated_motives", index, f"{motive.actor}: {motive.motive}", checks, planted))
    for index, view in enumerate(summary.analyst_views):
        checks = {
            "quote": check_claim(article, view.quote, quotes=[view.quote], speaker=view.analyst),
            "view": check_claim(article, view.view, speaker=view.analyst, policy=OPINION),
        }
        if view.affiliation:
            checks["affiliation"] = check_claim(article, view.affiliation, policy=PHRASE)
        items.append(_item("analyst_views", index, view.analyst, checks, planted))
    for index, uncertainty in enumerate(summary.uncertainties):
        checks = {
            "claim": check_claim(article, uncertainty.claim, quotes=uncertainty.evidence, policy=HEDGED)
        }
        if uncertainty.attributed_to:
            checks["attributed_to"] = check_claim(
                article, uncertainty.attributed_to, quotes=uncertainty.evidence, policy=PHRASE
            )
        items.append(_item("uncertainties", index, uncertainty.claim, checks, planted))
    for index, statement in enumerate(summary.statements):
        checks = {
            "text": check_claim(
                article, statement.text, quotes=[statement.text], speaker=statement.speaker, policy=PHRASE
            ),
            "speaker": check_claim(article, statement.speaker, quotes=[statement.text], policy=PHRASE),
        }
        if statement.role:
            checks["role"] = check_claim(article, statement.role, policy=PHRASE)
        items.append(_item("statements", index, f"{statement.speaker}: {statement.text}", checks, planted))
    return GroundingReport(items=items, score=score_of(items))


def score_of(items: list[ItemGrounding]) -> float:
    """Mean item support: 1 supported, 0.5 partially, 0 not."""
    return round(sum(VERDICT_SCORE[item.verdict] for item in items) / len(items), 4) if items else 0.0


def unsupported_reasons(report: GroundingReport) -> list[str]:
    """One line per rejected item, phrased so a model can fix it."""
    lines = []
    for item in report.items:
        if item.verdict in REJECTED:
            why = "; ".join(item.reasons) or item.verdict.value
            lines.append(
                f"{item.section}[{item.index}] ({item.label}) is {item.verdict.value}: {why}. "
                "Copy quotes character for character from the article, state only what the cited "
                "passage says (keep its hedges and negations), or remove the item."
            )
    return lines


def drop_unsupported(summary: Summary, report: GroundingReport) -> Summary:
    """Strict mode: remove rejected items (the event stays, whatever its verdict)."""
    dropped: dict[str, set[int]] = {section: set() for section in SECTIONS}
    for item in report.items:
        if item.verdict in REJECTED and item.section != "event":
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
            "statements": [s for i, s in enumerate(summary.statements) if i not in dropped["statements"]],
        }
    )
