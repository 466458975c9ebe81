"""Who speaks across outlets: speakers quoted by several outlets (and whether they are reported
saying the same thing), unnamed sources per outlet, and actors merged by the one name identity.

Speakers and sources come from the shared attribution finder; actors from the rules engine's
name entities. Names are merged with ``same_name`` (so "Mr Maravic" is "Teodor Maravic").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..extractive.document import analyse
from ..extractive.hedges import build_uncertainties
from ..extractive.sources import is_named
from ..grounding.features import stem
from ..schema import ActorKind
from ..text import Attribution, Span
from ..text.fold import fold_word
from ..text.words import STOPWORDS, words
from .anchors import same_name
from .facts import OutletText
from .model import MergedActor, Quote, SourceMention, Speaker, SpeakerMatch

SAME_STATEMENT = 0.5
_MIN_WORDS = 3
# Words that make a speaker an unnamed source rather than a party ("prosecutors said" is the prosecution).
_GENERIC = re.compile(
    r"\b(?:sources?|analysts?|experts?|observers?|officials?|diplomats?|residents?|witnesses|people|person|"
    r"member|media|reports?|reporting|someone|insiders?|shopkeepers|locals|woman|man)\b",
    re.IGNORECASE,
)
# A described source: "a police source", "people familiar with", "one woman, who did not want to be named".
_DESCRIBED = re.compile(
    r"\b(?:sources?|familiar with|(?:did not|didn't) want to be named|on condition of anonymity|"
    r"unnamed|unidentified|anonymous)\b",
    re.IGNORECASE,
)


def _keys(text: str) -> frozenset[str]:
    return frozenset(stem(fold_word(w)) for w in words(text) if fold_word(w) not in STOPWORDS and len(w) > 1)


def similarity(a: str, b: str) -> float:
    """The share of the shorter statement's content words found in the other."""
    first, second = _keys(a), _keys(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _named(attribution: Attribution, text: str) -> bool:
    """A named speaker: not a generic source, and not a common noun that opens a sentence
    ("Prosecutors say ..." when the article also writes "prosecutors")."""
    speaker = attribution.speaker
    if not speaker or not is_named(speaker) or len(attribution.quote.split()) < _MIN_WORDS:
        return False
    one_word = " " not in speaker.strip()
    return not (one_word and re.search(rf"\b{re.escape(speaker.lower())}\b", text))


def shared_speakers(outlets: Sequence[OutletText]) -> list[Speaker]:
    """Speakers two or more outlets quote, one entry per statement they carry in common, and one
    for different statements by the same speaker."""
    by_speaker: list[tuple[str, dict[int, list[Attribution]]]] = []
    for index, outlet in enumerate(outlets):
        for attribution in analyse(outlet.article).attributions:
            if not _named(attribution, outlet.article.text):
                continue
            speaker = attribution.speaker or ""
            for entry in by_speaker:
                if same_name(entry[0], speaker):
                    if len(speaker) > len(entry[0]):
                        by_speaker[by_speaker.index(entry)] = (speaker, entry[1])
                    entry[1].setdefault(index, []).append(attribution)
                    break
            else:
                by_speaker.append((speaker, {index: [attribution]}))
    found: list[Speaker] = []
    for name, statements in by_speaker:
        if len(statements) < 2:
            continue
        found.extend(_speaker_entries(name, statements, outlets))
    return found


def _quote(outlets: Sequence[OutletText], index: int, attribution: Attribution) -> Quote:
    return Quote(
        outlet=outlets[index].name,
        text=attribution.span.of(outlets[index].article.text),
        span=attribution.span,
        direct=attribution.direct,
    )


def _speaker_entries(
    name: str, statements: dict[int, list[Attribution]], outlets: Sequence[OutletText]
) -> list[Speaker]:
    """Statements matched across outlets (same), then what is left, one per outlet (different)."""
    used: set[int] = set()
    entries: list[Speaker] = []
    indices = sorted(statements)
    pairs: list[tuple[float, int, Attribution, int, Attribution]] = []
    for position, first in enumerate(indices):
        for second in indices[position + 1 :]:
            for a in statements[first]:
                for b in statements[second]:
                    score = similarity(a.quote, b.quote)
                    if score >= SAME_STATEMENT:
                        pairs.append((score, first, a, second, b))
    pairs.sort(key=lambda p: -p[0])
    groups: list[dict[int, Attribution]] = []
    for _, first, a, second, b in pairs:
        if id(a) in used and id(b) in used:
            continue
        group = next((g for g in groups if g.get(first) is a or g.get(second) is b), None)
        if group is None:
            if id(a) in used or id(b) in used:
                continue
            group = {}
            groups.append(group)
        for index, item in ((first, a), (second, b)):
            if index not in group and id(item) not in used:
                group[index] = item
                used.add(id(item))
    for group in groups:
        quotes = [_quote(outlets, index, item) for index, item in sorted(group.items())]
        entries.append(Speaker(speaker=name, quotes=quotes, match=SpeakerMatch.same))
    left = {
        index: next(a for a in items if id(a) not in used)
        for index, items in statements.items()
        if any(id(a) not in used for a in items)
    }
    if len(left) >= 2:
        quotes = [_quote(outlets, index, item) for index, item in sorted(left.items())]
        entries.append(Speaker(speaker=name, quotes=quotes, match=SpeakerMatch.different))
    return entries


def unnamed_sources(outlets: Sequence[OutletText]) -> list[SourceMention]:
    """Unnamed or described sources per outlet: generic speakers, and the sources the rules
    engine's uncertainties name."""
    found: list[SourceMention] = []
    for outlet in outlets:
        article = outlet.article
        spans: list[Span] = []
        document = analyse(article)
        for attribution in document.attributions:
            speaker = attribution.speaker
            if speaker and attribution.speaker_span and not is_named(speaker) and _GENERIC.search(speaker):
                spans.append(attribution.speaker_span)
        for item in build_uncertainties(document):
            if item.attributed_to:
                for evidence in item.evidence:
                    start = article.text.find(evidence)
                    if start < 0:
                        continue
                    offset = evidence.find(item.attributed_to)
                    if offset >= 0:
                        spans.append(Span(start + offset, start + offset + len(item.attributed_to)))
        for sentence, _ in article.body_sentences:
            match = _DESCRIBED.search(article.text, sentence.start, sentence.end)
            if match and not any(s.overlap(Span(match.start(), match.end())) for s in spans):
                phrase = _source_phrase(article.text, sentence, Span(match.start(), match.end()))
                if phrase is not None:
                    spans.append(phrase)
        seen: list[Span] = []
        for span in sorted(spans):
            if any(span.overlap(other) for other in seen):
                continue
            seen.append(span)
            found.append(SourceMention(outlet=outlet.name, text=span.of(article.text), span=span))
    return found


def _source_phrase(text: str, sentence: Span, cue: Span) -> Span | None:
    """The noun phrase around a source cue: from the clause start to the cue's end ("A police source")."""
    clause_start = max(text.rfind(sep, sentence.start, cue.start) for sep in (",", ";", "“", '"'))
    start = clause_start + 1 if clause_start >= sentence.start else sentence.start
    while start < cue.start and text[start].isspace():
        start += 1
    phrase = text[start : cue.end]
    if len(phrase.split()) > 8:
        return Span(cue.start, cue.end)
    return Span(start, cue.end)


def merged_actors(outlets: Sequence[OutletText]) -> list[MergedActor]:
    """Actors (people, organizations, states, armed groups) named by two or more outlets."""
    merged: list[tuple[list[str], dict[str, list[str]]]] = []
    for outlet in outlets:
        for entity in analyse(outlet.article).entities:
            if entity.is_place or entity.is_media or (entity.kind is ActorKind.other and entity.acting == 0):
                continue
            forms = sorted({m.surface for m in entity.mentions if m.standalone} or {entity.name})
            for known, by_outlet in merged:
                if any(same_name(a, b) for a in known for b in forms):
                    by_outlet[outlet.name] = sorted(set(by_outlet.get(outlet.name, [])) | set(forms))
                    known.extend(f for f in forms if f not in known)
                    break
            else:
                merged.append((list(forms), {outlet.name: forms}))
    return [
        MergedActor(name=max(known, key=lambda f: (len(f.split()), len(f))), outlets=by_outlet)
        for known, by_outlet in merged
        if len(by_outlet) >= 2
    ]
