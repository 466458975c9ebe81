"""Normalized values of facts, and whether two values can both be true.

A value is what an outlet gives for a fact: an amount ("7,000 investors", "140m crowns"), a
duration ("a fortnight" is 14 days), a date (an interval of days once resolved: "December 2024",
"on Tuesday" in an article dated Wednesday 10 September 2025), a place (its names and its kind),
a role (a title and its rank), a cause (a clause, by its content words) or how a relation is
described (warm or cold).

Two values are the ``same``, ``compatible`` (one is vaguer, rounded or a bound the other
satisfies; or one cannot be resolved) or ``different`` (they cannot both be true). Only
``different`` values can make a conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..extractive.gazetteer import COUNTRIES
from ..text.names import token_key
from .vocabulary import AREA_KINDS, PLACE_SYNONYMS, RANKS, SUBORDINATE_RANKS

COUNTRY_KEYS = frozenset(token_key(country.split()[-1]) for country in COUNTRIES)


class Match(StrEnum):
    """How two values of one fact relate."""

    same = "same"
    compatible = "compatible"
    different = "different"


class Bound(StrEnum):
    """A value that bounds the fact rather than stating it."""

    at_most = "at_most"  # up to, less than
    at_least = "at_least"  # more than, at least


@dataclass(frozen=True)
class Amount:
    """A number of something: people, money, percent, or any counted noun."""

    number: float
    unit: str  # "people", "money:crown", "percent", "age", or the counted noun's stem
    approx: bool = False
    bound: Bound | None = None
    per: bool = False  # a value per item ("each count carries up to five years")
    step: float = 1.0  # the precision it is written to: 0.1 for "41.8%", 0.1e9 for "$1.2bn"

    def describe(self) -> str:
        amount = f"{self.number:,.2f}".rstrip("0").rstrip(".")
        unit = self.unit.removeprefix("money:")
        text = f"{amount}%" if self.unit == "percent" else f"{amount} {unit}"
        if self.unit == "age":
            text = f"aged {amount}"
        return _qualified(text, self.approx, self.bound, self.per)


@dataclass(frozen=True)
class Duration:
    """A length of time, in days."""

    days: float
    approx: bool = False
    bound: Bound | None = None
    per: bool = False

    def describe(self) -> str:
        days = self.days
        for name, size in (("years", 365.25), ("months", 365.25 / 12), ("weeks", 7.0)):
            count = days / size
            if count >= 1 and abs(count - round(count * 2) / 2) < 1e-6:
                text = f"{round(count * 2) / 2:g} {name}"
                break
        else:
            text = f"{days:g} days"
        return _qualified(text, self.approx, self.bound, self.per)


@dataclass(frozen=True)
class DateValue:
    """A date: resolved to candidate intervals of days, or partly known (month and day, no year).

    ``intervals`` holds one interval for a plain date and two for a weekday whose tense leaves
    the week open; it is empty when the date cannot be resolved, and then ``year``, ``month``,
    ``day`` and ``weekday`` (0 = Monday) say what is known.
    """

    intervals: tuple[tuple[dt.date, dt.date], ...] = ()
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str | None = None  # "last week" in an article with no date of its own

    def describe(self) -> str:
        if self.intervals:
            return " or ".join(_describe_interval(first, last) for first, last in self.intervals)
        if self.relative:
            return self.relative
        parts = []
        if self.weekday is not None:
            parts.append(_WEEKDAY_NAMES[self.weekday])
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(_MONTH_NAMES[self.month - 1])
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts) or "a date"


@dataclass(frozen=True)
class Place:
    """A place: the name keys it holds, its kind ("airport", "home"), compass words, vagueness."""

    names: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    compass: frozenset[str] = frozenset()
    vague: bool = False
    text: str = ""
    site: frozenset[str] = frozenset()  # the site's own name ("Qamishli" in "Qamishli airport in Syria")

    def describe(self) -> str:
        return self.text


@dataclass(frozen=True)
class Role:
    """A title or position: its head noun ("prosecutor"), rank words ("chief") and other words."""

    head: str
    ranks: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    text: str = ""

    def describe(self) -> str:
        return self.text


@dataclass(frozen=True)
class ClauseValue:
    """A stated cause, trigger or action: compared by its content words."""

    words: frozenset[str] = field(default_factory=frozenset)
    text: str = ""

    def describe(self) -> str:
        return self.text


@dataclass(frozen=True)
class Quality:
    """How a relation is described: warm (+1: "close relationship") or cold (-1: "lukewarm relations")."""

    polarity: int
    text: str = ""

    def describe(self) -> str:
        return f"{'warm' if self.polarity > 0 else 'cold'} ({self.text})"


Value = Amount | Duration | DateValue | Place | Role | ClauseValue | Quality


def compare_values(a: Value, b: Value) -> Match:
    """Whether two values of one fact can both be true."""
    if isinstance(a, Amount) and isinstance(b, Amount):
        if a.unit != b.unit and not (_is_people(a.unit) and _is_people(b.unit)):
            return Match.different
        return _compare_numbers(a.number, b.number, a, b)
    if isinstance(a, Duration) and isinstance(b, Duration):
        return _compare_numbers(a.days, b.days, a, b)
    if isinstance(a, DateValue) and isinstance(b, DateValue):
        return _compare_dates(a, b)
    if isinstance(a, Place) and isinstance(b, Place):
        return _compare_places(a, b)
    if isinstance(a, Role) and isinstance(b, Role):
        return _compare_roles(a, b)
    if isinstance(a, Quality) and isinstance(b, Quality):
        return Match.same if a.polarity == b.polarity else Match.different
    if isinstance(a, ClauseValue) and isinstance(b, ClauseValue):
        # Two accounts of a cause: the same when most words are shared, different when none are.
        shared = a.words & b.words
        if shared and len(shared) * 2 >= len(a.words | b.words):
            return Match.same
        smaller = min(len(a.words), len(b.words))
        return Match.compatible if len(shared) >= 2 or len(shared) * 3 >= smaller > 0 else Match.different
    return Match.different


def _is_people(unit: str) -> bool:
    return unit == "people"


def _compare_numbers(x: float, y: float, a: Amount | Duration, b: Amount | Duration) -> Match:
    if a.per != b.per:
        return Match.compatible  # a value per item and a total are two facts
    if a.bound is not None or b.bound is not None:
        return _compare_bounds(x, y, a, b)
    if abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0):
        return Match.same
    if a.approx or b.approx:
        rounded = x if a.approx else y
        if abs(x - y) <= _rounding(rounded):
            return Match.compatible
    if isinstance(a, Amount) and isinstance(b, Amount) and a.step != b.step:
        # "42%" may be "41.8%" rounded; "$1.2bn" may be "$1.23bn".
        coarse = max(a.step, b.step)
        if abs(x - y) <= coarse / 2 + 1e-9 * max(abs(x), abs(y), 1.0):
            return Match.compatible
    return Match.different


def _compare_bounds(x: float, y: float, a: Amount | Duration, b: Amount | Duration) -> Match:
    if a.bound == b.bound:
        return Match.same if abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0) else Match.compatible
    if a.bound is not None and b.bound is not None:
        upper, lower = (x, y) if a.bound is Bound.at_most else (y, x)
        return Match.compatible if lower <= upper else Match.different
    bounded, value, bound = (x, y, a.bound) if a.bound is not None else (y, x, b.bound)
    if bound is Bound.at_most:
        return Match.compatible if value <= bounded * 1.0001 else Match.different
    return Match.compatible if value >= bounded * 0.9999 else Match.different


def _rounding(value: float) -> float:
    """How far a rounded figure may be from the exact one: half its last significant step, at
    least 5% ("about 300" covers 312; "about 14 months" covers 13.5)."""
    magnitude = abs(value)
    step = 1.0
    while step * 10 <= magnitude and magnitude % (step * 10) == 0:
        step *= 10
    return max(step / 2, 0.05 * magnitude, 0.5)


def _compare_dates(a: DateValue, b: DateValue) -> Match:
    if a.intervals and b.intervals:
        if a.intervals == b.intervals:
            return Match.same
        overlapping = any(x0 <= y1 and y0 <= x1 for x0, x1 in a.intervals for y0, y1 in b.intervals)
        return Match.compatible if overlapping else Match.different
    if a.relative or b.relative:
        return Match.same if a.relative == b.relative and a.relative else Match.compatible
    known_a, known_b = _fields(a), _fields(b)
    shared = set(known_a) & set(known_b)
    if any(known_a[name] != known_b[name] for name in shared):
        return Match.different
    if known_a == known_b and not a.intervals and not b.intervals:
        return Match.same
    return Match.compatible


def _fields(value: DateValue) -> dict[str, int]:
    """What is known of a date, field by field (a one-day interval gives every field)."""
    if value.intervals and len(value.intervals) == 1:
        first, last = value.intervals[0]
        known = {"year": first.year} if first.year == last.year else {}
        if first.year == last.year and first.month == last.month:
            known["month"] = first.month
        if first == last:
            known |= {"day": first.day, "weekday": first.weekday()}
        return known
    return {
        name: number
        for name, number in (
            ("year", value.year),
            ("month", value.month),
            ("day", value.day),
            ("weekday", value.weekday),
        )
        if number is not None
    }


def same_kind(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    return any(a & group and b & group for group in PLACE_SYNONYMS)


def _compare_places(a: Place, b: Place) -> Match:
    """Two sites of different kinds (an airport, a home) or with different names are different
    places, even in one city; a place and the area around it ("in Syria", "the country's north")
    are compatible, since an area may hold the site; two different countries are different."""
    if a.vague or b.vague:
        return Match.compatible
    sites_a, sites_b = a.kinds - AREA_KINDS, b.kinds - AREA_KINDS
    if sites_a and sites_b and not same_kind(sites_a, sites_b):
        return Match.different
    if a.site and b.site and not a.site & b.site:
        return Match.different
    if a.names and b.names:
        if a.names == b.names:
            same = a.compass == b.compass and (a.kinds == b.kinds or same_kind(a.kinds, b.kinds))
            return Match.same if same else Match.compatible
        if a.names & b.names:
            return Match.compatible
        countries_a, countries_b = a.names & COUNTRY_KEYS, b.names & COUNTRY_KEYS
        if (
            countries_a
            and countries_b
            and not sites_a
            and not sites_b
            and a.names == countries_a
            and b.names == countries_b
        ):
            return Match.different  # "to Russia" and "to Ukraine"
    return Match.compatible


def _compare_roles(a: Role, b: Role) -> Match:
    if a.head != b.head:
        return Match.compatible  # two facets of one person ("founder", "head"; "dictator", "president")
    rank_a, rank_b = a.ranks & RANKS, b.ranks & RANKS
    if rank_a and rank_b and rank_a != rank_b:
        return Match.different
    if (a.ranks & SUBORDINATE_RANKS) != (b.ranks & SUBORDINATE_RANKS):
        return Match.different  # "deputy governor" and "governor"
    return Match.same if a.words == b.words else Match.compatible


def describe(value: Value) -> str:
    """A value in words, normalized ("14 days", "9 September 2025", "7,000 people")."""
    return value.describe()


def _qualified(text: str, approx: bool, bound: Bound | None, per: bool) -> str:
    if bound is Bound.at_most:
        text = f"at most {text}"
    elif bound is Bound.at_least:
        text = f"at least {text}"
    elif approx:
        text = f"about {text}"
    return f"{text} each" if per else text


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _describe_interval(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"{first.day} {_MONTH_NAMES[first.month - 1]} {first.year}"
    if (
        first.year == last.year
        and first.month == last.month
        and first.day == 1
        and (last + dt.timedelta(days=1)).month != last.month
    ):
        return f"{_MONTH_NAMES[first.month - 1]} {first.year}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    return f"{_describe_interval(first, first)} to {_describe_interval(last, last)}"
