"""Dates as articles write them, resolved where the article gives its own date.

"on 9 September", "Jan 27", "December 2024", "late 2024", "in 2014", "on Tuesday", "last week",
"about 14 months ago". A weekday or a relative date is resolved against the article's date
(its dateline, or the page's metadata): "on Tuesday" in a story dated Wednesday 10 September
2025 is 9 September when the verb is past, 16 September when it is future, either when the
tense does not say. Without the article's date they stay unresolved, and an unresolved date
never conflicts with anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ..text.spans import Span
from ..text.words import MONTHS, WEEKDAYS, canonical_number, is_month
from .values import DateValue
from .vocabulary import DAYS_IN

WEEKDAY_INDEX = {
    name: index
    for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_RELATIVE_UNITS = {"week": 7, "weekend": 7, "month": 0, "year": 0, "fortnight": 14}
_RELATIVE_OFFSETS = {"last": -1, "this": 0, "next": 1, "previous": -1, "coming": 1}
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


class Tense(StrEnum):
    """Which way a weekday points from the article's date."""

    past = "past"
    future = "future"
    unknown = "unknown"


@dataclass(frozen=True)
class DateMention:
    """A date as written: the fields it gives, or an offset from the article's date."""

    span: Span
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None  # early / mid / late (of a year)
    offset_days: int | None = None  # "yesterday", "three days ago"
    offset_unit: str | None = None  # "week", "month", "year" for "last week", "this month"
    offset: int = 0
    text: str = ""


def is_year(token: str) -> bool:
    """A four-digit year between 1800 and 2099."""
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2099


def _day(token: str) -> int | None:
    if token.isdigit() and len(token) <= 2 and 1 <= int(token) <= 31:
        return int(token)
    return None


def _month(token: str) -> int | None:
    return MONTHS[token.casefold()] if is_month(token) else None


def read_date(tokens: list[str], spans: list[Span], index: int, text: str) -> tuple[int, DateMention] | None:
    """The date starting at ``tokens[index]``, as (index after it, mention), or None."""
    lower = [t.casefold() for t in tokens]
    n = len(tokens)
    j = index
    part = None
    if lower[j] in _PARTS and j + 1 < n and (is_year(tokens[j + 1]) or _month(tokens[j + 1])):
        part, j = lower[j], j + 1
    elif lower[j].startswith("mid-") and is_year(lower[j][4:]):
        return j + 1, DateMention(spans[j], year=int(lower[j][4:]), part="mid", text=spans[j].of(text))
    weekday = None
    if lower[j] in WEEKDAYS and tokens[j][:1].isupper():
        weekday, j = WEEKDAY_INDEX[lower[j]], j + 1
    day = month = year = None
    if j < n and _day(tokens[j]) and j + 1 < n and _month(tokens[j + 1]):
        day, month, j = _day(tokens[j]), _month(tokens[j + 1]), j + 2
    elif j < n and _month(tokens[j]):
        month, j = _month(tokens[j]), j + 1
        if j < n and _day(tokens[j]) and not is_year(tokens[j]):
            day, j = _day(tokens[j]), j + 1
            if j < n and lower[j] in _ORDINAL_SUFFIXES:
                j += 1
    if j < n and is_year(tokens[j]) and (month is not None or weekday is None):
        year, j = int(tokens[j]), j + 1
    if weekday is None and month is None and year is None:
        return _relative(tokens, lower, spans, index, text)
    if part and year is None:
        return None
    if month is not None and day is None and year is None and not _month_context(lower, index):
        return None  # "May" alone is too often something else
    if weekday is not None and month is None and year is None and j == index + 1:
        pass  # a bare weekday: "on Tuesday", "reported Monday"
    span = Span(spans[index].start, spans[j - 1].end)
    return j, DateMention(
        span, year=year, month=month, day=day, weekday=weekday, part=part, text=span.of(text)
    )


def _month_context(lower: list[str], index: int) -> bool:
    before = lower[index - 1] if index else ""
    return before in {
        "in",
        "since",
        "until",
        "by",
        "from",
        "of",
        "last",
        "this",
        "next",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "during",
        "through",
    }


