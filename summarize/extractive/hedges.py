"""Uncertainties: claims from unnamed sources, unconfirmed reports, disputes, conflicting accounts
and speculation, each with the sentence that carries it."""

from __future__ import annotations

import re

from ..schema import Uncertainty, UncertaintyReason
from ..text import Span
from .document import Document
from .speakers import is_named, speaker_at

_SOURCE_PHRASE = re.compile(
    r"(?:(?:an?|the|some|several|multiple|two|three|four|five|six|seven|\d+)\s+)?"
    r"(?:(?:unidentified|unnamed|anonymous|senior|local|military|security|diplomatic|informed|western"
    r"|[A-Z][\w’']+)\s+){0,3}sources?\b"
)
_RULES: list[tuple[UncertaintyReason, re.Pattern[str]]] = [
    (
        UncertaintyReason.unnamed_source,
        re.compile(
            r"\bsources?\b|\b(?:unnamed|unidentified|anonymous) (?:official|source|person)|people familiar with"
            r"|on condition of anonymity|officials said",
            re.IGNORECASE,
        ),
    ),
    (
        UncertaintyReason.disputed,
        re.compile(
            r"\b(?:den(?:y|ied|ies)|disput\w+|refut\w+|reject(?:ed|s)? (?:the )?(?:claims?|reports?|allegations?)"
            r"|dismiss(?:ed|es)? (?:the )?(?:claims?|reports?)|contested)\b",
            re.IGNORECASE,
        ),
    ),
    (
        UncertaintyReason.conflicting_accounts,
        re.compile(
            r"\b(?:conflicting|contradict\w*|differing accounts|other accounts|contrary to|at odds with"
            r"|disagree\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        UncertaintyReason.unconfirmed_report,
        re.compile(
            r"\b(?:reportedly|allegedly|unconfirmed|could not (?:be )?(?:independently )?(?:verif|confirm)\w*"
            r"|(?:is|are|was|were) said to|according to (?:media )?reports|media reported)\b",
            re.IGNORECASE,
        ),
    ),
    (
        UncertaintyReason.speculative,
        re.compile(
            r"\b(?:could|might|may|likely|expected to|appears?|appeared|seems?|possibly|probably|potential)\b"
        ),
    ),
]
_MAX_ITEMS = 8
_MAX_SPECULATIVE = 3


def _claim(document: Document, sentence: Span) -> str:
    """The claim: the reported clause when the sentence reports speech, else the sentence."""
    attribution = speaker_at(document, sentence)
    text = document.of(sentence)
    if attribution is not None and not attribution.direct and len(attribution.quote.split()) >= 5:
        text = attribution.quote
    text = re.sub(r"\s+", " ", text).strip().strip('“”"')
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text.rstrip(",;: ") + "."


def _source(document: Document, sentence: Span) -> str | None:
    attribution = speaker_at(document, sentence)
    if attribution is not None and attribution.speaker and not is_named(attribution.speaker):
        return attribution.speaker
    match = _SOURCE_PHRASE.search(document.of(sentence))
    return match.group() if match else None


def _voiced_by_someone(document: Document, sentence: Span) -> bool:
    """True when the sentence quotes or reports a named speaker (their hedges belong to their view)."""
    return any(
        a.direct or is_named(a.speaker) for a in document.attributions if sentence.covers(a.span.start)
    )


def build_uncertainties(document: Document) -> list[Uncertainty]:
    """Uncertain claims in article order, strongest signals first when there are many."""
    found: list[tuple[int, int, Uncertainty]] = []
    for index, sentence in enumerate(document.sentences):
        for rank, (reason, pattern) in enumerate(_RULES):
            if not pattern.search(document.of(sentence)):
                continue
            if reason is UncertaintyReason.speculative and _voiced_by_someone(document, sentence):
                continue
            attributed = _source(document, sentence) if reason is UncertaintyReason.unnamed_source else None
            if reason is UncertaintyReason.unnamed_source and attributed is None:
                continue
            item = Uncertainty(
                claim=_claim(document, sentence),
                reason=reason,
                attributed_to=attributed,
                evidence=[document.of(sentence)],
            )
            found.append((rank, index, item))
            break
    speculative = [f for f in found if f[2].reason is UncertaintyReason.speculative][:_MAX_SPECULATIVE]
    strong = [f for f in found if f[2].reason is not UncertaintyReason.speculative]
    chosen = sorted([*strong, *speculative], key=lambda f: (f[0], f[1]))[:_MAX_ITEMS]
    return [item for _, _, item in sorted(chosen, key=lambda f: f[1])]
