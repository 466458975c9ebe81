"""Character spans of the article: non-empty lines, and sentences split with their offsets.

Everything downstream quotes the article through a :class:`Span`, whose ``text`` is always
``article[start:end]``, so grounding holds by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import word_set


@dataclass(frozen=True)
class Span:
    """A slice of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str


def make_span(article: str, start: int, end: int) -> Span:
    """A span over ``article[start:end]`` with surrounding whitespace trimmed."""
    while start < end and article[start].isspace():
        start += 1
    while end > start and article[end - 1].isspace():
        end -= 1
    return Span(start, end, article[start:end])


def split_lines(article: str) -> list[Span]:
    """Every non-blank line of the article, trimmed."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", article):
        span = make_span(article, match.start(), match.end())
        if span.text:
            spans.append(span)
    return spans


# Words whose trailing period does not end a sentence ("Mr. Smith", "Jan. 27", "U.S. forces").
ABBREVIATIONS = word_set(
    "mr mrs ms dr prof gen col lt sgt capt cpt maj adm sen rep gov st jr sr rev fr hon "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept est approx "
    "e.g i.e u.s u.k u.n a.m p.m"
)

_LATIN_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+\S)")
_CJK_END = re.compile(r"[。！？]+[」』”’）]*")
_WORD_BEFORE = re.compile(r"(\S+)$")


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lstrip("\"'“‘([").rstrip(".")
    if word.lower() in ABBREVIATIONS:
        return True
    # Initials ("H. A. Hellyer") and dotted acronyms ("U.S.").
    return bool(re.fullmatch(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]", word))


def _boundaries(text: str) -> list[int]:
    """Offsets (relative to ``text``) just after each sentence end."""
    ends: set[int] = set()
    for match in _LATIN_END.finditer(text):
        following = text[match.end() :].lstrip()
        first = following[:1]
        if not (first.isupper() or first.isdigit() or first in "\"'“‘([" or not first.isascii()):
            continue
        if first in "“‘\"'" and following[1:2].islower():
            continue
        if match.group().startswith(".") and _is_abbreviation(text[: match.start()]):
            continue
        ends.add(match.end())
    for match in _CJK_END.finditer(text):
        ends.add(match.end())
    return sorted(ends)


def split_sentences(article: str, block: Span) -> list[Span]:
    """The sentences of one block (a paragraph) as spans of the article."""
    spans = []
    previous = 0
    for end in [*_boundaries(block.text), len(block.text)]:
        span = make_span(article, block.start + previous, block.start + end)
        if span.text:
            spans.append(span)
        previous = end
    return spans


def words(text: str) -> list[str]:
    """The word tokens of a text (letters, digits, inner apostrophes and hyphens)."""
    return re.findall(r"[^\W_](?:[\w'’‑-]*[^\W_])?", text)
