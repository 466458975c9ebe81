"""Choosing the story's actors from the merged name entities, with a role and verbatim evidence.

An actor does or says something in the story: it acts in a clause, speaks, or is named with a
title or appositive. Places, analysts (they get views), an analyst's institution and the
outlet's own journalists are not actors; another outlet is one when it reports in the story
("Reuters reported", "sources told Reuters"). Every actor has a role in the article's words
(see ``roles``); one without any is left out rather than given a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from ..grounding.claims import check_claim
from ..grounding.meaning import PHRASE
from ..grounding.verdicts import REJECTED
from ..schema import Actor, ActorKind
from ..text import Span, same_name
from .document import Document
from .names import Entity
from .roles import clause_roles, noun_role, relay_clauses
from .sources import voices_of
from .speakers import analyst_names

_MAX_ACTORS = 10
_SOURCE_LINE = re.compile(r"^\[?(?:Source|Via)\s*:\s*([^\]]{2,60})\]?$", re.IGNORECASE)
# "SENNET, 2 April (Meridian Wire) - ...", "WASHINGTON (Reuters) - ...", "(CNN) President ...".
_DATELINE_OUTLET = re.compile(r"^[^()–—]{0,60}\(([A-Z][^()]{1,40})\)\s*(?:[-–—]|(?=[A-Z]))")
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


def _role(document: Document, entity: Entity, speaks: bool) -> tuple[str, list[str]] | None:
    """The role, and the evidence that carries it: the first candidate (see ``roles``) the claim
    checker finds where the article names the actor ("Noem saw ..." far from "Kristi Noem" does
    not say who is meant; a clause about "the government" far from its name does not say which)."""
    candidates: Iterator[tuple[str, Span]] = iter(())
    role = noun_role(document, entity)
    if role is not None:
        holding = [
            document.sentences[m.sentence]
            for m in entity.mentions
            if role in document.of(document.sentences[m.sentence])
        ]
        candidates = iter(
            [(role, holding[0] if holding else document.sentences[entity.mentions[0].sentence])]
        )
    candidates = chain(candidates, clause_roles(document, entity))
    if speaks and entity.kind is not ActorKind.person:
        candidates = chain(candidates, relay_clauses(document, entity))
    for text, sentence in candidates:
        evidence = _evidence(document, entity, sentence)
        if entity.name in document.of(sentence):
            return text, evidence  # the name in full beside its role: nothing for a reader to guess
        check = check_claim(document.article, f"{entity.name} {text}", quotes=evidence, policy=PHRASE)
        if check.verdict not in REJECTED:
            return text, evidence
    return None


def _evidence(document: Document, entity: Entity, role_sentence: Span) -> list[str]:
    """The sentences a reader checks the actor against: one naming it in full, the role's own, and
    one where it acts."""
    named = [m for m in entity.mentions if m.surface == entity.name] or entity.mentions
    acting = [m for m in entity.mentions if m.acts] or named
    sentences = [
        document.sentences[named[0].sentence],
        role_sentence,
        document.sentences[acting[0].sentence],
    ]
    return list(dict.fromkeys(document.of(s) for s in sentences))


def build_actors(document: Document) -> tuple[list[Actor], list[Entity]]:
    """The actors as schema items, plus the entities behind them (for motives)."""
    analysts = analyst_names(document)
    affiliations = [a.affiliation for a in document.attributions if a.speaker in analysts and a.affiliation]
    resolved = voices_of(document)
    voices = {v.entity.key for a in document.attributions if (v := resolved.of(a)) and v.entity is not None}
    own = own_outlets(document)
    ranked = sorted(
        (e for e in document.entities if eligible(e, analysts, affiliations, voices, own)),
        key=lambda e: -_score(e),
    )
    actors: list[Actor] = []
    chosen: list[Entity] = []
    for entity in ranked:
        found = _role(document, entity, entity.key in voices)
        if found is None:
            continue
        role, evidence = found
        actors.append(Actor(name=entity.name, kind=entity.kind, role=role, evidence=evidence))
        chosen.append(entity)
        if len(actors) == _MAX_ACTORS:
            break
    return actors, chosen
