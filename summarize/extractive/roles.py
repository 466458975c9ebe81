"""Roles: who an actor or speaker is in the story, in the article's own words.

First a noun phrase the article gives the name: an appositive ("Dmitry Peskov, the Kremlin
spokesman"), a title before it ("Transport Minister Ines Varro", "the Russian newspaper
Kommersant"), or the title and institution the attribution finder read ("expert in ... at the
Center for American Progress"). Else a clause of the article with the actor as its subject
("Russia has abandoned its military base at an airport in north-east Syria."), written as a
sentence with non-restrictive asides left out; never a fragment cut mid-clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from ..schema import ActorKind
from ..text import Attribution, Span, same_name
from ..text.attribution.speakers import strip_article
from ..text.words import STOPWORDS, words
from .clauses import (
    ASIDES,
    DESCRIPTIVE_ASIDES,
    SUBJECTS,
    Parsed,
    clause_head,
    clause_range,
    is_verb,
    render,
    without_asides,
    without_connectives,
)
from .document import Document
from .names import Entity

_COURTESY = frozenset({"mr", "mrs", "ms", "dr", "miss", "prof"})
_MAX_CLAUSE_WORDS = 35
_CANDIDATE_MENTIONS = 4


def noun_role(
    document: Document, entity: Entity | None, attribution: Attribution | None = None
) -> str | None:
    """An appositive or title the article gives the name, else the finder's title and institution
    (None rather than a phrase that stops on a function word)."""
    role = _noun_role(document, entity, attribution)
    last = words(role)[-1].casefold() if role and words(role) else ""
    return role if last and last not in STOPWORDS else None


def _noun_role(document: Document, entity: Entity | None, attribution: Attribution | None) -> str | None:
    if entity is not None:
        for mention in entity.mentions:
            if mention.appositive:
                return strip_article(mention.appositive)
        titled = [
            m.title for m in entity.mentions if m.title and m.title.casefold().rstrip(".") not in _COURTESY
        ]
        speaker_titles = [
            _title_at(document, a.title, a.affiliation)
            for a in document.attributions
            if a.title and a.speaker and same_name(a.speaker, entity.name)
        ]
        # The fuller of the two ("Transport Minister" over "Minister").
        best = max([*titled, *speaker_titles], key=len, default=None)
        if best:
            return best
    if attribution is None:
        return None
    if attribution.title:
        return _title_at(document, attribution.title, attribution.affiliation)
    return attribution.affiliation


def _title_at(document: Document, title: str, affiliation: str | None) -> str:
    """ "general secretary of the Rail Workers' Union", as the article words it, else the title."""
    if affiliation:
        joined = re.search(
            re.escape(title) + r"\s+(?:at|of|with|from|for|in)\s+(?:the\s+)?" + re.escape(affiliation),
            document.text,
        )
        if joined:
            return joined.group()
    return title


def clause_roles(document: Document, entity: Entity) -> Iterator[tuple[str, Span]]:
    """Clauses of the article with the actor as subject, as sentences, with the sentence each
    comes from: first those naming it in full, in the reporter's own voice, where it acts."""
    # Last, a clause inside someone's quotation ("now that the SDF has agreed to fold into ..."):
    # their words, but what the article gives.
    mentions = [m for m in entity.mentions if not m.locative]
    mentions = sorted(
        mentions,
        key=lambda m: (
            _quoted(document, m.span),
            not _names_in_full(m.surface, entity),
            _reported(document, m.span),
            not m.acts,
            m.span.start,
        ),
    )[: 2 * _CANDIDATE_MENTIONS]
    for span, parsed in document.parse_each([m.span for m in mentions], chunk=4):
        role = _subject_clause(document, parsed, span)
        if role is not None:
            yield role, parsed.span


def relay_clauses(document: Document, entity: Entity) -> Iterator[tuple[str, Span]]:
    """For an outlet or body that relays others' words ("Syrian sources told Reuters that ..."):
    the clauses it is named in."""
    for mention in entity.mentions[:_CANDIDATE_MENTIONS]:
        parsed = document.parse([mention.span])[mention.span]
        token = parsed.token_at(mention.span.start)
        head = clause_head(token) if token is not None else None
        if head is None:
            continue
        first, last = clause_range(head)
        text = render(parsed, without_asides(parsed.doc, first, last, set(), DESCRIPTIVE_ASIDES))
        if len(words(text)) <= _MAX_CLAUSE_WORDS:
            yield text, parsed.span


def _subject_clause(document: Document, parsed: Parsed, span: Span) -> str | None:
    tokens = parsed.tokens_in(span)
    if not tokens:
        return None
    token = tokens[-1]
    # Up from the name through its noun phrase ("the Kommersant business daily") to the subject.
    while token.dep_ in ("compound", "poss", "amod", "appos", "conj", "nmod") and token.head.i != token.i:
        token = token.head
    if token.dep_ not in SUBJECTS:
        return None
    head = clause_head(token.head)
    if head is None or head.i != token.head.i or token.i > head.i:
        return None  # not '"...," said Maren Holt': the speech tag of a quotation is no role
    first, last = clause_range(head)
    first = _after_dateline(parsed, first, head)
    pieces = without_asides(parsed.doc, first, last, {t.i for t in tokens}, ASIDES)
    text = render(parsed, without_connectives(parsed.doc, pieces))
    return text if 4 <= len(words(text)) <= _MAX_CLAUSE_WORDS else None


def _after_dateline(parsed: Parsed, first: int, verb: Token) -> int:
    """Past a dateline opening the clause ("Moscow, Russia – Russia has begun ...", "SENNET,
    2 April (Meridian Wire) - Lenvaria's government ..."): words with no verb, then a dash."""
    for token in parsed.doc[first : verb.i]:
        spaced = token.i > 0 and bool(parsed.doc[token.i - 1].whitespace_) and bool(token.whitespace_)
        dash = token.text in ("–", "—") or (token.text == "-" and spaced)  # not the one in "Al-Sharaa"
        if dash and not any(is_verb(t) for t in parsed.doc[first : token.i]):
            return token.i + 1
    return first


def _names_in_full(surface: str, entity: Entity) -> bool:
    """The mention gives the name as the summary does (not "the government", "Noem", "Mr Sharaa")."""
    if surface == entity.name:
        return True
    if not surface[:1].isupper() or surface.startswith("The "):
        return False  # a description: "the government", "The bank"
    if entity.kind is not ActorKind.person:
        return True
    return (
        same_name(surface, entity.name)
        and len(surface.split()) >= len(entity.name.split())
        and not any(w.casefold().rstrip(".") in ("mr", "mrs", "ms", "dr") for w in surface.split())
    )


def _reported(document: Document, span: Span) -> bool:
    return any(a.span.contains(span) for a in document.attributions)


def _quoted(document: Document, span: Span) -> bool:
    return any(a.direct and a.span.contains(span) for a in document.attributions)
