"""The attribution finder: one pass over one text's sentences, naming the speaker of each quotation
and of each reported statement.

It understands:

- ``"...," said X`` / ``"...," X said`` / ``"...," he added`` (cue right after the quote);
- ``X said: "..."`` / ``X said the move was "..."`` (cue earlier in the same sentence);
- ``"...", according to X`` and ``X cited Y as saying "..."``;
- ``"...", analysts said.`` (cue at the end of the sentence);
- ``X told Y ...`` (the listener is not the speaker);
- reported speech without quote marks: ``X, an expert at Y, said Russia had ...``;
- titles and affiliations (``political analyst X``, ``X, a Syria expert at the New Lines
  Institute``), short names and pronouns resolved to the full name introduced earlier;
- a quote that opens a sentence with no cue of its own, spoken by the previous sentence's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..quotes import inside_marks
from ..spans import Span, trimmed
from ..words import word_spans
from .cues import LISTENER_VERBS, NOT_A_CLAUSE, SPEECH_VERBS, THAT_ONLY_VERBS
from .speakers import Speaker, SpeakerParser, describe, looks_like_name


@dataclass(frozen=True)
class Attribution:
    """One quotation or reported statement and who the article says made it.

    ``quote`` is ``text[span.start:span.end]``: the words inside the quote marks for a direct
    quote, the reported clause for indirect speech. ``speaker`` is the resolved name (the full
    name when the article introduced one, e.g. "Dmitry Bridzhe" for a later "Bridzhe" or "he"),
    or a generic source ("analysts", "a Syrian source"); None when no speaker could be found.
    ``speaker_span`` locates the mention in this sentence (the pronoun itself for "he said").
    ``affiliation`` is the institution when one is given, else None; ``title`` the role words.
    """

    quote: str
    span: Span
    speaker: str | None
    speaker_span: Span | None
    affiliation: str | None
    title: str | None
    direct: bool
    cue: str


def find_attributions(text: str, sentences: tuple[Span, ...], quotations: list[Span]) -> list[Attribution]:
    """Every direct quote (attributed or not) and reported statement, in text order.

    ``sentences`` and ``quotations`` come from the segmenter (see ``AnalysedArticle``).
    """
    return _Finder(text, sentences, quotations).run()


def attribution_at(attributions: list[Attribution], span: Span) -> Attribution | None:
    """The attribution whose quote best covers ``span``: direct quotes before reported speech."""
    best: tuple[int, int, Attribution] | None = None
    for item in attributions:
        overlap = item.span.overlap(span)
        if overlap <= 0 or overlap < 0.5 * len(span):
            continue
        # Prefer a direct quote, then the tightest span (a quote inside a reported clause wins).
        key = (0 if item.direct else 1, len(item.span))
        if best is None or key < best[:2]:
            best = (key[0], key[1], item)
    return best[2] if best else None


class _Finder:
    def __init__(self, text: str, sentences: tuple[Span, ...], quotations: list[Span]) -> None:
        self.text = text
        self.sentences = sentences
        self.quotations = quotations
        self.speakers = SpeakerParser(text)

    def run(self) -> list[Attribution]:
        found: list[Attribution] = []
        previous_speaker: Speaker | None = None
        position = 0
        # A paragraph that opens a quotation and leaves it open continues into the next paragraph's
        # quotation (the convention for a quote running over several paragraphs): it is spoken by
        # that quotation's speaker, else by whoever spoke before it.
        open_paragraph: tuple[Span, Speaker | None] | None = None
        for sentence in self.sentences:
            while position < len(self.quotations) and self.quotations[position].end <= sentence.start:
                position += 1
            inside: list[Span] = []
            for quotation in self.quotations[position:]:
                if quotation.start >= sentence.end:
                    break
                if sentence.contains(quotation):
                    inside.append(quotation)
            if open_paragraph is not None and sentence.start < open_paragraph[0].end:
                continue  # inside the open quotation: its words are the speaker's, not a new cue
            closing, open_paragraph = open_paragraph, None
            unclosed = self._unclosed_paragraph(sentence, inside)
            if unclosed is not None:
                if closing is not None:
                    found.append(
                        self._attribution(closing[0], closing[1], "continued quotation", direct=True)
                    )
                open_paragraph = (unclosed, previous_speaker)
                continue
            reported = self._reported_speech(sentence, inside)
            sentence_speaker: Speaker | None = None
            if reported is not None:
                found.append(reported)
                sentence_speaker = self._speaker_of(reported)
            for quotation in inside:
                # A quotation inside a reported clause takes its cue from outside the clause
                # ('X said managers had told staff to expect “a long winter”' is X's).
                limit = (
                    reported.span.start if reported and reported.span.contains(quotation) else quotation.start
                )
                speaker, cue = self._direct_cue(sentence, quotation, limit)
                opens_sentence = quotation.start - 1 <= sentence.start
                if speaker is None and previous_speaker is not None and opens_sentence:
                    # A quote opening its sentence with no cue of its own continues the last speaker.
                    speaker, cue = previous_speaker, "previous sentence"
                found.append(self._attribution(inside_marks(self.text, quotation), speaker, cue, direct=True))
                if speaker is not None:
                    sentence_speaker = speaker
            if closing is not None:
                opener = found[-len(inside)] if inside and inside[0].start == sentence.start else None
                speaker = self._speaker_of(opener) if opener is not None else None
                found.append(
                    self._attribution(closing[0], speaker or closing[1], "continued quotation", direct=True)
                )
            if sentence_speaker is None:
                self._note_subject(sentence)
            previous_speaker = sentence_speaker
        if open_paragraph is not None:
            found.append(
                self._attribution(open_paragraph[0], open_paragraph[1], "continued quotation", direct=True)
            )
        found.sort(key=lambda a: (a.span.start, not a.direct))
        return found

    def _unclosed_paragraph(self, sentence: Span, inside: list[Span]) -> Span | None:
        """The words of a paragraph that opens a quotation it never closes, or None."""
        if self.text[sentence.start : sentence.start + 1] not in _OPENING_MARKS:
            return None
        if any(q.start == sentence.start for q in inside):
            return None
        if self.text[: sentence.start].rstrip(" \t")[-1:] not in ("\n", ""):
            return None  # not the first sentence of its paragraph
        line_end = self.text.find("\n", sentence.start)
        words = trimmed(self.text, sentence.start + 1, len(self.text) if line_end == -1 else line_end)
        return words if len(word_spans(self.text, words.start, words.end)) >= 3 else None

    def _note_subject(self, sentence: Span) -> None:
        """A person who opens a sentence ("Paul Dessaint, an economist ..., disagreed.") is who a
        following "he said" most likely refers to."""
        known = _KNOWN_SUBJECT.match(self.text, sentence.start, sentence.end)
        if known and self.speakers.known(known.group(1)):
            # "Babin referred to those comments ...": a speaker met before, by surname.
            self.speakers.remember(known.group(1), None, None, is_person=True)
            return
        match = _SUBJECT_NAME.match(self.text, sentence.start, sentence.end)
        if match and looks_like_name(match.group(1)):
            title = affiliation = None
            appositive = _APPOSITIVE_AFTER.match(self.text, match.end(), sentence.end)
            if appositive:
                title, affiliation = describe(appositive.group(1))
            self.speakers.remember(match.group(1), title, affiliation, is_person=True)

    @staticmethod
    def _speaker_of(item: Attribution) -> Speaker | None:
        if item.speaker is None or item.speaker_span is None:
            return None
        return Speaker(item.speaker, item.speaker_span, item.title, item.affiliation)

    def _attribution(self, span: Span, speaker: Speaker | None, cue: str, *, direct: bool) -> Attribution:
        return Attribution(
            quote=span.of(self.text),
            span=span,
            speaker=speaker.name if speaker else None,
            speaker_span=speaker.span if speaker else None,
            affiliation=speaker.affiliation if speaker else None,
            title=speaker.title if speaker else None,
            direct=direct,
            cue=cue,
        )

    def _lower(self, word: Span) -> str:
        return self.text[word.start : word.end].casefold()

    def _is_that_only(self, verb: str, words: list[Span], index: int) -> bool:
        if verb not in THAT_ONLY_VERBS:
            return False
        return index + 1 >= len(words) or self._lower(words[index + 1]) != "that"

    # -- direct quotes ---------------------------------------------------------------------------

    def _direct_cue(self, sentence: Span, quote: Span, limit: int) -> tuple[Speaker | None, str]:
        after = Span(quote.end + 1, sentence.end)
        words_after = word_spans(self.text, after.start, after.end) if after.start < after.end else []
        # "...," said X  /  "...," X said  /  "...," he added
        head = words_after[:8]
        if head and self.text[quote.end + 1 : head[0].start].strip(" ,") == "":
            for index, word in enumerate(head):
                lowered = self._lower(word)
                if lowered not in SPEECH_VERBS:
                    continue
                if index == 0 and len(words_after) > 1:
                    found = self.speakers.after_verb(Span(word.end, sentence.end))
                    if found:
                        return found, lowered
                elif index > 0:
                    found = self.speakers.before_verb(Span(head[0].start, word.start))
                    if found:
                        return found, lowered
                break
        # X said: "..."  /  X cited Y as saying "..."  (nearest speech verb before the quote)
        words_before = word_spans(self.text, sentence.start, limit)
        for index in range(len(words_before) - 1, -1, -1):
            lowered = self._lower(words_before[index])
            if lowered == "saying" and index >= 2 and self._lower(words_before[index - 1]) == "as":
                cited = self.speakers.cited_as_saying(words_before[: index - 1])
                if cited:
                    return cited, "cited as saying"
            if lowered in SPEECH_VERBS and not self._is_that_only(lowered, words_before, index):
                found = self.speakers.before_verb(Span(sentence.start, words_before[index].start))
                if found:
                    return found, lowered
        # "...", according to X
        according = re.compile(r"\baccording to\s+", re.IGNORECASE).search(
            self.text, sentence.start, sentence.end
        )
        if according:
            found = self.speakers.after_verb(Span(according.end(), sentence.end), generic=True)
            if found:
                return found, "according to"
        # "...", analysts said.   (cue closing the sentence)
        tail = _TAIL_CUE.search(self.text, after.start, max(after.start, after.end))
        if tail and tail.group(2).casefold() in SPEECH_VERBS:
            found = self.speakers.before_verb(Span(tail.start(1), tail.end(1)))
            if found:
                return found, tail.group(2).casefold()
        return None, ""

    # -- reported speech -------------------------------------------------------------------------

    @staticmethod
    def _keep_closing_mark(clause: Span, quotes: list[Span]) -> Span:
        """A clause trimmed of edge punctuation, but keeping the closing mark of a quotation it opens."""
        for quote in quotes:
            if clause.start <= quote.start < clause.end < quote.end:
                return Span(clause.start, quote.end)
        return clause

    def _reported_speech(self, sentence: Span, quotes: list[Span]) -> Attribution | None:
        words = word_spans(self.text, sentence.start, sentence.end)
        # "The daily cited an unidentified source as saying that Damascus could ask ..."
        cited = _CITED_AS_SAYING.search(self.text, sentence.start, sentence.end)
        if cited:
            speaker = self.speakers.phrase(Span(cited.start(1), cited.end(1)))
            clause = self._keep_closing_mark(
                trimmed(self.text, cited.end(), sentence.end, _CLAUSE_EDGES), quotes
            )
            if (
                speaker is not None
                and len(clause) >= 12
                and not any(q.start == clause.start - 1 for q in quotes)
            ):
                return self._attribution(clause, speaker, "cited as saying", direct=False)
        for index, word in enumerate(words[:40]):
            lowered = self._lower(word)
            if lowered not in SPEECH_VERBS or index == 0 or any(q.contains(word) for q in quotes):
                continue
            if any(q.end <= word.start for q in quotes):
                break  # '"...," X said' is the cue of a direct quote, not reported speech
            rest = words[index + 1 :]
            if not rest or self.text[word.end : rest[0].start].strip():
                continue  # "said:" or "said “" introduces a direct quote, handled with the quote
            if self._is_that_only(lowered, words, index):
                continue
            clause_start = rest[0].start
            if self._lower(rest[0]) in NOT_A_CLAUSE:
                # "said in a statement that ...", "said on Monday that ...": an adjunct, then the clause.
                that = next((w for w in rest[1:8] if self._lower(w) == "that"), None)
                if that is None or "," in self.text[rest[0].start : that.start] or lowered in LISTENER_VERBS:
                    continue
                clause_start = that.start
            speaker = self.speakers.before_verb(Span(sentence.start, word.start))
            if speaker is None:
                continue
            if lowered in LISTENER_VERBS:
                # "X told Reuters that ..." — the listener is not part of what was said.
                that = next((w for w in rest[:6] if self._lower(w) == "that"), None)
                if that is None:
                    continue
                clause_start = that.start
            if self.text[clause_start : clause_start + 5].casefold() == "that ":
                clause_start += 5
            clause = self._keep_closing_mark(
                trimmed(self.text, clause_start, sentence.end, _CLAUSE_EDGES), quotes
            )
            if len(clause) < 12:
                continue
            return self._attribution(Span(clause_start, clause.end), speaker, lowered, direct=False)
        # "Clause, according to one of the people, who asked not to be named."
        according = _ACCORDING_CLOSING.search(self.text, sentence.start, sentence.end)
        if according and not any(q.end > according.start() for q in quotes):
            speaker = self.speakers.after_verb(Span(according.end(), sentence.end), generic=True)
            clause_start = sentence.start
            opener = _OPENER.match(self.text, clause_start, according.start())
            if opener:
                clause_start = opener.end()
            if speaker and according.start() - clause_start >= 12:
                return self._attribution(
                    Span(clause_start, according.start()), speaker, "according to", direct=False
                )
        if quotes:
            return None
        # "According to X, clause."
        according = _ACCORDING_OPENING.match(self.text, sentence.start, sentence.end)
        if according:
            speaker = self.speakers.phrase(Span(according.start(1), according.end(1)))
            clause = trimmed(self.text, according.end(), sentence.end, _CLAUSE_EDGES)
            if speaker and len(clause) >= 12:
                return self._attribution(clause, speaker, "according to", direct=False)
        # "Clause, Reuters said." / "Clause, analysts have warned." / "..., media reported on 26 May."
        match = _TRAILING_REPORT.search(self.text, sentence.start, sentence.end)
        if match:
            comma = self.text.find(",", match.end(2), match.end(3))
            tail_end = match.end(3) if comma == -1 else comma
            tail = word_spans(self.text, match.start(1), tail_end)
            # The speech verb is the first one after at least one word of speaker ("Reuters’ sources said").
            verb = next((i for i, w in enumerate(tail) if i and self._lower(w) in SPEECH_VERBS), None)
            if verb is not None and len(tail) - verb <= 4:
                speaker = self.speakers.before_verb(Span(tail[0].start, tail[verb - 1].end))
                clause_end = match.start()
                clause_start = sentence.start
                opener = _OPENER.match(self.text, clause_start, clause_end)
                if opener:
                    clause_start = opener.end()
                if speaker and clause_end - clause_start >= 12:
                    return self._attribution(
                        Span(clause_start, clause_end), speaker, self._lower(tail[verb]), direct=False
                    )
        return None


_CLAUSE_EDGES = ".!?\"”’' "
_OPENING_MARKS = ("“", '"', "«", "„")
_TAIL_CUE = re.compile(r",\s*([^,]{1,80}?)\s+(\w+)\s*[.!?]?[\"”’']*\s*$")
_TRAILING_REPORT = re.compile(r",\s*([^,]{1,60}?)\s+(\w+)([^,.]{0,25}(?:,\s*citing[^.]*)?)\s*[.!?]\s*$")
_SUBJECT_NAME = re.compile(r"((?:[A-Z][\w’'‑-]+\s){1,3}[A-Z][\w’'‑-]+)(?=,|\s+[a-z])")
_CITED_AS_SAYING = re.compile(r"\b(?:cited|quoted)\s+([^,;:“”\"]{2,80}?)\s+as saying\s+(?:that\s+)?")
_KNOWN_SUBJECT = re.compile(r"([A-Z][\w’'‑-]+)(?=\s+[a-z])")
_APPOSITIVE_AFTER = re.compile(r",\s+((?:an?|the)\s[^,;.:“”\"()]{2,90}),")
_ACCORDING_OPENING = re.compile(
    r"(?:(?:however|but|and),?\s+)?according to\s+([^,]{2,80}),\s*", re.IGNORECASE
)
_ACCORDING_CLOSING = re.compile(r",\s*according to\s+", re.IGNORECASE)
_OPENER = re.compile(r"(?:however|but|and|meanwhile),?\s+", re.IGNORECASE)
