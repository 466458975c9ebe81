"""Folding text for comparison, remembering for every folded character where it came from.

Quotes copied by a model differ from the article in ways that do not change the words: case,
curly versus straight quotes, dashes, ellipses, runs of whitespace, and Unicode normalization
forms (NFC/NFD/NFKC). ``normalize_with_offsets`` folds all of these away and keeps a map from
each normalized character back to the span of ORIGINAL characters (Python ``str`` indices) it
came from, so a match found in normalized text is reported at the right place in the original,
whatever the script: CJK, Arabic, emoji, combining characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters folded to one ASCII form before comparison; NFKC handles the rest (… → ..., NBSP → space).
FOLDED = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "`": "'",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "﹘": "-",
    "﹣": "-",
    "－": "-",
    "\u00ad": "",  # soft hyphen: invisible in print
    "\u200b": "",  # zero-width space
    "\ufeff": "",
}


@dataclass(frozen=True)
class NormalizedText:
    """A normalized string and, per normalized character, the original span it stands for."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text back to a span of the original text."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of a base character plus the marks that compose with it (so NFC/NFD compare equal)."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and _extends(text[end]):
            end += 1
        spans.append((index, end))
        index = end
    return spans


def _extends(char: str) -> bool:
    code = ord(char)
    # Combining marks, Hangul medial/final jamo (which compose with a leading jamo under NFC),
    # variation selectors and emoji skin-tone modifiers.
    return (
        unicodedata.combining(char) != 0
        or 0x1160 <= code <= 0x11FF
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
    )


def normalize_with_offsets(text: str) -> NormalizedText:
    """Fold case, quotes, dashes, whitespace and Unicode forms, keeping an offset map to ``text``."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        cluster = text[start:end]
        folded = "".join(FOLDED.get(ch, ch) for ch in unicodedata.normalize("NFKC", cluster)).casefold()
        folded = unicodedata.normalize("NFC", folded)
        for char in folded:
            if char.isspace():
                if chars and chars[-1] == " ":
                    ends[-1] = end  # a run of whitespace is one space
                    continue
                char = " "
            chars.append(char)
            starts.append(start)
            ends.append(end)
    return NormalizedText("".join(chars), tuple(starts), tuple(ends))


def normalize(text: str) -> str:
    """The normalized form of ``text`` alone (no offset map), with outer whitespace removed."""
    return normalize_with_offsets(text).text.strip()


def fold_word(word: str) -> str:
    """Casefold, NFKC and fold apostrophes/hyphens so "Russia’s" and "russia's" compare equal.

    A trailing possessive ("'s", "s'") is dropped: the word is what is compared.
    """
    folded = "".join(FOLDED.get(ch, ch) for ch in unicodedata.normalize("NFKC", word)).casefold()
    if folded.endswith("'s"):
        return folded[:-2]
    return folded[:-1] if folded.endswith("'") else folded


def strip_accents(text: str) -> str:
    """``text`` without combining accents ("Pérez" -> "Perez")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
