"""Layout: separating an article's headline, standfirst and body from the page furniture around it.

A scraped page mixes the story with donation appeals, newsletter sign-ups, teaser lists
("Your next read", "Read more"), photo captions and credits, tag lists, source lines,
republication notices, site menus and a repeated headline. Each line is judged on its own
shape and wording, never on the text of a particular site, so new sites are handled too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .injection import addresses_a_model
from .spans import Span
from .words import words

# Phrases that mark site furniture rather than reporting; one is enough on a short line.
_FURNITURE = re.compile(
    r"\b(?:sign(?:ing)? up|newsletters?|subscrib(?:e|ers?|ing|tion)|privacy policy|terms of (?:use|service)"
    r"|cookie policy|donat(?:e|ion|ions|ing)|support (?:us|our work|independent journalism)|dear readers"
    r"|a message from|read (?:more|this story|the full story)|your next read|most (?:viewed|read|popular)"
    r"|also on (?:site|this site)|related (?:articles?|stories|news|content|topics)|recommended for you"
    r"|you (?:may|might) also like|follow us|share this|click here|all rights reserved"
    r"|republish\w*|original source|editorial team|last updated|news by|advertisement"
    r"|remind me later|not ready to|payment methods?|download (?:the|our) app"
    r"|(?:published|posted|updated) (?:on|at|today)|listen to (?:this|the) (?:article|story))\b",
    re.IGNORECASE,
)
# An appeal opening a short line: "Support The Moscow Times!", "Join us".
_APPEAL = re.compile(r"^(?:Support|Donate to|Subscribe to|Join) (?i:us|our|the)\b")
# Sentence-final characters, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？:][\"'”’)»\]]*$")
_CAPTION = re.compile(
    r"\((?:Photos?|Photograph|Picture|Image|Video|Credit|Illustration|File photo)\s*:"
    r"|^(?:Photo|Image|Picture|Credit|Caption|Video screenshot|Screenshot|File photo)\b"
    r"|\b(?:Getty Images|AFP via Getty|via Reuters|Shutterstock)\b|/(?:Getty|AP|AFP|Reuters|EPA)\)",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^\[[^\]]*\]$|^\((?:Source|Reporting|Editing|Via)\b[^)]*\)$|^(?:Source|Sources|Via|Tags?|Topics?"
    r"|Keywords?|Categories|Filed under|Reporting by|Editing by|Written by|By)\b\s*:?",
    re.IGNORECASE,
)
# First- and second-person words outside quotation marks speak to the reader (an appeal).
_READER_ADDRESS = re.compile(r"\b(?:we|our|us|ours|you|your|yours)\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A trailing section name on a headline ("… what Putin is really doing ...Middle East").
_HEADLINE_SUFFIX = re.compile(r"\s*(?:\.\.\.|…|\s\|\s|\s[-–—]\s)\s*[^.…|]{1,30}$")
# "Moscow, Russia –", "MOSCOW (Reuters) -", "SENNET, 2 April (Meridian Wire) -": a place, maybe a
# date, maybe an agency, a dash.
_DATELINE = re.compile(
    r"^((?:[A-Z][\w'’.-]*)(?:[ ,]+[A-Z][\w'’.-]*){0,3})"
    r"(?:,\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}))?"
    r"\s*(?:\([^)]{1,30}\)\s*)?[–—-]{1,2}\s+(?=[A-Z\"“])"
)


@dataclass
class ArticleLayout:
    """The parts of an article: headline, standfirst lines, body paragraphs, and what was dropped."""

    headline: Span | None = None
    standfirst: list[Span] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    dropped: list[Span] = field(default_factory=list)
    dateline: Span | None = None


def ends_like_sentence(text: str) -> bool:
    """True when a line ends the way a sentence does."""
    return bool(_SENTENCE_END.search(text))


def is_furniture(text: str) -> bool:
    """True when a single line reads as page furniture rather than reporting."""
    if _CAPTION.search(text) or _SOURCE_LINE.search(text):
        return True
    count = len(words(text))
    hits = len(_FURNITURE.findall(text))
    if (hits or _APPEAL.match(text)) and count <= 15:
        return True
    if hits >= 2 and hits * 25 >= count:
        return True
    unquoted = _QUOTED.sub(" ", text)
    address = len(_READER_ADDRESS.findall(unquoted))
    return address >= 2 and address * 20 >= len(words(unquoted))


def _content_words(text: str) -> frozenset[str]:
    return frozenset(word.lower()[:5] for word in words(text) if len(word) > 3)


# A repeated line echoes the headline, standfirst or lede, or a sentence just before it: compare
# with the first and the latest kept sentences only, so a huge input stays linear.
_REPEAT_WINDOW = 40


def _repeats(text: str, earlier: list[frozenset[str]]) -> bool:
    """True when most of a short line's words already stand together in one earlier sentence."""
    mine = _content_words(text)
    if len(mine) < 3 or len(words(text)) > 25:
        return False
    window = (
        earlier
        if len(earlier) <= 2 * _REPEAT_WINDOW
        else earlier[:_REPEAT_WINDOW] + earlier[-_REPEAT_WINDOW:]
    )
    return any(len(mine & other) >= 0.7 * len(mine) for other in window)


