"""Speakers: turning the noun phrase next to a speech verb into a speaker, and resolving later
mentions ("Bridzhe", "he") to the full name introduced earlier (a small coreference registry)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import COURTESY_TITLES, HONORIFICS, NAME_PARTICLES, name_tokens, same_name
from ..spans import Span, trimmed
from ..words import word_spans
from .cues import (
    APPOSITIVE_ASIDES,
    AUXILIARIES,
    CITING_VERBS,
    DISCOURSE_OPENERS,
    GENERIC_SOURCES,
    NP_CUTTERS,
    PRONOUNS,
)

# A description with one of these is a clause, not an appositive ("Pepsi, Coca-Cola ... are among").
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says)\b")
_CONJUNCTIONS = frozenset({"and", "or", "but", "&"})
_FUNCTION_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "from",
        "by",
        "to",
        "at",
        "in",
        "on",
        "with",
        "for",
        "that",
        "which",
        "who",
        "as",
    }
)
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on"})
_PHRASE_EDGES = " ,“”\"'‘’"
_ADVERBIAL_OPENERS = frozenset(
    {
        "on",
        "in",
        "at",
        "during",
        "after",
        "before",
        "last",
        "this",
        "earlier",
        "later",
        "since",
        "from",
        "by",
        "over",
        "yesterday",
        "today",
    }
)


@dataclass
class Person:
    """A speaker the article has introduced, with what it said about them."""

    name: str
    title: str | None
    affiliation: str | None
    is_person: bool


@dataclass(frozen=True)
class Speaker:
    """A speaker found at one place in the text: the resolved name and the mention's span."""

    name: str
    span: Span
    title: str | None
    affiliation: str | None


