"""Finding the passage of an article that should support a claim.

The article's sentences are analysed once (a layer of the ``AnalysedArticle``) and indexed by
stem, number and name. A claim's evidence window is the one to three sentences that together
cover most of its information-carrying words, rare words weighing more than common ones; a word
that occurs only elsewhere in the article supports nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..text import AnalysedArticle, Span
from ..text.names import token_key
from ..text.words import TOKEN_RE
from .features import Kind, Passage, Token, analyse_passage

# A second or third sentence joins the window only when it adds this share of the claim's weight.
ADD_SENTENCE_GAIN = 0.2
MAX_WINDOW = 3


@dataclass(frozen=True)
class Window:
    """The sentences chosen as a claim's evidence, in article order."""

    sentences: tuple[int, ...]
    spans: tuple[Span, ...]
    primary: int | None = None  # the sentence that carries most of the claim


def same_stem(word: str, other: str, *, is_name: bool) -> bool:
    """Inflections share a long prefix: withdrew/withdrawn, Russia/Russian, base/bases."""
    short, long = sorted((word, other), key=len)
    common = 0
    for a, b in zip(short, long, strict=False):
        if a != b:
            break
        common += 1
    if is_name:
        # Names only take short endings: Syria/Syrian, Kurd/Kurdish, Israel/Israeli.
        return common == len(short) and len(long) - len(short) <= 3 and len(short) >= 4
    return common >= max(5, len(short) - 2) if len(short) >= 5 else common == len(short) == len(long)


class ArticleIndex:
    """Every sentence of one article analysed once, with an index from words to sentences."""

    def __init__(self, article: AnalysedArticle) -> None:
        self.article = article
        text = article.text
        self.spans: tuple[Span, ...] = article.sentences
        self.names: frozenset[str] = frozenset(_mid_sentence_names(article))
        self.passages: list[Passage] = [
            analyse_passage(text, s.start, s.end, names=self.names) for s in self.spans
        ]
        self._by_key: dict[str, set[int]] = defaultdict(set)
        self._keys_by_prefix: dict[str, set[str]] = defaultdict(set)
        for index, passage in enumerate(self.passages):
            for token in passage.tokens:
                if token.kind is Kind.function:
                    continue
                for key in _keys(token):
                    self._by_key[key].add(index)
                    self._keys_by_prefix[key[:3]].add(key)
        self.sentence_count = max(1, len(self.passages))
        # The headline and the first sentences name what the whole article is about.
        headline = article.layout.headline
        opening = [i for i, span in enumerate(self.spans) if headline is not None and span.overlap(headline)]
        self.topic: set[int] = set(opening) | set(range(min(2, len(self.spans))))
        self._matches: dict[str, frozenset[int]] = {}

    def sentences_with(self, token: Token) -> frozenset[int]:
        """The sentences holding this token or a variant of it (inflection, spelling, number form)."""
        cache_key = f"{token.kind}|{token.stem}|{token.number}|{token.name}|{token.month}"
        found = self._matches.get(cache_key)
        if found is not None:
            return found
        result: set[int] = set()
        for key in _keys(token):
            result |= self._by_key.get(key, set())
            if key.startswith(("n:", "m:", "y:")):
                continue
            for other in self._keys_by_prefix.get(key[:3], ()):
                if other != key and other[:2] == key[:2] and _variant(key, other):
                    result |= self._by_key[other]
        frozen = frozenset(result)
        self._matches[cache_key] = frozen
        return frozen

    def weight(self, token: Token) -> float:
        """Inverse sentence frequency: rare words say more about where a claim comes from."""
        holders = len(self.sentences_with(token))
        strong = 1.5 if token.kind in (Kind.name, Kind.number, Kind.date) else 1.0
        return strong * math.log(1 + self.sentence_count / (1 + holders))

    def window(self, claim: Passage, *, within: set[int] | None = None) -> Window:
        """The best evidence window for a claim, optionally among some sentences only."""
        content = [t for t in claim.content]
        holders = [self.sentences_with(t) for t in content]
        weights = [self.weight(t) for t in content]
        total = sum(weights) or 1.0
        scores: dict[int, float] = defaultdict(float)
        for token_holders, weight in zip(holders, weights, strict=True):
            for index in token_holders:
                if within is None or index in within:
                    scores[index] += weight
        if not scores:
            return Window((), (), None)
        chosen = [max(scores, key=lambda i: (scores[i], -i))]
        covered = {k for k, h in enumerate(holders) if chosen[0] in h}
        while len(chosen) < MAX_WINDOW:
            best, gain = None, 0.0
            for index in scores:
                if index in chosen:
                    continue
                added = sum(weights[k] for k, h in enumerate(holders) if k not in covered and index in h)
                # Neighbours of the window read as one passage: they join a little more easily.
                near = any(abs(index - c) == 1 for c in chosen)
                if added > gain or (added == gain and near and best is not None):
                    best, gain = index, added
            if best is None or gain < ADD_SENTENCE_GAIN * total:
                break
            chosen.append(best)
            covered |= {k for k, h in enumerate(holders) if best in h}
        ordered = tuple(sorted(chosen))
        return Window(ordered, tuple(self.spans[i] for i in ordered), chosen[0])

    def sentences_overlapping(self, span: Span) -> set[int]:
        """The sentences a span of the article touches."""
        return {
            i
            for i, s in enumerate(self.spans)
            if s.overlap(span) > 0 or (len(span) == 0 and s.covers(span.start))
        }


def _keys(token: Token) -> list[str]:
    if token.kind is Kind.number and token.number is not None:
        return ["n:" + token.number]
    if token.kind is Kind.date:
        if token.month is not None:
            return ["m:" + str(token.month)]
        if token.number is not None:
            return ["y:" + token.number]
        return ["w:" + token.folded]
    keys = ["w:" + token.stem]
    if token.name:
        keys.append("k:" + token.name)
    return keys


def _variant(key: str, other: str) -> bool:
    kind, word = key[:2], key[2:]
    if kind == "k:":
        return same_stem(word, other[2:], is_name=True) or (
            len(word) >= 4 and Levenshtein.normalized_similarity(word, other[2:]) >= 0.85
        )
    return same_stem(word, other[2:], is_name=False)


def _mid_sentence_names(article: AnalysedArticle) -> set[str]:
    """Name keys of capitalized words seen inside a sentence (so known to be names)."""
    text = article.text
    found: set[str] = set()
    for sentence in article.sentences:
        for match in TOKEN_RE.finditer(text, sentence.start, sentence.end):
            word = match.group()
            if (
                match.start() > sentence.start + 1
                and word[:1].isupper()
                and text[match.start() - 2] not in ".!?"
            ):
                found.add(token_key(word))
    return found
