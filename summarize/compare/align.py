"""Aligning slots across outlets: which values answer the same question.

Two slots of different outlets are scored by what they are about: the same predicate (or one of
its synonyms), the participants of that predicate, and the words of their sentences, rare words
weighing more (a word in every sentence of the cluster says little). Values that can both be true
join a fact on a moderate score; values that cannot (a conflict) only on a strong one, with the
same predicate, the same kind of unit, the same preposition and neither hedged, per item or read
at another moment. Slots are then grouped greedily, strongest pairs first, one slot per outlet
per fact, and no group may hold two values that differ unless that pair itself passes as a
conflict.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .anchors import groups_of, same_name
from .slots import Slot
from .values import Amount, DateValue, Match, Place, compare_values, same_kind
from .vocabulary import AREA_KINDS

# Score weights: predicate, participants, sentence.
_W_PREDICATE, _W_FRAME, _W_CONTEXT = 0.4, 0.3, 0.3
AGREE_SCORE = 0.42
SAME_VALUE_BONUS = 0.3
VAGUE_PENALTY = 0.15
SAME_SITE_BONUS = 0.3
CONFLICT_SCORE = 0.55
CONFLICT_CONTEXT = 0.22
_START_PREPOSITIONS = frozenset({"since", "from"})
_KINDS = {"amount": "amount", "duration": "duration", "date": "date", "place": "place", "cause": "cause"}


@dataclass(frozen=True)
class Pair:
    """Two slots of different outlets, how alike their contexts are, and how their values relate."""

    first: Slot
    second: Slot
    score: float
    match: Match
    conflict: bool  # the values differ and the pair is strong enough to call it a conflict


class Weights:
    """Rarity weights of context keys over every sentence of the cluster."""

    def __init__(self, contexts: Iterable[frozenset[str]]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for keys in contexts:
            counts.update(keys)
            total += 1
        self.total = max(total, 1)
        self.counts = counts
        self._weights = {key: math.log(1 + self.total / count) for key, count in counts.items()}
        self._unseen = math.log(1 + self.total)
        self._totals: dict[frozenset[str], float] = {}

    def of(self, key: str) -> float:
        """log(1 + sentences / sentences with the key)."""
        return self._weights.get(key, self._unseen)

    def is_rare(self, key: str) -> bool:
        """A key in at most a quarter of the cluster's sentences."""
        return self.counts.get(key, 0) * 4 <= self.total

    def found_in(self, keys: frozenset[str], other: frozenset[str]) -> float:
        """The weighted share of ``keys`` found in ``other``."""
        total = sum(self.of(k) for k in keys)
        return sum(self.of(k) for k in keys & other) / total if total else 0.0

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted cosine of two key sets (0 when either is empty)."""
        if not a or not b:
            return 0.0
        shared = a & b
        if not shared:
            return 0.0
        return self.total_of(shared) / math.sqrt(self.total_of(a) * self.total_of(b))

    def total_of(self, keys: frozenset[str]) -> float:
        """The summed weight of some keys (cached per key set)."""
        found = self._totals.get(keys)
        if found is None:
            weights, unseen = self._weights, self._unseen
            found = self._totals[keys] = sum(weights.get(k, unseen) for k in keys)
        return found


def predicate_match(a: Slot, b: Slot) -> float:
    """1 for the same predicate, 0.85 for a shared event word, 0.7 for synonyms, 0.3 when one's
    events are among the other's words."""
    if a.predicate and a.predicate == b.predicate:
        return 1.0
    if a.events & b.events:
        return 0.85
    if a.kind == "amount" and b.kind == "amount" and (a.path | a.core) & (b.path | b.core):
        return 0.85  # the same thing measured ("revenue increased to", "posted revenue of")
    if a.groups & b.groups:
        return 0.7
    if a.events & b.context or b.events & a.context:
        return 0.3
    return 0.0


def frame_match(a: Slot, b: Slot, weights: Weights) -> float:
    """The share of each slot's event words and participants the other's sentence names (robust
    to parse differences; not weighted by rarity: the main participants matter however often
    the cluster names them)."""
    del weights

    def found_in(keys: frozenset[str], other: frozenset[str]) -> float:
        return len(keys & other) / len(keys) if keys else 0.0

    return (found_in(a.frame, b.context | b.frame) + found_in(b.frame, a.context | a.frame)) / 2


