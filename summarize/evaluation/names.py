"""The eval's name matching: the text layer's one name identity, plus the suite's alias groups.

``evals/aliases.yaml`` lists spellings a reference treats as one actor where no general rule
could know it ("al-Sharaa" / "Ahmed al-Sharaa" is a rule; "Damascus" / "Syrian government" is
an alias). Everything else is ``summarize.text.names.same_name``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..text.names import name_tokens, same_name


class NameMatcher:
    """Matches names through the one name identity and the alias groups."""

    def __init__(self, alias_groups: Iterable[Iterable[str]] = ()) -> None:
        self._group_of: dict[tuple[str, ...], int] = {}
        self._groups = [list(group) for group in alias_groups]
        for index, group in enumerate(self._groups):
            for alias in group:
                self._group_of.setdefault(name_tokens(alias), index)

    def aliases_of(self, name: str) -> list[str]:
        """Every spelling in ``name``'s alias group (empty when it has none)."""
        index = self._group_of.get(name_tokens(name))
        return [] if index is None else self._groups[index]

    def same(self, first: str, second: str) -> bool:
        """True when the two names denote the same actor."""
        if same_name(first, second):
            return True
        group_a = self._group_of.get(name_tokens(first))
        return group_a is not None and group_a == self._group_of.get(name_tokens(second))
