"""What a checker needs to know about the words of a claim or of an evidence passage.

Each token gets a kind (name, number, date, content word or function word), a stem that folds
inflections ("withdrew", "withdrawn", "withdrawal"), and the cues around it: whether a negation
or a hedge governs it, which direction word ("from", "to") binds it, and what unit follows a
number ("7,000 militants"). Claims and evidence are analysed the same way, so they compare
like with like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from ..text.fold import fold_word
from ..text.lexicon import (
    CAUSAL,
    CAUSAL_PHRASES,
    CERTAINTY,
    CLAUSE_OPENERS,
    DETERMINERS,
    DIRECTIONAL,
    HEDGES,
    IRREGULAR,
    NEGATION_PHRASES,
    NEGATIONS,
    PARTIAL,
    UNIVERSAL,
)
from ..text.names import token_key
from ..text.spans import Span
from ..text.words import MONTHS, STOPWORDS, TOKEN_RE, WEEKDAYS, canonical_number, is_month, word_set

# Words a summary uses to report rather than to state a fact: they need no support of their own.
REPORTING_WORDS = word_set(
    """article report reports reported reporting says said say stated states state according summary
    mentions mentioned describes described notes noted claims claimed suggests suggested added adds
    told tells argued argues believes warned warns explained"""
)
# A negation or hedge governs the next few content words of its clause ("did not withdraw its troops").
SCOPE = 3
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_HYPHENS = re.compile(r"[-‑‐]")
_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "ied", "es", "s", "ly", "ments", "ment", "ions", "ion", "al")


class Kind(StrEnum):
    """What a token carries."""

    name = "name"
    number = "number"
    date = "date"
    word = "word"
    function = "function"


@dataclass(slots=True)
class Token:
    """One token of a passage with its folded form, stem and cues."""

    text: str
    folded: str
    stem: str
    kind: Kind
    index: int
    span: Span
    number: str | None = None
    name: str | None = None
    month: int | None = None
    negated: bool = False
    negation_head: bool = False  # the first word a negation governs: the predicate it denies
    hedged: bool = False
    direction: str | None = None


@dataclass
class Passage:
    """The analysed tokens of one claim or evidence passage."""

    text: str
    tokens: list[Token]
    offset: int = 0  # where ``text`` starts in the text the token spans point into
    negations: list[int] = field(default_factory=list)
    hedges: list[int] = field(default_factory=list)
    certainty: list[int] = field(default_factory=list)
    causal: list[int] = field(default_factory=list)
    universal: list[int] = field(default_factory=list)
    partial: list[int] = field(default_factory=list)

    @property
    def content(self) -> list[Token]:
        """Tokens that state something: names, numbers, dates and content words."""
        return [t for t in self.tokens if t.kind is not Kind.function]

    def unit_after(self, token: Token) -> str | None:
        """The stem of the content word a number counts ("7,000 IS militants" -> "militant")."""
        for other in self.tokens[token.index + 1 : token.index + 4]:
            if other.kind is Kind.word:
                return other.stem
            if other.kind is Kind.number:
                return None
        return None


def stem(folded: str) -> str:
    """A crude English stem: irregular forms first, then common suffixes."""
    if folded in IRREGULAR:
        return IRREGULAR[folded]
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            base = folded[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiousl":
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return folded


def _pieces(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """Tokens of ``text[start:end]``, with hyphenated compounds split into their parts."""
    found: list[tuple[str, Span]] = []
    for match in TOKEN_RE.finditer(text, start, end):
        token = match.group()
        if _HYPHENS.search(token) and not token[:1].isdigit():
            offset = match.start()
            for part in _HYPHENS.split(token):
                if part:
                    found.append((part, Span(offset, offset + len(part))))
                offset += len(part) + 1
        else:
            found.append((token, Span(match.start(), match.end())))
    return found


def _opens_sentence(text: str, position: int, start: int) -> bool:
    before = text[start:position].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:;\n"


def analyse_passage(
    text: str, start: int = 0, end: int | None = None, *, names: frozenset[str] = frozenset()
) -> Passage:
    """Analyse ``text[start:end]``; ``names`` are name keys known to be names (capitals can open a
    sentence, so a capitalized first word is a name only when known as one)."""
    stop = len(text) if end is None else end
    tokens: list[Token] = []
    for token_text, span in _pieces(text, start, stop):
        folded = fold_word(token_text)
        number = canonical_number(token_text)
        month = MONTHS[folded.rstrip(".")] if is_month(token_text) else None
        kind: Kind
        name = None
        if month is not None or folded in WEEKDAYS or (number is not None and _YEAR.fullmatch(number or "")):
            kind = Kind.date
        elif number is not None:
            kind = Kind.number
        elif folded in STOPWORDS or folded in REPORTING_WORDS or len(folded) < 2:
            kind = Kind.function
        elif token_text[:1].isupper() and (
            not _opens_sentence(text, span.start, start) or token_key(token_text) in names
        ):
            kind = Kind.name
            name = token_key(token_text)
        else:
            kind = Kind.word
        tokens.append(
            Token(
                text=token_text,
                folded=folded,
                stem=stem(folded.replace("'", "")),
                kind=kind,
                index=len(tokens),
                span=span,
                number=number,
                name=name,
                month=month,
            )
        )
    passage = Passage(text=text[start:stop], tokens=tokens, offset=start)
    _mark_cues(passage)
    return passage


def _mark_cues(passage: Passage) -> None:
    tokens = passage.tokens
    folded = [t.folded.replace("'", "") for t in tokens]
    for index, word in enumerate(folded):
        if (
            word in NEGATIONS
            or (
                word.endswith("nt")
                and word[:-2]
                in {
                    "do",
                    "does",
                    "did",
                    "is",
                    "are",
                    "was",
                    "were",
                    "has",
                    "have",
                    "had",
                    "could",
                    "would",
                    "should",
                    "wo",
                    "ca",
                }
            )
            or any(tuple(folded[index : index + len(p)]) == p for p in NEGATION_PHRASES)
        ):
            passage.negations.append(index)
        if word in HEDGES and _hedging_here(folded, index):
            passage.hedges.append(index)
        if word in CERTAINTY:
            passage.certainty.append(index)
        if word in CAUSAL and _causal_here(folded, index):
            passage.causal.append(index)
        if word in UNIVERSAL:
            passage.universal.append(index)
        elif word in PARTIAL:
            passage.partial.append(index)
        if word in DIRECTIONAL:
            _mark_direction(tokens, index, DIRECTIONAL[word])
    for cue in passage.negations:
        _mark_scope(passage, cue, "negated")
    for cue in passage.hedges:
        _mark_scope(passage, cue, "hedged")


def _mark_direction(tokens: list[Token], cue: int, direction: str) -> None:
    """Bind "from"/"to" to the name it introduces ("to the Khmeimim air base"), not to a verb
    ("to leave": an infinitive)."""
    determiner = False
    for other in tokens[cue + 1 : cue + 4]:
        if other.kind is Kind.name:
            other.direction = direction
            return
        if other.folded in DETERMINERS:
            determiner = True
            continue
        if other.kind is Kind.word and determiner:
            continue  # "to the northeastern base", "from its facility in ..."
        return


def _mark_scope(passage: Passage, cue: int, flag: str) -> None:
    """Flag the next SCOPE content words after a cue, up to the end of its clause."""
    marked = 0
    text = passage.text
    tokens = passage.tokens
    for position in range(cue + 1, len(tokens)):
        other = tokens[position]
        between = text[tokens[position - 1].span.end - passage.offset : other.span.start - passage.offset]
        if any(mark in between for mark in ",;:–—()") or other.folded in CLAUSE_OPENERS:
            return
        if other.kind is Kind.function:
            continue
        setattr(other, flag, True)
        if (
            flag == "negated"
            and other.kind is Kind.word
            and not any(t.negation_head for t in tokens[cue:position])
        ):
            other.negation_head = True
        marked += 1
        if marked == SCOPE:
            return


_HEDGE_ONLY_AS_PASSIVE = frozenset({"expected", "believed", "considered", "planned", "plans"})
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def _hedging_here(folded: list[str], index: int) -> bool:
    """ "is expected to", "was believed to": a hedge; "markets had expected the rise": a fact."""
    word = folded[index]
    if word not in _HEDGE_ONLY_AS_PASSIVE:
        return True
    following = folded[index + 1] if index + 1 < len(folded) else ""
    previous = folded[index - 1] if index else ""
    return following == "to" or previous in _BE_FORMS


def _likening(folded: list[str], index: int) -> bool:
    """ "more like X than Y": a likening that denies Y (not "more than 500", a number)."""
    before = folded[max(0, index - 12) : index]
    return any(a == "more" and b == "like" for a, b in pairwise(before))


def _causal_here(folded: list[str], index: int) -> bool:
    """A cause word used as one ("so" and "since" are often not; "order" needs "in order to")."""
    word = folded[index]
    if word in {
        "so",
        "since",
        "order",
        "aim",
        "bid",
        "effort",
        "result",
        "results",
        "reason",
        "reasons",
        "lead",
        "leads",
        "led",
        "due",
        "owing",
        "thanks",
        "force",
        "forces",
        "cause",
    }:
        return any(
            tuple(folded[start : start + len(phrase)]) == phrase
            for phrase in CAUSAL_PHRASES
            for start in range(max(0, index - len(phrase) + 1), index + 1)
        ) or (word in {"led", "lead", "leads"} and index + 1 < len(folded) and folded[index + 1] == "to")
    return True
