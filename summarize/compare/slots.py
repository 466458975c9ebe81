"""Fact slots: each value an article gives, with what it is about.

A slot is a value (an amount, a duration, an age, a date, a place, a role) with its anchor in
the parse (``anchors``): the events it belongs to, the participants of those events, the words
of its sentence, and the qualifiers that make two values different facts rather than a conflict
(a hedge, a negation, a value per item, a moment). Slots are built once per article, as a layer
of its ``AnalysedArticle``, from the body's sentences; the dateline's own date is the article's
date (it resolves "on Tuesday"), not a fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..extractive.document import analyse
from ..schema import ActorKind
from ..text import AnalysedArticle, Span
from ..text.names import token_key
from ..text.words import word_spans
from .anchors import (
    about_text,
    anchor,
    is_distributive,
    is_hedged,
    is_negated,
    keys_of,
    moments_of,
    reading_of,
    tense_of,
)
from .causes import find_causes
from .dates import DateMention, article_date, read_date, resolve
from .expressions import SentenceTokens, find_expressions
from .places import find_places
from .relations import find_qualities
from .roles import find_roles
from .values import Amount, Duration, Value

# Clauses on a value are part of what it is about ("late 2024, when Assad was ousted").
_VALUE_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})


@dataclass
class Slot:
    """One value an article gives, and what it is about (see the module docstring)."""

    kind: str  # amount | duration | age | date | place | role
    span: Span  # the value, as a span of the article
    value: Value
    sentence: int  # index into the article's sentences
    predicate: str | None  # the key of the verb the value hangs on (None for a light verb)
    events: frozenset[str]  # keys of the predicate and the other event words
    groups: frozenset[int]  # synonym groups of the events
    frame: frozenset[str]  # keys of the events and their participants
    context: frozenset[str]  # keys of the whole sentence, the value's own words left out
    core: frozenset[str] = frozenset()  # keys of the predicate's subject and object
    path: frozenset[str] = frozenset()  # keys of the nouns between the value and its verb ("depth")
    preposition: str | None = None
    holder: str | None = None  # the person an age or a role belongs to
    hedged: bool = False
    negated: bool = False
    per: bool = False
    moments: frozenset[str] = frozenset()
    quoted: bool = False
    outlet: int = -1
    about: str = ""  # the predicate and its participants, in the article's words
    sentence_rank: int = 0  # the sentence's position in the body (0: the lede)


@dataclass
class ArticleSlots:
    """Every slot of one article, the article's own date, and the keys of each body sentence."""

    slots: list[Slot]
    date: dt.date | None
    body: list[int]  # indices (into the article's sentences) of the body's sentences
    contexts: list[frozenset[str]]


def body_sentence_indices(article: AnalysedArticle) -> list[int]:
    """Indices (into ``article.sentences``) of the body's sentences."""
    positions = {span.start: i for i, span in enumerate(article.sentences)}
    return [positions[span.start] for span, _ in article.body_sentences if span.start in positions]


def find_article_date(article: AnalysedArticle, body: list[int]) -> tuple[dt.date | None, Span | None]:
    """The article's date from its dateline or opening lines, and the span of the dateline
    (everything before the first dash of the first body paragraph, when a full date is in it)."""
    text = article.text
    limit = min(len(text), 400, article.sentences[body[0]].end if body else 400)
    spans = word_spans(text, 0, limit)
    words = [span.of(text) for span in spans]
    mentions: list[DateMention] = []
    index = 0
    while index < len(words):
        result = read_date(words, spans, index, text)
        if result is None:
            index += 1
            continue
        index, mention = result
        mentions.append(mention)
    found = article_date(mentions)
    where = next((m.span for m in mentions if m.year and m.month and m.day), None)
    if where is not None:
        dash = min(
            (p for p in (text.find(d, where.end, limit) for d in (" - ", " – ", " — ")) if p >= 0), default=-1
        )
        if dash >= 0 and dash - where.end < 60:
            where = Span(min(where.start, _line_start(text, where.start)), dash)
    return found, where


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def name_kinds(article: AnalysedArticle) -> tuple[set[str], set[str]]:
    """Name keys of the people, and of everything that is not a place (people, organizations,
    armed groups), by the rules engine's entities; a name only ever used for where something
    happens ("a flight to Porto Alba") is a place whatever its shape."""
    people: set[str] = set()
    not_places: set[str] = set()
    for entity in analyse(article).entities:
        if all(mention.locative for mention in entity.mentions):
            continue
        if entity.kind in (ActorKind.person, ActorKind.organization, ActorKind.armed_group):
            for mention in entity.mentions:
                words = mention.surface.split()
                if words:
                    not_places.add(token_key(words[-1]))
                    if entity.kind is ActorKind.person:
                        people.add(token_key(words[-1]))
    return people, not_places


