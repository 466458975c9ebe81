"""Whether the articles report one event: facts in common, and shared rare words.

Articles on unrelated events share no facts and few words beyond the common ones; the
comparison says so instead of presenting chance coincidences as agreements.
"""

from __future__ import annotations

from collections.abc import Sequence

from .align import Weights
from .facts import OutletText
from .model import Fact, FactStatus, Overlap
from .slots import build_article_slots

MIN_SHARED_FACTS = 2
MIN_WORD_OVERLAP = 0.08


def _article_keys(outlet: OutletText) -> frozenset[str]:
    found = outlet.article.layer(build_article_slots)
    return frozenset().union(*found.contexts) if found.contexts else frozenset()


def describe_overlap(facts: Sequence[Fact], outlets: Sequence[OutletText], weights: Weights) -> Overlap:
    """How much the outlets have in common, and which of them share nothing with the rest."""
    shared = [fact for fact in facts if fact.status is not FactStatus.only]
    keys = [_article_keys(outlet) for outlet in outlets]
    unrelated: list[str] = []
    for index, outlet in enumerate(outlets):
        in_facts = sum(1 for fact in shared if any(v.outlet == outlet.name for v in fact.values))
        others = frozenset().union(*(k for i, k in enumerate(keys) if i != index))
        words = weights.overlap(keys[index], others)
        if in_facts == 0 and words < MIN_WORD_OVERLAP * 3:
            unrelated.append(outlet.name)
    related = len(shared) >= MIN_SHARED_FACTS and len(unrelated) < len(outlets) - 1
    note = None
    if not related:
        note = "the articles have little or nothing in common: they seem to report unrelated events"
    elif unrelated:
        note = f"{', '.join(unrelated)} share(s) nothing with the other articles: perhaps another event"
    return Overlap(related=related, shared_facts=len(shared), note=note, unrelated=unrelated)
