"""Verdicts: how far the article supports one claim, and how a verdict is reached from findings.

- ``contradicted``: the evidence says otherwise (a negation, an opposite, another number or
  date for the same fact, swapped roles, the other end of a move);
- ``misattributed``: the words are in the article, but the article gives them to someone else;
- ``unsupported``: a name, number, date or quote the evidence lacks, a cause or a scope it does
  not give, a hedged statement stated as fact, or too little of the claim in the evidence;
- ``partially_supported``: most of the claim is there, but not all, or its quote was only found
  approximately, or only a passage other than the cited evidence supports it;
- ``supported``: everything the claim states is in its evidence.
"""

from __future__ import annotations

from enum import StrEnum

# Share of a claim's weighted content words missing from its evidence above which it is
# unsupported, and above which it is only partially supported (tuned on the tune splits only:
# bench/verifier.py prints tune and report columns).
UNSUPPORTED_MISSING = 0.7
PARTIAL_MISSING = 0.25


class Verdict(StrEnum):
    """How far the article supports one item or claim."""

    supported = "supported"
    partially_supported = "partially_supported"
    unsupported = "unsupported"
    contradicted = "contradicted"
    misattributed = "misattributed"


VERDICT_SCORE = {
    Verdict.supported: 1.0,
    Verdict.partially_supported: 0.5,
    Verdict.unsupported: 0.0,
    Verdict.contradicted: 0.0,
    Verdict.misattributed: 0.0,
}
# Verdicts that count against an item: strict mode drops them; ``--fail-on`` exits on them.
REJECTED = frozenset({Verdict.unsupported, Verdict.contradicted, Verdict.misattributed})
_RANK = [
    Verdict.contradicted,
    Verdict.misattributed,
    Verdict.unsupported,
    Verdict.partially_supported,
    Verdict.supported,
]


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe of several verdicts (supported when there are none)."""
    return min(verdicts, key=_RANK.index, default=Verdict.supported)


def short(text: str, limit: int = 80) -> str:
    """A quote or claim shortened for a one-line reason."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
