"""The rule-based engine's view of one analysed article: body sentences, name entities, and the
attributions inside the body, built once per article as a layer of the ``AnalysedArticle``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..text import AnalysedArticle, Attribution, Span
from ..text.layout import ArticleLayout
from .clauses import Parsed
from .descriptions import add_described_mentions, find_descriptions, without_covered
from .names import Entity, find_mentions, merge_entities


@dataclass(frozen=True)
class Document:
    """The article with everything the extractors share."""

    article: AnalysedArticle
    sentences: list[Span]  # body sentences, in order
    paragraph_of: list[int]  # index of each sentence's body paragraph
    entities: list[Entity]
    attributions: list[Attribution]  # those whose quote lies in the body
    _starts: list[int] = field(default_factory=list)  # start of every article sentence, in order

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def layout(self) -> ArticleLayout:
        return self.article.layout

    def of(self, span: Span) -> str:
        """The article text a span covers."""
        return self.article.text[span.start : span.end]

    def sentence_at(self, offset: int) -> Span:
        """The article sentence holding an offset (the segmenter's, headline lines included)."""
        index = max(0, bisect_right(self._starts, offset) - 1)
        return self.article.sentences[index]

    def parse_each(self, spans: Sequence[Span], chunk: int = 8) -> Iterator[tuple[Span, Parsed]]:
        """Parses of the sentences holding ``spans``, in order, a few at a time: a reader that
        stops early (it has found enough) leaves the rest unparsed."""
        for start in range(0, len(spans), chunk):
            batch = spans[start : start + chunk]
            parsed = self.parse(batch)
            for span in batch:
                yield span, parsed[span]

    def parse(self, spans: Iterable[Span]) -> dict[Span, Parsed]:
        """Parses of the article sentences holding these spans, keyed by the span asked for."""
        wanted = {span: max(0, bisect_right(self._starts, span.start) - 1) for span in spans}
        docs = self.article.parsed(wanted.values())
        sentences = self.article.sentences
        return {span: Parsed(sentences[index], docs[index]) for span, index in wanted.items()}


def _build(article: AnalysedArticle) -> Document:
    sentences = [sentence for sentence, _ in article.body_sentences]
    paragraph_of = [paragraph for _, paragraph in article.body_sentences]
    attributions = [a for a in article.attributions if article.in_body(a.span.start)]
    speaker_starts = [a.speaker_span.start for a in attributions if a.speaker_span is not None]
    descriptions = find_descriptions(article.text, sentences)
    found = without_covered(find_mentions(article.text, sentences, speaker_starts), descriptions)
    found = sorted([*found, *descriptions], key=lambda f: f.mention.span.start)
    entities = add_described_mentions(article.text, sentences, merge_entities(found))
    starts = [sentence.start for sentence in article.sentences]
    return Document(article, sentences, paragraph_of, entities, attributions, starts)


def analyse(article: AnalysedArticle) -> Document:
    """The engine's document for an article (built on first use, then shared)."""
    return article.layer(_build)