class SpeakerParser:
    """Parses speaker phrases of one text, remembering who was introduced for later mentions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: dict[str, Person] = {}
        self.recent: list[Person] = []

    def lower(self, word: Span) -> str:
        return self.text[word.start : word.end].casefold()

    def after_verb(self, span: Span, *, generic: bool = False) -> Speaker | None:
        """Parse ``said Dr HA Hellyer, an expert ... at the Center`` (the span starts after the verb)."""
        segment = span.of(self.text)
        cut = re.search(r"[,.;:!?]|\s(?:who|cited|last|this|on|in)\s", segment)
        head_end = span.start + (cut.start() if cut else len(segment))
        head = trimmed(self.text, span.start, head_end)
        if head.end <= head.start:
            return None
        description = None
        if cut and segment[cut.start()] == ",":
            rest = segment[cut.end() :]
            description = re.split(r"[.;!?]|,\s", rest, maxsplit=1)[0].strip()
            description = re.sub(r"^and\s+", "", description) or None  # "said X, and expert" (sic)
            if description and description.casefold().startswith(APPOSITIVE_ASIDES):
                description = None  # "according to one of the people, who asked not to be named"
        return self.phrase(head, description, generic=generic)

    def before_verb(self, span: Span) -> Speaker | None:
        """Parse the subject before a speech verb: ``Caroline Rose, a Syria expert at ...,``."""
        words = word_spans(self.text, span.start, span.end)
        while words and self.lower(words[0]) in DISCOURSE_OPENERS:
            words = words[1:]
        while words and self.lower(words[-1]) in AUXILIARIES:
            words = words[:-1]  # "Syria's new leadership has said"
        if not words:
            return None
        start, end = words[0].start, words[-1].end
        body = self.text[start:end]
        # Clauses split at commas, dropping asides: "Kommersant, citing an unnamed source, confirmed".
        parts = [
            Span(start + m.start(), start + m.end())
            for m in re.finditer(r"[^,]+", body)
            if m.group().strip() and not m.group().strip().casefold().startswith(APPOSITIVE_ASIDES)
        ]
        # "On Friday, two people familiar with the plans said": an opening adverbial is not a speaker.
        while (
            len(parts) > 1 and parts[0].of(self.text).strip().split(" ")[0].casefold() in _ADVERBIAL_OPENERS
        ):
            parts = parts[1:]
        if not parts:
            return None
        if len(words) >= 2 and self.lower(words[-1]) in ("that", "who", "which"):
            # "... are among retailers that said": the speakers are the noun the relative refers to.
            return self.phrase(words[-2], None, generic=True)
        first = parts[0].of(self.text).strip()
        if len(parts) >= 2 and looks_like_name(first):
            # Appositive: "Name, description[,]" — the name is the part before the first comma.
            description = ", ".join(p.of(self.text).strip() for p in parts[1:])
            if not looks_like_name(description) and not _FINITE.search(description):
                return self.phrase(parts[0], description)
        if len(parts) == 1 and parts[0].end < end and self.text[end : span.end].strip() == ",":
            # Only asides followed: "Lena Strand, who runs a bakery, said"; "A senior official,
            # speaking on condition of anonymity, said"; "Kommersant, citing a source, confirmed".
            return self.phrase(parts[0], None, generic=True)
        # "While the move ..., analysts said": keep only the last clause ("which Mr Omar says").
        last = re.search(r"(?:^|,)\s*(?:(?:which|who|that|as|while)\s+)?([^,]+)$", body)
        if last is None:
            return None
        return self.phrase(Span(start + last.start(1), end), None, generic=True)

    def cited_as_saying(self, words: list[Span]) -> Speaker | None:
        """The speaker in ``X cited Y as saying`` (the words up to "as saying")."""
        for index in range(len(words) - 1, -1, -1):
            if self.lower(words[index]) in CITING_VERBS and index + 1 < len(words):
                return self.phrase(Span(words[index + 1].start, words[-1].end))
        return None

    def phrase(self, span: Span, description: str | None = None, *, generic: bool = True) -> Speaker | None:
        """Turn a noun phrase into a speaker: a pronoun, a (titled) name, or a generic source."""
        edges = trimmed(self.text, span.start, span.end)
        clean = trimmed(self.text, edges.start, edges.end, _PHRASE_EDGES)
        start, end = edges.start, clean.end
        phrase = self.text[start:end]
        if not phrase:
            return None
        lowered = phrase.casefold()
        if lowered in PRONOUNS:
            person = self.antecedent(PRONOUNS[lowered])
            if person is None:
                return None
            return Speaker(person.name, Span(start, end), person.title, person.affiliation)
        words = list(re.finditer(r"\S+", phrase))
        # The longest capitalized run closing the phrase is the name; lowercase words before it
        # are a title ("political analyst Dmitry Bridzhe", "the Russian newspaper Kommersant").
        run = len(words)
        while run > 0 and looks_like_name(" ".join(w.group() for w in words[run - 1 :])):
            run -= 1
        while run < len(words) - 1 and words[run].group().casefold().rstrip(".") in HONORIFICS:
            run += 1  # "Dr HA Hellyer": the name is "HA Hellyer"
        for position in range(len(words) - 2, run - 1, -1):
            if words[position].group().casefold().rstrip(".") in HONORIFICS:
                run = position + 1  # "Transport Minister Ines Varro": the name is "Ines Varro"
                break
        after_preposition = run > 0 and words[run - 1].group().casefold() in NP_CUTTERS | {"of", "at", "from"}
        if run == len(words) or after_preposition or (len(words) == 1 and lowered in GENERIC_SOURCES):
            return self.generic(start, phrase, description) if generic else None
        name_start = start + words[run].start()
        name = self.text[name_start:end]
        title_words = _title_before(
            [w.group() for w in words[:run] if w.group().casefold().rstrip(".") not in COURTESY_TITLES]
        )
        honorific = run > 0 and words[run - 1].group().casefold().rstrip(".") in HONORIFICS
        title = strip_article(" ".join(title_words)) or None
        affiliation = None
        if description:
            described, affiliation = describe(description)
            title = described or title
        is_person = honorific or len(name.split()) > 1 or bool(description)
        person = self.remember(name, title, affiliation, is_person=is_person)
        return Speaker(person.name, Span(name_start, end), person.title, person.affiliation)

    def generic(self, start: int, phrase: str, description: str | None) -> Speaker | None:
        """A generic source ("analysts", "a Syrian source", "the ministry"), cut before a clause."""
        kept: list[str] = []
        for index, word in enumerate(phrase.split()):
            if index > 1 and word.casefold() in NP_CUTTERS:
                break
            kept.append(word)
        name = " ".join(kept).rstrip(",")
        if not name or not any(ch.isalpha() for ch in name) or len(kept) > 8:
            return None
        title, affiliation = describe(description) if description else (None, None)
        self.recent.append(Person(name, title, affiliation, is_person=False))
        return Speaker(name, Span(start, start + len(name)), title, affiliation)

    def known(self, name: str) -> bool:
        """True when ``name`` is a speaker introduced earlier (by full name or surname)."""
        key = name_tokens(name)
        known = self.people.get(key[-1]) if key else None
        return known is not None and same_name(known.name, name)

    def remember(self, name: str, title: str | None, affiliation: str | None, *, is_person: bool) -> Person:
        """Register a named speaker, or resolve a short name to the one introduced earlier."""
        key = name_tokens(name)
        surname = key[-1] if key else name.casefold()
        known = self.people.get(surname)
        if known is not None and same_name(known.name, name):
            if len(name.split()) > len(known.name.split()):
                known.name = name
            known.title = known.title or title
            known.affiliation = known.affiliation or affiliation
            known.is_person = known.is_person or is_person
            person = known
        else:
            person = Person(name, title, affiliation, is_person)
            self.people[surname] = person
        self.recent.append(person)
        return person

    def antecedent(self, kind: str) -> Person | None:
        """The latest speaker a pronoun can refer to ("he": a person; "they", "it": anyone)."""
        for person in reversed(self.recent):
            if kind == "any" or person.is_person:
                return person
        return None


def _title_before(words: list[str]) -> list[str]:
    """The title words right before a name: after the last conjunction or comma ("... made 25 saves
    and New Jersey native"), none when they are a phrase of their own ("guidance from the")."""
    for index in range(len(words) - 1, -1, -1):
        if words[index].casefold() in _CONJUNCTIONS or words[index].endswith(","):
            words = words[index + 1 :]
            break
    while words and words[-1].casefold() in _FUNCTION_WORDS:
        words = words[:-1]
    if any(word.casefold() in _FUNCTION_WORDS - {"the", "a", "an"} or word[:1].isdigit() for word in words):
        return []
    return words


def describe(description: str) -> tuple[str | None, str | None]:
    """Split "a Syria expert at the New Lines Institute" into a title and an institution."""
    text = strip_article(description)
    match = re.search(r"\s(?:at|of|with|from)\s+(?:the\s+)?([A-Z][^,;]*)$", text)
    if match:
        return (text[: match.start()].strip() or None), match.group(1).strip()
    return (text or None), None


def strip_article(phrase: str) -> str:
    """A noun phrase without a leading "a", "an" or "the"."""
    return re.sub(r"^(?:a|an|the)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def looks_like_name(phrase: str) -> bool:
    """One to five capitalized words (honorifics and particles such as "al-" allowed; "of", "for",
    "and", "&" inside an institution's name: "Office of Rail Standards", "Tallberg & Moe")."""
    words = phrase.split()
    if not 1 <= len(words) <= 6 or not words[-1][:1].isupper():
        return False
    for index, word in enumerate(words):
        lowered = word.casefold().strip(".")
        if lowered in HONORIFICS or lowered in NAME_PARTICLES or word == "&":
            continue
        if 0 < index < len(words) - 1 and lowered in _NAME_JOINERS:
            continue
        if lowered.startswith(("al-", "el-", "al‑")):
            continue
        if not word[:1].isupper():
            return False
    return any(word[:1].isupper() for word in words)
