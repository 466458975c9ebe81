"""Turning aligned slots into facts: a kind, a status, and each outlet's value with its span.

Values of one fact are put in groups that can all be true together; a fact whose values fall in
two or more groups is a conflict. A fact only one outlet gives is kept when it is notable: a
figure, a dated day or year, a destination or a duration, not inside someone's quotation (a
hedged one is kept and marked), aligned with nothing another outlet gives, and no other outlet
gives the same value anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..text import AnalysedArticle
from .anchors import SPEECH_KEYS
from .clauses import Clause
from .model import Fact, FactKind, FactStatus, FactValue
from .slots import Slot
from .values import Amount, DateValue, Match, Place, compare_values

ONLY_PER_OUTLET = 3
ONLY_TOTAL = 10


@dataclass(frozen=True)
class OutletText:
    """What the fact builder needs of one outlet: its name and its analysed article."""

    name: str
    article: AnalysedArticle


def fact_kind(slot: Slot) -> FactKind:
    """The reported kind of a slot's fact."""
    value = slot.value
    if slot.kind == "age":
        return FactKind.age
    if isinstance(value, Amount):
        if value.unit.startswith("money:"):
            return FactKind.money
        if value.unit == "percent":
            return FactKind.number
        return FactKind.count
    return {
        "duration": FactKind.duration,
        "date": FactKind.date,
        "place": FactKind.place,
        "role": FactKind.role,
        "cause": FactKind.cause,
        "quality": FactKind.actor_action,
    }.get(slot.kind, FactKind.number)


def value_groups(slots: Sequence[Slot]) -> list[int]:
    """A group number per slot: slots in one group can all be true together."""
    groups: list[list[int]] = []
    assigned = [0] * len(slots)
    # Precise values first, so a vaguer one joins the group it is consistent with.
    order = sorted(range(len(slots)), key=lambda i: _vagueness(slots[i]))
    for index in order:
        fitting = [
            number
            for number, members in enumerate(groups)
            if all(compare_values(slots[index].value, slots[m].value) is not Match.different for m in members)
        ]
        # The group holding the same value first, then any group it is consistent with.
        same = [
            n
            for n in fitting
            if any(compare_values(slots[index].value, slots[m].value) is Match.same for m in groups[n])
        ]
        if same or fitting:
            number = (same or fitting)[0]
            groups[number].append(index)
            assigned[index] = number
        else:
            groups.append([index])
            assigned[index] = len(groups) - 1
    # Number the groups in the order their first value appears.
    renumber: dict[int, int] = {}
    for group in assigned:
        renumber.setdefault(group, len(renumber))
    return [renumber[g] for g in assigned]


def _vagueness(slot: Slot) -> int:
    value = slot.value
    if isinstance(value, Place):
        return 2 if value.vague else (0 if value.names else 1)
    if isinstance(value, DateValue):
        return 0 if value.intervals and len(value.intervals) == 1 else 1
    if isinstance(value, Amount):
        return 1 if value.approx or value.bound else 0
    return 0


def build_fact(slots: Sequence[Slot], outlets: Sequence[OutletText]) -> Fact:
    """A fact from slots of different outlets (one slot: an ``only`` fact)."""
    groups = value_groups(slots)
    values = [
        FactValue(
            outlet=outlets[slot.outlet].name,
            text=slot.span.of(outlets[slot.outlet].article.text),
            span=slot.span,
            normalized=slot.value.describe(),
            sentence=outlets[slot.outlet].article.sentences[slot.sentence],
            group=group,
            hedged=slot.hedged,
        )
        for slot, group in zip(slots, groups, strict=True)
    ]
    if len(slots) == 1:
        status = FactStatus.only
    else:
        status = FactStatus.conflict if len(set(groups)) > 1 else FactStatus.agree
    return Fact(kind=fact_kind(slots[0]), about=describe_fact(slots[0]), status=status, values=values)


