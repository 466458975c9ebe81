"""Statements: who said what, from the attributions in the article's body and a few speech acts
the parse finds.

Every direct quotation and reported statement whose voice is a named person or body (officials,
spokespeople, prosecutors, actors, analysts, outlets) becomes a statement in the article's own
words. An unnamed source is not a statement, unless a named outlet relays it ("Syrian sources
told Reuters that ..." is Reuters' reporting); the unnamed source itself stays in the
uncertainties. A quotation inside the same speaker's reported clause is not repeated; a clause
reporting two things ("said that X and that Y", "said X and felt Y") gives two statements.
Speech acts with an object rather than a clause ("X has announced an end to ...", "Y, who has
affirmed his commitment to ...", "Z raised rates, saying inflation was too high") are read from
the dependency parse. A speaker's role is the title or appositive the article gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import Statement, StatementKind
from ..text import Attribution, Span, same_name
from ..text.segment import split_text
from ..text.words import words
from .clauses import Parsed
from .document import Document
from .names import Entity
from .overlap import said_before
from .roles import noun_role
from .sources import Voice, Voices, voices_of

_PER_SPEAKER = 4
_MAX_STATEMENTS = 24
_MIN_WORDS = 3
# "said that X and that Y" / "said X and felt Y": a second reported clause.
_SECOND_CLAUSE = re.compile(
    r",?\s+(?:and|but)\s+(?:that\s+|(?:felt|feels|said|says|added|adds|noted|argued|believed|believes"
    r"|warned|insisted|stressed|thought|thinks)\s+(?:that\s+)?)"
)
# Speech acts whose object is what was said ("announced an end to ...") and "..., saying X".
_ACT_LEMMAS = frozenset({"announce", "affirm", "reaffirm", "deny", "pledge", "promise", "reiterate", "vow"})
_ACT_CUE = re.compile(
    r"\b(?:announc|affirm|reaffirm|denie|deny|pledg|promis|reiterat|vow)\w*\b|,\s*saying\b", re.IGNORECASE
)
_PRONOUN_START = re.compile(r"(?:it|he|she|they|this)\b", re.IGNORECASE)
_NEGATING_ACTS = frozenset({"deny"})
_DENIALS = frozenset({"denied", "denies", "deny"})
_ANAPHORIC_END = re.compile(r"\b(?:that|this|it|so)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Said:
    voice: Voice
    attribution: Attribution | None
    kind: StatementKind
    span: Span

    @property
    def start(self) -> int:
        return self.span.start


def build_statements(document: Document) -> list[Statement]:
    """Named speakers' statements, in article order, a few per speaker."""
    voices = voices_of(document)
    found = _from_attributions(document, voices) + _from_speech_acts(document)
    by_speaker: dict[str, list[_Said]] = {}
    for said in sorted(found, key=lambda s: s.start):
        key = next((known for known in by_speaker if same_name(known, said.voice.name)), said.voice.name)
        by_speaker.setdefault(key, []).append(said)
    chosen: list[tuple[str, _Said]] = []
    for speaker, items in by_speaker.items():
        chosen.extend((speaker, said) for said in _prune(document, items))
    chosen.sort(key=lambda pair: pair[1].start)
    return [
        Statement(
            speaker=speaker,
            role=_role(document, said),
            kind=said.kind,
            text=document.of(said.span),
        )
        for speaker, said in chosen[:_MAX_STATEMENTS]
    ]


def _from_attributions(document: Document, voices: Voices) -> list[_Said]:
    found: list[_Said] = []
    reported = [a for a in document.attributions if not a.direct]
    for attribution in document.attributions:
        voice = voices.of(attribution)
        if voice is None or not voice.named or subjectless(document, attribution):
            continue
        if attribution.direct and any(
            r.span.contains(attribution.span) and r.speaker == attribution.speaker for r in reported
        ):
            continue  # a few quoted words inside the same speaker's reported clause
        kind = StatementKind.direct if attribution.direct else StatementKind.reported
        parts = (
            [_first_sentence(attribution.span, document)]
            if attribution.direct
            else _clauses(document, _with_denial(document, attribution))
        )
        for part in parts:
            text = document.of(part)
            if len(words(text)) >= _MIN_WORDS and document.text.find(text) == part.start:
                # Only a quotation's first appearance: an article repeating a quote gives it once.
                found.append(_Said(voice, attribution, kind, part))
    return found


def subjectless(document: Document, attribution: Attribution) -> bool:
    """ "..., which Mr Omar says cleared the way ...": the clause's subject is the relative pronoun
    before the speaker, so the clause alone is no sentence."""
    if attribution.direct or attribution.speaker_span is None:
        return False
    before = words(
        document.text[max(0, attribution.speaker_span.start - 16) : attribution.speaker_span.start]
    )
    return any(word.casefold() in ("which", "who", "that") for word in before[-2:])


