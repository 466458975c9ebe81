"""How much of one passage other passages already say, with the claim checker's own word match
(inflections, spellings and name forms forgiven): used to leave out restatements."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..grounding.features import Token, analyse_passage
from ..grounding.meaning import matches


def said_before(text: str, earlier: Iterable[str]) -> float:
    """The share of ``text``'s content words found in the ``earlier`` passages (1 for an empty text)."""
    mine = _content(text)
    if not mine:
        return 1.0
    theirs = [token for other in earlier for token in _content(other)]
    return sum(any(matches(token, other) for other in theirs) for token in mine) / len(mine)


@lru_cache(maxsize=4096)
def _content(text: str) -> tuple[Token, ...]:
    return tuple(analyse_passage(text).content)
