"""The rule-based engine's view of one analysed article: body sentences, name entities, and the
attributions inside the body, built once per article as a layer of the ``AnalysedArticle``."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import AnalysedArticle, Attribution, Span
from ..text.layout import ArticleLayout
from .names import Entity, find_mentions, merge_entities


@dataclass(frozen=True)
class Document:
    """The article with everything the extractors share."""

    article: AnalysedArticle
    sentences: list[Span]  # body sentences, in order
    paragraph_of: list[int]  # index of each sentence's body paragraph
    entities: list[Entity]
    attributions: list[Attribution]  # those whose quote lies in the body

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def layout(self) -> ArticleLayout:
        return self.article.layout

    def of(self, span: Span) -> str:
        """The article text a span covers."""
        return self.article.text[span.start : span.end]


def _build(article: AnalysedArticle) -> Document:
    sentences = [sentence for sentence, _ in article.body_sentences]
    paragraph_of = [paragraph for _, paragraph in article.body_sentences]
    attributions = [a for a in article.attributions if article.in_body(a.span.start)]
    speaker_starts = [a.speaker_span.start for a in attributions if a.speaker_span is not None]
    entities = merge_entities(find_mentions(article.text, sentences, speaker_starts))
    return Document(article, sentences, paragraph_of, entities, attributions)


def analyse(article: AnalysedArticle) -> Document:
    """The engine's document for an article (built on first use, then shared)."""
    return article.layer(_build)
