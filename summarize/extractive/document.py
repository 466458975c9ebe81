"""One analysed article: its layout, body sentences, name entities and attributions, computed once."""

from __future__ import annotations

from dataclasses import dataclass

from ..attribution import Attribution, find_attributions
from .boilerplate import ArticleLayout, lay_out
from .names import Entity, find_mentions, merge_entities
from .sentences import Span, split_lines, split_sentences


@dataclass
class Document:
    """The article text with everything the extractors share."""

    text: str
    layout: ArticleLayout
    sentences: list[Span]  # body sentences, in order
    paragraph_of: list[int]  # index of each sentence's body paragraph
    entities: list[Entity]
    attributions: list[Attribution]

    def in_body(self, start: int) -> bool:
        """True when an offset falls inside a body paragraph."""
        return any(p.start <= start < p.end for p in self.layout.body)


def analyse(text: str) -> Document:
    """Lay out the article and find its sentences, names and attributions."""
    layout = lay_out(split_lines(text))
    sentences: list[Span] = []
    paragraph_of: list[int] = []
    for index, paragraph in enumerate(layout.body):
        for sentence in split_sentences(text, paragraph):
            sentences.append(sentence)
            paragraph_of.append(index)
    entities = merge_entities(find_mentions(text, sentences))
    document = Document(text, layout, sentences, paragraph_of, entities, [])
    document.attributions = [a for a in find_attributions(text) if document.in_body(a.quote_start)]
    return document
