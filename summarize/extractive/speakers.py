"""Who a statement belongs to: the attribution covering an offset, and whether a speaker is an analyst."""

from __future__ import annotations

import re

from ..text import Attribution, Span, attribution_at
from .document import Document

# Words in a title or affiliation that make a speaker an outside analyst rather than a party.
_ANALYST_CUES = re.compile(
    r"\b(?:analysts?|experts?|professor|prof|dr|researcher|fellow|scholar|specialist|economist|historian"
    r"|strategist|commentator|observer|lecturer|institute|university|college|council|cent(?:er|re)"
    r"|think[- ]tank|foundation|school|academy)\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"\b(?:sources?|officials?|analysts|experts|observers|media|reports?|diplomats)\b", re.IGNORECASE
)


def is_named(speaker: str | None) -> bool:
    """True for a person's name ("Caroline Rose"), not a generic source ("a Syrian source")."""
    if not speaker or _GENERIC.search(speaker):
        return False
    tokens = speaker.split()
    return all(t[:1].isupper() or t.lower().startswith(("al-", "al‑", "el-")) for t in tokens)


def is_analyst(attribution: Attribution) -> bool:
    """A named speaker whose title or affiliation marks an analyst or expert."""
    described = " ".join(filter(None, [attribution.title, attribution.affiliation]))
    return is_named(attribution.speaker) and bool(_ANALYST_CUES.search(described))


def speaker_at(document: Document, span: Span) -> Attribution | None:
    """The attribution whose quote covers ``span``, if any."""
    return attribution_at(document.attributions, span)


def analyst_names(document: Document) -> set[str]:
    """Names of the analysts the article quotes."""
    return {a.speaker for a in document.attributions if a.speaker and is_analyst(a)}
