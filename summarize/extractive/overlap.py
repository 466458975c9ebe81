"""How much of one passage other passages already say, with the claim checker's own word match
(inflections, spellings and name forms forgiven): used to leave out restatements."""

from __future__ import annotations

from collections.abc import Iterable

from ..grounding.features import analyse_passage
from ..grounding.meaning import matches


def said_before(text: str, earlier: Iterable[str]) -> float:
    """The share of ``text``'s content words found in the ``earlier`` passages (1 for an empty text)."""
    mine = analyse_passage(text).content
    if not mine:
        return 1.0
    theirs = [token for other in earlier for token in analyse_passage(other).content]
    return sum(any(matches(token, other) for other in theirs) for token in mine) / len(mine)
