"""One-to-one matching of a summary's items against a reference's, section by section.

Each pair of (predicted, reference) items gets a score in [0, 1], or none when they cannot be
the same item (different actors, similarity under the judge's threshold). The pairs are then
assigned one-to-one so that the total score is as high as possible (the Hungarian algorithm,
written out here to avoid a scipy dependency); every assigned pair is a true positive.

What must agree, per section:
- event: the judge's similarity of "what (where, when)" at or above its threshold;
- actors: the names (see names.py); kind and role are not scored;
- stated_motives: the actor's name, and the motive text by the judge;
- analyst_views: the analyst's name, and the view or the quote by the judge;
- uncertainties: the claim text by the judge;
- statements: the speaker's name, and the words by the judge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..schema import Actor, AnalystView, Event, StatedMotive, Statement, Summary, Uncertainty
from .judges import SimilarityJudge
from .names import NameMatcher

SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties", "statements")

P = TypeVar("P")
R = TypeVar("R")


@dataclass(frozen=True)
class SectionMatch:
    """How one section of a summary matched its reference."""

    matched: int
    predicted: int
    reference: int
    pairs: tuple[tuple[int, int, float], ...] = ()
    # Each item as a reader would name it ("Anna Petrova: the base is no longer needed").
    predicted_labels: tuple[str, ...] = ()
    reference_labels: tuple[str, ...] = ()


def assign_one_to_one(scores: Sequence[Sequence[float | None]]) -> list[tuple[int, int, float]]:
    """Pairs (row, column, score) maximizing the total score; ``None`` marks a forbidden pair."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    size = max(rows, cols)
    # Minimize cost = 1 - score on a square matrix; forbidden and padding cells cost 1 (score 0),
    # so they are only chosen when nothing better is left, and are dropped afterwards.
    cost = [[1.0] * size for _ in range(size)]
    for i in range(rows):
        for j in range(cols):
            score = scores[i][j]
            if score is not None:
                cost[i][j] = 1.0 - score
    assignment = _hungarian(cost)
    return [
        (i, j, score)
        for i, j in enumerate(assignment)
        if i < rows and j < cols and (score := scores[i][j]) is not None
    ]


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row of a square cost matrix, minimizing the sum (O(n^3))."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)  # owner[j]: row (1-based) holding column j
    for row in range(1, n + 1):
        owner[0] = row
        free_col = 0
        min_slack, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[free_col] = True
            current_row, delta, next_col = owner[free_col], inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                slack = cost[current_row - 1][j - 1] - u[current_row] - v[j]
                if slack < min_slack[j]:
                    min_slack[j], way[j] = slack, free_col
                if min_slack[j] < delta:
                    delta, next_col = min_slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_slack[j] -= delta
            free_col = next_col
            if owner[free_col] == 0:
                break
        while free_col:
            previous = way[free_col]
            owner[free_col] = owner[previous]
            free_col = previous
    assignment = [0] * n
    for j in range(1, n + 1):
        assignment[owner[j] - 1] = j - 1
    return assignment


def item_label(item: object) -> str:
    """One item of any section as a reader would name it."""
    if isinstance(item, Event):
        return event_text(item)
    if isinstance(item, Actor):
        return item.name
    if isinstance(item, StatedMotive):
        return f"{item.actor}: {item.motive}"
    if isinstance(item, AnalystView):
        return f"{item.analyst}: {item.view}"
    if isinstance(item, Uncertainty):
        return item.claim
    if isinstance(item, Statement):
        return f"{item.speaker}: {item.text}"
    return str(item)


def _match(
    predicted: Sequence[P], reference: Sequence[R], pair_score: Callable[[P, R], float | None]
) -> SectionMatch:
    scores = [[pair_score(p, r) for r in reference] for p in predicted]
    pairs = assign_one_to_one(scores)
    return SectionMatch(
        len(pairs),
        len(predicted),
        len(reference),
        tuple(pairs),
        tuple(item_label(p) for p in predicted),
        tuple(item_label(r) for r in reference),
    )


class SummaryMatcher:
    """Scores a summary against a reference, section by section."""

    def __init__(self, judge: SimilarityJudge, names: NameMatcher) -> None:
        self.judge = judge
        self.names = names

    def _text_score(self, first: str, second: str) -> float | None:
        score = self.judge.similarity(first, second)
        return score if score >= self.judge.threshold else None

    def match(self, predicted: Summary, reference: Summary) -> dict[str, SectionMatch]:
        """One SectionMatch per section name in SECTIONS."""
        reference_analysts = [view.analyst for view in reference.analyst_views]
        # An analyst listed as an actor is a defensible reading, so it is neither credited nor
        # counted against precision: the reference keeps analysts under analyst_views only.
        actors = [
            actor
            for actor in predicted.actors
            if not any(self.names.same(actor.name, analyst) for analyst in reference_analysts)
        ]
        return {
            "event": _match([predicted.event], [reference.event], self._event_score),
            "actors": _match(actors, reference.actors, self._actor_score),
            "stated_motives": _match(predicted.stated_motives, reference.stated_motives, self._motive_score),
            "analyst_views": _match(predicted.analyst_views, reference.analyst_views, self._view_score),
            "uncertainties": _match(
                predicted.uncertainties, reference.uncertainties, self._uncertainty_score
            ),
            "statements": _match(predicted.statements, reference.statements, self._statement_score),
        }

    def _event_score(self, predicted: Event, reference: Event) -> float | None:
        return self._text_score(event_text(predicted), event_text(reference))

    def _actor_score(self, predicted: Actor, reference: Actor) -> float | None:
        return 1.0 if self.names.same(predicted.name, reference.name) else None

    def _motive_score(self, predicted: StatedMotive, reference: StatedMotive) -> float | None:
        if not self.names.same(predicted.actor, reference.actor):
            return None
        return self._text_score(predicted.motive, reference.motive)

    def _view_score(self, predicted: AnalystView, reference: AnalystView) -> float | None:
        if not self.names.same(predicted.analyst, reference.analyst):
            return None
        scores = [
            score
            for score in (
                self._text_score(predicted.view, reference.view),
                self._text_score(predicted.quote, reference.quote),
            )
            if score is not None
        ]
        return max(scores) if scores else None

    def _uncertainty_score(self, predicted: Uncertainty, reference: Uncertainty) -> float | None:
        return self._text_score(predicted.claim, reference.claim)

    def _statement_score(self, predicted: Statement, reference: Statement) -> float | None:
        if not self.names.same(predicted.speaker, reference.speaker):
            return None
        return self._text_score(predicted.text, reference.text)


def event_text(event: Event) -> str:
    """The event as one line: what (where, when)."""
    details = ", ".join(part for part in (event.where, event.when) if part)
    return f"{event.what} ({details})" if details else event.what
