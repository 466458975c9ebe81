"""What a value hangs on in the parse: its predicate, the event words around it, the participants,
the tense, and the hedges, negations and moments that qualify it.

"extended on Saturday for a fortnight": the predicate is "extended", the participants
"ceasefire". "his December 2024 ousting": the event is "ousting". "in late 2024, when Assad was
ousted": the clause on the date ("ousted") is an event too. "ordered Mr Maravic held for three
weeks": the governing verb "ordered" and its subject "court" belong to the frame. Relative
pronouns stand for their antecedent ("Mr Sharaa, who visited the Kremlin").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..extractive.gazetteer import DEMONYMS, METONYMS
from ..grounding.features import stem
from ..text.attribution.cues import SPEECH_VERBS
from ..text.fold import fold_word
from ..text.lexicon import HEDGES
from ..text.names import same_name as _same_name
from ..text.names import token_key
from ..text.words import STOPWORDS
from .dates import Tense
from .vocabulary import CHANGING, DISTRIBUTIVE, LIGHT_VERBS, MOMENTS, PREDICATE_GROUPS, TALLIES

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
_GOVERNING = frozenset({"xcomp", "ccomp", "oprd"})
_VALUE_CLAUSES = frozenset({"relcl", "acl", "advcl"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_FUTURE = frozenset({"will", "shall", "would", "'ll", "going"})
_PAST_PREPOSITIONS = frozenset({"since", "last"})
_FUTURE_PREPOSITIONS = frozenset({"for", "until", "till", "next", "by"})
_KEY_LENGTH = 7
_MOMENT_DEPS = frozenset({"prep", "advmod", "npadvmod", "obl", "tmod"})


# Pure functions called for every token of every sentence: cached here, shared by the package.
fold = lru_cache(maxsize=65536)(fold_word)
same_name = lru_cache(maxsize=16384)(_same_name)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str | None:
    """One key for a word however it is inflected, tagged or spelt: the stem, with the name
    identity's spelling folds ("Hmeimim"/"Khmeimim"), cut to its first seven letters so that
    derived forms meet ("investigation"/"investigators", "relations"/"relationship")."""
    return token_key(stem(fold(word).replace("'", "")))[:_KEY_LENGTH] or None


def key_of(token: Token) -> str | None:
    """A token's comparison key; None for punctuation, numbers and function words."""
    if token.is_punct or token.is_space or token.like_num:
        return None
    country = DEMONYMS.get(token.text) or METONYMS.get(token.text)
    if country is not None:  # "Russian", "Moscow" and "the Kremlin" all speak of Russia
        return word_key(country)
    return _token_key(token.text, token.lemma_ if token.pos_ != "PROPN" else "")


@lru_cache(maxsize=65536)
def _token_key(text: str, lemma: str) -> str | None:
    folded = fold(text)
    if folded in STOPWORDS or len(folded) < 2:
        return None
    return word_key(fold(lemma) if lemma else folded)


def keys_of(tokens: list[Token]) -> frozenset[str]:
    """The keys of some tokens."""
    return frozenset(k for k in map(key_of, tokens) if k)


PREDICATE_KEYS = tuple(frozenset(k for k in map(word_key, group) if k) for group in PREDICATE_GROUPS)
# Verbs whose object is a place: leaving, holding or stationing at it ("evacuated the airbase").
PLACE_VERB_GROUPS = frozenset(
    i for i, group in enumerate(PREDICATE_GROUPS) if group & {"withdraw", "station", "arrest", "move"}
)
LIGHT_KEYS = frozenset(k for k in map(word_key, LIGHT_VERBS) if k)
SPEECH_KEYS = frozenset(k for k in map(word_key, SPEECH_VERBS) if k)


def groups_of(keys: frozenset[str]) -> frozenset[int]:
    """The synonym groups any of these keys belongs to."""
    return frozenset(i for i, group in enumerate(PREDICATE_KEYS) if keys & group)


@dataclass(frozen=True)
class Anchor:
    """What a value hangs on (see the module docstring)."""

    verb: Token
    predicate: str | None  # the verb's key (None for a light verb)
    events: frozenset[str]  # keys of the predicate, the nouns on the path, governing and attached verbs
    groups: frozenset[int]
    frame: frozenset[str]  # keys of the events and of their participants
    core: frozenset[str]  # keys of the heads of the predicate's subject and object
    path: tuple[Token, ...]


