"""Voices: who the article has a statement from, named or not, and the outlet that relays it.

An attribution names a speaker as the article words it ("Dmitry Peskov", "the council", "Syrian
sources", "Reuters’ sources"). For a summary the engine needs more: the actor behind a
description ("the council" is "Norrvik city council" when the article names it so), the named
outlet or body an unnamed source speaks through ("Syrian sources told Reuters that ...", "the
Kommersant daily cited an unidentified Syrian source as saying ...", "according to a Syrian
source cited in Kommersant", "The sources stated ..." after "sources told Reuters"), and the
unnamed source behind a named outlet ("Reuters reported, citing five Syrian sources").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import ActorKind
from ..text import AnalysedArticle, Attribution, Span, same_name
from ..text.words import words
from .document import Document, analyse
from .gazetteer import GOVERNMENT_NOUNS, ORGANIZATION_WORDS, country_of
from .names import Entity

_GENERIC = re.compile(
    r"\b(?:sources?|officials?|analysts|experts|observers|media|reports?|diplomats|people|person"
    r"|residents|witnesses)\b",
    re.IGNORECASE,
)
_RELAY_AFTER = re.compile(
    r"\s*(?:told|cited (?:in|by)|quoted (?:in|by))\s+(.{2,80}?)(?=[,.;:]|\s+(?:that|last|on|this|as)\b|$)"
)
_CITING = re.compile(r"\b(?:citing|quoting)\s+([^,.;:“”\"]{3,80})")
_ANAPHORIC_SOURCE = re.compile(
    r"^(?:the|these|those)\s+(?:same\s+)?(?:sources?|officials?|people)$", re.IGNORECASE
)
_RELAY_REACH = 600  # characters: "The sources ..." within a paragraph or two of the relay
_JOINERS = frozenset({"of", "for", "and", "the", "on", "&"})
_NP_END = re.compile(r"\s+(?:who|which|that|as|when|while|because|after|before|last|on|in)\b.*$")


@dataclass(frozen=True)
class Voice:
    """Who a statement is from: ``name`` as a summary should give it, whether that is a named
    person or body, the actor entity behind it, and the unnamed source it relays (if any)."""

    name: str
    named: bool
    entity: Entity | None = None
    source: str | None = None


def is_named(speaker: str | None) -> bool:
    """True for a person's or body's name ("Caroline Rose", "Office of Rail Standards"), not a
    generic source ("a Syrian source", "analysts", "the council")."""
    if not speaker or _GENERIC.search(speaker):
        return False
    tokens = speaker.split()
    if tokens[0].casefold() == "the":
        tokens = tokens[1:]
    if not tokens or not tokens[-1][:1].isupper():
        return False
    return all(
        t[:1].isupper() or t.casefold() in _JOINERS or t.casefold().startswith(("al-", "al‑", "el-"))
        for t in tokens
    )


def entity_in(document: Document, span: Span) -> Entity | None:
    """The actor entity with a mention inside ``span`` (the first one)."""
    best: tuple[int, Entity] | None = None
    for entity in document.entities:
        for mention in entity.mentions:
            inside = span.start <= mention.span.start and mention.span.end <= span.end
            if inside and (best is None or mention.span.start < best[0]):
                best = (mention.span.start, entity)
    return best[1] if best else None


def entity_for(document: Document, phrase: str) -> Entity | None:
    """The entity a name or a definite description stands for: "the council" is the article's
    one council ("Norrvik city council"), "Syria’s new leadership" its Syrian government."""
    if is_named(phrase):
        return next((entity for entity in document.entities if same_name(entity.name, phrase)), None)
    # The head noun is the last word before a prepositional phrase: "the new leadership in Damascus".
    head_phrase = re.split(r"\s(?:in|of|at|for|from|on)\s", phrase, maxsplit=1)[0]
    tokens = [w.casefold() for w in words(head_phrase)]
    if tokens and tokens[-1] in GOVERNMENT_NOUNS:
        return _government(document, phrase)
    if not tokens or tokens[0] not in ("the", "its", "this") or len(tokens) > 4:
        return None
    head = tokens[-1]
    if head in GOVERNMENT_NOUNS:
        return _government(document, phrase)
    if head not in ORGANIZATION_WORDS and head not in ("company", "firm", "operator", "regulator", "police"):
        return None
    found = [e for e in document.entities if head in {w.casefold() for w in words(e.name)}]
    return found[0] if len(found) == 1 else None


def _government(document: Document, phrase: str) -> Entity | None:
    """The government a phrase describes: of the country it names ("Syria’s new leadership", "the
    leadership in Damascus"), else the article's only government."""
    governments = [e for e in document.entities if e.key.startswith("government:")]
    countries = {country_of(word) for word in words(phrase) if word[:1].isupper()} - {None}
    named = [e for e in governments if e.country in countries]
    if named:
        return named[0]
    return governments[0] if len(governments) == 1 and not countries else None


def voices_of(document: Document) -> Voices:
    """The document's voices, resolved once and shared by every section."""
    return document.article.layer(_build_voices)


def _build_voices(article: AnalysedArticle) -> Voices:
    return Voices(analyse(article))


class Voices:
    """Resolves the voice of each attribution of one document (relays remembered in text order)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._voices: dict[int, Voice | None] = {}
        last_relay: tuple[int, Entity] | None = None
        for attribution in document.attributions:
            voice = self._resolve(attribution, last_relay)
            self._voices[id(attribution)] = voice
            if voice is not None and voice.source is not None and voice.entity is not None:
                last_relay = (attribution.span.start, voice.entity)

    def of(self, attribution: Attribution) -> Voice | None:
        """The voice of one of the document's attributions (None when nobody is named at all)."""
        if id(attribution) not in self._voices:
            return self._resolve(attribution, None)
        return self._voices[id(attribution)]

    def _resolve(self, attribution: Attribution, last_relay: tuple[int, Entity] | None) -> Voice | None:
        speaker = attribution.speaker
        if not speaker:
            return None
        document = self.document
        sentence = document.sentence_at(
            attribution.speaker_span.start if attribution.speaker_span else attribution.span.start
        )
        if is_named(speaker):
            entity = entity_for(document, speaker)
            return Voice(_display(speaker, entity), True, entity, _citing(document, sentence))
        relay = self._relay(attribution, sentence, last_relay)
        if relay is not None:
            return Voice(relay.name, True, relay, _noun_phrase(speaker))
        entity = entity_for(document, speaker)
        if entity is not None:
            # "the council" is the article's council; "Syria’s new leadership" keeps its own words.
            shown = speaker if _holds_a_name(speaker) else entity.name
            return Voice(_display(shown, entity), True, entity, None)
        return Voice(_noun_phrase(speaker), False, None, _citing(document, sentence))

    def _relay(
        self, attribution: Attribution, sentence: Span, last: tuple[int, Entity] | None
    ) -> Entity | None:
        """The named outlet or body an unnamed source speaks through, if the article gives one."""
        document = self.document
        speaker_span = attribution.speaker_span
        if speaker_span is None:
            return None
        text = document.text
        # "Reuters’ sources said": the possessor.
        owner = re.match(r"(.+?)[’']s?\s+sources?\b", attribution.speaker or "")
        if owner:
            entity = entity_for(document, owner.group(1))
            if entity is not None:
                return entity
        # "Syrian sources told Reuters", "a Syrian source cited in Russian news outlet Kommersant".
        after = _RELAY_AFTER.match(text, speaker_span.end, sentence.end)
        if after:
            entity = entity_in(document, Span(after.start(1), after.end(1)))
            if entity is not None and entity.kind is ActorKind.organization:
                return entity  # an outlet or body ("told Reuters"), not a person or a state
        # "The Kommersant daily cited an unidentified Syrian source as saying ...": the subject.
        if attribution.cue == "cited as saying":
            cited = re.search(r"\b(?:cited|quoted)\s", text[sentence.start : speaker_span.start])
            if cited:
                entity = entity_in(document, Span(sentence.start, sentence.start + cited.start()))
                if entity is not None:
                    return entity
        # "The sources stated ..." a sentence or two after "Syrian sources told Reuters ...".
        anaphoric = _ANAPHORIC_SOURCE.match(attribution.speaker or "")
        if last is not None and anaphoric and attribution.span.start - last[0] < _RELAY_REACH:
            return last[1]
        return None


def _citing(document: Document, sentence: Span) -> str | None:
    """The unnamed source a named speaker cites in the same sentence ("..., citing five Syrian sources")."""
    match = _CITING.search(document.text, sentence.start, sentence.end)
    if match is None:
        return None
    phrase = _noun_phrase(match.group(1))
    return phrase if _GENERIC.search(phrase) and not is_named(phrase) else None


def _noun_phrase(phrase: str) -> str:
    """A source as a noun phrase: trailing clauses and time phrases cut off ("a Syrian source")."""
    phrase = _NP_END.sub("", phrase.strip()).strip(" ,")
    return phrase


def _holds_a_name(phrase: str) -> bool:
    """True when a description carries a proper name ("Syria’s new leadership"), not "the council"."""
    tokens = phrase.split()
    if tokens and tokens[0].casefold() in ("the", "a", "an"):
        tokens = tokens[1:]
    return any(token[:1].isupper() for token in tokens)


def _display(speaker: str, entity: Entity | None) -> str:
    """A speaker as a summary names it: the article's fullest form of a person's name, a body's
    own words when they hold a name ("Syria’s new leadership"), never a leading "The"."""
    if entity is not None and entity.kind is ActorKind.person and len(entity.name) > len(speaker):
        speaker = entity.name
    return speaker[4:] if speaker.startswith("The ") else speaker
