"""The main event: what happened (from the lede), where and when (from place and date cues)."""

from __future__ import annotations

import re

from ..schema import Event
from .document import Document
from .gazetteer import COUNTRIES
from .sentences import Span, make_span, words

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


def _is_lede(sentence: Span) -> bool:
    """A sentence that reports rather than quotes: not opening with a quote, mostly unquoted."""
    text = sentence.text
    quoted = sum(len(m) for m in re.findall(r"“[^”]*”|\"[^\"]*\"", text))
    return len(words(text)) >= 8 and not text.startswith(_QUOTE_OPENERS) and quoted < 0.4 * len(text)


def _strip_dateline(document: Document, sentence: Span) -> Span:
    dateline = document.layout.dateline
    if dateline is None or dateline.start != sentence.start:
        return sentence
    match = re.match(r"[^–—-]*[–—-]{1,2}\s*", document.text[dateline.end : sentence.end])
    cut = dateline.end + (match.end() if match else 0)
    return make_span(document.text, cut, sentence.end)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_where(document: Document, candidates: list[Span], headline: Span | None) -> str | None:
    """The most specific place named near the lede: a named facility first, then "in <place>"."""
    best: tuple[int, int, str] | None = None
    for rank, sentence in enumerate([*candidates, *([headline] if headline else [])]):
        # A headline's place words are clipped ("Syria base"); trust them only when the body has none.
        in_headline = headline is not None and sentence is headline
        for pattern, score in ((_FACILITY_PLACE, 2), (_PREPOSITION_PLACE, 1)):
            for match in pattern.finditer(sentence.text):
                phrase = (match.group(1) if match.groups() else match.group()).removeprefix("the ")
                if phrase.split()[0] in COUNTRIES and score == 2:
                    score = 1
                key = (0 if in_headline else score, -rank)
                if not _MONTHS_OR_DAYS.match(phrase) and (best is None or key > best[:2]):
                    best = (*key, phrase)
    if best is not None:
        return _plain(best[2])
    return document.layout.dateline.text if document.layout.dateline else None


def find_when(candidates: list[Span]) -> str | None:
    """The first date or time cue near the lede, as the article words it."""
    for sentence in candidates:
        match = _WHEN.search(sentence.text)
        if match:
            return match.group()
    return None


def build_event(document: Document) -> Event:
    """The event from the headline and lede; always grounded, even for a one-line text."""
    layout = document.layout
    lead = [s for s in document.sentences if document.paragraph_of[document.sentences.index(s)] < 2][:4]
    chosen = next((s for s in lead if _is_lede(s)), lead[0] if lead else None)
    headline = layout.headline
    if chosen is None:
        chosen = headline or make_span(
            document.text,
            0,
            len(document.text.strip().splitlines()[0]) + (len(document.text) - len(document.text.lstrip())),
        )
    chosen = _strip_dateline(document, chosen)
    evidence = [chosen.text]
    if headline is not None and headline.text not in evidence:
        evidence.append(headline.text)
    position = document.sentences.index(chosen) if chosen in document.sentences else 0
    nearby = [chosen, *document.sentences[position + 1 : position + 3]]
    return Event(
        what=_plain(chosen.text),
        where=find_where(document, nearby, headline),
        when=find_when([*nearby, *([headline] if headline else [])]),
        evidence=evidence,
    )