def predicate_of(token: Token) -> tuple[Token, list[Token]]:
    """The verb a token hangs on, and the nouns on the way up to it ("a flight to Porto Alba")."""
    path: list[Token] = []
    current = token
    for _ in range(12):
        head = current.head
        if head is current:
            return current, path
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass"):
            return head, path
        if head.pos_ in ("NOUN", "PROPN") and head is not token:
            path.append(head)
        current = head
    return current, path


def resolve_relative(token: Token) -> Token:
    """ "who"/"which" heading a relative clause stands for the noun the clause modifies."""
    if token.lower_ in _RELATIVE_PRONOUNS:
        clause = token.head
        if clause.dep_ == "relcl" and clause.head is not clause:
            return clause.head
    return token


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited from the verb it is joined to when it has none."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                return resolve_relative(child)
        if current.dep_ in ("conj", "xcomp") and current.head is not current:
            current = current.head
            continue
        break
    return None


def participants(verb: Token, exclude: set[int]) -> list[Token]:
    """The heads of a verb's subject, objects and prepositional objects (outside ``exclude``)."""
    found: list[Token] = []
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in SUBJECTS or child.dep_ in OBJECTS:
            head = resolve_relative(child)
            found.append(head)
            found.extend(
                c for c in head.children if c.dep_ in ("compound", "amod", "poss") and c.i not in exclude
            )
        elif child.dep_ in ("prep", "agent"):
            found.extend(g for g in child.children if g.dep_ == "pobj" and g.i not in exclude)
    subject = subject_of(verb)
    if subject is not None and subject.i not in exclude and subject not in found:
        found.append(subject)
    return found


def anchor(token: Token, exclude: set[int]) -> Anchor:
    """Where a value (whose head token is ``token``) hangs in its sentence."""
    verb, path = predicate_of(token)
    predicate = key_of(verb) if verb.pos_ in ("VERB", "AUX", "NOUN") else None
    if predicate in LIGHT_KEYS:
        predicate = None
    event_tokens: list[Token] = [verb, *path]
    frame_tokens: list[Token] = [*participants(verb, exclude)]
    # A complement says what the verb is about ("agreed on Saturday to extend a ceasefire").
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and child.i not in exclude:
            event_tokens.append(child)
            frame_tokens.extend(participants(child, exclude))
    # Clauses on the value itself: "late 2024, when Assad was ousted".
    for child in token.children:
        if child.dep_ in _VALUE_CLAUSES and child.pos_ in ("VERB", "AUX"):
            event_tokens.append(child)
            frame_tokens.extend(participants(child, exclude))
    # Governing verbs: "ordered [Mr Maravic held for three weeks]"; not the speech verb over a report.
    current = verb
    for _ in range(2):
        if current.dep_ not in _GOVERNING or current.head is current:
            break
        current = current.head
        if current.pos_ not in ("VERB", "AUX") or key_of(current) in SPEECH_KEYS:
            break
        event_tokens.append(current)
        frame_tokens.extend(participants(current, exclude))
    events = keys_of([t for t in event_tokens if t.i not in exclude]) - LIGHT_KEYS
    subject = subject_of(verb)
    core = [
        resolve_relative(child)
        for child in verb.children
        if (child.dep_ in SUBJECTS or child.dep_ in ("dobj", "obj")) and child.i not in exclude
    ]
    if subject is not None and subject.i not in exclude:
        core.append(subject)
    return Anchor(
        verb=verb,
        predicate=predicate,
        events=events,
        groups=groups_of(events),
        frame=(events | keys_of([t for t in frame_tokens if t.i not in exclude])),
        core=keys_of(core),
        path=tuple(path),
    )


def _changing(verb: Token) -> bool:
    """A running figure: "the death toll has risen to 61", "the number killed now stands at"."""
    if any(fold(c.lemma_) in CHANGING for c in verb.children if c.dep_ == "advmod"):
        return True
    if fold(verb.lemma_) not in CHANGING:
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    subject = subject_of(verb)
    return perfect or (subject is not None and fold(subject.lemma_) in TALLIES)