def comparable(a: Slot, b: Slot) -> bool:
    """Slots whose values can be compared at all: same kind, same sort of unit, same person."""
    if _KINDS.get(a.kind, a.kind) != _KINDS.get(b.kind, b.kind):
        return False
    if isinstance(a.value, Amount) and isinstance(b.value, Amount):
        return a.value.unit == b.value.unit
    if a.kind in ("age", "role"):
        return a.holder is not None and b.holder is not None and same_name(a.holder, b.holder)
    if a.kind == "quality":
        return a.holder == b.holder  # the same parties
    return True


def _distinctive(slot: Slot) -> bool:
    """A value unlikely to recur by chance: a large or exact figure, a dated day or year, a named place."""
    value = slot.value
    if isinstance(value, Amount):
        # A figure, money, or a count of a particular thing ("two bases"; not "two people").
        return value.number >= 20 or value.number != int(value.number) or value.unit != "people"
    if isinstance(value, DateValue):
        return bool(value.intervals) or value.day is not None
    # A duration, or a whole clause of cause; place names recur in a story: the same city is no evidence.
    return slot.kind in ("duration", "cause")


def _same_site(a: Slot, b: Slot) -> bool:
    """One named site in both ("Qamishli airbase", "Qamishli airport"), not just one city."""
    first, second = a.value, b.value
    if not isinstance(first, Place) or not isinstance(second, Place):
        return False
    sites_first, sites_second = first.kinds - AREA_KINDS, second.kinds - AREA_KINDS
    return (
        bool(first.site & second.site)
        and bool(sites_first)
        and bool(sites_second)
        and same_kind(sites_first, sites_second)
    )


def _vague(slot: Slot) -> bool:
    value = slot.value
    if isinstance(value, Place):
        return value.vague
    if isinstance(value, DateValue):
        # A month with no year ("in June" with no article date); a weekday names one day.
        return (
            not value.intervals
            and value.relative is None
            and value.day is None
            and value.year is None
            and value.weekday is None
        )
    return False


def _same_moment(a: Slot, b: Slot) -> bool:
    """Two readings at different moments ("in early trading", "closed at") are two facts."""
    return not (a.moments and b.moments and not a.moments & b.moments)


def _timed_alike(a: Slot, b: Slot) -> bool:
    """Values that may be read at one moment: neither is a changing figure, and neither is read at
    a moment the other does not name (a conflict needs the same moment)."""
    return a.moments == b.moments and "changing" not in a.moments


def _same_preposition_class(a: Slot, b: Slot) -> bool:
    """ "since 2019" (a state from then on) and "in 2015" (an event then) are two facts."""
    if a.kind != "date":
        return True
    first = a.preposition in _START_PREPOSITIONS
    second = b.preposition in _START_PREPOSITIONS
    return first == second


def pair(a: Slot, b: Slot, weights: Weights) -> Pair | None:
    """Score two slots; None when they cannot be one fact."""
    if a.outlet == b.outlet or not comparable(a, b):
        return None
    if not _same_moment(a, b) or not _same_preposition_class(a, b) or a.per != b.per:
        return None
    match = compare_values(a.value, b.value)
    if a.kind in ("age", "role"):
        return Pair(a, b, 1.0, match, match is Match.different)
    if a.kind == "quality":
        # Opinions: only the outlets' own or reported words, not a quotation, make a conflict.
        score = 1.0 - 0.3 * (a.quoted + b.quoted)
        conflict = (
            match is Match.different and not a.quoted and not b.quoted and not a.hedged and not b.hedged
        )
        return Pair(a, b, score, match, conflict) if match is not Match.different or conflict else None
    predicate = predicate_match(a, b)
    frame = frame_match(a, b, weights)
    context = weights.overlap(a.context, b.context)
    score = _W_PREDICATE * predicate + _W_FRAME * frame + _W_CONTEXT * context
    if a.preposition and b.preposition:
        score += 0.05 if a.preposition == b.preposition else -0.05
    if match is Match.different:
        strong = (
            predicate >= 0.7
            and not _other_subject(a, b)
            and context >= CONFLICT_CONTEXT
            and score >= CONFLICT_SCORE
            and not a.hedged
            and not b.hedged
            and a.negated == b.negated
            and _timed_alike(a, b)
            and not (a.path and b.path and not a.path & b.path)  # "a depth of 10 km", "30 km south"
            and (a.kind != "place" or a.preposition == b.preposition)
        )
        return Pair(a, b, score, match, True) if strong else None
    if match is Match.same and _distinctive(a):
        score += SAME_VALUE_BONUS
    elif _same_site(a, b):
        score += SAME_SITE_BONUS
    if _vague(a) or _vague(b):
        # A vague value ("abroad", "the region") fits anything: it joins only its own event.
        if predicate < 0.7:
            return None
        score -= VAGUE_PENALTY
    if score < AGREE_SCORE:
        return None
    return Pair(a, b, score, match, False)