def _relative(
    tokens: list[str], lower: list[str], spans: list[Span], index: int, text: str
) -> tuple[int, DateMention] | None:
    n = len(tokens)
    word = lower[index]
    if word in _DAY_WORDS:
        return index + 1, DateMention(spans[index], offset_days=_DAY_WORDS[word], text=spans[index].of(text))
    if word in _RELATIVE_OFFSETS and index + 1 < n and lower[index + 1] in _RELATIVE_UNITS:
        span = Span(spans[index].start, spans[index + 1].end)
        unit = lower[index + 1]
        return index + 2, DateMention(
            span, offset_unit=unit, offset=_RELATIVE_OFFSETS[word], text=span.of(text)
        )
    # "three days ago", "about 14 months ago"
    number = canonical_number(tokens[index]) if word not in {"a", "an"} else "1"
    if number is not None and index + 2 < n and lower[index + 2] == "ago":
        unit = lower[index + 1].removesuffix("s")
        if unit in DAYS_IN and number.replace(".", "", 1).isdigit():
            span = Span(spans[index].start, spans[index + 2].end)
            days = round(float(number) * DAYS_IN[unit])
            return index + 3, DateMention(span, offset_days=-days, text=span.of(text))
    return None


def resolve(mention: DateMention, today: dt.date | None, tense: Tense) -> DateValue:
    """The date a mention stands for, given the article's date (None when unknown) and the tense."""
    if mention.offset_days is not None:
        if today is None:
            return DateValue(relative=mention.text.casefold())
        then = today + dt.timedelta(days=mention.offset_days)
        if abs(mention.offset_days) > 31:  # "about 14 months ago": a month, not a day
            return DateValue(intervals=(_month_interval(then.year, then.month),))
        return DateValue(intervals=((then, then),))
    if mention.offset_unit is not None:
        if today is None:
            return DateValue(relative=mention.text.casefold())
        return DateValue(intervals=(_relative_interval(today, mention.offset_unit, mention.offset),))
    year, month, day, weekday = mention.year, mention.month, mention.day, mention.weekday
    if year is None and today is not None and month is not None:
        year = today.year
        if tense is Tense.past and (month, day or 1) > (today.month, today.day) and month - today.month > 1:
            year -= 1
    if year is None:
        if weekday is not None and month is None and today is not None:
            return DateValue(intervals=_weekday_candidates(today, weekday, tense))
        return DateValue(month=month, day=day, weekday=weekday)
    if month is None:
        first_month, last_month = _PARTS.get(mention.part or "", (1, 12))
        first = dt.date(year, first_month, 1)
        last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        return DateValue(intervals=((first, last),))
    if day is None:
        return DateValue(intervals=(_month_interval(year, month),))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return DateValue(month=month, day=day)
    return DateValue(intervals=((date, date),))


def _month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _weekday_candidates(today: dt.date, weekday: int, tense: Tense) -> tuple[tuple[dt.date, dt.date], ...]:
    if weekday == today.weekday():
        return ((today, today),)
    back = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    ahead = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    if tense is Tense.past:
        return ((back, back),)
    if tense is Tense.future:
        return ((ahead, ahead),)
    return ((back, back), (ahead, ahead))


def _relative_interval(today: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    if unit == "year":
        year = today.year + offset
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if unit == "month":
        month_index = today.year * 12 + today.month - 1 + offset
        return _month_interval(month_index // 12, month_index % 12 + 1)
    days = _RELATIVE_UNITS.get(unit, 7) or 7
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=days * offset)
    return monday, monday + dt.timedelta(days=days - 1)


def article_date(mentions: list[DateMention]) -> dt.date | None:
    """The article's own date: the first full date (day, month, year) among its opening mentions."""
    for mention in mentions:
        if mention.year and mention.month and mention.day:
            try:
                return dt.date(mention.year, mention.month, mention.day)
            except ValueError:
                continue
    return None