def _with_denial(document: Document, attribution: Attribution) -> Span:
    """A denied clause keeps its verb: "denied that his client had ever met ...", never "his client
    had ever met ..." under the denier's name."""
    if attribution.cue not in _DENIALS:
        return attribution.span
    cue = document.text.rfind(attribution.cue, max(0, attribution.span.start - 40), attribution.span.start)
    return Span(cue, attribution.span.end) if cue >= 0 else attribution.span


def _first_sentence(span: Span, document: Document) -> Span:
    """A quotation of several sentences is one statement per thing said: its first sentence."""
    sentences = split_text(document.of(span))
    if len(sentences) < 2:
        return span
    return Span(span.start, span.start + sentences[0].end)


def _clauses(document: Document, span: Span) -> list[Span]:
    """A reported clause split where it reports a second thing ("... and that ..."); a second
    clause opening with a pronoun ("and that it could ...") goes on about the first and stays."""
    parts: list[Span] = []
    start = span.start
    for match in _SECOND_CLAUSE.finditer(document.text, span.start, span.end):
        if match.group().rstrip().endswith("that") and _PRONOUN_START.match(document.text, match.end()):
            continue
        if _balanced(document.of(Span(start, match.start()))):
            parts.append(Span(start, match.start()))
            start = match.end()
    parts.append(Span(start, span.end))
    return parts


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _from_speech_acts(document: Document) -> list[_Said]:
    """Speech acts with an object, and "..., saying X", where the finder saw no speech."""
    covered = [a.span for a in document.attributions]
    candidates = [
        s
        for s in document.sentences
        if _ACT_CUE.search(document.of(s)) and not any(s.overlap(c) for c in covered)
    ]
    found: list[_Said] = []
    for parsed in document.parse(candidates).values():
        for token in parsed.doc:
            said = _speech_act(document, parsed, token)
            if said is not None:
                found.append(said)
    return found


def _speech_act(document: Document, parsed: Parsed, token: Token) -> _Said | None:
    if token.lemma_ in _ACT_LEMMAS and token.pos_ == "VERB":
        said = next((c for c in token.children if c.dep_ == "dobj"), None)
        if said is None or any(c.dep_ == "ccomp" for c in token.children):
            return None
        speaker = (
            token.head
            if token.dep_ == "relcl"
            else next((c for c in token.children if c.dep_ == "nsubj"), None)
        )
    elif token.lower_ == "saying" and token.dep_ == "advcl":
        said = next((c for c in token.children if c.dep_ == "ccomp"), None)
        speaker = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if said is None or speaker is None:
        return None
    entity = _entity_of(document, parsed, speaker)
    if entity is None:
        return None
    subtree = list(said.subtree)
    # A denial keeps its verb: "denied all 11 counts", not "all 11 counts".
    first = token if token.lemma_ in _NEGATING_ACTS else subtree[0]
    span = Span(parsed.start(first), parsed.end(subtree[-1]))
    if len(words(document.of(span))) < _MIN_WORDS:
        return None
    return _Said(Voice(entity.name, True, entity), None, StatementKind.reported, span)


def _entity_of(document: Document, parsed: Parsed, token: Token) -> Entity | None:
    # The name itself ("Bank" in "The Central Bank of Veloria"), not one in its relative clause.
    start, end = parsed.start(token), parsed.end(token)
    for entity in document.entities:
        if any(m.span.start <= start and end <= m.span.end for m in entity.mentions):
            return entity
    return None


def _prune(document: Document, items: list[_Said]) -> list[_Said]:
    """At most a few statements per speaker: first drop one that restates an earlier one, then
    a short one that leans on what came before ("Now there is no need for that")."""
    if len(items) <= _PER_SPEAKER:
        return items
    badness = [_badness(document, items, i) for i in range(len(items))]
    worst = sorted(range(len(items)), key=lambda i: (badness[i], i), reverse=True)[
        : len(items) - _PER_SPEAKER
    ]
    return [said for i, said in enumerate(items) if i not in worst]


def _badness(document: Document, kept: list[_Said], index: int) -> float:
    """How little a statement adds: 2+ when it mostly restates earlier ones, 1+ when it is short or
    leans on what came before, else the share of its words said earlier."""
    text = document.of(kept[index].span)
    restated = said_before(text, (document.of(other.span) for other in kept[:index]))
    if restated >= 0.4:
        return 2 + restated
    return (1 if len(words(text)) <= 8 or _ANAPHORIC_END.search(text) else 0) + restated


def _role(document: Document, said: _Said) -> str | None:
    """The speaker's role as the article words it (see ``roles.noun_role``)."""
    attribution = said.attribution
    if attribution is not None and not same_name(attribution.speaker or "", said.voice.name):
        attribution = None  # a relayed source's title is not the outlet's
    return noun_role(document, said.voice.entity, attribution)
