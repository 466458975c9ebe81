"""The article as numbered sentences: what a prompt shows, and what a sentence number points to.

A model that cites sentence numbers instead of copying words cannot invent evidence: the number
resolves to a span of the article, and the article's own text is the evidence. The sentences are
the one segmenter's (``AnalysedArticle.sentences``): the headline and the body paragraphs; page
furniture (captions, sign-up lines, "read more" lists) is not shown, so it cannot be cited. An
article whose layout finds no body is shown whole, sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysed import AnalysedArticle
from .fold import normalize_with_offsets
from .spans import Span, trimmed

# Marks a quoted passage may begin or end with that the cited words need not repeat.
_EDGE_PUNCTUATION = " \t\n\"'“”‘’«»„‚.,;:!?…-–—()[]"


@dataclass(frozen=True)
class NumberedArticle:
    """Sentences numbered from 1, each a span of ``text``; ``paragraph_starts`` are numbers that open a paragraph."""

    text: str
    sentences: tuple[Span, ...]
    paragraph_starts: frozenset[int] = frozenset()

    @classmethod
    def of(cls, article: AnalysedArticle) -> NumberedArticle:
        """The headline and body sentences of ``article`` (every sentence when no body is found)."""
        chosen: list[Span] = []
        starts: set[int] = set()
        headline = article.layout.headline
        if headline is not None:
            chosen.extend(s for s in article.sentences if headline.contains(s))
            starts.add(1)
        last_paragraph = None
        for sentence, paragraph in article.body_sentences:
            if sentence in chosen:
                continue
            if paragraph != last_paragraph:
                starts.add(len(chosen) + 1)
                last_paragraph = paragraph
            chosen.append(sentence)
        if len(chosen) <= (1 if headline is not None else 0):
            chosen = list(article.sentences)
            starts = {1}
        return cls(article.text, tuple(chosen), frozenset(starts))

    def __len__(self) -> int:
        return len(self.sentences)

    def has(self, number: int) -> bool:
        """True when ``number`` names a sentence."""
        return 1 <= number <= len(self.sentences)

    def span(self, number: int) -> Span:
        """The span of sentence ``number`` (1-based)."""
        return self.sentences[number - 1]

    def sentence(self, number: int) -> str:
        """The text of sentence ``number`` (1-based), as the article writes it."""
        return self.span(number).of(self.text)

    def lines(self) -> str:
        """One ``[n] sentence`` line per sentence, a blank line between paragraphs."""
        rendered: list[str] = []
        for number in range(1, len(self.sentences) + 1):
            if number in self.paragraph_starts and rendered:
                rendered.append("")
            rendered.append(f"[{number}] " + " ".join(self.sentence(number).split()))
        return "\n".join(rendered)

    def locate(self, words: str, number: int) -> Span | None:
        """Where ``words`` occur in sentence ``number``, forgiving case, quote marks, dashes and spacing.

        Quotation marks and punctuation at either end of ``words`` are not required; the span
        returned is of the article's own characters.
        """
        wanted = normalize_with_offsets(words.strip(_EDGE_PUNCTUATION)).text.strip()
        if not wanted:
            return None
        span = self.span(number)
        folded = normalize_with_offsets(span.of(self.text))
        at = folded.text.find(wanted)
        if at < 0:
            return None
        start, end = folded.original_span(at, at + len(wanted))
        return trimmed(self.text, span.start + start, span.start + end)

    def find(self, words: str) -> list[int]:
        """The numbers of every sentence that holds ``words`` (for telling a model where they are)."""
        return [n for n in range(1, len(self.sentences) + 1) if self.locate(words, n) is not None]
