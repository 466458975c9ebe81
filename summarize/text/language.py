"""Which language a text is in, cheaply: the writing system most of its letters belong to, and
for Latin script the share of its words that are English function words (the text layer's own
stopword list). No model, no dependency: enough to tell an English article from a Chinese,
Arabic, Russian or Spanish one, which is all the rule-based engine needs to know.
"""

from __future__ import annotations

from dataclasses import dataclass

from .words import STOPWORDS, TOKEN_RE

# (first, last code point, language code, name) for scripts that identify a language or family.
_SCRIPTS: tuple[tuple[int, int, str, str], ...] = (
    (0x0370, 0x03FF, "el", "Greek"),
    (0x0400, 0x052F, "ru", "a Cyrillic-script language (Russian, Ukrainian, ...)"),
    (0x0530, 0x058F, "hy", "Armenian"),
    (0x0590, 0x05FF, "he", "Hebrew"),
    (0x0600, 0x06FF, "ar", "Arabic"),
    (0x0750, 0x077F, "ar", "Arabic"),
    (0x08A0, 0x08FF, "ar", "Arabic"),
    (0xFB50, 0xFDFF, "ar", "Arabic"),
    (0xFE70, 0xFEFF, "ar", "Arabic"),
    (0x0900, 0x097F, "hi", "a Devanagari-script language (Hindi, Marathi, ...)"),
    (0x0980, 0x09FF, "bn", "Bengali"),
    (0x0E00, 0x0E7F, "th", "Thai"),
    (0x10A0, 0x10FF, "ka", "Georgian"),
    (0x1100, 0x11FF, "ko", "Korean"),
    (0x3040, 0x30FF, "ja", "Japanese"),
    (0x3400, 0x4DBF, "zh", "Chinese"),
    (0x4E00, 0x9FFF, "zh", "Chinese"),
    (0xAC00, 0xD7AF, "ko", "Korean"),
)
_SAMPLE = 20_000  # characters looked at: the start of an article says what language it is in
_MIN_ENGLISH_SHARE = 0.15  # English running text has 30-50% function words; other Latin-script text far fewer
_MIN_WORDS = 8  # below this a Latin-script text is given the benefit of the doubt


@dataclass(frozen=True)
class Language:
    """A guess at a text's language: ISO 639-1 ``code`` ("und" when unknown), a ``name`` for
    people, and whether the English-only readers can read it."""

    code: str
    name: str

    @property
    def is_english(self) -> bool:
        return self.code == "en"


ENGLISH = Language("en", "English")


def detect_language(text: str) -> Language:
    """The language of ``text`` (see the module docstring)."""
    sample = text[:_SAMPLE]
    counts: dict[tuple[str, str], int] = {}
    latin = 0
    for char in sample:
        if not char.isalpha():
            continue
        code = ord(char)
        if code < 0x0250:
            latin += 1
            continue
        for first, last, language, name in _SCRIPTS:
            if first <= code <= last:
                counts[(language, name)] = counts.get((language, name), 0) + 1
                break
    if counts:
        (language, name), letters = max(counts.items(), key=lambda item: item[1])
        if language == "ja" or (language == "zh" and counts.get(("ja", "Japanese"), 0) > 0.1 * letters):
            language, name = "ja", "Japanese"  # Japanese mixes kana with Han characters
        if letters > latin:
            return Language(language, name)
    words = [w for w in TOKEN_RE.findall(sample) if w[:1].isalpha()]
    if len(words) < _MIN_WORDS:
        return ENGLISH
    share = sum(w.casefold() in STOPWORDS for w in words) / len(words)
    return ENGLISH if share >= _MIN_ENGLISH_SHARE else Language("und", "a language other than English")
