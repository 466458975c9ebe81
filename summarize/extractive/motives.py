"""Stated motives: sentences that give an actor's aim or reason, and who in the article states it."""

from __future__ import annotations

import re

from ..schema import StatedBy, StatedMotive
from ..text import Span
from ..text.segment import sentence_ends
from .document import Document
from .names import Entity
from .speakers import is_named, speaker_at

_CUE = re.compile(
    r"\b(?:wants? to|wanted to|seek(?:s|ing)? (?:to|favou?r)|sought to|in order to|so as to|aim(?:s|ed|ing)? (?:at|to)"
    r"|in an? (?:bid|effort|attempt) to|efforts? to|attempt(?:s|ing)? to|tr(?:y|ies|ied|ying) to"
    r"|intend(?:s|ed)? to|designed to|hop(?:es|ed|ing) to|keen(?:ness)? to|determined to|to court"
    r"|in favou?r of|because|in exchange for|so that|in pursuit of|with the aim of|with a view to"
    r"|predicated on|motivated by|in response to"
    r"|(?<!ability )(?<!able )(?<!need )(?<!unable )(?<!power )(?<!right )"
    r"to (?:protect|maintain|retain|secure|preserve|assert|consolidate|counter|deter|remain in power))\b",
    re.IGNORECASE,
)
_REASON_CUES = frozenset({"because", "in favour of", "in favor of", "in response to", "motivated by"})
_CLAUSE_END = re.compile(r",\s+(?:according to|citing|analysts?|he|she|they)\b|\s[–—]\s|;")
_MAX_MOTIVES = 8
_MAX_WORDS = 30


def _plain(text: str) -> str:
    text = _CLAUSE_END.split(re.sub(r"\s+", " ", text))[0].strip().strip('“”"‘’').strip()
    words = text.split(" ")
    if len(words) > _MAX_WORDS:
        text = " ".join(words[:_MAX_WORDS])
    text = re.split(r"(?<=[a-z])[,;:]\s+(?:while|but|and|which|with)\b", text)[0]
    text = text[:1].upper() + text[1:]
    return text.rstrip(",;: ") + ("" if text.endswith((".", "!", "?")) else ".")


def _actor_for(document: Document, actors: list[Entity], sentence: Span, cue: re.Match[str]) -> Entity | None:
    """Whose motive: for a reason ("because ...") the sentence's subject, for an aim the actor named
    closest before the cue; never the person reporting it ("Omar said Moscow wants ...")."""
    cue_start = sentence.start + cue.start()
    # Inside a quotation of several sentences, only the cue's own sentence names the actor.
    ends = sentence_ends(document.text, Span(sentence.start, cue_start), [], [0])
    first = ends[-1] if ends else sentence.start
    speakers = {a.speaker_span.start for a in document.attributions if a.speaker_span is not None}
    before: list[tuple[int, Entity]] = []
    for entity in actors:
        for mention in entity.mentions:
            if not first <= mention.span.start < cue_start or mention.locative:
                continue
            if not any(mention.span.covers(s) for s in speakers):
                before.append((mention.span.start, entity))
    if not before:
        return None
    pick = min if cue.group().lower() in _REASON_CUES else max
    return pick(before, key=lambda pair: pair[0])[1]


def _stated_by(document: Document, actor: Entity, cue: Span) -> StatedBy:
    attribution = speaker_at(document, cue)
    if attribution is None or not attribution.speaker:
        return StatedBy.reporter
    speaker = attribution.speaker
    forms = {m.surface for m in actor.mentions} | {actor.name}
    if any(speaker == form or speaker.endswith(" " + form) for form in forms):
        return StatedBy.actor
    if attribution.speaker.lower() in {"media", "reuters"} or not (
        is_named(speaker) or "analyst" in speaker.lower()
    ):
        return StatedBy.reporter
    return StatedBy.analyst


def build_motives(document: Document, actors: list[Entity]) -> list[StatedMotive]:
    """Motive statements from the headline, standfirst and body, one per sentence."""
    layout = document.layout
    sentences = [*([layout.headline] if layout.headline else []), *layout.standfirst, *document.sentences]
    motives: list[StatedMotive] = []
    for sentence in sentences:
        cue = _CUE.search(document.of(sentence))
        if cue is None:
            continue
        cue_start = sentence.start + cue.start()
        actor = _actor_for(document, actors, sentence, cue)
        if actor is None:
            continue
        mention_starts = [m.span.start for m in actor.mentions if sentence.start <= m.span.start < cue_start]
        start = max(mention_starts) if mention_starts else cue_start
        if cue_start - start > 120:
            start = cue_start
        motives.append(
            StatedMotive(
                actor=actor.name,
                motive=_plain(document.text[start : sentence.end]),
                stated_by=_stated_by(document, actor, Span(cue_start, sentence.start + cue.end())),
                evidence=[document.of(sentence)],
            )
        )
        if len(motives) == _MAX_MOTIVES:
            break
    return motives