def trim_headline(text: str, headline: Span) -> Span:
    """The headline without a trailing section or site name."""
    line = headline.of(text)
    match = _HEADLINE_SUFFIX.search(line)
    if not match or len(words(line[: match.start()])) < 4:
        return headline
    return Span(headline.start, headline.start + match.start())


def find_dateline(text: str, paragraph: Span) -> Span | None:
    """A dateline opening the first paragraph ("Moscow, Russia –"), as a span of the place."""
    match = _DATELINE.match(paragraph.of(text))
    if not match or len(match.group(1)) > 40:
        return None
    return Span(paragraph.start, paragraph.start + match.end(1))


# A line this long, of several sentences, is a paragraph (or a whole article pasted on one line):
# furniture or a planted instruction inside it is judged, and dropped, a sentence at a time.
_PARAGRAPH_WORDS = 60


def _not_news(text: str) -> bool:
    """Page furniture, or text addressed to a model."""
    return is_furniture(text) or addresses_a_model(text)


def _judged_pieces(
    text: str, lines: tuple[Span, ...], sentences_of: list[list[Span]], dropped: list[Span]
) -> list[tuple[Span, list[Span], bool]]:
    """The lines to lay out, each with its sentences and whether it is not news: a long paragraph
    holding furniture or an instruction becomes its runs of clean sentences, the rest going to
    ``dropped``."""
    pieces: list[tuple[Span, list[Span], bool]] = []
    for line, sentences in zip(lines, sentences_of, strict=True):
        line_text = line.of(text)
        suspect = _not_news(line_text)
        if not suspect or len(sentences) < 3 or len(words(line_text)) < _PARAGRAPH_WORDS:
            pieces.append((line, sentences, suspect))
            continue
        run: list[Span] = []
        for sentence in [*sentences, None]:
            if sentence is not None and not _not_news(sentence.of(text)):
                run.append(sentence)
                continue
            if run:
                piece = Span(run[0].start, run[-1].end)
                pieces.append((piece, run, _not_news(piece.of(text))))
                run = []
            if sentence is not None:
                dropped.append(sentence)
    return pieces


def lay_out(text: str, lines: tuple[Span, ...], sentences_of: list[list[Span]]) -> ArticleLayout:
    """Sort an article's lines into headline, standfirst, body and dropped furniture.

    ``sentences_of[i]`` are the sentences of ``lines[i]`` (from the segmenter).
    """
    layout = ArticleLayout()
    kept_sentences: list[frozenset[str]] = []
    kept: set[str] = set()  # texts of the headline, standfirst and body lines so far
    for line, sentences, not_news in _judged_pieces(text, lines, sentences_of, layout.dropped):
        line_text = line.of(text)
        count = len(words(line_text))
        is_sentence = ends_like_sentence(line_text) or count >= 30
        if not_news or line_text in kept:
            layout.dropped.append(line)
        elif not layout.body and not is_sentence:
            # Before the story starts, an unpunctuated line is the headline or a standfirst.
            if layout.headline is None and count >= 3:
                layout.headline = trim_headline(text, line)
                kept.add(layout.headline.of(text))
                kept_sentences.append(_content_words(layout.headline.of(text)))
            elif layout.headline is not None and count >= 6:
                layout.standfirst.append(line)
                kept.add(line_text)
                kept_sentences.extend(_content_words(sentence.of(text)) for sentence in sentences)
            else:
                layout.dropped.append(line)
        elif not is_sentence or (len(layout.body) >= 2 and _repeats(line_text, kept_sentences)):
            layout.dropped.append(line)
        else:
            layout.body.append(line)
            kept.add(line_text)
            kept_sentences.extend(_content_words(sentence.of(text)) for sentence in sentences)
    if layout.body:
        layout.dateline = find_dateline(text, layout.body[0])
    return layout
