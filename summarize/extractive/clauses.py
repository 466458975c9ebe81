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
_CONNECTIVES = frozenset(
    {"instead", "however", "meanwhile", "also", "too", "therefore", "thus", "nevertheless"}
)
_CLAUSE_MARKERS = frozenset({"as", "while", "because", "since", "after", "before", "until", "when", "once"})


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


def implicit_subject(verb: Token) -> Token | None:
    """The subject the parser hung elsewhere: in "as the new leadership in Damascus seeks to ..."
    the small model often makes "leadership" the object of "as"; the noun phrase just before a
    tensed verb that has no subject of its own is its subject."""
    if not is_finite(verb) or subject_of(verb) is not None or verb.i == 0:
        return None
    doc = verb.doc
    k = verb.i - 1
    while k > 0 and doc[k].pos_ in ("ADV", "AUX", "PART"):
        k -= 1
    candidate = doc[k]
    if candidate.pos_ not in ("NOUN", "PROPN", "PRON") or candidate.head.i == verb.i:
        return None
    # Up from "Damascus" in "the new leadership in Damascus" to the phrase's head, "leadership".
    while (
        candidate.dep_ == "pobj"
        and candidate.head.dep_ == "prep"
        and candidate.head.lower_ not in _CLAUSE_MARKERS
        and candidate.head.head.pos_ in ("NOUN", "PROPN")
    ):
        candidate = candidate.head.head
    return candidate


def clause_head(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` that has its own subject and tense: a clause."""
    current: Token | None = token
    while current is not None:
        has_subject = subject_of(current) is not None or implicit_subject(current) is not None
        if is_verb(current) and is_finite(current) and has_subject:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def clause_range(head: Token) -> tuple[int, int]:
    """Token indices [first, last] of the clause a verb heads, without its opening "as"/"and"
    (the subject included when the parser hung it elsewhere), widened to the next boundary
    where the parse ends a clause mid-phrase."""
    tokens = list(head.subtree)
    first, last = tokens[0].i, tokens[-1].i
    doc = head.doc
    implicit = implicit_subject(head)
    if implicit is not None:
        first = min(first, next(iter(implicit.subtree)).i)
    last = _boundary_after(doc, first, last)
    while (
        first < head.i
        and doc[first].head in (head, *head.children)
        and (
            doc[first].dep_ in _OPENERS
            or doc[first].tag_ == "WRB"  # "When The Telegraph arrived ..."
            or (doc[first].dep_ == "advmod" and doc[first + 1].dep_ == "mark")  # "just before ..."
        )
    ):
        first += 1
    while last > first and doc[last].pos_ == "PUNCT" and doc[last].text not in _CLOSERS:
        last -= 1
    return first, last


def _same_clause(first: Token, second: Token) -> bool:
    a, b = clause_head(first), clause_head(second)
    return a is not None and b is not None and a.i == b.i


def _boundary_after(doc: Doc, first: int, last: int) -> int:
    """``last``, or further on when the next token goes on with the same phrase (a parse error
    such as a bracket splitting a sentence): a clause ends before punctuation, a conjunction or
    the end of the sentence, after the closing mark of a quotation it opened."""
    depth = 0
    marks = [t.text for t in doc[first : last + 1]]
    opened = marks.count("“") > marks.count("”") or marks.count('"') % 2 == 1
    while last + 1 < len(doc):
        following = doc[last + 1]
        if following.text in ("(", "["):
            depth += 1
        elif following.text in (")", "]") and depth:
            depth -= 1
        elif depth == 0 and following.text in ("”", '"') and opened:
            opened = False
        elif (
            depth == 0 and opened and following.text in ".?!" and doc[last + 2 : last + 3].text in ("”", '"')
        ):
            pass  # "... to do there.”": the full stop inside the closing mark
        elif depth == 0 and (following.is_punct or following.pos_ == "SCONJ"):
            return last
        elif depth == 0 and following.pos_ == "CCONJ" and is_verb(following.head):
            return last  # "..., and US forces appear": a second clause (not "political and security")
        last += 1
    return last


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
        if (
            end + 1 < last
            and doc[end + 1].text in (",", "–", "—", ")")
            and _same_clause(token.head, doc[end + 2])
        ):
            # ", who ran the port," in the middle: the closing mark goes too, unless it also ends a
            # clause (", a move that could ..., Reuters reported").
            removed.add(end + 1)
    return _runs(first, last, removed)


def _runs(first: int, last: int, removed: set[int]) -> list[tuple[int, int]]:
    """The runs of indices in [first, last] not in ``removed``."""
    pieces: list[tuple[int, int]] = []
    start: int | None = None
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


def without_connectives(doc: Doc, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces without adverbs that tie a sentence to the one before it ("Putin is instead
    seeking ...", "However, ..."): the sentence then stands alone."""
    dropped = {t.i for t in doc if t.dep_ == "advmod" and t.lower_ in _CONNECTIVES}
    dropped |= {t.i + 1 for t in doc if t.i in dropped and t.i + 1 < len(doc) and doc[t.i + 1].text == ","}
    return [run for first, last in pieces for run in _runs(first, last, dropped)]


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
