"""Who said what: find quotations and reported speech in an article and name their speakers.

This module owns the rule-based attribution finder used by grounding (to catch a quote given to
the wrong analyst) and by the rule-based engine (to build analyst views). It understands:

- ``"...," said X`` / ``"...," X said`` / ``"...," he added`` (cue right after the quote);
- ``X said: "..."`` / ``X said the move was "..."`` (cue earlier in the same sentence);
- ``"...", according to X`` and ``X cited Y as saying "..."``;
- ``"...", analysts said.`` (cue at the end of the sentence);
- ``X told Y ...`` (the listener is not the speaker);
- reported speech without quote marks: ``X, an expert at Y, said Russia had ...``;
- titles and affiliations (``political analyst X``, ``X, a Syria expert at the New Lines
  Institute``), short names and pronouns resolved to the full name introduced earlier;
- a quote that opens a sentence with no cue of its own, spoken by the previous sentence's speaker.

All offsets are Python ``str`` indices into the text given to ``find_attributions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


OPEN_TO_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "'": "'"}
SINGLE_OPENERS = frozenset({"‘", "'"})

# Forms that are as often nouns ("claims", "reports", "states", "estimated") are left out.
SPEECH_VERBS = _wordset(
    """said says say told tells tell added adds noted stated explained explains warned warns
    argued argues claimed claim insisted insists suggested suggests agreed agrees wrote writes
    believes believed reported announced asked asks replied replies concluded
    acknowledged acknowledges admitted admits confirmed confirms predicted predicts
    stressed stresses emphasised emphasized observed observes remarked commented contended
    recalled recalls"""
)
# Verbs that introduce a reported clause only when followed by "that" ("agreed to leave" is not speech).
THAT_ONLY_VERBS = _wordset("agreed agrees believes believed warned warns announced")
LISTENER_VERBS = _wordset("told tells tell")
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "any", "we": "any", "i": "person"}
HONORIFICS = _wordset(
    """dr dr. mr mr. mrs mrs. ms ms. prof prof. professor sir president general gen. gen sheikh
    colonel col. minister ambassador senator judge"""
)
NAME_PARTICLES = _wordset("al el bin ibn abu de da di du van von der la le ben")
DISCOURSE_OPENERS = _wordset(
    "however but and yet still meanwhile instead separately earlier later also so then"
)
NP_CUTTERS = _wordset("on outside in near who which that when while as because after before")
GENERIC_SOURCES = _wordset(
    "analysts sources officials experts observers diplomats residents witnesses authorities"
)
AUXILIARIES = _wordset("has have had is are was were will would may might could also")
# Words that show a speech verb is followed by an adverbial, not by what was said.
NOT_A_CLAUSE = _wordset(
    """on in at last this earlier today yesterday citing monday tuesday wednesday thursday friday
    saturday sunday against to for about"""
)
APPOSITIVE_ASIDES = ("citing", "quoting", "according", "who", "which", "speaking")
# A period after these does not end a sentence.
ABBREVIATIONS = _wordset("mr mrs ms dr prof st gen col jan feb mar apr jun jul aug sep sept oct nov dec")

WORD_RE = re.compile(r"[^\W_][\w’'‑‐-]*[\w]|[^\W_]")
SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’']*(?=\s)")


@dataclass(frozen=True)
class Attribution:
    """One quotation or reported statement and who the article says made it.

    ``quote`` is ``text[quote_start:quote_end]``: the words inside the quote marks for a direct
    quote, the reported clause for indirect speech. ``speaker`` is the resolved name (the full
    name when the article introduced one, e.g. "Dmitry Bridzhe" for a later "Bridzhe" or "he"),
    or a generic source ("analysts", "a Syrian source"); None when no speaker could be found.
    ``speaker_start``/``speaker_end`` locate the mention in this sentence (the pronoun itself for
    "he said"). ``affiliation`` is the institution when one is given, else the title.
    """

    quote: str
    quote_start: int
    quote_end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    affiliation: str | None
    title: str | None
    direct: bool
    cue: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass
class _Person:
    name: str
    title: str | None
    affiliation: str | None
    is_person: bool


@dataclass(frozen=True)
class _Speaker:
    name: str
    start: int
    end: int
    title: str | None
    affiliation: str | None


def find_attributions(text: str) -> list[Attribution]:
    """Every direct quote (attributed or not) and reported statement in ``text``, in text order."""
    return _Finder(text).run()


def attribution_at(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution whose quote best covers ``text[start:end]``: direct quotes before reported speech."""
    best: tuple[int, int, Attribution] | None = None
    for item in attributions:
        overlap = min(end, item.quote_end) - max(start, item.quote_start)
        if overlap <= 0 or overlap < 0.5 * (end - start):
            continue
        # Prefer a direct quote, then the tightest span (a quote inside a reported clause wins).
        key = (0 if item.direct else 1, item.quote_end - item.quote_start)
        if best is None or key < best[:2]:
            best = (key[0], key[1], item)
    return best[2] if best else None


