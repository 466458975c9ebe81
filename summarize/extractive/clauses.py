"""Clauses from the dependency parse: where a sentence of the article can be cut and still read as a
sentence, and how a cut reads once written out.

The engine's free-text fields (a role, a motive, a view, a claim) are a whole sentence of the
article or one of its clauses: a verb with its own subject, everything it governs, and nothing
cut in the middle. Non-restrictive asides (", who ...", ", which ...", an appositive, a trailing
participle or "as part of ..." after a comma) may be left out: the rest is still a sentence.
Sentences are parsed only when a field needs them (``Document.parse``), each once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..text import Span

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Dependents that open a clause without belonging to what it says ("as", "and", "because").
_OPENERS = frozenset({"mark", "cc", "punct", "preconj"})
# Dependents that can be left out after a comma and leave a sentence: relative clauses, appositives,
# participles and adverbial clauses, prepositional and noun-phrase adjuncts.
ASIDES = frozenset({"relcl", "appos", "advcl", "acl", "prep", "npadvmod", "conj"})
# Asides that describe a name rather than carry the sentence's point (a participle after a
# comma may be the point: "..., making a drawdown a logical step").
DESCRIPTIVE_ASIDES = frozenset({"relcl", "appos", "prep", "npadvmod"})
_CLOSERS = "”’\"'"
_OPENING_MARKS = "“‘\"'"


@dataclass(frozen=True)
class Parsed:
    """A sentence of the article with its parse; token offsets map back into the article."""

    span: Span
    doc: Doc

    def start(self, token: Token) -> int:
        """Where a token starts in the article."""
        return self.span.start + token.idx

    def end(self, token: Token) -> int:
        """Where a token ends in the article."""
        return self.span.start + token.idx + len(token.text)

    def token_at(self, offset: int) -> Token | None:
        """The token covering an article offset (or the first one after it)."""
        for token in self.doc:
            if self.end(token) > offset:
                return token
        return None

    def span_text(self, span: Span) -> str:
        """The text of an article span inside this sentence."""
        return self.doc.text[span.start - self.span.start : span.end - self.span.start]

    def tokens_in(self, span: Span) -> list[Token]:
        """The tokens lying inside an article span."""
        return [t for t in self.doc if span.start <= self.start(t) and self.end(t) <= span.end]


def is_verb(token: Token) -> bool:
    """A verb or auxiliary that can head a clause."""
    return token.pos_ in ("VERB", "AUX")


def is_finite(token: Token) -> bool:
    """A verb with tense (or a modal or auxiliary that gives it one)."""
    if token.tag_ in _FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in token.children)


def subject_of(token: Token) -> Token | None:
    """The subject of a verb, if it has one of its own."""
    return next((c for c in token.children if c.dep_ in SUBJECTS), None)


def clause_head(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` that has its own subject and tense: a clause."""
    current: Token | None = token
    while current is not None:
        if is_verb(current) and is_finite(current) and subject_of(current) is not None:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def clause_range(head: Token) -> tuple[int, int]:
    """Token indices [first, last] of the clause a verb heads, without its opening "as"/"and"."""
    tokens = list(head.subtree)
    first, last = tokens[0].i, tokens[-1].i
    doc = head.doc
    while first < head.i and (doc[first].dep_ in _OPENERS and doc[first].head in (head, *head.children)):
        first += 1
    while last > first and doc[last].pos_ == "PUNCT" and doc[last].text not in _CLOSERS:
        last -= 1
    return first, last


def without_asides(
    doc: Doc, first: int, last: int, keep: set[int], asides: frozenset[str] = ASIDES
) -> list[tuple[int, int]]:
    """The pieces of [first, last] left once asides set off by commas are removed, never
    removing a token in ``keep``; the pieces still hold the clause's verb and subject."""
    removed: set[int] = set()
    for token in doc[first : last + 1]:
        if token.dep_ not in asides or token.i in removed:
            continue
        if token.dep_ == "conj" and (not is_verb(token) or subject_of(token) is None):
            continue  # only a whole second clause ("..., and US forces appear ...") is an aside
        if token.dep_ == "prep" and token.head.pos_ not in ("VERB", "AUX"):
            continue  # "the leader of X" is the noun's, not an adjunct
        sub = [t.i for t in token.subtree]
        start, end = sub[0], sub[-1]
        if end > last and all(doc[i].pos_ == "PUNCT" for i in range(last + 1, end + 1)):
            end = last  # a closing bracket or mark just past the clause
        if start <= first or end > last:
            continue
        before = doc[start - 1]
        opens_aside = before.text in (",", "–", "—", "(")
        closes = end == last or doc[end + 1].text in (",", ".", "–", "—", ")", ";")
        if not (opens_aside and closes) or keep & set(range(start, end + 1)):
            continue
        removed.update(range(start - 1, end + 1))  # the comma before it goes too
        if end + 1 <= last and doc[end + 1].text in (",", "–", "—", ")") and end + 1 != last:
            # ", who ran the port," in the middle: the closing comma goes unless a comma is needed.
            removed.add(end + 1)
    pieces: list[tuple[int, int]] = []
    start = None
    for index in range(first, last + 1):
        if index in removed:
            if start is not None:
                pieces.append((start, index - 1))
                start = None
        elif start is None:
            start = index
    if start is not None:
        pieces.append((start, last))
    return pieces


def render(parsed: Parsed, pieces: list[tuple[int, int]]) -> str:
    """The article's own words of some token pieces, written out as one sentence."""
    return as_sentence(" ".join(_text(parsed, first, last) for first, last in pieces))


def _text(parsed: Parsed, first: int, last: int) -> str:
    doc = parsed.doc
    return doc.text[doc[first].idx : doc[last].idx + len(doc[last].text)]


def as_sentence(text: str) -> str:
    """Whitespace folded, unbalanced outer quote marks dropped, a capital first and a full stop last."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = text.rstrip(",;: –—-")
    for opener, closer in (("“", "”"), ("‘", "’")):
        if text.startswith(opener) and closer not in text:
            text = text[1:]
        if text.endswith(closer) and opener not in text:
            text = text[:-1]
    if text.count('"') % 2 == 1:
        text = text[1:] if text.startswith('"') else text[:-1] if text.endswith('"') else text
    text = text.strip().rstrip(",;: ")
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    if not text.endswith((".", "!", "?", ".”", "?”", "!”", '."', ".’")):
        text += "."
    return text
