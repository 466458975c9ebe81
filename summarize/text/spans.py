"""The one span type: a slice of the ORIGINAL article text, ``text[start:end]`` (Python str indices).

Everything that points into an article uses it: segments, quotations, speakers, located quotes
and evidence in the output models. Offsets are always into the text the span was made from, so
``span.of(text)`` is the passage, in any script (CJK, Arabic, emoji, combining characters).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ConfigDict, with_config


@with_config(ConfigDict(extra="forbid"))
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A slice of the original text: ``start`` inclusive, ``end`` exclusive."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The passage this span covers in ``text``."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def covers(self, offset: int) -> bool:
        """True when ``offset`` falls inside this span."""
        return self.start <= offset < self.end

    def overlap(self, other: Span) -> int:
        """How many characters the two spans share (0 when disjoint)."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))


def trimmed(text: str, start: int, end: int, chars: str | None = None) -> Span:
    """``Span(start, end)`` with leading and trailing whitespace (or ``chars``) left out."""
    while start < end and (text[start].isspace() if chars is None else text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return Span(start, end)
