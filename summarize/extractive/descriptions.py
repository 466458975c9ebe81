"""Bodies the article names with lowercase words, and descriptions that refer back to a named one.

Capitalized runs miss actors written partly in lowercase: "Norrvik city council", "Mareth city
police", "Lenvaria's government", "Syria’s new leadership", "Kurdish forces", "the harbour
authority", "the ministry of mines". And a body named once is then "the council", "the bank",
"the union", "the ministry", "the government": one more mention of that entity, when exactly one
named body carries that head word. Only general head nouns of news bodies are used.
"""

from __future__ import annotations

import re

from ..schema import ActorKind
from ..text import Span
from ..text.attribution.cues import SPEECH_VERBS
from ..text.names import name_key
from ..text.words import STOPWORDS, word_set
from .gazetteer import COMMON_CAPITALS, COUNTRIES, DEMONYMS, GOVERNMENT_NOUNS, country_of
from .names import Entity, FoundMention, Mention, acts_after, is_locative

BODY_HEADS = word_set(
    """council police authority ministry court union agency commission department parliament
    assembly committee board administration government regulator leadership authorities"""
)
# Heads a description shares with a named body it refers back to ("the bank", "the union").
_REFERRING_HEADS = BODY_HEADS | word_set("bank company firm party group army navy network service operator")
_HEADS = "|".join(sorted(BODY_HEADS))
_ANY_HEAD = "|".join(sorted(_REFERRING_HEADS))
# "Norrvik city council": a name, up to two lowercase words, a body's head noun.
_NAMED_BODY = re.compile(rf"\b((?:[A-Z][\w’'‑-]*\s){{1,3}}?)((?:[a-z]+\s){{0,2}}(?:{_HEADS}))\b")
# "Lenvaria's government", "Syria’s new leadership".
_POSSESSED_GOVERNMENT = re.compile(
    r"\b([A-Z][\w‑-]+)[’']s\s+(?:(?:new|current|interim|military|transitional|former)\s+)?"
    r"(government|leadership|authorities|administration|regime)\b"
)
# "the harbour authority", "the ministry of mines", and the bare "the council".
_DESCRIBED_BODY = re.compile(rf"\b[Tt]he\s+((?:[a-z]+\s){{0,2}}(?:{_ANY_HEAD})(?:\s+of\s+[a-z]+)?)\b")
# "Kurdish forces": an ethnic or national adjective the country lists do not hold, and a force.
_GROUP = re.compile(r"\b([A-Z][a-z]+(?:ish|ian|ese|i))\s+(forces|fighters|militias?|rebels)\b")
_ACTING_BEFORE = re.compile(r"\b(?:by|said|told|according to)\s+$")
_APPOSITIVE_BEFORE = re.compile(r"[A-Z][\w’'‑-]*,\s+$")


def find_descriptions(text: str, sentences: list[Span]) -> list[FoundMention]:
    """Mentions of bodies named partly in lowercase, in the given (body) sentences."""
    found: list[FoundMention] = []
    for index, sentence in enumerate(sentences):
        for match in _POSSESSED_GOVERNMENT.finditer(text, sentence.start, sentence.end):
            country = _country(match.group(1))
            mention = _mention(text, sentence, index, match.start(), match.end())
            mention.standalone = False  # "Syrian government" names it better where the article has both
            found.append(FoundMention(mention, "government:" + country, ActorKind.state, country))
        for match in _NAMED_BODY.finditer(text, sentence.start, sentence.end):
            name = match.group(1).strip()
            first = name.split()[0]
            if (
                first.casefold() in COMMON_CAPITALS
                or first in DEMONYMS
                or any(w in DEMONYMS for w in name.split())
            ):
                continue
            if name.endswith(("’s", "'s")) or any(m.mention.span.start == match.start() for m in found):
                continue
            if not all(_modifier(word) for word in match.group(2).split()[:-1]):
                continue  # "Ingrid Halvorsen said the council": not one name
            mention = _mention(text, sentence, index, match.start(), match.end())
            head = match.group(2).split()[-1]
            if head in GOVERNMENT_NOUNS:
                found.append(
                    FoundMention(mention, "government:" + _country(name), ActorKind.state, _country(name))
                )
            else:
                found.append(
                    FoundMention(mention, "body:" + name_key(mention.surface), ActorKind.organization)
                )
        for match in _GROUP.finditer(text, sentence.start, sentence.end):
            if match.group(1) in DEMONYMS or match.group(1) in COUNTRIES:
                continue
            mention = _mention(text, sentence, index, match.start(), match.end())
            found.append(FoundMention(mention, "group:" + name_key(match.group(1)), ActorKind.armed_group))
    return found


