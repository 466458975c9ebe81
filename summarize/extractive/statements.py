"""Statements: who said what, from the attributions in the article's body.

Every direct quotation and reported statement whose speaker is a named person or body
(officials, spokespeople, actors, analysts, outlets) becomes a statement with the article's own
words; unnamed sources ("a Syrian source", "analysts") are left to the uncertainties. A speaker's
role is the title or affiliation the article gives, else an appositive of their name.
"""

from __future__ import annotations

from ..schema import Statement, StatementKind
from ..text import Attribution, same_name
from .document import Document
from .speakers import is_named

_PER_SPEAKER = 4
_MAX_STATEMENTS = 24
_MIN_WORDS = 3


def _role(document: Document, attribution: Attribution) -> str | None:
    if attribution.title and attribution.affiliation:
        return f"{attribution.title}, {attribution.affiliation}"
    if attribution.title or attribution.affiliation:
        return attribution.title or attribution.affiliation
    for entity in document.entities:
        if attribution.speaker and same_name(entity.name, attribution.speaker):
            for mention in entity.mentions:
                if mention.appositive:
                    return mention.appositive
                if mention.title and mention.title.lower() not in {"mr", "mrs", "ms", "dr"}:
                    return mention.title
    return None


def build_statements(document: Document) -> list[Statement]:
    """Named speakers' statements, in article order, a few per speaker."""
    statements: list[Statement] = []
    per_speaker: dict[str, int] = {}
    for attribution in document.attributions:
        speaker = attribution.speaker
        if not speaker or not is_named(speaker) or len(attribution.quote.split()) < _MIN_WORDS:
            continue
        key = next((known for known in per_speaker if same_name(known, speaker)), speaker)
        if per_speaker.get(key, 0) >= _PER_SPEAKER:
            continue
        per_speaker[key] = per_speaker.get(key, 0) + 1
        statements.append(
            Statement(
                speaker=key,
                role=_role(document, attribution),
                kind=StatementKind.direct if attribution.direct else StatementKind.reported,
                text=attribution.quote,
            )
        )
        if len(statements) == _MAX_STATEMENTS:
            break
    return statements