def same_speaker(first: str, second: str) -> bool:
    """Whether two renderings name the same speaker ("Dr HA Hellyer", "H.A. Hellyer", "Hellyer")."""
    a, b = _name_tokens(first), _name_tokens(second)
    if not a or not b:
        return False
    if a[-1] != b[-1]:
        return set(a) <= set(b) or set(b) <= set(a)
    if len(a) > 1 and len(b) > 1:
        # Same surname: the first names must agree, or one be the other's initials ("HA" / "Hamid").
        return a[0] == b[0] or a[0].startswith(b[0]) or b[0].startswith(a[0])
    return True


def _name_tokens(name: str) -> list[str]:
    tokens = [t.casefold().replace(".", "") for t in re.findall(r"[^\W_][\w.’'‑-]*", name)]
    return [t for t in tokens if t and t not in HONORIFICS and t not in NAME_PARTICLES]


class _Finder:
    """One pass over one text: quote spans, sentences, then a cue for each quote and each sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = list(_quote_spans(text))
        self.sentences = list(_sentences(text, self.quotes))
        self.people: dict[str, _Person] = {}
        self.recent: list[_Person] = []

    def run(self) -> list[Attribution]:
        found: list[Attribution] = []
        previous_speaker: _Speaker | None = None
        for sentence in self.sentences:
            inside = [q for q in self.quotes if sentence.start <= q.start and q.end <= sentence.end]
            reported = self._reported_speech(sentence, inside)
            sentence_speaker: _Speaker | None = None
            if reported is not None:
                found.append(reported)
                sentence_speaker = self._speaker_of(reported)
            for quote in inside:
                speaker, cue = self._direct_cue(sentence, quote)
                opens_sentence = quote.start - 1 <= _lstrip_index(self.text, sentence.start)
                if speaker is None and previous_speaker is not None and opens_sentence:
                    # A quote opening its sentence with no cue of its own continues the last speaker.
                    speaker, cue = previous_speaker, "previous sentence"
                inner = _trim_quote(self.text, quote)
                found.append(self._attribution(inner, speaker, cue, direct=True))
                if speaker is not None:
                    sentence_speaker = speaker
            previous_speaker = sentence_speaker
        found.sort(key=lambda a: (a.quote_start, not a.direct))
        return found

    @staticmethod
    def _speaker_of(item: Attribution) -> _Speaker | None:
        if item.speaker is None or item.speaker_start is None or item.speaker_end is None:
            return None
        return _Speaker(item.speaker, item.speaker_start, item.speaker_end, item.title, item.affiliation)

    def _attribution(self, span: _Span, speaker: _Speaker | None, cue: str, *, direct: bool) -> Attribution:
        return Attribution(
            quote=self.text[span.start : span.end],
            quote_start=span.start,
            quote_end=span.end,
            speaker=speaker.name if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            affiliation=speaker.affiliation if speaker else None,
            title=speaker.title if speaker else None,
            direct=direct,
            cue=cue,
        )

    # -- direct quotes ---------------------------------------------------------------------------

    def _direct_cue(self, sentence: _Span, quote: _Span) -> tuple[_Speaker | None, str]:
        after = _Span(quote.end + 1, sentence.end)
        before = _Span(sentence.start, quote.start)
        words_after = _words(self.text, after)
        # "...," said X  /  "...," X said  /  "...," he added
        head = words_after[:8]
        if head and self.text[quote.end + 1 : head[0].start].strip(" ,") == "":
            for index, word in enumerate(head):
                lowered = self.text[word.start : word.end].casefold()
                if lowered not in SPEECH_VERBS:
                    continue
                if index == 0 and len(words_after) > 1:
                    found = self._speaker_after_verb(_Span(word.end, sentence.end))
                    if found:
                        return found, lowered
                elif index > 0:
                    found = self._speaker_before_verb(_Span(head[0].start, word.start))
                    if found:
                        return found, lowered
                break
        # X said: "..."  /  X cited Y as saying "..."  (nearest speech verb before the quote)
        words_before = _words(self.text, before)
        for index in range(len(words_before) - 1, -1, -1):
            word = words_before[index]
            lowered = self.text[word.start : word.end].casefold()
            if lowered == "saying" and index >= 2 and self._lower(words_before[index - 1]) == "as":
                cited = self._cited_as_saying(words_before[: index - 1])
                if cited:
                    return cited, "cited as saying"
            if lowered in SPEECH_VERBS and not self._lower_is_that_only(lowered, words_before, index):
                found = self._speaker_before_verb(_Span(sentence.start, word.start))
                if found:
                    return found, lowered
        # "...", according to X
        according = re.search(r"\baccording to\s+", self.text[sentence.start : sentence.end], re.IGNORECASE)
        if according:
            start = sentence.start + according.end()
            found = self._speaker_after_verb(_Span(start, sentence.end), generic=True)
            if found:
                return found, "according to"
        # "...", analysts said.   (cue closing the sentence)
        tail = re.search(
            r",\s*([^,]{1,80}?)\s+(\w+)\s*[.!?]?[\"”’']*\s*$", self.text[after.start : after.end]
        )
        if tail and tail.group(2).casefold() in SPEECH_VERBS:
            start = after.start + tail.start(1)
            found = self._speaker_before_verb(_Span(start, after.start + tail.end(1)))
            if found:
                return found, tail.group(2).casefold()
        return None, ""

    def _lower(self, word: _Span) -> str:
        return self.text[word.start : word.end].casefold()

    def _lower_is_that_only(self, verb: str, words: list[_Span], index: int) -> bool:
        if verb not in THAT_ONLY_VERBS:
            return False
        return index + 1 >= len(words) or self._lower(words[index + 1]) != "that"

    def _cited_as_saying(self, words: list[_Span]) -> _Speaker | None:
        for index in range(len(words) - 1, -1, -1):
            if self._lower(words[index]) in {"cited", "quoted", "citing", "quoting"} and index + 1 < len(
                words
            ):
                return self._speaker_phrase(_Span(words[index + 1].start, words[-1].end))
        return None

    # -- reported speech -------------------------------------------------------------------------

    def _reported_speech(self, sentence: _Span, quotes: list[_Span]) -> Attribution | None:
        words = _words(self.text, sentence)
        for index, word in enumerate(words[:40]):
            lowered = self._lower(word)
            if lowered not in SPEECH_VERBS or index == 0 or _inside(word, quotes):
                continue
            if any(q.end <= word.start for q in quotes):
                break  # '"...," X said' is the cue of a direct quote, not reported speech
            rest = words[index + 1 :]
            if not rest or self.text[word.end : rest[0].start].strip():
                continue  # "said:" or "said “" introduces a direct quote, handled with the quote
            if self._lower_is_that_only(lowered, words, index) or self._lower(rest[0]) in NOT_A_CLAUSE:
                continue
            speaker = self._speaker_before_verb(_Span(sentence.start, word.start))
            if speaker is None:
                continue
            clause_start = rest[0].start
            if lowered in LISTENER_VERBS:
                # "X told Reuters that ..." — the listener is not part of what was said.
                that = next((w for w in rest[:6] if self._lower(w) == "that"), None)
                if that is None:
                    continue
                clause_start = that.start
            if self.text[clause_start : clause_start + 5].casefold() == "that ":
                clause_start += 5
            clause_end = _rstrip_index(self.text, sentence.end, ".!?\"”’' ")
            if clause_end - clause_start < 12:
                continue
            return self._attribution(_Span(clause_start, clause_end), speaker, lowered, direct=False)
        if quotes:
            return None
        # "Clause, Reuters said." / "Clause, analysts have warned." / "..., media reported on 26 May."
        match = re.search(
            r",\s*([^,]{1,60}?)\s+(\w+)([^,.]{0,25}(?:,\s*citing[^.]*)?)\s*[.!?]\s*$",
            self.text[sentence.start : sentence.end],
        )
        if match and match.group(2).casefold() in SPEECH_VERBS:
            speaker = self._speaker_before_verb(
                _Span(sentence.start + match.start(1), sentence.start + match.end(1))
            )
            clause_end = sentence.start + match.start()
            clause_start = _lstrip_index(self.text, sentence.start)
            opener = re.match(r"(?:however|but|and|meanwhile),?\s+", self.text[clause_start:clause_end], re.I)
            if opener:
                clause_start += opener.end()
            if speaker and clause_end - clause_start >= 12:
                return self._attribution(
                    _Span(clause_start, clause_end), speaker, match.group(2).casefold(), direct=False
                )
        return None

    # -- speakers --------------------------------------------------------------------------------

    def _speaker_after_verb(self, span: _Span, *, generic: bool = False) -> _Speaker | None:
        """Parse ``said Dr HA Hellyer, an expert ... at the Center`` (the span starts after the verb)."""
        segment = self.text[span.start : span.end]
        cut = re.search(r"[,.;:!?]|\s(?:who|cited|last|this|on|in)\s", segment)
        head_end = span.start + (cut.start() if cut else len(segment))
        head = _Span(_lstrip_index(self.text, span.start), _rstrip_index(self.text, head_end, " "))
        if head.end <= head.start:
            return None
        description = None
        if cut and segment[cut.start()] == ",":
            rest = segment[cut.end() :]
            description = re.split(r"[.;!?]|,\s", rest, maxsplit=1)[0].strip()
            description = re.sub(r"^and\s+", "", description) or None  # "said X, and expert" (sic)
        return self._speaker_phrase(head, description, generic=generic)

    def _speaker_before_verb(self, span: _Span) -> _Speaker | None:
        """Parse the subject before a speech verb: ``Caroline Rose, a Syria expert at ...,``."""
        words = _words(self.text, span)
        while words and self._lower(words[0]) in DISCOURSE_OPENERS:
            words = words[1:]
        while words and self._lower(words[-1]) in AUXILIARIES:
            words = words[:-1]  # "Syria's new leadership has said"
        if not words:
            return None
        start, end = words[0].start, words[-1].end
        body = self.text[start:end]
        # Clauses split at commas, dropping asides: "Kommersant, citing an unnamed source, confirmed".
        parts = [
            (start + m.start(), start + m.end())
            for m in re.finditer(r"[^,]+", body)
            if m.group().strip() and not m.group().strip().casefold().startswith(APPOSITIVE_ASIDES)
        ]
        if not parts:
            return None
        first = self.text[parts[0][0] : parts[0][1]].strip()
        if len(parts) >= 2 and _looks_like_name(first):
            # Appositive: "Name, description[,]" — the name is the part before the first comma.
            description = ", ".join(self.text[a:b].strip() for a, b in parts[1:])
            if not _looks_like_name(description):
                return self._speaker_phrase(_Span(*parts[0]), description)
        # "While the move ..., analysts said": keep only the last clause ("which Mr Omar says").
        last = re.search(r"(?:^|,)\s*(?:(?:which|who|that|as|while)\s+)?([^,]+)$", body)
        if last is None:
            return None
        return self._speaker_phrase(_Span(start + last.start(1), end), None, generic=True)

    def _speaker_phrase(
        self, span: _Span, description: str | None = None, *, generic: bool = True
    ) -> _Speaker | None:
        """Turn a noun phrase into a speaker: a pronoun, a (titled) name, or a generic source."""
        start = _lstrip_index(self.text, span.start)
        end = _rstrip_index(self.text, span.end, " ,“”\"'‘’")
        phrase = self.text[start:end]
        if not phrase:
            return None
        lowered = phrase.casefold()
        if lowered in PRONOUNS:
            person = self._antecedent(PRONOUNS[lowered])
            if person is None:
                return None
            return _Speaker(person.name, start, end, person.title, person.affiliation)
        words = list(re.finditer(r"\S+", phrase))
        # The longest capitalized run closing the phrase is the name; lowercase words before it
        # are a title ("political analyst Dmitry Bridzhe", "the Russian newspaper Kommersant").
        run = len(words)
        while run > 0 and _looks_like_name(" ".join(w.group() for w in words[run - 1 :])):
            run -= 1
        while run < len(words) - 1 and words[run].group().casefold() in HONORIFICS:
            run += 1  # "Dr HA Hellyer": the name is "HA Hellyer"
        after_preposition = run > 0 and words[run - 1].group().casefold() in NP_CUTTERS | {"of", "at", "from"}
        if run == len(words) or after_preposition or (len(words) == 1 and lowered in GENERIC_SOURCES):
            return self._generic(start, phrase, description) if generic else None
        name_start = start + words[run].start()
        name = self.text[name_start:end]
        title_words = [w.group() for w in words[:run] if w.group().casefold() not in HONORIFICS]
        honorific = run > 0 and words[run - 1].group().casefold() in HONORIFICS
        title = _strip_article(" ".join(title_words)) or None
        affiliation = None
        if description:
            described, affiliation = _describe(description)
            title = described or title
        is_person = honorific or len(name.split()) > 1 or bool(description)
        person = self._remember(name, title, affiliation, is_person=is_person)
        return _Speaker(person.name, name_start, end, person.title, person.affiliation)

    def _generic(self, start: int, phrase: str, description: str | None) -> _Speaker | None:
        kept: list[str] = []
        for index, word in enumerate(phrase.split()):
            if index > 1 and word.casefold() in NP_CUTTERS:
                break
            kept.append(word)
        name = " ".join(kept).rstrip(",")
        if not name or not any(ch.isalpha() for ch in name) or len(kept) > 8:
            return None
        title, affiliation = _describe(description) if description else (None, None)
        self.recent.append(_Person(name, title, affiliation, is_person=False))
        return _Speaker(name, start, start + len(name), title, affiliation)

    def _remember(self, name: str, title: str | None, affiliation: str | None, *, is_person: bool) -> _Person:
        """Register a named speaker, or resolve a short name to the one introduced earlier."""
        key = _name_tokens(name)
        surname = key[-1] if key else name.casefold()
        known = self.people.get(surname)
        if known is not None and same_speaker(known.name, name):
            if len(name.split()) > len(known.name.split()):
                known.name = name
            known.title = known.title or title
            known.affiliation = known.affiliation or affiliation
            known.is_person = known.is_person or is_person
            person = known
        else:
            person = _Person(name, title, affiliation, is_person)
            self.people[surname] = person
        self.recent.append(person)
        return person

    def _antecedent(self, kind: str) -> _Person | None:
        for person in reversed(self.recent):
            if kind == "any" or person.is_person:
                return person
        return None


def _describe(description: str) -> tuple[str | None, str | None]:
    """Split "a Syria expert at the New Lines Institute" into a title and an institution."""
    text = _strip_article(description)
    match = re.search(r"\s(?:at|of|with|from)\s+(?:the\s+)?([A-Z][^,;]*)$", text)
    if match:
        return (text[: match.start()].strip() or None), match.group(1).strip()
    return (text or None), None


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:a|an|the)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    if not 1 <= len(words) <= 5:
        return False
    for word in words:
        lowered = word.casefold().strip(".")
        if lowered in HONORIFICS or lowered.strip(".") in HONORIFICS or lowered in NAME_PARTICLES:
            continue
        if lowered.startswith(("al-", "el-", "al‑")):
            continue
        if not word[:1].isupper():
            return False
    return any(word[:1].isupper() for word in words)


def _quote_spans(text: str) -> Iterator[_Span]:
    """Spans of top-level quotations (outside the marks), never across a line break."""
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in OPEN_TO_CLOSE and _opens(text, index):
            close = _closing(text, index)
            if close is not None:
                yield _Span(index, close + 1)
                index = close + 1
                continue
        index += 1


def _opens(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if after.isspace() and char != "«":  # French guillemets take a space inside
        return False
    if char in SINGLE_OPENERS:
        # An apostrophe ("Russia’s", "Times' ") is not an opening quote.
        return not before.isalnum() and (after.isalnum())
    return char != '"' or not before.isalnum()


def _closing(text: str, index: int) -> int | None:
    closer = OPEN_TO_CLOSE[text[index]]
    end_of_line = text.find("\n", index)
    limit = len(text) if end_of_line == -1 else end_of_line
    position = index + 1
    while position < limit:
        char = text[position]
        if text[index] == "„" and char in "“”":
            return position
        if char == closer:
            after = text[position + 1] if position + 1 < len(text) else " "
            if text[index] not in SINGLE_OPENERS or not after.isalnum():
                return position
        position += 1
    return None


def _sentences(text: str, quotes: list[_Span]) -> Iterator[_Span]:
    """Sentence spans: split at line breaks and at sentence-final punctuation outside quotes."""
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for match in SENTENCE_END_RE.finditer(line.group()):
            end = line.start() + match.end()
            if any(q.start < end - 1 < q.end - 1 for q in quotes):
                continue
            word = re.search(r"(\w+)[.!?]*[\"”’']*$", text[start:end])
            if word and (word.group(1).casefold() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            yield _Span(start, end)
            start = end
        if text[start : line.end()].strip():
            yield _Span(start, line.end())


def _words(text: str, span: _Span) -> list[_Span]:
    return [
        _Span(span.start + m.start(), span.start + m.end())
        for m in WORD_RE.finditer(text[span.start : span.end])
    ]


def _inside(word: _Span, quotes: list[_Span]) -> bool:
    return any(q.start <= word.start and word.end <= q.end for q in quotes)


def _trim_quote(text: str, quote: _Span) -> _Span:
    """The words inside the quote marks, without a trailing comma or surrounding spaces."""
    start, end = quote.start + 1, quote.end - 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return _Span(start, end)


def _lstrip_index(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _rstrip_index(text: str, index: int, chars: str) -> int:
    while index > 0 and text[index - 1] in chars:
        index -= 1
    return index