def build_article_slots(article: AnalysedArticle) -> ArticleSlots:
    """The slots of one article (use ``article.layer(build_article_slots)``: computed once)."""
    body = body_sentence_indices(article)
    today, dateline = find_article_date(article, body)
    parses = article.parsed(body)
    people, not_places = name_kinds(article)
    slots: list[Slot] = []
    contexts: list[frozenset[str]] = []
    quotations = article.quotations
    for rank, index in enumerate(body):
        sentence = SentenceTokens(article.text, article.sentences[index], parses[index])
        outside = [
            t for t in sentence.doc if dateline is None or not dateline.covers(sentence.span_of(t).start)
        ]
        skip = {t.i for t in sentence.doc} - {t.i for t in outside}
        context = keys_of(outside)
        contexts.append(context)
        found: list[Slot] = []
        for expression in find_expressions(sentence):
            if dateline is not None and expression.span.overlap(dateline):
                continue
            value: Value | DateMention = expression.value
            slot = _slot(
                sentence,
                index,
                expression.kind,
                expression.head,
                expression.span,
                value,
                context,
                today,
                skip,
            )
            if expression.holder is not None:
                slot.holder = _name_phrase(sentence, expression.holder)
            found.append(slot)
        for token, span, place in find_places(sentence, not_places):
            if not any(span.overlap(other.span) for other in found if other.kind != "place"):
                found.append(_slot(sentence, index, "place", token, span, place, context, today, skip))
        for token, span, quality, parties in find_qualities(sentence):
            slot = _slot(sentence, index, "quality", token, span, quality, context, today, skip)
            slot.holder = parties
            found.append(slot)
        for token, span, cause in find_causes(sentence):
            found.append(_slot(sentence, index, "cause", token, span, cause, context, today, skip))
        for holder, token, span, role in find_roles(sentence, people):
            slot = _slot(sentence, index, "role", token, span, role, context, today, skip)
            slot.holder = holder
            found.append(slot)
        for slot in found:
            slot.sentence_rank = rank
            slot.quoted = any(q.contains(slot.span) for q in quotations)
        slots.extend(found)
    slots.sort(key=lambda slot: (slot.span.start, slot.span.end))
    return ArticleSlots(slots, today, body, contexts)


def _slot(
    sentence: SentenceTokens,
    index: int,
    kind: str,
    head: Token,
    span: Span,
    value: Value | DateMention,
    context: frozenset[str],
    today: dt.date | None,
    skip: set[int],
) -> Slot:
    inside = {t.i for t in sentence.doc if span.start <= sentence.span_of(t).start < span.end}
    own_phrase = {t.i for t in head.subtree} - {
        t.i for child in head.children if child.dep_ in _VALUE_CLAUSE_DEPS for t in child.subtree
    }
    exclude = skip | (inside if kind in ("age", "role") else inside | own_phrase)
    found = anchor(head, exclude)
    own = keys_of([sentence.doc[i] for i in inside])
    preposition = head.head.lower_ if head.dep_ == "pobj" else None
    if isinstance(value, DateMention):
        value = resolve(value, today, tense_of(found.verb, preposition))
    per = is_distributive(found.verb, head)
    if per and isinstance(value, Amount | Duration):
        value = replace(value, per=True)
    return Slot(
        kind=kind,
        span=span,
        value=value,
        sentence=index,
        predicate=found.predicate,
        events=found.events,
        groups=found.groups,
        frame=found.frame - own,
        context=context - own,
        core=found.core - own,
        path=keys_of(list(found.path)) - own,
        preposition=preposition,
        hedged=is_hedged(found.verb),
        negated=is_negated(found.verb),
        per=per,
        moments=moments_of(found.verb, inside) | _reading(head),
        about=about_text(found.verb, found.path, exclude),
    )


def _reading(head: Token) -> frozenset[str]:
    reading = reading_of(head)
    return frozenset({reading}) if reading else frozenset()


def _name_phrase(sentence: SentenceTokens, token: Token) -> str:
    """A proper noun with its compound parts, as the article writes it ("Teodor Maravic")."""
    parts = [t for t in token.subtree if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < token.i] + [
        token
    ]
    first, last = min(parts, key=lambda t: t.i), max(parts, key=lambda t: t.i)
    return sentence.text[sentence.span_of(first).start : sentence.span_of(last).end]
