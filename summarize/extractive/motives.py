"""Stated motives: a cue that ties an actor to an aim or a reason, the clause that states it, and
who in the article states it.

A motive needs a cue linking the actor to the aim: intent ("wants to", "seeking to", "in a bid
to", "aimed at", "meant to", a purpose infinitive such as "to restore public confidence") or
reason ("because", "in response to", "forced ... to", "no longer needed"). The actor is the
subject of the clause the cue belongs to (the event's actor when the subject is the event
itself: "the deadline was meant to ..."), never the person reporting it. The motive is that
clause written as a sentence, a non-restrictive aside left out; it widens to the sentence when
its subject is a pronoun. ``stated_by`` comes from the attribution covering the cue: the actor
(or its spokesperson), an analyst, another source (an official of another party, an outlet, an
unnamed source), or the reporter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import StatedBy, StatedMotive
from ..text import Attribution, Span, attribution_at, same_name
from ..text.words import words
from .clauses import (
    DESCRIPTIVE_ASIDES,
    Parsed,
    clause_head,
    clause_range,
    implicit_subject,
    is_finite,
    is_verb,
    render,
    subject_of,
    without_asides,
)
from .document import Document
from .gazetteer import DEMONYMS, METONYMS
from .names import Entity
from .overlap import said_before
from .sources import Voices, entity_for
from .speakers import is_analyst
from .views import EVENT_NOUNS

_PURPOSE_VERBS = (
    r"protect|maintain|retain|secure|preserve|assert|consolidate|counter|deter|remain in power|restore"
    r"|ensure|prevent|avoid|save|force|pressure|punish|boost|curb|rein in|shore up|court|appease|placate"
    r"|reassure|win|regain|exert|stop|control|bring|keep|cut|reduce|tighten|expand|strengthen|weaken"
)
_CUE = re.compile(
    r"\b(?:wants? to|wanted to|seek(?:s|ing)? (?:to|favou?r)|sought to|in order to|so as to"
    r"|aim(?:s|ed|ing)? (?:at|to)|in an? (?:bid|effort|attempt) to|efforts? to|attempt(?:s|ing)? to"
    r"|tr(?:y|ies|ied|ying) to|intend(?:s|ed)? to|designed to|meant to|hop(?:es|ed|ing) to"
    r"|keen(?:ness)? to|determined to|with the aim of|with a view to|in pursuit of|in favou?r of"
    r"|because|in exchange for|so that|motivated by|in response to|predicated on|driven by"
    r"|forc(?:e|es|ed|ing) \w+(?: \w+)? to|(?:has|have|had|having) to|no longer needs?|not needed|no need"
    rf"|(?<!ability )(?<!able )(?<!need )(?<!unable )(?<!power )(?<!right )to (?:{_PURPOSE_VERBS}))\b",
    re.IGNORECASE,
)
_REASON_CUES = re.compile(
    r"^(?:because|in favou?r of|in response to|motivated by|predicated on|driven by)$", re.I
)
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "this"})
# A speaker whose bare title is an office speaks for the body or state they serve.
_OFFICES = re.compile(
    r"\b(?:minister|spokes(?:man|woman|person)|governor|mayor|president|chairman|chairwoman|chief executive"
    r"|ceo|secretary|ambassador|envoy)\b",
    re.IGNORECASE,
)
_MAX_MOTIVES = 8
_MAX_WORDS = 45


@dataclass(frozen=True)
class _Candidate:
    sentence: Span
    cue: re.Match[str]


def build_motives(document: Document, actors: list[Entity]) -> list[StatedMotive]:
    """Motive statements from the body (the headline only for an actor the body gives none), one
    per sentence, in article order."""
    if not actors:
        return []
    candidates = [
        _Candidate(sentence, cue)
        for sentence in document.sentences
        if (cue := _CUE.search(document.of(sentence))) is not None
    ]
    headline = document.layout.headline
    if headline is not None and (cue := _CUE.search(document.of(headline))) is not None:
        candidates.append(_Candidate(headline, cue))
    parsed = document.parse([c.sentence for c in candidates])
    voices = Voices(document)
    event_actor = _event_actor(document, actors)
    motives: list[StatedMotive] = []
    for candidate in candidates:
        found = _motive(document, parsed[candidate.sentence], candidate, actors, event_actor)
        if found is None:
            continue
        actor, text = found
        if candidate.sentence is headline and any(same_name(m.actor, actor.name) for m in motives):
            continue
        earlier = [m.motive for m in motives if same_name(m.actor, actor.name)]
        if earlier and said_before(text, earlier) >= 0.6:
            continue
        cue_span = Span(
            candidate.sentence.start + candidate.cue.start(), candidate.sentence.start + candidate.cue.end()
        )
        motives.append(
            StatedMotive(
                actor=actor.name,
                motive=text,
                stated_by=_stated_by(document, voices, actor, cue_span),
                evidence=[document.of(candidate.sentence)],
            )
        )
        if len(motives) == _MAX_MOTIVES:
            break
    return motives


def _motive(
    document: Document,
    parsed: Parsed,
    candidate: _Candidate,
    actors: list[Entity],
    event_actor: Entity | None,
) -> tuple[Entity, str] | None:
    cue_span = Span(
        candidate.sentence.start + candidate.cue.start(), candidate.sentence.start + candidate.cue.end()
    )
    cue_tokens = parsed.tokens_in(cue_span)
    if not cue_tokens:
        return None
    token = cue_tokens[0]
    if token.lower_.startswith("forc") and token.pos_ != "VERB":
        return None  # "US forces also appear to ...": the noun, not "forced ... to"
    reason = _REASON_CUES.match(candidate.cue.group()) is not None
    head = clause_head(token)
    if head is not None and reason and token.dep_ == "mark" and clause_head(head.head) is not None:
        head = clause_head(head.head)  # "The base was there because Russia had ties ...": the main clause
    if head is None:
        return None
    # Up past clauses whose subject is a pronoun: "... and it is seeking to ..." reads as the sentence.
    while _pronoun_subject(head) and head.head.i != head.i and clause_head(head.head) is not None:
        head = clause_head(head.head)  # type: ignore[assignment]
    actor = _cue_actor(document, parsed, token, actors, event_actor)
    if actor is None:
        subject = subject_of(head) or implicit_subject(head)
        if subject is not None:
            actor = _actor_of(document, parsed, subject, actors, event_actor)
    if actor is None and not (reason and " " in candidate.cue.group()):
        # Not for "in favour of Damascus": the one a prepositional cue points at is no actor.
        actor = _actor_in(document, parsed, head, cue_span, actors, reason)
    if actor is None:
        return None
    first, last = clause_range(head)
    first, last = _within_quotation(document, parsed, cue_span, first, last)
    keep = {t.i for t in cue_tokens}
    text = render(parsed, without_asides(parsed.doc, first, last, keep, DESCRIPTIVE_ASIDES))
    if not 4 <= len(words(text)) <= _MAX_WORDS:
        return None
    return actor, text


def _pronoun_subject(head: Token) -> bool:
    subject = subject_of(head)
    return subject is not None and subject.lower_ in _PRONOUNS


def _cue_actor(
    document: Document, parsed: Parsed, token: Token, actors: list[Entity], event_actor: Entity | None
) -> Entity | None:
    """The actor the cue itself names: "Damascus’s efforts to ...", "forced Moscow to ...", and
    the subject of the nearest verb above it ("with the new leadership attempting to ...")."""
    if token.lower_.startswith("forc"):
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        return _actor_of(document, parsed, obj, actors, None) if obj is not None else None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        return _actor_of(document, parsed, owner, actors, None)
    current = token
    while not is_finite(current):
        subject = subject_of(current)
        if subject is not None and is_verb(current):
            return _actor_of(document, parsed, subject, actors, event_actor)
        if current.head.i == current.i:
            break
        current = current.head
    return None


def _within_quotation(
    document: Document, parsed: Parsed, cue: Span, first: int, last: int
) -> tuple[int, int]:
    """A motive inside a direct quotation stays inside its marks: the speaker's words, not the cue
    that follows them ("...,” referring to ...)."""
    quote = next(
        (a.span for a in document.attributions if a.direct and a.span.start <= cue.start < a.span.end), None
    )
    if quote is None or not (
        quote.start <= parsed.start(parsed.doc[first]) or _holds_clause(parsed, quote, cue)
    ):
        return first, last
    inside = [
        t.i
        for t in parsed.doc[first : last + 1]
        if quote.start <= parsed.start(t) and parsed.end(t) <= quote.end
    ]
    return (inside[0], inside[-1]) if inside else (first, last)


def _holds_clause(parsed: Parsed, quote: Span, cue: Span) -> bool:
    """True when the quotation holds the whole clause the cue is in (its verb and subject), not
    just a few words of it ("suspended ... “to restore public confidence”")."""
    token = parsed.token_at(cue.start)
    head = clause_head(token) if token is not None else None
    return head is not None and quote.start <= parsed.start(head) < quote.end


def _actor_of(
    document: Document, parsed: Parsed, subject: Token, actors: list[Entity], event_actor: Entity | None
) -> Entity | None:
    """The actor a clause's subject names: a mention in the subject's head, in its phrase, a
    government described ("the new leadership in Damascus"), or the event's actor for the event
    itself ("the deadline", "the move")."""
    tokens = [t for t in subject.subtree if t.dep_ not in ("relcl", "acl") or t.i == subject.i]
    span = Span(parsed.start(tokens[0]), parsed.end(tokens[-1]))
    head_span = Span(parsed.start(subject), parsed.end(subject))
    for entity in actors:
        if any(m.span.overlap(head_span) for m in entity.mentions):
            return entity
    for entity in actors:
        if any(span.start <= m.span.start and m.span.end <= span.end for m in entity.mentions):
            return entity
    described = entity_for(document, document.of(span))
    if described is not None and described in actors:
        return described
    modified = any(c.dep_ in ("compound", "amod", "poss") for c in subject.children)
    if (
        subject.lemma_.lower() in EVENT_NOUNS
        and not modified
        and subject.lemma_.lower() not in ("agreement", "deal")
    ):
        return event_actor
    return None


def _actor_in(
    document: Document, parsed: Parsed, head: Token, cue: Span, actors: list[Entity], reason: bool
) -> Entity | None:
    """An actor named in the clause: for a reason clause ("because Russia had ties") the first
    one, for an aim the last before the cue, never a speaker's name, never the one a
    prepositional cue points at ("in favour of Damascus")."""
    cue_start = cue.start
    prepositional = reason and cue.end - cue.start > len("because")
    first, last = clause_range(head)
    clause = Span(parsed.start(parsed.doc[first]), parsed.end(parsed.doc[last]))
    speakers = [a.speaker_span for a in document.attributions if a.speaker_span is not None]
    found: list[tuple[int, Entity]] = []
    for entity in actors:
        for mention in entity.mentions:
            if not clause.start <= mention.span.start < clause.end or mention.locative:
                continue
            if any(s.overlap(mention.span) for s in speakers):
                continue
            if (reason and not prepositional) or mention.span.start < cue_start:
                found.append((mention.span.start, entity))
    if not found:
        return None
    return (min if reason else max)(found, key=lambda pair: pair[0])[1]


def _event_actor(document: Document, actors: list[Entity]) -> Entity | None:
    """The actor of the story's event: the first actor acting in the lede."""
    if not document.sentences:
        return None
    lede = document.sentences[0]
    found = [(m.span.start, e) for e in actors for m in e.mentions if lede.covers(m.span.start) and m.acts]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _stated_by(document: Document, voices: Voices, actor: Entity, cue: Span) -> StatedBy:
    attribution = attribution_at(document.attributions, cue)
    if attribution is None or not attribution.speaker:
        return StatedBy.reporter
    voice = voices.of(attribution)
    if voice is None:
        return StatedBy.reporter
    if voice.entity is actor or same_name(voice.name, actor.name) or _speaks_for(attribution, actor):
        return StatedBy.actor
    if is_analyst(attribution) or re.search(r"\b(?:analysts?|experts?|observers)\b", voice.name, re.I):
        return StatedBy.analyst
    return StatedBy.source


def _speaks_for(attribution: Attribution, actor: Entity) -> bool:
    """A spokesperson or office-holder of the actor: "the Kremlin spokesman" for Russia, "Transport
    Minister" for the government, "Governor" for the central bank."""
    described = " ".join(filter(None, [attribution.title, attribution.affiliation]))
    if not described:
        return False
    named = [w for w in words(described) if w[:1].isupper()]
    for word in named:
        country = DEMONYMS.get(word) or METONYMS.get(word)
        if same_name(word, actor.name) or (country is not None and country == actor.country):
            return True
    generic = [w for w in named if not _OFFICES.fullmatch(w)]
    return bool(_OFFICES.search(described)) and not generic and actor.kind.value in ("state", "organization")
