"""Cutting an article into non-overlapping segments, each with the set of spans that cover it.

Evidence and quote spans may overlap, nest or coincide; HTML cannot nest crossing elements, so
the page renders the text as a flat run of segments instead, and each segment names every span
that covers it. Concatenating the segments' text gives back the article, character for character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..text import Span


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[start:end]`` and the indices (into the given span list) of the spans covering it."""

    start: int
    end: int
    covering: tuple[int, ...]


def segment_text(length: int, spans: Sequence[Span]) -> list[Segment]:
    """Segments covering ``0..length`` exactly; a boundary wherever a span starts or ends.

    Empty spans cover nothing; spans must lie inside the text (callers drop the others).
    """
    boundaries = {0, length}
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        if span.end <= span.start:
            continue
        boundaries.update((span.start, span.end))
        starts.setdefault(span.start, []).append(index)
        ends.setdefault(span.end, []).append(index)
    points = sorted(boundaries)
    active: set[int] = set()
    segments = []
    for start, end in pairwise(points):
        active.difference_update(ends.get(start, ()))
        active.update(starts.get(start, ()))
        segments.append(Segment(start, end, tuple(sorted(active))))
    return segments
