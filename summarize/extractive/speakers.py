"""Analysts: whether a named speaker is an outside expert (by title or institution)."""

from __future__ import annotations

import re

from ..text import Attribution
from .document import Document
from .sources import is_named

# Words in a title or affiliation that make a speaker an outside analyst rather than a party.
_ANALYST_CUES = re.compile(
    r"\b(?:analysts?|experts?|professor|prof|dr|researcher|fellow|scholar|specialist|economist|historian"
    r"|strategist|commentator|observer|lecturer|institute|university|college|council|cent(?:er|re)"
    r"|think[- ]tank|foundation|school|academy)\b",
    re.IGNORECASE,
)


def is_analyst(attribution: Attribution) -> bool:
    """A named speaker whose title or affiliation marks an analyst or expert."""
    described = " ".join(filter(None, [attribution.title, attribution.affiliation]))
    return is_named(attribution.speaker) and bool(_ANALYST_CUES.search(described))


def analyst_names(document: Document) -> set[str]:
    """Names of the analysts the article quotes."""
    return {a.speaker for a in document.attributions if a.speaker and is_analyst(a)}