def without_covered(found: list[FoundMention], descriptions: list[FoundMention]) -> list[FoundMention]:
    """Name mentions not lying inside a description ("Norrvik" in "Norrvik city council")."""
    spans = [d.mention.span for d in descriptions]
    return [f for f in found if not any(s.contains(f.mention.span) and s != f.mention.span for s in spans)]


def add_described_mentions(text: str, sentences: list[Span], entities: list[Entity]) -> list[Entity]:
    """Descriptions as mentions: of the one named body with that head ("the council"), or, with a
    modifier ("the harbour authority", "the ministry of mines"), a body of their own."""
    taken = [m.span for e in entities for m in e.mentions]
    new: dict[str, Entity] = {}
    for index, sentence in enumerate(sentences):
        for match in _DESCRIBED_BODY.finditer(text, sentence.start, sentence.end):
            span = Span(match.start(1), match.end(1))
            if any(s.overlap(Span(match.start(), match.end())) for s in taken):
                continue
            phrase = match.group(1)
            if not all(_modifier(word) for word in re.split(r"\s+of\s+", phrase)[0].split()[:-1]):
                continue
            if _APPOSITIVE_BEFORE.search(text, sentence.start, match.start()):
                continue  # "The Office of Rail Standards, the industry regulator,": its description
            head = re.split(r"\s+of\s+", phrase)[0].split()[-1]
            mention = _mention(text, sentence, index, span.start, span.end)
            known = _antecedent(head, [*entities, *new.values()], span.start)
            if known is not None:
                mention.standalone = False
                known.mentions.append(mention)
            elif " " in phrase and head in BODY_HEADS:
                key = "body:" + name_key(phrase)
                body = new.setdefault(key, Entity(key, ActorKind.organization))
                body.mentions.append(mention)
    for entity in [*entities, *new.values()]:
        entity.mentions.sort(key=lambda m: m.span.start)
    return [*entities, *new.values()]


def _antecedent(head: str, entities: list[Entity], position: int) -> Entity | None:
    """The named body, mentioned before ``position``, whose name holds ``head`` ("the bank" ->
    "Central Bank of Veloria"); the latest one mentioned when several do."""
    if head in GOVERNMENT_NOUNS:
        matching = [e for e in entities if e.key.startswith("government:")]
    else:
        matching = [
            e
            for e in entities
            if e.kind is not ActorKind.person
            and head in {w.casefold() for m in e.mentions if m.standalone for w in m.surface.split()}
        ]
    latest: tuple[int, Entity] | None = None
    for entity in matching:
        before = [m.span.start for m in entity.mentions if m.span.start < position]
        if before and (latest is None or max(before) > latest[0]):
            latest = (max(before), entity)
    return latest[1] if latest else None


def _modifier(word: str) -> bool:
    """A lowercase word that can modify a body's name ("city", "harbour"), not a verb or function word."""
    lowered = word.casefold()
    return lowered not in STOPWORDS and lowered not in SPEECH_VERBS and not lowered.endswith(("ed", "ing"))


def _mention(text: str, sentence: Span, index: int, start: int, end: int) -> Mention:
    before = text[sentence.start : start]
    after = text[end : sentence.end]
    tokens = text[start:end].split()
    return Mention(
        span=Span(start, end),
        surface=text[start:end],
        sentence=index,
        locative=is_locative(before.lower(), after, tokens) and not _ACTING_BEFORE.search(before),
        acts=acts_after(after) or bool(_ACTING_BEFORE.search(before)),
    )


def _country(word: str) -> str:
    return country_of(word) or word.strip().removesuffix("’s").removesuffix("'s")
