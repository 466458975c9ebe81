"""Separating an article's body from the page furniture scraped with it.

A scraped page mixes the story with donation appeals, newsletter sign-ups, teaser lists
("Your next read", "Read more"), photo captions and credits, tag lists, source lines,
republication notices, site menus and a repeated headline. Each line is judged on its own
shape and wording, never on the text of a particular site, so new sites are handled too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sentences import Span, words

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
_DATELINE = re.compile(
    r"^((?:[A-Z][\w'’.-]*)(?:[ ,]+[A-Z][\w'’.-]*){0,3})\s*(?:\([^)]{1,30}\)\s*)?[–—-]{1,2}\s+(?=[A-Z\"“])"
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


def _content_words(text: str) -> set[str]:
    return {word.lower()[:5] for word in words(text) if len(word) > 3}


def _repeats(text: str, earlier: list[str]) -> bool:
    """True when most of a short line's words already stand together in one earlier sentence."""
    mine = _content_words(text)
    if len(mine) < 3 or len(words(text)) > 25:
        return False
    sentences = [part for other in earlier for part in re.split(r"(?<=[.!?])\s+", other)]
    return any(len(mine & _content_words(other)) >= 0.7 * len(mine) for other in sentences)


def trim_headline(headline: Span) -> Span:
    """The headline without a trailing section or site name."""
    match = _HEADLINE_SUFFIX.search(headline.text)
    if not match or len(words(headline.text[: match.start()])) < 4:
        return headline
    return Span(headline.start, headline.start + match.start(), headline.text[: match.start()])


def find_dateline(paragraph: Span) -> Span | None:
    """A dateline opening the first paragraph ("Moscow, Russia –"), as a span of the place."""
    match = _DATELINE.match(paragraph.text)
    if not match or len(match.group(1)) > 40:
        return None
    return Span(paragraph.start, paragraph.start + match.end(1), match.group(1))


def lay_out(lines: list[Span]) -> ArticleLayout:
    """Sort an article's lines into headline, standfirst, body and dropped furniture."""
    layout = ArticleLayout()
    for line in lines:
        text = line.text
        kept = [span.text for span in (layout.headline, *layout.standfirst, *layout.body) if span]
        is_sentence = ends_like_sentence(text) or len(words(text)) >= 30
        if is_furniture(text) or text in kept:
            layout.dropped.append(line)
        elif not layout.body and not is_sentence:
            # Before the story starts, an unpunctuated line is the headline or a standfirst.
            if layout.headline is None and len(words(text)) >= 3:
                layout.headline = trim_headline(line)
            elif layout.headline is not None and len(words(text)) >= 6:
                layout.standfirst.append(line)
            else:
                layout.dropped.append(line)
        elif not is_sentence or (len(layout.body) >= 2 and _repeats(text, kept)):
            layout.dropped.append(line)
        else:
            layout.body.append(line)
    if layout.body:
        layout.dateline = find_dateline(layout.body[0])
    return layout
