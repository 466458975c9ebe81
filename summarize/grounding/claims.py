"""Checking a claim's words against its article: names, numbers, dates, places, content words.

A claim written in a summary's own words is not searched for as a whole; instead each word
that carries information is looked for in the article, forgiving what does not change the
fact: case, plurals and other inflections ("withdrew"/"withdrawn", "Russia"/"Russian"),
thousands separators ("7,000"/"7000"), number words ("fifteen"/"15"), month abbreviations
("Jan"/"January") and transliteration variants of a name the article itself uses
("Hmeimim"/"Khmeimim"). Words that are still missing are flagged with their kind and position.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import Levenshtein

from ..text import AnalysedArticle
from ..text.fold import fold_word
from ..text.names import token_key
from ..text.words import MONTHS, STOPWORDS, TOKEN_RE, WEEKDAYS, canonical_number, is_month, word_set

# Words a summary uses to report rather than to state a fact: they need no support of their own.
REPORTING_WORDS = word_set(
    """article report reports reported reporting says said say stated states according summary
    mentions mentioned describes described notes noted claims claimed suggests suggested"""
)


class WordKind(StrEnum):
    """What sort of word was not found in the article."""

    name = "name"
    number = "number"
    date = "date"
    place = "place"
    word = "word"


STRONG_KINDS = frozenset({WordKind.name, WordKind.number, WordKind.date, WordKind.place})


class FlaggedWord(BaseModel):
    """A word of a claim that appears nowhere in the article."""

    model_config = ConfigDict(extra="forbid")

    word: str
    kind: WordKind
    field: str = ""
    start: int
    end: int


@dataclass(frozen=True)
class ClaimWords:
    """The checked words of one claim: how many carried information (``strong``: names, numbers,
    dates), and which were missing."""

    content: int
    strong: int
    flagged: list[FlaggedWord] = field(default_factory=list)

    @property
    def missing_strong(self) -> list[FlaggedWord]:
        return [f for f in self.flagged if f.kind in STRONG_KINDS]

    @property
    def missing_ratio(self) -> float:
        return len(self.flagged) / self.content if self.content else 0.0


class ArticleVocabulary:
    """Every word, number and month of one article, indexed for forgiving look-ups."""

    def __init__(self, article: AnalysedArticle) -> None:
        text = article.text
        self.words: set[str] = set()
        self.numbers: set[str] = set()
        self.months: set[int] = set()
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        self.name_keys: set[str] = set()
        for match in TOKEN_RE.finditer(text):
            token = match.group()
            folded = fold_word(token)
            number = canonical_number(token)
            if number is not None:
                self.numbers.add(number)
            if is_month(token):
                self.months.add(MONTHS[folded.rstrip(".")])
            self.words.add(folded)
            self.by_prefix[folded[:3]].add(folded)
            if token[:1].isupper():
                self.name_keys.add(token_key(token))

    def has_word(self, token: str, *, is_name: bool) -> bool:
        """Whether the article has this word or an inflection of it (or, for a name, a variant)."""
        folded = fold_word(token)
        if folded in self.words:
            return True
        for variant in (folded.replace("-", ""), folded.replace("-", " ")):
            if variant in self.words or all(part in self.words for part in variant.split()):
                return True
        if any(_same_stem(folded, other, is_name=is_name) for other in self.by_prefix.get(folded[:3], ())):
            return True
        if is_name and len(folded) >= 4:
            key = token_key(token)
            return key in self.name_keys or any(
                k[:1] == key[:1] and Levenshtein.normalized_similarity(k, key) >= 0.85 for k in self.name_keys
            )
        return False

    def check(self, claim: str, *, field_name: str = "", place: bool = False) -> ClaimWords:
        """Flag the information-carrying words of ``claim`` that the article does not contain."""
        flagged: list[FlaggedWord] = []
        content = strong = 0
        for match in TOKEN_RE.finditer(claim):
            token = match.group()
            folded = fold_word(token)
            number = canonical_number(token)
            kind: WordKind | None = None
            if number is not None:
                content += 1
                strong += 1
                if number not in self.numbers and not self.has_word(token, is_name=False):
                    kind = WordKind.number
            elif is_month(token):
                content += 1
                strong += 1
                kind = None if MONTHS[folded.rstrip(".")] in self.months else WordKind.date
            elif folded in STOPWORDS or folded in REPORTING_WORDS or len(folded) < 2:
                continue
            elif folded in WEEKDAYS:
                content += 1
                strong += 1
                kind = None if folded in self.words else WordKind.date
            else:
                # A capital opening the claim says nothing: "Observers" there is a common word.
                capitalized = (
                    token[:1].isupper() and match.start() > 0 and not _opens_sentence(claim, match.start())
                )
                content += 1
                strong += int(capitalized)
                if not self.has_word(token, is_name=capitalized):
                    kind = (WordKind.place if place else WordKind.name) if capitalized else WordKind.word
            if kind is not None:
                flagged.append(
                    FlaggedWord(word=token, kind=kind, field=field_name, start=match.start(), end=match.end())
                )
        return ClaimWords(content=content, strong=strong, flagged=flagged)


def _same_stem(word: str, other: str, *, is_name: bool) -> bool:
    """Inflections share a long prefix: withdrew/withdrawn, Russia/Russian, base/bases."""
    short, long = sorted((word, other), key=len)
    common = 0
    for a, b in zip(short, long, strict=False):
        if a != b:
            break
        common += 1
    if is_name:
        # Names only take short endings: Syria/Syrian, Kurd/Kurdish, Israel/Israeli.
        return common == len(short) and len(long) - len(short) <= 3 and len(short) >= 4
    return common >= max(4, len(short) - 3) if len(short) >= 4 else common == len(short) == len(long)


def _opens_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:;\n"
