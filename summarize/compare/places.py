"""Places in a parsed sentence, as values.

A place is the object of a locative preposition ("at his home in the Lindholm district of
Vessen", "to the Hmeimim airbase", "in north-east Syria"), the object of a verb that leaves or
holds a place ("evacuated Qamishli airbase"), or "abroad". Its value keeps the names in it (by the
one name identity, so Hmeimim is Khmeimim), its kinds ("airport", "home", "district"), the site's
own name, its compass words, and whether it is too vague to contradict anything. A person, an
organization or an armed group of the rules engine's entities is never a place.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..extractive.gazetteer import DEMONYMS, FACILITY_NOUNS, TITLES
from ..text.lexicon import COMPASS
from ..text.names import COURTESY_TITLES, token_key
from ..text.spans import Span
from ..text.words import MONTHS, WEEKDAYS
from .anchors import PLACE_VERB_GROUPS, fold, groups_of, key_of
from .expressions import SentenceTokens
from .values import Place
from .vocabulary import AREA_KINDS, VAGUE_PLACES

LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "near",
        "into",
        "inside",
        "outside",
        "on",
        "towards",
        "toward",
        "across",
        "along",
    }
)
# Kinds of places beyond the gazetteer's facilities.
PLACE_NOUNS = FACILITY_NOUNS | frozenset(
    {
        "home",
        "house",
        "hospital",
        "headquarters",
        "office",
        "embassy",
        "station",
        "territory",
        "area",
        "country",
        "state",
        "capital",
        "north",
        "south",
        "east",
        "west",
        "hub",
        "outpost",
        "terminal",
        "court",
        "hotel",
        "school",
        "university",
        "farm",
        "mine",
        "plant",
        "factory",
        "warehouse",
        "residence",
        "apartment",
        "flat",
        "compound",
        "palace",
    }
)
_VAGUE_ADVERBS = frozenset({"abroad", "overseas", "home", "elsewhere", "nearby", "locally"})
_CLAUSE_WORDS = frozenset({"as", "while", "when", "after", "before", "because", "where", "which", "who"})
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "conj", "cc"})


def compass_key(word: str) -> str | None:
    """ "north-east", "northeastern", "North East" -> "northeast"; None for other words."""
    folded = fold(word).replace("-", "").replace("‑", "")
    for suffix in ("ern", "erly"):
        if folded.endswith(suffix) and folded[: -len(suffix)] in _COMPASS_ROOTS:
            folded = folded[: -len(suffix)]
    return folded if folded in _COMPASS_ROOTS else None


_COMPASS_ROOTS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central", "centr"}
) | frozenset(w for w in COMPASS if not w.endswith("ern"))


def phrase_tokens(head: Token) -> list[Token]:
    """A noun phrase's tokens, without relative clauses, appositives and what follows a comma."""
    kept: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.children:
            if child.dep_ in _CUT_DEPS or (child.is_punct and child.text in ",;:()") or child.pos_ == "SCONJ":
                continue
            walk(child)
        kept.append(token)

    walk(head)
    kept.sort(key=lambda t: t.i)
    # Stop at the first comma or dash inside the phrase.
    result: list[Token] = []
    for token in kept:
        opens_clause = token.pos_ == "SCONJ" or token.dep_ == "mark" or token.lower_ in _CLAUSE_WORDS
        if (token.text in {",", ";", "–", "—", "("} or opens_clause) and result:
            break
        result.append(token)
    while result and (result[-1].is_punct or result[-1].pos_ in ("ADP", "CCONJ", "DET")):
        result.pop()
    while result and result[0].is_punct:
        result.pop(0)
    return result


def place_value(tokens: list[Token], head: Token, not_places: set[str]) -> Place | None:
    """The value of a place phrase headed by ``head``, or None when it names no place (a person,
    a group, a date, an abstract noun such as "presence" or "attacks"). A place noun counts as
    a kind of place however it is capitalized ("Hmeimim Air Base", "Qamishli Airport")."""
    head_lemma = fold(head.lemma_)
    head_is_kind = head_lemma in PLACE_NOUNS or fold(head.text) in PLACE_NOUNS
    if head.pos_ == "PROPN" and not head_is_kind:
        if token_key(head.text) in not_places:
            return None
    elif not head_is_kind and compass_key(head.text) is None:
        return None
    names: set[str] = set()
    kinds: set[str] = set()
    compass: set[str] = set()
    for token in tokens:
        folded = fold(token.text)
        if folded in MONTHS or folded in WEEKDAYS or token.like_num:
            return None
        key = compass_key(token.text)
        lemma = fold(token.lemma_)
        if key is not None:
            compass.add(key)
        elif lemma in PLACE_NOUNS or folded in PLACE_NOUNS:
            kinds.add(lemma if lemma in PLACE_NOUNS else folded)
        elif (
            token.pos_ == "PROPN"
            or (token.text[:1].isupper() and token.pos_ == "ADJ")
            or token.text in DEMONYMS
        ):
            name = token_key(token.text)
            if name and folded not in COURTESY_TITLES and folded not in TITLES and name not in not_places:
                names.add(name)
    if not names and not kinds and not compass:
        return None
    vague = not names and not compass and kinds <= VAGUE_PLACES
    # The site's own name: a name compounded with a site noun ("Qamishli airport", "Vessen airport").
    site: set[str] = set()
    if head_is_kind and head_lemma not in AREA_KINDS:
        site = {
            token_key(c.text)
            for c in head.children
            if c.dep_ == "compound" and c.pos_ == "PROPN" and fold(c.lemma_) not in PLACE_NOUNS
        }
    return Place(frozenset(names), frozenset(kinds), frozenset(compass), vague, site=frozenset(site & names))


def find_places(sentence: SentenceTokens, not_places: set[str]) -> list[tuple[Token, Span, Place]]:
    """Places in a sentence: (the token the place hangs on, its span, its value); ``not_places``
    are name keys of people, organizations and groups."""
    found: list[tuple[Token, Span, Place]] = []
    for token in sentence.doc:
        preposition = token.head
        located = (
            token.dep_ == "pobj"
            and fold(preposition.text) in LOCATIVE_PREPOSITIONS
            and fold(preposition.head.text) not in {"according", "due", "thanks", "owing"}
        )
        # The object of a verb that leaves or holds a place ("evacuated Qamishli airbase").
        held = token.dep_ == "dobj" and bool(
            groups_of(frozenset({key_of(token.head) or ""})) & PLACE_VERB_GROUPS
        )
        if located or held:
            tokens = phrase_tokens(token)
            if not tokens:
                continue
            value = place_value(tokens, token, not_places)
            if value is None:
                continue
            span = Span(sentence.span_of(tokens[0]).start, sentence.span_of(tokens[-1]).end)
            found.append((token, span, replace(value, text=span.of(sentence.text))))
        elif fold(token.text) in _VAGUE_ADVERBS and token.pos_ == "ADV" and token.head.pos_ == "VERB":
            span = sentence.span_of(token)
            found.append((token, span, Place(vague=True, text=span.of(sentence.text))))
    return found
