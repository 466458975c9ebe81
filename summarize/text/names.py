"""Name identity: when two renderings name the same actor. One rule, used by the engine, the
checker, the attribution finder, the eval and the outlet comparison.

"Mr Al-Sharaa", "al‑Sharaa" (non-breaking hyphen) and "Ahmed al-Sharaa" are one person;
"Dr HA Hellyer", "H.A. Hellyer" and "Hellyer" are one analyst; "Hmeimim" and "Khmeimim" are one
base (one transliteration table); "SDF" is "Syrian Democratic Forces" when its letters are the
name's initials. "Syrian" is not "Syrian Democratic Forces": a shorter name must keep the longer
one's last word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import fold_word, strip_accents
from .words import word_set

# Forms of address, and titles of office, that say nothing about who is meant.
COURTESY_TITLES = word_set("mr mrs ms miss dr prof professor sir dame lord lady")
HONORIFICS = COURTESY_TITLES | word_set(
    """president general gen sheikh colonel col minister ambassador senator judge governor mayor"""
)
# Words in a name that do not identify it ("the Kremlin" is "Kremlin").
_NOT_IDENTIFYING = HONORIFICS | {"the"}
# Particles inside names that are not the name ("al-Sharaa" is "Sharaa").
NAME_PARTICLES = word_set("al el ad as ash at an ar bin ibn abu de da di du van von der la le ben")
# Sound correspondences between common romanizations of Arabic, Russian and other names.
TRANSLITERATION = (
    ("dzh", "j"), ("kh", "h"), ("zh", "j"), ("dh", "d"), ("ph", "f"), ("q", "k"), ("ou", "u"),
    ("ee", "i"), ("y", "i"),
)  # fmt: skip

_PARENTHESES = re.compile(r"\([^)]*\)")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar)-(?=\w)")
_SPLIT = re.compile(r"[^\w.]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def token_key(token: str) -> str:
    """A spelling-insensitive key for one name token ("Khmeimim" and "Hmeimim" agree)."""
    text = strip_accents(fold_word(token))
    text = _PARTICLE_PREFIX.sub("", text)
    text = "".join(ch for ch in text if ch.isalnum())
    for source, target in TRANSLITERATION:
        text = text.replace(source, target)
    return _FINAL_H.sub("", _DOUBLED.sub(r"\1", text))


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """A name as comparable keys: honorifics, particles, possessives and an acronym in brackets dropped."""
    text = _PARENTHESES.sub(" ", fold_word(name))
    keys: list[str] = []
    for raw in _SPLIT.split(text.replace("-", " - ")):
        word = raw.strip(".")
        if not word or word == "-" or word in _NOT_IDENTIFYING or word in NAME_PARTICLES:
            continue
        if "." in word:  # initials "H.A." are one token "ha"
            word = word.replace(".", "")
        key = token_key(word)
        if key:
            keys.append(key)
    return tuple(keys)


def name_key(name: str) -> str:
    """One string key for a name; equal keys always mean the same name."""
    return " ".join(name_tokens(name))


def acronym_of(name: str) -> str | None:
    """The initials of a multi-word name ("Syrian Democratic Forces" -> "sdf"), or None."""
    capitals = [w for w in re.findall(r"[^\W\d_][\w’'-]*", name) if w[:1].isupper()]
    return "".join(w[0] for w in capitals).casefold() if len(capitals) >= 2 else None


def same_name(first: str, second: str) -> bool:
    """Whether two renderings name the same actor (see the module docstring)."""
    a, b = name_tokens(first), name_tokens(second)
    if not a or not b:
        return False
    if a == b:
        return True
    if a[-1] == b[-1]:
        shorter, longer = sorted((a, b), key=len)
        if longer[len(longer) - len(shorter) :] == shorter:
            return True  # "Transport Minister Ines Varro" / "Ines Varro"
        if len(a) > 1 and len(b) > 1:
            # Same surname: the first names must agree, or one be the other's initials ("ha" / "hamid").
            return a[0] == b[0] or a[0].startswith(b[0]) or b[0].startswith(a[0])
        return True
    shorter, longer = sorted((a, b), key=len)
    if set(shorter) <= set(longer) and longer[-1] in shorter:
        return True
    if len(shorter) == 1 and len(longer) >= 2:
        long_name = second if len(b) >= 2 else first
        short_name = first if long_name is second else second
        return short_name.strip().isupper() and acronym_of(long_name) == shorter[0]
    return False