_QUESTIONS = {
    FactKind.count: "how many",
    FactKind.money: "how much",
    FactKind.number: "what figure",
    FactKind.duration: "how long",
    FactKind.date: "when",
    FactKind.place: "where",
    FactKind.cause: "why",
    FactKind.actor_action: "who did what",
}


def describe_fact(slot: Slot) -> str:
    """What a fact is about, as a question and the article's words ("when: Maravic was arrested")."""
    kind = fact_kind(slot)
    if kind is FactKind.role:
        return f"role of {slot.holder}"
    if kind is FactKind.age:
        return f"age of {slot.holder}"
    if slot.kind == "quality":
        return f"relations between {' and '.join((slot.holder or '').split('|'))}"
    return (
        f"{_QUESTIONS.get(kind, kind.value)}: {slot.about}"
        if slot.about
        else _QUESTIONS.get(kind, kind.value)
    )


def build_clause_fact(clauses: Sequence[Clause], outlets: Sequence[OutletText]) -> Fact:
    """An action several outlets report (``agree``): each outlet's clause is its value."""
    values = []
    for clause in clauses:
        article = outlets[clause.outlet].article
        text = clause.core.of(article.text)
        values.append(
            FactValue(
                outlet=outlets[clause.outlet].name,
                text=text,
                span=clause.core,
                normalized=" ".join(text.split()),
                sentence=article.sentences[clause.sentence],
                group=0,
                hedged=clause.hedged,
            )
        )
    kind = FactKind.cause if any(clause.causal for clause in clauses) else FactKind.actor_action
    about = f"{_QUESTIONS[kind]}: {clauses[0].about}" if clauses[0].about else _QUESTIONS[kind]
    return Fact(kind=kind, about=about, status=FactStatus.agree, values=values)


def notable_only(slots: Sequence[Slot], paired: set[int], outlet_count: int) -> list[Slot]:
    """The notable slots no other outlet gives (see the module docstring); ``paired`` are the ids
    of slots that aligned with another outlet's."""
    candidates: dict[int, list[Slot]] = {}
    for slot in slots:
        if id(slot) in paired or slot.quoted or not _notable(slot):
            continue
        if any(
            other.outlet != slot.outlet
            and other.kind == slot.kind
            and compare_values(other.value, slot.value) is Match.same
            for other in slots
        ):
            continue
        candidates.setdefault(slot.outlet, []).append(slot)
    chosen: list[Slot] = []
    for outlet in range(outlet_count):
        ranked = sorted(candidates.get(outlet, []), key=lambda s: (_weight(s), s.sentence_rank))
        chosen.extend(ranked[:ONLY_PER_OUTLET])
    return sorted(chosen, key=lambda s: (_weight(s), s.sentence_rank, s.outlet))[:ONLY_TOTAL]


def _weight(slot: Slot) -> int:
    """How notable a value is, most first: figures, days, years, destinations, durations."""
    value = slot.value
    if isinstance(value, Amount):
        return 0 if value.number >= 100 or value.unit.startswith("money") else 1
    if isinstance(value, DateValue):
        return (
            1
            if value.day is not None or (value.intervals and value.intervals[0][0] == value.intervals[0][1])
            else 2
        )
    return 3 if isinstance(value, Place) else 4


def _notable(slot: Slot) -> bool:
    value = slot.value
    if isinstance(value, Amount):
        return value.unit != "age" and (
            value.number >= 3 or value.unit.startswith("money") or value.unit == "percent"
        )
    if isinstance(value, DateValue):
        return len(value.intervals) == 1 or value.day is not None or value.year is not None
    if isinstance(value, Place):
        return (
            bool(value.names)
            and not value.vague
            and slot.preposition in {"to", "into"}
            and slot.predicate not in SPEECH_KEYS  # "said X, an expert at the Y Institute": an affiliation
        )
    return slot.kind == "duration" and not slot.per
