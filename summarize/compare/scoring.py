"""Scoring a comparison against a hand-written reference (``evals/compare/``).

A predicted fact matches a reference fact when the statuses are equal, they share at least two
outlets (one for ``only``), and for every shared outlet the predicted value's span overlaps an
occurrence of the reference value in that outlet's article. Matching is one to one, the pair
sharing the most outlets first. A near miss is called a conflict when a predicted conflict puts
two of its spans (from two outlets) in different value groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..text.spans import Span
from .model import Comparison, Fact, FactStatus

REPO = Path(__file__).resolve().parents[2]
COMPARE_REFERENCES = REPO / "evals" / "compare"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class ReferenceFact:
    """One reference fact (or near miss): its id, status and value text per article id."""

    id: str
    status: str
    values: dict[str, str]
    kind: str = ""


@dataclass
class Reference:
    """A comparison reference: the cluster's articles and what should be found in them."""

    cluster: str
    paths: dict[str, Path]  # article id -> article file
    facts: list[ReferenceFact]
    near_misses: list[ReferenceFact]
    speakers: list[dict[str, Any]] = field(default_factory=list)
    unnamed_sources: dict[str, list[str]] = field(default_factory=dict)


def load_reference(path: Path) -> Reference:
    """A reference YAML with its articles (fiction: beside it; real: in ../shared/corpus/<cluster>)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    folder = path.parent if data.get("fiction") else SHARED_CORPUS / data["cluster"]
    paths = {article_id: folder / f"{article_id}.txt" for article_id in data["articles"]}

    def facts(items: list[dict[str, Any]], status: str | None = None) -> list[ReferenceFact]:
        return [
            ReferenceFact(
                item["id"],
                status or item["status"],
                {str(k): str(v) for k, v in item["values"].items()},
                item.get("kind", ""),
            )
            for item in items or []
        ]

    return Reference(
        cluster=data["cluster"],
        paths=paths,
        facts=facts(data.get("facts", [])),
        near_misses=facts(data.get("near_misses", []), "near_miss"),
        speakers=data.get("speakers") or [],
        unnamed_sources={str(k): list(v) for k, v in (data.get("unnamed_sources") or {}).items()},
    )


def occurrences(text: str, value: str) -> list[Span]:
    """Every place a reference value occurs in an article."""
    found: list[Span] = []
    start = text.find(value)
    while start >= 0:
        found.append(Span(start, start + len(value)))
        start = text.find(value, start + 1)
    return found


@dataclass
class Score:
    """What one comparison got right against its reference."""

    conflicts: int = 0
    conflicts_found: int = 0
    predicted_conflicts: int = 0
    predicted_conflicts_right: int = 0
    agreements: int = 0
    agreements_found: int = 0
    only: int = 0
    only_found: int = 0
    near_misses: int = 0
    near_misses_called_conflicts: list[str] = field(default_factory=list)
    spans_exact: bool = True
    missed: list[str] = field(default_factory=list)
    wrong_conflicts: list[str] = field(default_factory=list)

    @property
    def conflict_recall(self) -> float:
        return self.conflicts_found / self.conflicts if self.conflicts else 1.0

    @property
    def conflict_precision(self) -> float:
        return self.predicted_conflicts_right / self.predicted_conflicts if self.predicted_conflicts else 1.0

    @property
    def agreement_recall(self) -> float:
        return self.agreements_found / self.agreements if self.agreements else 1.0

    @property
    def only_recall(self) -> float:
        return self.only_found / self.only if self.only else 1.0


def _shared(
    predicted: Fact, reference: ReferenceFact, located: dict[str, dict[str, list[Span]]], ids: dict[str, str]
) -> int:
    """How many outlets the two facts share, or 0 when a shared outlet's spans do not overlap."""
    shared = 0
    for value in predicted.values:
        article_id = ids.get(value.outlet)
        if article_id is None or article_id not in reference.values:
            continue
        spans = located[reference.id].get(article_id, [])
        if not any(value.span.overlap(span) for span in spans):
            return 0
        shared += 1
    return shared


def score(comparison: Comparison, reference: Reference, texts: dict[str, str]) -> Score:
    """Score a comparison whose outlets are named by article id (the file stems)."""
    ids = {outlet.name: outlet.name for outlet in comparison.outlets}
    located = {
        fact.id: {
            article_id: occurrences(texts[article_id], value) for article_id, value in fact.values.items()
        }
        for fact in [*reference.facts, *reference.near_misses]
    }
    result = Score()
    for fact in comparison.facts:
        for value in fact.values:
            outlet_text = texts.get(value.outlet)
            if outlet_text is None or outlet_text[value.span.start : value.span.end] != value.text:
                result.spans_exact = False
    candidates: list[tuple[int, int, int]] = []
    for p, predicted in enumerate(comparison.facts):
        for r, ref in enumerate(reference.facts):
            if predicted.status.value != ref.status:
                continue
            shared = _shared(predicted, ref, located, ids)
            needed = 1 if ref.status == "only" else 2
            if shared >= needed:
                candidates.append((shared, p, r))
    candidates.sort(key=lambda c: -c[0])
    used_p: set[int] = set()
    used_r: set[int] = set()
    for _, p, r in candidates:
        if p in used_p or r in used_r:
            continue
        used_p.add(p)
        used_r.add(r)
    for r, ref in enumerate(reference.facts):
        found = r in used_r
        if ref.status == "conflict":
            result.conflicts += 1
            result.conflicts_found += found
        elif ref.status == "agree":
            result.agreements += 1
            result.agreements_found += found
        else:
            result.only += 1
            result.only_found += found
        if not found:
            result.missed.append(f"{ref.status} {ref.id}")
    for p, predicted in enumerate(comparison.facts):
        if predicted.status is FactStatus.conflict:
            result.predicted_conflicts += 1
            right = p in used_p
            result.predicted_conflicts_right += right
            if not right:
                result.wrong_conflicts.append(" | ".join(f"{v.outlet}: {v.text}" for v in predicted.values))
    result.near_misses = len(reference.near_misses)
    for miss in reference.near_misses:
        if _called_conflict(comparison.facts, miss, located[miss.id]):
            result.near_misses_called_conflicts.append(miss.id)
    return result


def _called_conflict(facts: Sequence[Fact], miss: ReferenceFact, spans: dict[str, list[Span]]) -> bool:
    for fact in facts:
        if fact.status is not FactStatus.conflict:
            continue
        hits = [
            value
            for value in fact.values
            if value.outlet in spans and any(value.span.overlap(span) for span in spans[value.outlet])
        ]
        if len({v.outlet for v in hits}) >= 2 and len({v.group for v in hits}) >= 2:
            return True
    return False
