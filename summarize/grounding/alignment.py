"""Finding a quote in its article: exact, after normalization, fuzzily, or not at all.

Offsets are never taken from the model: every quote is searched for in the article itself and
reported as a span of the ORIGINAL text (Python ``str`` indices, so ``text[start:end]`` is the
passage), with an explicit status. A quote that elides words ("...", "…", "[...]") is located
part by part, each part after the previous one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from ..text import AnalysedArticle, Span
from ..text.fold import NormalizedText, normalize

# Below this similarity (0..1) a passage is not the quote: tuned on bench/grounding.py's
# labelled mix, where fabricated quotes built from the article's own words score up to ~0.8.
FUZZY_THRESHOLD = 0.86
ELLIPSIS_RE = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[…\]|(?:\.\s*){3,}|…)\s*")
EDGE_PUNCTUATION = " \"'.,;:!?"


class AlignmentStatus(StrEnum):
    """How a quote was found in the article."""

    exact = "exact"
    normalized = "normalized"
    fuzzy = "fuzzy"
    not_found = "not_found"


STATUS_RANK = {
    AlignmentStatus.exact: 0,
    AlignmentStatus.normalized: 1,
    AlignmentStatus.fuzzy: 2,
    AlignmentStatus.not_found: 3,
}


class QuoteAlignment(BaseModel):
    """Where a quote is in the original article text, and how closely it matches there."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="The quote as given.")
    status: AlignmentStatus
    span: Span | None = Field(
        default=None, description="Where the quote is in the original text (str indices; end exclusive)."
    )
    similarity: float = Field(ge=0.0, le=1.0, description="1.0 for exact and normalized matches.")
    parts: list[QuoteAlignment] = Field(
        default_factory=list, description="For a quote with an ellipsis: each part's own alignment."
    )

    @property
    def found(self) -> bool:
        return self.status is not AlignmentStatus.not_found


class QuoteLocator:
    """Locates any number of quotes in one article; the article is normalized once (a layer)."""

    def __init__(self, article: AnalysedArticle, *, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.article = article
        self.text = article.text
        self.fuzzy_threshold = fuzzy_threshold

    @property
    def normalized(self) -> NormalizedText:
        return self.article.normalized

    def locate(self, quote: str, *, after: int = 0) -> QuoteAlignment:
        """Locate ``quote`` at or after original offset ``after``."""
        whole = self._locate_whole(quote, after)
        if whole.found and whole.status is not AlignmentStatus.fuzzy:
            return whole
        parts = [p for p in ELLIPSIS_RE.split(quote) if p.strip(EDGE_PUNCTUATION)]
        if len(parts) < 2:
            return whole
        elided = self._locate_parts(quote, parts, after)
        if not elided.found or (whole.found and whole.similarity >= elided.similarity):
            return whole if whole.found else elided
        return elided

    def _locate_parts(self, quote: str, parts: list[str], after: int) -> QuoteAlignment:
        aligned: list[QuoteAlignment] = []
        position = after
        for part in parts:
            alignment = self._locate_whole(part, position)
            aligned.append(alignment)
            if alignment.span is not None:
                position = alignment.span.end
        found = [a.span for a in aligned if a.span is not None]
        if len(found) < len(aligned):
            return QuoteAlignment(
                quote=quote, status=AlignmentStatus.not_found, similarity=0.0, parts=aligned
            )
        worst = max(aligned, key=lambda a: STATUS_RANK[a.status]).status
        # Elided parts are all in order, so the quote spans from the first part to the last.
        weight = sum(len(a.quote) for a in aligned)
        similarity = sum(a.similarity * len(a.quote) for a in aligned) / weight
        return QuoteAlignment(
            quote=quote,
            status=worst,
            span=Span(found[0].start, found[-1].end),
            similarity=round(similarity, 4),
            parts=aligned,
        )

    def _locate_whole(self, quote: str, after: int) -> QuoteAlignment:
        stripped = quote.strip()
        if not stripped:
            return QuoteAlignment(quote=quote, status=AlignmentStatus.not_found, similarity=0.0)
        index = self.text.find(stripped, after)
        if index >= 0:
            return QuoteAlignment(
                quote=quote,
                status=AlignmentStatus.exact,
                span=Span(index, index + len(stripped)),
                similarity=1.0,
            )
        needle = normalize(stripped).strip(EDGE_PUNCTUATION)
        if not needle:
            return QuoteAlignment(quote=quote, status=AlignmentStatus.not_found, similarity=0.0)
        haystack = self.normalized
        offset = bisect_left(haystack.starts, after)
        found = haystack.text.find(needle, offset)
        if found >= 0:
            start, end = haystack.original_span(found, found + len(needle))
            return QuoteAlignment(
                quote=quote, status=AlignmentStatus.normalized, span=Span(start, end), similarity=1.0
            )
        return self._fuzzy(quote, needle, offset)

    def _fuzzy(self, quote: str, needle: str, offset: int) -> QuoteAlignment:
        haystack = self.normalized
        region = haystack.text[offset:]
        cutoff = self.fuzzy_threshold * 100
        # partial_ratio slides the needle over the article (bit-parallel, in C); a first cutoff a
        # little under the threshold keeps candidates whose window is merely misaligned.
        window = fuzz.partial_ratio_alignment(needle, region, score_cutoff=max(cutoff - 10, 0))
        if window is None or len(needle) > len(region):
            return QuoteAlignment(quote=quote, status=AlignmentStatus.not_found, similarity=0.0)
        start, end, score = _refine(needle, region, window.dest_start, window.dest_end)
        if score < cutoff:
            return QuoteAlignment(
                quote=quote, status=AlignmentStatus.not_found, similarity=round(score / 100, 4)
            )
        original_start, original_end = haystack.original_span(offset + start, offset + end)
        return QuoteAlignment(
            quote=quote,
            status=AlignmentStatus.fuzzy,
            span=Span(original_start, original_end),
            similarity=round(score / 100, 4),
        )


def _refine(needle: str, region: str, start: int, end: int) -> tuple[int, int, float]:
    """Snap a partial_ratio window to word boundaries, choosing the boundaries with the best ratio."""
    slack = max(3, len(needle) // 4)
    starts = _boundaries(region, start - slack, start + slack, is_start=True) or [start]
    ends = _boundaries(region, end - slack, end + slack, is_start=False) or [end]
    best = (start, end, fuzz.ratio(needle, region[start:end]))
    for candidate_start in starts:
        for candidate_end in ends:
            if candidate_end <= candidate_start:
                continue
            score = fuzz.ratio(needle, region[candidate_start:candidate_end])
            if score > best[2]:
                best = (candidate_start, candidate_end, score)
    return best


def _boundaries(text: str, low: int, high: int, *, is_start: bool) -> list[int]:
    low, high = max(low, 0), min(high, len(text))
    found = []
    for position in range(low, high + 1):
        before = text[position - 1] if position > 0 else " "
        after = text[position] if position < len(text) else " "
        if is_start and (before == " " or not before.isalnum()) and after != " ":
            found.append(position)
        if not is_start and (after == " " or not after.isalnum()) and before != " ":
            found.append(position)
    return found


def locate_quote(quote: str, text: str | AnalysedArticle) -> QuoteAlignment:
    """Locate ``quote`` in an article: exact, normalized, fuzzy (with similarity) or not_found."""
    article = text if isinstance(text, AnalysedArticle) else AnalysedArticle(text)
    return article.layer(QuoteLocator).locate(quote)
