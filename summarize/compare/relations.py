"""How relations between parties are described: warm ("Moscow’s close relationship with Syria")
or cold ("Russo-Syrian relations have been “lukewarm”"), with the parties by country."""

from __future__ import annotations

from spacy.tokens import Token

from ..extractive.gazetteer import COUNTRIES, DEMONYMS, METONYMS
from ..text.names import token_key
from ..text.spans import Span
from .anchors import fold
from .expressions import SentenceTokens
from .values import Quality
from .vocabulary import COLD_QUALITIES, COMBINING_FORMS, FORMERLY, RELATION_NOUNS, WARM_QUALITIES


def _party(token: Token) -> str | None:
    """The country a name, demonym, capital or combining form stands for ("Moscow" -> Russia)."""
    text = token.text.strip("’'")
    folded = fold(text)
    if folded in COMBINING_FORMS:
        return COMBINING_FORMS[folded]
    for table in (DEMONYMS, METONYMS):
        if text in table:
            return table[text]
    if text in COUNTRIES:
        return text
    return token_key(text) if token.pos_ == "PROPN" else None


def _party_tokens(noun: Token) -> list[Token]:
    """The words naming a relation's parties: its modifiers and the objects of "with"/"between"."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            found.extend(t for t in child.subtree if t.pos_ in ("PROPN", "ADJ", "NOUN"))
        elif child.dep_ == "prep" and fold(child.text) in {"with", "between", "among"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append(pobj)
                    found.extend(c for c in pobj.conjuncts)
    return found


def find_qualities(sentence: SentenceTokens) -> list[tuple[Token, Span, Quality, str]]:
    """Relations described as warm or cold, with their parties: (noun, span, value, parties key).

    "Russo-Syrian relations have been “lukewarm”", "Moscow’s close relationship with Syria". The
    parties are the names in the relation's phrase and its "with" object, by country ("Moscow" is
    Russia); a relation with fewer than two known parties, or described in the past ("once
    close"), is left out.
    """
    found: list[tuple[Token, Span, Quality, str]] = []
    for noun in sentence.doc:
        if noun.lower_ not in RELATION_NOUNS:
            continue
        words = [c for c in noun.children if c.dep_ == "amod"]
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.pos_ in ("AUX", "VERB"):
            words.extend(c for c in verb.children if c.dep_ in ("acomp", "attr"))
        qualities = [w for w in words if fold(w.text) in WARM_QUALITIES | COLD_QUALITIES]
        modifiers = [*noun.children, *(c for w in qualities for c in w.children), *qualities]
        if not qualities or any(fold(t.text) in FORMERLY for t in modifiers):
            continue
        parties: set[str] = set()
        for token in _party_tokens(noun):
            party = _party(token)
            if party:
                parties.add(party)
        if len(parties) < 2:
            continue
        quality = qualities[0]
        polarity = 1 if fold(quality.text) in WARM_QUALITIES else -1
        first, last = sorted((quality, noun), key=lambda t: t.i)
        span = Span(sentence.span_of(first).start, sentence.span_of(last).end)
        if quality.i > noun.i:  # "relations have been “lukewarm”": keep the closing mark with the word
            span = Span(span.start, sentence.span_of(last).end)
        found.append((noun, span, Quality(polarity, fold(quality.text)), "|".join(sorted(parties))))
    return found
