"""Checking a claim's words against its article: names, numbers, dates, places, content words.

A claim written in a summary's own words is not searched for as a whole; instead each word
that carries information is looked for in the article, forgiving what does not change the
fact: case, plurals and other inflections ("withdrew"/"withdrawn", "Russia"/"Russian"),
thousands separators ("7,000"/"7000"), number words ("fifteen"/"15"), month abbreviations
("Jan"/"January") and transliteration variants of a name the article itself uses
("Hmeimim"/"Khmeimim"). Words that are still missing are flagged with their kind and position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import Levenshtein

from .normalization import FOLDED

TOKEN_RE = re.compile(r"\d[\d,.]*\d%?|\d%?|[^\W\d_](?:[\w’'‑-]*\w)?")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = _wordset(
    """a about above after again against all also although am among an and any are around as at be
    because been before being below between both but by can could did do does doing down during each
    either else even ever every few for from further had has have having he her here hers herself him
    himself his how however i if in into is it its itself just least less let like many may me might
    more most much must my myself neither no nor not now of off often on once one only or other our
    ours ourselves out over own per rather same several shall she should since so some such than that
    the their theirs them themselves then there these they this those though through thus to too
    under until up upon us very was we were what when where whether which while who whom whose why
    will with within without would yet you your yours
    article report reports reported reporting says said say stated states according summary
    mentions mentioned describes described notes noted claims claimed suggests suggested"""
)
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "fortnight": 14,
}  # fmt: skip
# Sound correspondences between common romanizations of Arabic, Russian and other names.
TRANSLITERATION = [("dzh", "j"), ("kh", "h"), ("zh", "j"), ("q", "k"), ("ph", "f"), ("ou", "u"), ("ee", "i")]


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


def fold_word(word: str) -> str:
    """Casefold, NFKC and fold apostrophes/hyphens so "Russia’s" and "russia's" compare equal."""
    folded = "".join(FOLDED.get(ch, ch) for ch in unicodedata.normalize("NFKC", word)).casefold()
    return re.sub(r"'s$|'$", "", folded)


def canonical_number(token: str) -> str | None:
    """'7,000' -> '7000', '15' -> '15', 'fifteen' -> '15', '27th' -> None (handled as a word)."""
    if token[:1].isdigit():
        digits = token.rstrip("%")
        # A comma or a dot followed by exactly three digits groups thousands.
        digits = re.sub(r"[,.](?=\d{3}(?:\D|$))", "", digits)
        return digits.rstrip(".,") or None
    value = NUMBER_WORDS.get(token.casefold())
    return str(value) if value is not None else None


def name_key(word: str) -> str:
    """A transliteration-tolerant key for a name: "Khmeimim" and "Hmeimim" share one."""
    decomposed = unicodedata.normalize("NFKD", fold_word(word))
    key = "".join(ch for ch in decomposed if ch.isalnum())
    key = re.sub(r"^(?:al|el)(?=\w{3})", "", key) if re.match(r"^(?:al|el)[-‑]", fold_word(word)) else key
    for source, target in TRANSLITERATION:
        key = key.replace(source, target)
    return re.sub(r"(.)\1+", r"\1", key.replace("y", "i"))


class ArticleVocabulary:
    """Every word, number and month of one article, indexed for forgiving look-ups."""

    def __init__(self, text: str) -> None:
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
            if folded in MONTHS and (folded != "may" or token[:1].isupper()):
                self.months.add(MONTHS[folded])
            self.words.add(folded)
            self.by_prefix[folded[:3]].add(folded)
            if token[:1].isupper():
                self.name_keys.add(name_key(token))

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
            key = name_key(token)
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
            elif folded in MONTHS and (folded != "may" or token[:1].isupper()):
                content += 1
                strong += 1
                kind = None if MONTHS[folded] in self.months else WordKind.date
            elif folded in STOPWORDS or len(folded) < 2:
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
