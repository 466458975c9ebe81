"""One analysed article: every layer of text analysis computed once, lazily, and shared.

The rule-based engine, grounding, ``summarize check``, the eval and the outlet comparison all
read the same ``AnalysedArticle``; none recomputes a layer or changes another's output. Built-in
layers (``quotations``, ``segmentation``, ``sentences``, ``layout``, ``body_sentences``,
``attributions``, ``language``, ``normalized``) are cached properties; a reader above this package adds its own
layer with ``article.layer(builder)``, a function of the article computed at most once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .attribution import Attribution, find_attributions
from .fold import NormalizedText, normalize_with_offsets
from .injection import instruction_spans
from .language import Language, detect_language
from .layout import ArticleLayout, lay_out
from .parse import parse_texts
from .quotes import quotation_spans
from .segment import Segmentation, segment
from .spans import Span

if TYPE_CHECKING:
    from .parse import Doc

T = TypeVar("T")


class AnalysedArticle:
    """An article's text and its analysis layers (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._layers: dict[Callable[[AnalysedArticle], Any], Any] = {}
        self._parses: dict[int, Doc] = {}

    def of(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[span.start : span.end]

    @cached_property
    def quotations(self) -> list[Span]:
        """Top-level quotations, marks included."""
        return quotation_spans(self.text)

    @cached_property
    def segmentation(self) -> Segmentation:
        """Lines and sentences of the whole text."""
        return segment(self.text, self.quotations)

    @property
    def sentences(self) -> tuple[Span, ...]:
        """Every sentence of every line, in order."""
        return self.segmentation.sentences

    @cached_property
    def layout(self) -> ArticleLayout:
        """Headline, standfirst, body paragraphs and dropped page furniture."""
        segmentation = self.segmentation
        sentences_of: list[list[Span]] = [[] for _ in segmentation.lines]
        for sentence, line in zip(segmentation.sentences, segmentation.line_of, strict=True):
            sentences_of[line].append(sentence)
        return lay_out(self.text, segmentation.lines, sentences_of)

    @cached_property
    def body_sentences(self) -> tuple[tuple[Span, int], ...]:
        """The body's sentences, each with the index of its body paragraph."""
        # A body paragraph is a line, or a run of clean sentences of a long one (layout).
        body = self.layout.body
        starts = [paragraph.start for paragraph in body]
        found: list[tuple[Span, int]] = []
        for sentence in self.segmentation.sentences:
            index = bisect_right(starts, sentence.start) - 1
            if index >= 0 and sentence.end <= body[index].end:
                found.append((sentence, index))
        return tuple(found)

    def in_body(self, offset: int) -> bool:
        """True when an offset falls inside a body paragraph."""
        return any(paragraph.covers(offset) for paragraph in self.layout.body)

    @cached_property
    def attributions(self) -> list[Attribution]:
        """Every quotation and reported statement with its speaker, in text order."""
        return find_attributions(self.text, self.sentences, self.quotations)

    @cached_property
    def instructions(self) -> list[Span]:
        """Sentences addressed to a language model (planted instructions), anywhere in the text."""
        return instruction_spans(self.text, self.sentences)

    @cached_property
    def language(self) -> Language:
        """A cheap guess at the article's language (script and English function words)."""
        return detect_language(self.text)

    @cached_property
    def normalized(self) -> NormalizedText:
        """The folded text with a map back to original offsets (for locating quotes)."""
        return normalize_with_offsets(self.text)

    def parsed(self, indices: Iterable[int]) -> dict[int, Doc]:
        """Dependency parses of some sentences (by index into ``sentences``), each parsed once."""
        wanted = [i for i in dict.fromkeys(indices) if i not in self._parses]
        if wanted:
            docs = parse_texts([self.of(self.sentences[i]) for i in wanted])
            self._parses.update(zip(wanted, docs, strict=True))
        return {i: self._parses[i] for i in indices}

    def layer(self, builder: Callable[[AnalysedArticle], T]) -> T:
        """The result of ``builder(self)``, computed on first use and shared afterwards."""
        if builder not in self._layers:
            self._layers[builder] = builder(self)
        return cast(T, self._layers[builder])
