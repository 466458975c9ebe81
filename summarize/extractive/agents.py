"""Agents: which actor a clause is about, read from the parse.

The actor a subject names (a mention in it, a government it describes: "the new leadership in
Damascus", or the event's actor when the subject is the event itself: "the deadline", "the
move"); the actor a cue names itself ("Damascus’s efforts to", "forced Moscow to", "with the new
leadership attempting to"); who a pronoun subject stands for ("we" in a quotation is the
speaker's side; "he", "it", "they" the nearest fitting actor named before); an actor named
elsewhere in the clause; and the actor of the story's event (the lede's subject).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..schema import ActorKind
from ..text import Span, same_name
from .clauses import SUBJECTS, Parsed, clause_range, is_finite, is_verb, subject_of
from .document import Document
from .names import Entity
from .sources import entity_for
from .views import EVENT_NOUNS


class Agents:
    """Resolves actors for the clauses of one document, among the chosen ``actors``."""

    def __init__(self, document: Document, actors: list[Entity]) -> None:
        self.document = document
        self.actors = actors
        self.speakers = [a.speaker_span for a in self.document.attributions if a.speaker_span is not None]
        self.event_actor: Entity | None = self._event_actor()

    def of_subject(self, parsed: Parsed, subject: Token, *, event: bool = True) -> Entity | None:
        """The actor a clause's subject names: a mention in the subject's head, in its phrase, a
        government described ("the new leadership in Damascus"), or the event's actor for the event
        itself ("the deadline", "the move")."""
        tokens = [t for t in subject.subtree if t.dep_ not in ("relcl", "acl") or t.i == subject.i]
        span = Span(parsed.start(tokens[0]), parsed.end(tokens[-1]))
        head_span = Span(parsed.start(subject), parsed.end(subject))
        for entity in self.actors:
            if any(m.span.overlap(head_span) for m in entity.mentions):
                return entity
        for entity in self.actors:
            if any(
                span.start <= m.span.start and m.span.end <= span.end and not m.locative
                for m in entity.mentions
            ):
                return entity
        described = entity_for(self.document, self.document.of(span))
        if described is not None and described in self.actors:
            return described
        modified = any(c.dep_ in ("compound", "amod", "poss") for c in subject.children)
        if (
            subject.lemma_.lower() in EVENT_NOUNS
            and not modified
            and subject.lemma_.lower() not in ("agreement", "deal")
        ):
            return self.event_actor if event else None
        return None

    def of_cue(self, parsed: Parsed, token: Token) -> Entity | None:
        """The actor the cue itself names: "Damascus’s efforts to ...", "forced Moscow to ...", and
        the subject of the nearest verb above it ("with the new leadership attempting to ...")."""
        if token.lower_.startswith("forc"):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            return self.of_subject(parsed, obj, event=False) if obj is not None else None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self.of_subject(parsed, owner, event=False)
        current = token
        while not is_finite(current):
            subject = subject_of(current)
            if subject is not None and is_verb(current):
                return self.of_subject(parsed, subject)
            if current.head.i == current.i:
                break
            current = current.head
        return None

    def antecedent(self, parsed: Parsed, pronoun: Token) -> Entity | None:
        """Who a pronoun subject stands for: in a quotation "we" is the speaker's side; else the
        nearest actor named before it in the sentence that fits ("he"/"she" a person, "it" not)."""
        position = parsed.start(pronoun)
        if pronoun.lower_ == "we":
            quote = next(
                (a for a in self.document.attributions if a.direct and a.span.start <= position < a.span.end),
                None,
            )
            if quote is not None and quote.speaker:
                side = quote.affiliation or quote.speaker
                return next((e for e in self.actors if same_name(e.name, side)), None)
            return None
        person = pronoun.lower_ in ("he", "she")
        best: tuple[int, Entity] | None = None
        for entity in self.actors:
            if person != (entity.kind is ActorKind.person) and pronoun.lower_ != "they":
                continue
            for mention in entity.mentions:
                if not parsed.span.start <= mention.span.start < position or mention.locative:
                    continue
                if any(s.overlap(mention.span) for s in self.speakers):
                    continue  # "Rose said ... they": the speaker is not "they"
                if best is None or mention.span.start > best[0]:
                    best = (mention.span.start, entity)
        return best[1] if best else None

    def in_clause(self, parsed: Parsed, head: Token, cue: Span, reason: bool) -> Entity | None:
        """An actor named in the clause: for a reason clause ("because Russia had ties") the first
        one, for an aim the last before the cue, never a speaker's name."""
        first, last = clause_range(head)
        clause = Span(parsed.start(parsed.doc[first]), parsed.end(parsed.doc[last]))
        found: list[tuple[int, Entity]] = []
        for entity in self.actors:
            for mention in entity.mentions:
                if not clause.start <= mention.span.start < clause.end or mention.locative:
                    continue
                if any(s.overlap(mention.span) for s in self.speakers):
                    continue
                if reason or mention.span.start < cue.start:
                    found.append((mention.span.start, entity))
        if not found:
            return None
        return (min if reason else max)(found, key=lambda pair: pair[0])[1]

    def _event_actor(self) -> Entity | None:
        """The actor of the story's event: the subject of the lede, else the first actor acting in it."""
        if not self.document.sentences:
            return None
        lede = self.document.sentences[0]
        parsed = self.document.parse([lede])[lede]
        for root in (t for t in parsed.doc if t.dep_ == "ROOT"):
            # Every subject the parser gives it: a dateline ("SENNET, ...") can take the first place.
            for subject in (c for c in root.children if c.dep_ in SUBJECTS):
                found = self.of_subject(parsed, subject, event=False)
                if found is not None:
                    return found
        acting = [
            (m.span.start, e) for e in self.actors for m in e.mentions if lede.covers(m.span.start) and m.acts
        ]
        return min(acting, key=lambda pair: pair[0])[1] if acting else None
