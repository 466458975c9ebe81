"""Analyst views: named experts, their affiliation, a verbatim quote and a one-sentence view."""

from __future__ import annotations

import re

from ..schema import AnalystView
from ..text import Attribution
from ..text.segment import split_text
from .document import Document
from .speakers import is_analyst

_MAX_QUOTE_WORDS = 45


def _first_sentence(text: str) -> str:
    """The first sentence of a quote, still a substring of it."""
    sentences = split_text(text)
    return text[: sentences[0].end] if sentences else text


def _as_sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip('“”"')
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text.rstrip(",;: ") + "."


def build_views(document: Document) -> list[AnalystView]:
    """One view per quoted analyst, in order of first appearance."""
    by_speaker: dict[str, list[Attribution]] = {}
    for attribution in document.attributions:
        if attribution.speaker and is_analyst(attribution):
            by_speaker.setdefault(attribution.speaker, []).append(attribution)
    views = []
    for speaker, items in by_speaker.items():
        direct = [a for a in items if a.direct and len(a.quote.split()) >= 4]
        reported = [a for a in items if not a.direct]
        pool = direct or reported or items
        # The most substantial first sentence is the quote; a reported clause reads best as the view.
        quote = max((_first_sentence(a.quote) for a in pool), key=lambda q: len(q.split()))
        if len(quote.split()) > _MAX_QUOTE_WORDS:
            quote = " ".join(quote.split(" ")[:_MAX_QUOTE_WORDS])
        quote = quote.strip()
        if not quote or quote not in document.text:
            continue
        view_source = reported[0].quote if reported else quote
        affiliation = next((a.affiliation or a.title for a in items if a.affiliation or a.title), None)
        views.append(
            AnalystView(analyst=speaker, affiliation=affiliation, view=_as_sentence(view_source), quote=quote)
        )
    return views
