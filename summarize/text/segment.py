"""The one segmenter: an article's non-blank lines and its sentences, as spans of the original text.

A sentence ends at sentence-final punctuation followed by a space and a capital, a digit, an
opening quote or bracket, or a non-Latin character; never inside a quotation (a quoted passage
of several sentences stays with its "he said"), never after an abbreviation or an initial
("Mr. Smith", "Jan. 27", "H. A. Hellyer", "U.S. forces"), and always at a line break. CJK
full stops end sentences too. Everything that reads sentences (the rule-based engine, the
attribution finder, the checker, the prompt's numbered sentences) reads these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import quotation_spans
from .spans import Span, trimmed
from .words import word_set

# Words whose trailing period does not end a sentence ("Mr. Smith", "Jan. 27", "U.S. forces").
ABBREVIATIONS = word_set(
    "mr mrs ms dr prof gen col lt sgt capt cpt maj adm sen rep gov st jr sr rev fr hon "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept est approx "
    "e.g i.e u.s u.k u.n a.m p.m"
)

_LINE_RE = re.compile(r"[^\r\n]+")
_LATIN_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+\S)")
_CJK_END = re.compile(r"[。！？]+[」』”’）]*")
_NEXT_CHARS = re.compile(r"\s+(\S\S?)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIAL_OR_ACRONYM = re.compile(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]")


@dataclass(frozen=True)
class Segmentation:
    """Lines and sentences of one text; ``line_of[i]`` is the index of sentence ``i``'s line."""

    lines: tuple[Span, ...]
    sentences: tuple[Span, ...]
    line_of: tuple[int, ...]


def split_lines(text: str) -> list[Span]:
    """Every non-blank line of ``text``, trimmed."""
    spans = []
    for match in _LINE_RE.finditer(text):
        span = trimmed(text, match.start(), match.end())
        if span.end > span.start:
            spans.append(span)
    return spans


def _is_abbreviation(text: str, period: int, line_start: int) -> bool:
    match = _WORD_BEFORE.search(text, line_start, period)
    if not match:
        return False
    word = match.group(1).lstrip("\"'“‘([").rstrip(".")
    if word.lower() in ABBREVIATIONS:
        return True
    # Initials ("H. A. Hellyer") and dotted acronyms ("U.S.").
    return bool(_INITIAL_OR_ACRONYM.fullmatch(word))


def _inside_quotation(position: int, quotations: list[Span], cursor: list[int]) -> bool:
    # Quotations are sorted and boundaries come in order, so one moving cursor keeps this linear.
    while cursor[0] < len(quotations) and quotations[cursor[0]].end - 1 <= position:
        cursor[0] += 1
    return cursor[0] < len(quotations) and quotations[cursor[0]].start < position


def sentence_ends(text: str, line: Span, quotations: list[Span], cursor: list[int]) -> list[int]:
    """Offsets (into ``text``) just after each sentence end inside ``line``."""
    ends: set[int] = set()
    for match in _LATIN_END.finditer(text, line.start, line.end):
        end = match.end()
        next_chars = _NEXT_CHARS.match(text, end, line.end)
        if next_chars is None:
            continue
        following = next_chars.group(1)
        first = following[:1]
        if not (first.isupper() or first.isdigit() or first in "\"'“‘([" or not first.isascii()):
            continue
        if first in "“‘\"'" and following[1:2].islower():
            continue
        if match.group().startswith(".") and _is_abbreviation(text, match.start(), line.start):
            continue
        if _inside_quotation(end - 1, quotations, cursor):
            continue
        ends.add(end)
    for match in _CJK_END.finditer(text, line.start, line.end):
        ends.add(match.end())
    return sorted(ends)


def segment(text: str, quotations: list[Span]) -> Segmentation:
    """Split ``text`` into lines and sentences; ``quotations`` are its quotation spans, in order."""
    lines = split_lines(text)
    sentences: list[Span] = []
    line_of: list[int] = []
    cursor = [0]
    for index, line in enumerate(lines):
        previous = line.start
        for end in [*sentence_ends(text, line, quotations, cursor), line.end]:
            span = trimmed(text, previous, end)
            if span.end > span.start:
                sentences.append(span)
                line_of.append(index)
            previous = end
    return Segmentation(tuple(lines), tuple(sentences), tuple(line_of))


def split_text(text: str) -> list[Span]:
    """The sentences of a short text (a claim, a quote, a summary), quotations respected."""
    return list(segment(text, quotation_spans(text)).sentences)
