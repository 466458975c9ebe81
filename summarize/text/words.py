"""Words: the one tokenizer, the one stopword list, and the small vocabularies every reader shares.

A token is a dotted acronym ("U.S."), a number with its separators ("7,000", "6.5", "40%"), or a
word with inner apostrophes and hyphens ("Russia’s", "al‑Sharaa", "Kurdish-led"). Every module
that needs words of a text gets them here, with spans into the text they came from.
"""

from __future__ import annotations

import re

from .spans import Span

TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\d[\d,.]*\d%?|\d%?|[^\W\d_](?:[\w’'‑‐-]*\w)?")


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    """The tokens of ``text``, in order."""
    return TOKEN_RE.findall(text)


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The tokens of ``text[start:end]`` as spans of ``text``."""
    stop = len(text) if end is None else end
    return [Span(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, stop)]


# Function words: they carry no fact of their own, so no check or match turns on them alone.
STOPWORDS = word_set(
    """a about above after again against all also although am among an and any are around as at be
    because been before being below between both but by can could did do does doing down during each
    either else even ever every few for from further had has have having he her here hers herself him
    himself his how however i if in into is it its itself just least less let like many may me might
    more most much must my myself neither no nor not now of off often on once one only or other our
    ours ourselves out over own per rather same several shall she should since so some such than that
    the their theirs them themselves then there these they this those though through thus to too
    under until up upon us very was we were what when where whether which while who whom whose why
    will with within without would yet you your yours"""
)

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "fortnight": 14,
}  # fmt: skip


def canonical_number(token: str) -> str | None:
    """'7,000' -> '7000', '15' -> '15', 'fifteen' -> '15'; None for a token that is not a number."""
    if token[:1].isdigit():
        digits = token.rstrip("%")
        # A comma or a dot followed by exactly three digits groups thousands.
        digits = re.sub(r"[,.](?=\d{3}(?:\D|$))", "", digits)
        return digits.rstrip(".,") or None
    value = NUMBER_WORDS.get(token.casefold())
    return None if value is None else str(value)


def is_month(token: str) -> bool:
    """A month name or abbreviation ("May" only when capitalized: "may" is a modal)."""
    lowered = token.casefold().rstrip(".")
    return (
        lowered in MONTHS
        and (lowered != "may" or token[:1].isupper())
        and (
            lowered not in {"mar", "jan", "dec", "sep", "oct", "nov", "aug", "jun", "jul", "feb", "apr"}
            or token[:1].isupper()
        )
    )
