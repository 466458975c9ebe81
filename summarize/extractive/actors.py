"""Choosing the story's actors from the merged name entities, with a role and verbatim evidence."""

from __future__ import annotations

import re

from ..schema import Actor, ActorKind
from ..text import same_name
from .document import Document
from .names import Entity, Mention
from .speakers import analyst_names

_MAX_ACTORS = 10
_ROLE_WORDS = 12


def eligible(entity: Entity, analysts: set[str], affiliations: list[str]) -> bool:
    """An entity that does or says something in the story and is not a place, outlet or analyst."""
    if entity.is_place or entity.is_media or any(same_name(entity.name, name) for name in analysts):
        return False
    if any(re.search(rf"\b{re.escape(entity.name)}\b", affiliation) for affiliation in affiliations):
        return False  # an analyst's institution is context for the view, not an actor
    if entity.kind is ActorKind.other:
        return entity.acting >= 2
    return entity.acting >= 1 or sum(1 for m in entity.mentions if not m.locative) >= 2


def _score(entity: Entity) -> int:
    return 2 * entity.acting + sum(1 for m in entity.mentions if not m.locative)


def _role(document: Document, entity: Entity, mention: Mention) -> str:
    """The appositive or title the article gives, else what the actor first does."""
    if entity.kind is ActorKind.person:
        for candidate in entity.mentions:
            if candidate.appositive:
                return candidate.appositive
        for candidate in entity.mentions:
            if candidate.title and candidate.title.lower() not in {"mr", "mrs", "ms", "dr"}:
                return candidate.title
    for candidate in [mention, *entity.mentions]:
        sentence = document.sentences[candidate.sentence]
        clause = re.split(r"[,;:()“”]|\s[–—]\s", document.text[candidate.span.end : sentence.end])[0]
        if len(clause.split()) >= 2:
            return " ".join((candidate.surface + clause).split()[:_ROLE_WORDS]).rstrip(".")
    # No clause after any mention ("..., Iran, has been weakened"): the article's own words around it.
    sentence = document.sentences[mention.sentence]
    return " ".join(re.split(r"[;:]", document.of(sentence))[0].split()[:_ROLE_WORDS]).rstrip(".,")


def build_actors(document: Document) -> tuple[list[Actor], list[Entity]]:
    """The actors as schema items, plus the entities behind them (for motives)."""
    analysts = analyst_names(document)
    affiliations = [a.affiliation for a in document.attributions if a.speaker in analysts and a.affiliation]
    chosen = sorted(
        (e for e in document.entities if eligible(e, analysts, affiliations)), key=lambda e: -_score(e)
    )
    chosen = chosen[:_MAX_ACTORS]
    actors = []
    for entity in chosen:
        acting = [m for m in entity.mentions if m.acts] or [m for m in entity.mentions if not m.locative]
        evidence: list[str] = []
        for mention in acting:
            text = document.of(document.sentences[mention.sentence])
            if text not in evidence:
                evidence.append(text)
            if len(evidence) == 2:
                break
        actors.append(
            Actor(
                name=entity.name, kind=entity.kind, role=_role(document, entity, acting[0]), evidence=evidence
            )
        )
    return actors, chosen
