"""Causes and triggers in a parsed sentence: the clause that says why or upon what the verb it
hangs on happened ("stopped paying in June after its bank froze its accounts")."""

from __future__ import annotations

from spacy.tokens import Token

from ..text.spans import Span
from .anchors import fold, key_of
from .expressions import SentenceTokens
from .values import ClauseValue

# Words that open a clause giving the cause or trigger of the verb it hangs on.
CAUSE_MARKERS = frozenset({"after", "because", "when", "since", "following"})


def find_causes(sentence: SentenceTokens) -> list[tuple[Token, Span, ClauseValue]]:
    """Causes and triggers: "stopped paying in June after its bank froze its accounts", "began
    when the central bank alerted prosecutors", "in June, when a drought ruined the harvest"."""
    found: list[tuple[Token, Span, ClauseValue]] = []
    for token in sentence.doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        marker = next(
            (c for c in token.children if c.dep_ in ("mark", "advmod") and fold(c.text) in CAUSE_MARKERS),
            None,
        )
        attached = token.dep_ == "advcl" or (
            token.dep_ == "relcl" and marker is not None and marker.lower_ == "when"
        )
        if marker is None or not attached or marker.i > token.i:
            continue
        nested = {t.i for c in token.children if c.dep_ in ("advcl", "conj", "cc") for t in c.subtree}
        clause = [t for t in token.subtree if t.i > marker.i and t.i not in nested and not t.is_punct]
        if len(clause) < 3:
            continue
        span = Span(sentence.span_of(marker).start, sentence.span_of(clause[-1]).end)
        words = frozenset(k for k in map(key_of, clause) if k)
        found.append((token, span, ClauseValue(words, span.of(sentence.text))))
    return found