def _other_subject(a: Slot, b: Slot) -> bool:
    """Both predicates have participants and neither sentence names any of the other's ("the
    investigation lasted" and "the hearing lasted")."""
    if not a.core or not b.core or a.core & (b.context | b.core) or b.core & (a.context | a.core):
        return False
    return not groups_of(a.core) & groups_of(b.core)  # "the case" and "the investigation"


def candidate_pairs(slots: Sequence[Slot], weights: Weights) -> list[tuple[Slot, Slot]]:
    """Pairs of slots (same kind, different outlets) that share an event word, a synonym group, a
    participant, a rarer sentence word or a distinctive value: the only pairs that can score
    enough to align. Keeps the comparison near linear on long articles."""
    index: dict[tuple[str, str], list[int]] = {}
    for position, slot in enumerate(slots):
        kind = _KINDS.get(slot.kind, slot.kind)
        keys: set[str] = set(slot.events) | {f"group:{g}" for g in slot.groups}
        keys |= {k for k in slot.frame | slot.context if weights.is_rare(k)}
        if slot.holder is not None:
            keys.add("holder")  # ages, roles and relations: paired by their holder in ``comparable``
        if _distinctive(slot):
            keys.add("value:" + slot.value.describe())
        for key in keys:
            index.setdefault((kind, key), []).append(position)
    seen: set[tuple[int, int]] = set()
    found: list[tuple[Slot, Slot]] = []
    for members in index.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if slots[first].outlet == slots[second].outlet or (first, second) in seen:
                    continue
                seen.add((first, second))
                found.append((slots[first], slots[second]))
    return found


def group_slots(slots: Sequence[Slot], weights: Weights) -> tuple[list[list[Slot]], set[int]]:
    """Slots grouped into facts: strongest pairs first, one slot per outlet, no unjustified
    conflict; and the ids of every slot that aligned with another outlet's at all (so a fact
    that lost its place in a group is not reported as one outlet's alone)."""
    pairs: list[Pair] = []
    for a, b in candidate_pairs(slots, weights):
        found = pair(a, b, weights)
        if found is not None:
            pairs.append(found)
    agreeing = [p for p in pairs if p.match is not Match.different]
    paired = {id(p.first) for p in agreeing} | {id(p.second) for p in agreeing}
    strength = {(id(p.first), id(p.second)): p for p in pairs}
    strength.update({(id(p.second), id(p.first)): p for p in pairs})
    group_of: dict[int, list[Slot]] = {}
    # Agreement before conflict at equal strength: a value joins the fact it agrees with.
    pairs.sort(key=lambda p: (-p.score, p.conflict))
    for found in pairs:
        first = group_of.get(id(found.first), [found.first])
        second = group_of.get(id(found.second), [found.second])
        if first is second:
            continue
        if {s.outlet for s in first} & {s.outlet for s in second}:
            continue
        if not _consistent(first, second, strength):
            continue
        merged = first + second
        for slot in merged:
            group_of[id(slot)] = merged
    seen: set[int] = set()
    groups: list[list[Slot]] = []
    for slot in slots:
        group = group_of.get(id(slot))
        if group is not None and id(group) not in seen:
            seen.add(id(group))
            groups.append(sorted(group, key=lambda s: s.outlet))
    return groups, paired


def _consistent(first: list[Slot], second: list[Slot], strength: dict[tuple[int, int], Pair]) -> bool:
    """Every pair of different values across the two groups is a justified conflict: directly, or
    through a value of the same group that is the same as one of them and is in conflict with the other."""

    def justified(a: Slot, b: Slot, b_group: list[Slot]) -> bool:
        for c in b_group:
            link = strength.get((id(a), id(c)))
            if (
                link is not None
                and link.conflict
                and (c is b or compare_values(b.value, c.value) is Match.same)
            ):
                return True
        return False

    for a in first:
        for b in second:
            if compare_values(a.value, b.value) is not Match.different:
                continue
            if not (justified(a, b, second) or justified(b, a, first)):
                return False
    return True