def reading_of(head: Token) -> str | None:
    """An earlier reading ("up from 98 seats", "down from 110") or a total ("120 of the 250
    seats"), told by the words the value hangs on."""
    governor = head.head
    if head.dep_ == "pobj" and governor.lower_ == "from":
        before = governor.doc[max(0, governor.i - 2) : governor.i]
        if any(
            t.lower_ in {"up", "down", "rose", "fell", "increased", "decreased", "compared"} for t in before
        ):
            return "earlier"
    if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.like_num:
        return "total"
    for child in head.subtree:
        if child.dep_ == "pobj" and child.head.lower_ == "of" and child.head.head.like_num and child.like_num:
            return "total"
    return None


def moments_of(verb: Token, exclude: set[int]) -> frozenset[str]:
    """Moments the value is read at: the verb itself ("closed at") and its adverbials ("in early trading")."""
    found: set[str] = set()
    lemma = fold(verb.lemma_)
    if lemma in MOMENTS:
        found.add(lemma)
    if _changing(verb):
        found.add("changing")
    for child in verb.children:
        if child.dep_ not in _MOMENT_DEPS or child.i in exclude:
            continue
        for token in child.subtree:
            word = fold(token.lemma_)
            if word in MOMENTS and token.i not in exclude and token.pos_ in ("ADJ", "NOUN", "ADV", "VERB"):
                found.add(word)
    return frozenset(found)


def tense_of(verb: Token, preposition: str | None = None) -> Tense:
    """Past, future or unknown, from the preposition ("since Tuesday", "for Friday"), the verb
    and the auxiliaries over it. A perfect ("has called a meeting for Friday") says nothing."""
    if preposition in _PAST_PREPOSITIONS:
        return Tense.past
    if preposition in _FUTURE_PREPOSITIONS:
        return Tense.future
    current = verb
    for _ in range(3):
        perfect = False
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and (child.lower_ in _FUTURE or child.tag_ == "MD"):
                return Tense.future if child.lower_ in _FUTURE else Tense.unknown
            if child.dep_ == "aux" and child.lemma_ == "have":
                perfect = True
        if current.tag_ == "VBD" or (current.tag_ == "VBN" and not perfect):
            return Tense.past
        if current.dep_ in ("xcomp", "conj") and current.head is not current:
            current = current.head
            continue
        break
    return Tense.unknown


def is_hedged(verb: Token) -> bool:
    """A hedge over the verb: "likely to be sent", "may request", "reportedly moved"."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if fold(child.text) in HEDGES and child.dep_ in ("aux", "advmod", "acomp", "auxpass"):
                return True
        if fold(current.lemma_) in HEDGES or fold(current.text) in HEDGES:
            return True
        if current.dep_ in ("xcomp", "ccomp") and current.head is not current:
            current = current.head
            if fold(current.text) in HEDGES or fold(current.lemma_) in HEDGES:
                return True
            continue
        break
    return False


def is_negated(verb: Token) -> bool:
    """A negation on the verb ("did not pay")."""
    return any(child.dep_ == "neg" for child in verb.children)


def is_distributive(verb: Token, head: Token) -> bool:
    """A value per item: "each count carries up to five years", "$5 per share"."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and any(fold(t.text) in DISTRIBUTIVE for t in child.subtree):
            return True
    return any(fold(t.text) in {"per", "each", "apiece"} for t in head.subtree)


def about_text(verb: Token, path: tuple[Token, ...], exclude: set[int]) -> str:
    """The predicate with its subject and object, in the sentence's words ("ceasefire was extended")."""
    words: list[Token] = []
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in SUBJECTS or child.dep_ in OBJECTS:
            head = resolve_relative(child)
            words.extend(t for t in head.subtree if t.dep_ == "compound" and t.head is head)
            words.append(head)
        elif child.dep_ in ("aux", "auxpass", "neg", "prt"):
            words.append(child)
    words.append(verb)
    words.extend(t for t in path if t.i not in exclude)
    ordered = sorted({t.i: t for t in words if not t.is_punct}.values(), key=lambda t: t.i)
    return " ".join(t.text for t in ordered[:10])
