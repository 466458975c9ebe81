"""Places and roles in a parsed sentence, as values.

A place is the object of a locative preposition ("at his home in the Lindholm district of
Vessen", "to the Hmeimim airbase", "in north-east Syria") or "abroad"; its value keeps the names
in it (by the one name identity, so Hmeimim is Khmeimim), its kind ("airport", "home"), its compass
words, and whether it is too vague to contradict anything. A person named in the rules engine's
entities is never a place.

A role is a title before a name ("deputy prosecutor Lidia Orsen", "President Ahmed al-Sharaa") or an
appositive after it ("Dmitry Peskov, the Kremlin spokesman"), held by that name.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..extractive.gazetteer import COUNTRIES, DEMONYMS, FACILITY_NOUNS, METONYMS, TITLES
from ..text.lexicon import COMPASS
from ..text.names import COURTESY_TITLES, token_key
from ..text.spans import Span
from ..text.words import MONTHS, WEEKDAYS
from .anchors import PLACE_VERB_GROUPS, fold, groups_of, key_of
from .expressions import SentenceTokens
from .values import ClauseValue, Place, Quality, Role
from .vocabulary import (
    AREA_KINDS,
    COLD_QUALITIES,
    COMBINING_FORMS,
    FORMERLY,
    RANKS,
    RELATION_NOUNS,
    VAGUE_PLACES,
    WARM_QUALITIES,
)

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


def _phrase_tokens(head: Token) -> list[Token]:
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
            tokens = _phrase_tokens(token)
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


def role_value(tokens: list[Token], text: str) -> Role | None:
    """The value of a title or appositive: its head noun, rank words and content words."""
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN") and fold(t.text) not in COURTESY_TITLES]
    if not nouns:
        return None
    head_token = next((t for t in tokens if t.head not in tokens or t.head is t), nouns[-1])
    if head_token.pos_ not in ("NOUN", "PROPN"):
        head_token = nouns[-1]
    head = fold(head_token.lemma_)
    words = frozenset(fold(t.lemma_) for t in tokens if t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.like_num)
    ranks = frozenset(w for w in words if w in RANKS)
    return Role(head, ranks, words - {head}, text)


def find_roles(sentence: SentenceTokens, people: set[str]) -> list[tuple[str, Token, Span, Role]]:
    """Roles in a sentence: (holder's name, the name's head token, the role's span, its value).

    A title is the words before the name that are not the name ("deputy prosecutor", "Syrian
    President"); an appositive is a noun phrase set off after it ("the Kremlin spokesman").
    """
    found: list[tuple[str, Token, Span, Role]] = []
    for token in sentence.doc:
        if token.pos_ != "PROPN" or token.dep_ in ("compound", "poss"):
            continue
        before = sorted(
            (t for t in token.children if t.i < token.i and t.dep_ in ("compound", "amod")), key=lambda t: t.i
        )
        names = [t for t in before if t.pos_ == "PROPN" and _is_name_word(t)] + [token]
        if token_key(token.text) not in people or not _is_name_word(token):
            continue
        holder_span = Span(sentence.span_of(names[0]).start, sentence.span_of(token).end)
        holder = holder_span.of(sentence.text)
        title_tokens: list[Token] = []
        for child in before:
            if child in names:
                continue
            title_tokens.extend(
                t for t in child.subtree if t.i < names[0].i and t.pos_ != "DET" and not t.is_punct
            )
        title_tokens = [
            t for t in sorted(set(title_tokens), key=lambda t: t.i) if fold(t.text) not in COURTESY_TITLES
        ]
        if title_tokens:
            span = Span(sentence.span_of(title_tokens[0]).start, sentence.span_of(title_tokens[-1]).end)
            value = role_value(title_tokens, span.of(sentence.text))
            if value is not None:
                found.append((holder, token, span, value))
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                tokens = _phrase_tokens(child)
                # Only an appositive set off right after the name ("Dmitry Peskov, the Kremlin spokesman").
                if not tokens or tokens[0].i != token.i + 2 or sentence.doc[token.i + 1].text != ",":
                    continue
                span = Span(sentence.span_of(tokens[0]).start, sentence.span_of(tokens[-1]).end)
                value = role_value(tokens, span.of(sentence.text))
                if value is not None:
                    found.append((holder, token, span, value))
    return found


def _is_name_word(token: Token) -> bool:
    folded = fold(token.text)
    return token.text[:1].isupper() and folded not in TITLES and folded not in COURTESY_TITLES


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
        words = frozenset(k for k in (_key(t) for t in clause) if k)
        found.append((token, span, ClauseValue(words, span.of(sentence.text))))
    return found


def _key(token: Token) -> str | None:
    return key_of(token)


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
