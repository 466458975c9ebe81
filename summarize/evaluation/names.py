"""Deciding whether two names denote the same actor: normalization, aliases, surname containment.

"Mr Al-Sharaa", "al‑Sharaa" (non-breaking hyphen) and "Ahmed al-Sharaa" are one person;
"Hmeimim" and "Khmeimim" are one base. Names are compared after normalization, through alias
groups (evals/aliases.yaml), and by containment when the shorter name keeps the longer one's
last word (so "Hellyer" matches "HA Hellyer" but "Syrian" does not match "Syrian Democratic Forces").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Honorifics and titles that say nothing about who is meant.
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "professor", "president", "sir", "the", "governor", "mayor"}
)
_HYPHENS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212-]")
_NON_WORD = re.compile(r"[^\w\s]")


def name_tokens(name: str) -> tuple[str, ...]:
    """A name as comparable tokens: casefolded, accents and punctuation removed, titles and 'al-' dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _HYPHENS.sub("-", text)
    text = re.sub(r"\([^)]*\)", " ", text)  # "Syrian Democratic Forces (SDF)": the acronym is an alias
    text = re.sub(r"\b(?:al|el)-", "", text)  # Arabic article: al-Sharaa == Sharaa
    text = _NON_WORD.sub(" ", text.replace("-", " "))
    return tuple(token for token in text.split() if token not in _TITLES)


class NameMatcher:
    """Matches names through normalization, alias groups and surname containment."""

    def __init__(self, alias_groups: Iterable[Iterable[str]] = ()) -> None:
        self._group_of: dict[tuple[str, ...], int] = {}
        for index, group in enumerate(alias_groups):
            for alias in group:
                self._group_of.setdefault(name_tokens(alias), index)

    def same(self, first: str, second: str) -> bool:
        """True when the two names denote the same actor."""
        a, b = name_tokens(first), name_tokens(second)
        if not a or not b:
            return False
        if a == b:
            return True
        group_a, group_b = self._group_of.get(a), self._group_of.get(b)
        if group_a is not None and group_a == group_b:
            return True
        shorter, longer = sorted((a, b), key=len)
        return set(shorter) <= set(longer) and longer[-1] in shorter
