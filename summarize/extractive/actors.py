"""Choosing the story's actors from the merged name entities, with a role and verbatim evidence.

An actor does or says something in the story: it acts in a clause, speaks, or is named with a
title or appositive. Places, analysts (they get views), an analyst's institution and the
outlet's own journalists are not actors; another outlet is one when it reports in the story
("Reuters reported", "sources told Reuters"). Every actor has a role in the article's words
(see ``roles``); one without any is left out rather than given a fragment.
"""

from __future__ import annotations

import re

from ..schema import Actor, ActorKind
from ..text import same_name
from .document import Document
from .names import Entity
from .roles import clause_role, noun_role, relay_clause
from .sources import voices_of
from .speakers import analyst_names

_MAX_ACTORS = 10
_SOURCE_LINE = re.compile(r"^\[?(?:Source|Via)\s*:\s*([^\]]{2,60})\]?$", re.IGNORECASE)
_DATELINE_OUTLET = re.compile(r"^[^()–—]{0,60}\(([A-Z][^()]{1,40})\)\s*[-–—]")
_JOURNALIST = re.compile(r"\b(?:correspondent|reporter|journalist|editor|columnist)\b", re.IGNORECASE)


def own_outlets(document: Document) -> list[str]:
    """The outlet that publishes the story, where the page says so: a source line ("[Source: Daily
    Telegraph]") or a dateline's agency ("SENNET, 2 April (Meridian Wire) - ...")."""
    names = [
        m.group(1).strip() for line in document.layout.dropped if (m := _SOURCE_LINE.match(document.of(line)))
    ]
    if document.layout.body:
        dateline = _DATELINE_OUTLET.match(document.of(document.layout.body[0]))
        if dateline:
            names.append(dateline.group(1))
    return names


def eligible(
    entity: Entity, analysts: set[str], affiliations: list[str], voices: set[str], own: list[str]
) -> bool:
    """An entity that does or says something in the story and is not a place, analyst or journalist."""
    if entity.is_place or any(same_name(entity.name, name) for name in [*analysts, *own]):
        return False
    if entity.is_media:
        return entity.key in voices  # an outlet the story cites, not one merely named
    if any(re.search(rf"\b{re.escape(entity.name)}\b", affiliation) for affiliation in affiliations):
        return False  # an analyst's institution is context for the view, not an actor
    if any(_JOURNALIST.search(m.appositive or m.title or "") for m in entity.mentions):
        return False  # the outlet's own reporter tells the story
    if entity.kind is ActorKind.other:
        return entity.acting >= 2
    titled = entity.kind is ActorKind.person and any(m.title or m.appositive for m in entity.mentions)
    return entity.acting >= 1 or titled or sum(1 for m in entity.mentions if not m.locative) >= 2


def _score(entity: Entity) -> int:
    return 2 * entity.acting + sum(1 for m in entity.mentions if not m.locative)


def build_actors(document: Document) -> tuple[list[Actor], list[Entity]]:
    """The actors as schema items, plus the entities behind them (for motives)."""
    analysts = analyst_names(document)
    affiliations = [a.affiliation for a in document.attributions if a.speaker in analysts and a.affiliation]
    found = voices_of(document)
    voices = {v.entity.key for a in document.attributions if (v := found.of(a)) and v.entity is not None}
    own = own_outlets(document)
    ranked = sorted(
        (e for e in document.entities if eligible(e, analysts, affiliations, voices, own)),
        key=lambda e: -_score(e),
    )
    actors: list[Actor] = []
    chosen: list[Entity] = []
    for entity in ranked:
        role = noun_role(document, entity) or clause_role(document, entity)
        if role is None and entity.key in voices:
            role = relay_clause(document, entity)
        if role is None:
            continue
        acting = [m for m in entity.mentions if m.acts] or [m for m in entity.mentions if not m.locative]
        evidence: list[str] = []
        for mention in acting or entity.mentions:
            text = document.of(document.sentences[mention.sentence])
            if text not in evidence:
                evidence.append(text)
            if len(evidence) == 2:
                break
        actors.append(Actor(name=entity.name, kind=entity.kind, role=role, evidence=evidence))
        chosen.append(entity)
        if len(actors) == _MAX_ACTORS:
            break
    return actors, chosen
