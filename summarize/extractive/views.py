"""Analyst views: what each named expert argues, from their own strongest statement, with the words
that carry it.

Every sentence an analyst is quoted or reported saying is a candidate. The strongest is the one
that judges the story itself: its subject is the event ("the move", "Russia’s withdrawal", "this",
"what we are seeing") or it weighs one reading against another ("more like ... rather than ...",
"indicates", "is part of", "no longer needed"). History ("in 2015", "in the past"), a speaker's
remark about their own framing ("I’d be careful of ...") and very short asides are weaker. The
view is that statement written as a sentence (a non-restrictive aside left out); the quote is
the analyst's own words carrying it: the quotation it belongs to, the quoted words inside a
reported statement, or else their strongest quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import AnalystView
from ..text import Attribution, Span
from ..text.segment import split_text
from ..text.words import word_set, words
from .clauses import DESCRIPTIVE_ASIDES, Parsed, as_sentence, clause_range, subject_of, without_asides
from .document import Document
from .speakers import is_analyst

_MAX_QUOTE_WORDS = 45
_MIN_QUOTE_WORDS = 4
# Nouns that name the story's event or the decision behind it, as an analyst's subject.
EVENT_NOUNS = word_set(
    """move moves decision step withdrawal pullback drawdown retreat deal rise increase hike cut cuts
    deadline plan policy change shift ruling verdict vote announcement attack offensive operation
    strike closure takeover merger sale ban sanctions result outcome deployment departure exit
    agreement response"""
)
_THESIS = re.compile(
    r"\b(?:rather than|more like|instead of|looks like|amounts? to|a sign|signals?|indicates?|means"
    r"|suggests?|shows?|reflects?|part of|no longer|not needed|no need|clear that|logical|the right"
    r"|a mistake|because|why)\b",
    re.IGNORECASE,
)
# History rather than a judgement of the story: a year, "in the past", "initially".
BACKGROUND = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|in the past|initial(?:ly)?|originally|used to|history)\b", re.I
)


@dataclass(frozen=True)
class _Unit:
    """One sentence an analyst said: its span, the attribution it comes from, its strength."""

    span: Span
    attribution: Attribution
    strength: float


def build_views(document: Document) -> list[AnalystView]:
    """One view per quoted analyst, in order of first appearance."""
    by_speaker: dict[str, list[Attribution]] = {}
    for attribution in document.attributions:
        if attribution.speaker and is_analyst(attribution):
            by_speaker.setdefault(attribution.speaker, []).append(attribution)
    spans = [span for items in by_speaker.values() for a in items for span in _sentences(document, a)]
    parsed = document.parse(spans)
    views = []
    for speaker, items in by_speaker.items():
        units = [
            _Unit(span, attribution, _strength(parsed[span], span, attribution))
            for attribution in items
            for span in _sentences(document, attribution)
        ]
        units = [u for u in units if len(words(document.of(u.span))) >= _MIN_QUOTE_WORDS] or units
        if not units:
            continue
        best = max(units, key=lambda u: (u.strength, -u.span.start))
        quote = _quote(document, best, units)
        if not quote or quote not in document.text:
            continue
        affiliation = next((a.affiliation or a.title for a in items if a.affiliation or a.title), None)
        views.append(
            AnalystView(
                analyst=speaker,
                affiliation=affiliation,
                view=_view(parsed[best.span], best.span),
                quote=quote,
            )
        )
    return views


def _sentences(document: Document, attribution: Attribution) -> list[Span]:
    """The sentences of a quotation, or the reported clause as one."""
    if not attribution.direct:
        return [attribution.span]
    start = attribution.span.start
    return [Span(start + s.start, start + s.end) for s in split_text(attribution.quote)]


def _strength(parsed: Parsed, span: Span, attribution: Attribution) -> float:
    text = _view(parsed, span)  # what the view would say: asides such as ", which expires in 2027" left out
    score = 0.0
    subject = _subject(parsed, span)
    if subject is not None and _names_the_event(subject):
        score += 2
    if _THESIS.search(text):
        score += 1
    if BACKGROUND.search(text):
        score -= 2
    if subject is not None and subject.lower_ in ("i", "we"):
        score -= 1  # the speaker on their own framing, not on the story
    if attribution.direct:
        score += 0.5
    return score


def _subject(parsed: Parsed, span: Span) -> Token | None:
    tokens = parsed.tokens_in(span)
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    for root in roots:
        subject = subject_of(root)
        if subject is not None:
            return subject
    return None


def _names_the_event(subject: Token) -> bool:
    if subject.dep_.startswith("csubj"):
        return any(t.lower_ == "what" for t in subject.subtree)  # "What we’re seeing ... looks like"
    if subject.lower_ in ("this", "that", "it") and subject.head.lemma_ == "be":
        return True  # "This was the right call."
    return subject.lemma_.lower() in EVENT_NOUNS


def _view(parsed: Parsed, span: Span) -> str:
    """The statement as a sentence, leaving out a trailing or bracketing non-restrictive aside."""
    tokens = parsed.tokens_in(span)
    if not tokens:
        return as_sentence(parsed.span_text(span))
    first, last = tokens[0].i, tokens[-1].i
    roots = [t for t in tokens if t.head.i < first or t.head.i > last or t.head.i == t.i]
    if len(roots) == 1:
        head_first, head_last = clause_range(roots[0])
        first, last = max(first, head_first), min(last, head_last)
    pieces = without_asides(parsed.doc, first, last, set(), DESCRIPTIVE_ASIDES)
    doc = parsed.doc
    text = " ".join(doc.text[doc[a].idx : doc[b].idx + len(doc[b].text)] for a, b in pieces)
    return as_sentence(text)


def _quote(document: Document, best: _Unit, units: list[_Unit]) -> str:
    """The analyst's own words carrying the view (see the module docstring)."""
    attribution = best.attribution
    if attribution.direct:
        return _whole_or_sentence(document, attribution, best.span)
    embedded = [
        u.attribution
        for u in units
        if u.attribution.direct
        and attribution.span.contains(u.attribution.span)
        and len(words(u.attribution.quote)) >= _MIN_QUOTE_WORDS
    ]
    if embedded:
        return embedded[0].quote
    direct = [
        u for u in units if u.attribution.direct and len(words(document.of(u.span))) >= _MIN_QUOTE_WORDS
    ]
    if direct:
        strongest = max(direct, key=lambda u: (u.strength, -u.span.start))
        return _whole_or_sentence(document, strongest.attribution, strongest.span)
    return attribution.quote


def _whole_or_sentence(document: Document, attribution: Attribution, sentence: Span) -> str:
    if len(words(attribution.quote)) <= _MAX_QUOTE_WORDS:
        return attribution.quote
    return document.of(sentence).strip()
