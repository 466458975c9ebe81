"""Titles and positions in a parsed sentence, as values held by a name.

A role is a title before a name ("deputy prosecutor Lidia Orsen", "Syrian President Ahmed
al-Sharaa") or an appositive set off right after it ("Dmitry Peskov, the Kremlin spokesman"); its
value is the head noun, the rank words and the other words.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..extractive.gazetteer import TITLES
from ..text.names import COURTESY_TITLES, token_key
from ..text.spans import Span
from .anchors import fold
from .expressions import SentenceTokens
from .places import phrase_tokens
from .values import Role
from .vocabulary import RANKS


def role_value(tokens: list[Token], text: str) -> Role | None:
    """The value of a title or appositive: its head noun, rank words and content words."""
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN") and fold(t.text) not in COURTESY_TITLES]
    if not nouns:
        return None
    head_token = next((t for t in tokens if t.head not in tokens or t.head is t), nouns[-1])
    if head_token.pos_ not in ("NOUN", "PROPN"):
        head_token = nouns[-1]
    head = fold(head_token.lemma_)
    words = frozenset(fold(t.lemma_) for t in tokens if t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.like_num)
    ranks = frozenset(w for w in words if w in RANKS)
    return Role(head, ranks, words - {head}, text)


def find_roles(sentence: SentenceTokens, people: set[str]) -> list[tuple[str, Token, Span, Role]]:
    """Roles in a sentence: (holder's name, the name's head token, the role's span, its value).

    A title is the words before the name that are not the name ("deputy prosecutor", "Syrian
    President"); an appositive is a noun phrase set off after it ("the Kremlin spokesman").
    """
    found: list[tuple[str, Token, Span, Role]] = []
    for token in sentence.doc:
        if token.pos_ != "PROPN" or token.dep_ in ("compound", "poss"):
            continue
        before = sorted(
            (t for t in token.children if t.i < token.i and t.dep_ in ("compound", "amod")), key=lambda t: t.i
        )
        names = [t for t in before if t.pos_ == "PROPN" and _is_name_word(t)] + [token]
        if token_key(token.text) not in people or not _is_name_word(token):
            continue
        holder_span = Span(sentence.span_of(names[0]).start, sentence.span_of(token).end)
        holder = holder_span.of(sentence.text)
        title_tokens: list[Token] = []
        for child in before:
            if child in names:
                continue
            title_tokens.extend(
                t for t in child.subtree if t.i < names[0].i and t.pos_ != "DET" and not t.is_punct
            )
        title_tokens = [
            t for t in sorted(set(title_tokens), key=lambda t: t.i) if fold(t.text) not in COURTESY_TITLES
        ]
        if title_tokens:
            span = Span(sentence.span_of(title_tokens[0]).start, sentence.span_of(title_tokens[-1]).end)
            value = role_value(title_tokens, span.of(sentence.text))
            if value is not None:
                found.append((holder, token, span, value))
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                tokens = phrase_tokens(child)
                # Only an appositive set off right after the name ("Dmitry Peskov, the Kremlin spokesman").
                if not tokens or tokens[0].i != token.i + 2 or sentence.doc[token.i + 1].text != ",":
                    continue
                span = Span(sentence.span_of(tokens[0]).start, sentence.span_of(tokens[-1]).end)
                value = role_value(tokens, span.of(sentence.text))
                if value is not None:
                    found.append((holder, token, span, value))
    return found


def _is_name_word(token: Token) -> bool:
    folded = fold(token.text)
    return token.text[:1].isupper() and folded not in TITLES and folded not in COURTESY_TITLES
