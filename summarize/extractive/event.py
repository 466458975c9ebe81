"""The main event: what happened (from the lede), where and when (from place and date cues)."""

from __future__ import annotations

import re

from ..schema import Event
from ..text.spans import Span, trimmed
from ..text.words import words
from .document import Document
from .gazetteer import COUNTRIES

_QUOTE_OPENERS = ("“", '"', "‘", "'", "«")
_DIRECTION = r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|north-east|north-west|south-east|south-west)"
_PLACE_NAME = r"[A-Z][\w’'‑-]*(?:\s+[A-Z][\w’'‑-]*)*"
_FACILITY = (
    r"(?:air\s?base|airport|airfield|base|port|province|region|city|town|village|facility|camp|border|coast)"
)
_AREA = rf"(?:(?:the\s+)?{_DIRECTION}\s+{_PLACE_NAME}|{_PLACE_NAME}|the\s+country[’']s\s+{_DIRECTION}|the\s+[A-Z][\w-]*\s+border)"
_FACILITY_PLACE = re.compile(
    rf"\b(?:the\s+)?{_PLACE_NAME}\s+{_FACILITY}\b(?:\s+(?:in|near|on)\s+{_AREA})?"
    rf"|\b(?:the\s+)?{_PLACE_NAME}\s+{_FACILITY}\b"
)
_PREPOSITION_PLACE = re.compile(rf"\b(?:in|at|from|near|outside|into)\s+({_AREA})")
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?|{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}}"
    rf"|(?:this|last|next|earlier this|late last)\s+(?:week|weekend|month|year|{_WEEKDAY}|morning|night)"
    rf"|{_WEEKDAY}|yesterday|today|tonight|in recent (?:days|weeks)|over the weekend)\b"
)
_MONTHS_OR_DAYS = re.compile(rf"^(?:the\s+)?(?:{_MONTH}|{_WEEKDAY})\b")


def _is_lede(document: Document, sentence: Span) -> bool:
    """A sentence that reports rather than quotes: not opening with a quote, mostly unquoted."""
    text = document.of(sentence)
    quoted = sum(len(m) for m in re.findall(r"“[^”]*”|\"[^\"]*\"", text))
    return len(words(text)) >= 8 and not text.startswith(_QUOTE_OPENERS) and quoted < 0.4 * len(text)


def _strip_dateline(document: Document, sentence: Span) -> Span:
    dateline = document.layout.dateline
    if dateline is None or dateline.start != sentence.start:
        return sentence
    match = re.match(r"[^–—-]*[–—-]{1,2}\s*", document.text[dateline.end : sentence.end])
    cut = dateline.end + (match.end() if match else 0)
    return trimmed(document.text, cut, sentence.end)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_where(document: Document, candidates: list[Span], headline: Span | None) -> str | None:
    """The most specific place named near the lede: a named facility first, then "in <place>"."""
    best: tuple[int, int, str] | None = None
    for rank, sentence in enumerate([*candidates, *([headline] if headline else [])]):
        # A headline's place words are clipped ("Syria base"); trust them only when the body has none.
        in_headline = headline is not None and sentence is headline
        for pattern, score in ((_FACILITY_PLACE, 2), (_PREPOSITION_PLACE, 1)):
            for match in pattern.finditer(document.of(sentence)):
                phrase = (match.group(1) if match.groups() else match.group()).removeprefix("the ")
                if phrase.split()[0] in COUNTRIES and score == 2:
                    score = 1
                key = (0 if in_headline else score, -rank)
                if not _MONTHS_OR_DAYS.match(phrase) and (best is None or key > best[:2]):
                    best = (*key, phrase)
    if best is not None:
        return _plain(best[2])
    return document.of(document.layout.dateline) if document.layout.dateline else None


def find_when(document: Document, candidates: list[Span]) -> str | None:
    """The first date or time cue near the lede, as the article words it."""
    for sentence in candidates:
        match = _WHEN.search(document.of(sentence))
        if match:
            return match.group()
    return None


def build_event(document: Document) -> Event:
    """The event from the headline and lede; always grounded, even for a one-line text."""
    layout = document.layout
    lead = [
        (position, sentence)
        for position, (sentence, paragraph) in enumerate(
            zip(document.sentences, document.paragraph_of, strict=True)
        )
        if paragraph < 2
    ][:4]
    chosen_at = next(((p, s) for p, s in lead if _is_lede(document, s)), lead[0] if lead else None)
    headline = layout.headline
    if chosen_at is None:
        position = 0
        first_line = document.article.segmentation.lines[0]
        chosen = headline or first_line
    else:
        position, chosen = chosen_at
    chosen = _strip_dateline(document, chosen)
    evidence = [document.of(chosen)]
    if headline is not None and document.of(headline) not in evidence:
        evidence.append(document.of(headline))
    nearby = [chosen, *document.sentences[position + 1 : position + 3]]
    return Event(
        what=_plain(document.of(chosen)),
        where=find_where(document, nearby, headline),
        when=find_when(document, [*nearby, *([headline] if headline else [])]),
        evidence=evidence,
    )


def first_sentence_event(document: Document) -> Event:
    """The event as the article's first sentence, verbatim, with no place or time read from it:
    what is safe to give for an article in a language the rules cannot read."""
    sentences = document.sentences or list(document.article.sentences)
    first = _strip_dateline(document, sentences[0]) if sentences else document.article.segmentation.lines[0]
    return Event(what=_plain(document.of(first)), evidence=[document.of(first)])
