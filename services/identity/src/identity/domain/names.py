"""Comparing Vietnamese personal names as the population database records them.

Two spellings are the same name when they differ only in letter case, spacing, Unicode form
(precomposed "ễ" or "e" + combining marks) or the position of the tone mark: the old and new
orthographies put it on different vowels ("Hòa"/"Hoà", "Thủy"/"Thuỷ", "Khỏe"/"Khoẻ"), both in
use on identity documents. Different tones, different vowel marks (â, ă, ê, ô, ơ, ư) or "đ"
versus "d" are different names; ``same_letters`` tells when only such marks differ.
"""

from __future__ import annotations

import unicodedata

# The five tone marks of Vietnamese as Unicode combining characters.
TONE_MARKS = frozenset({"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"})


def normalize_spacing(name: str) -> str:
    """NFC, single spaces, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _syllable_key(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.casefold())
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return f"{letters}{tones}"  # the tone, wherever it was written, goes after the syllable


def name_key(name: str) -> str:
    """A comparison key that ignores case, spacing, Unicode form and tone-mark position."""
    return " ".join(_syllable_key(s) for s in normalize_spacing(name).split(" ") if s)


def strip_marks(name: str) -> str:
    """The name without any diacritics, lower case, single-spaced ("Đặng" → "dang")."""
    decomposed = unicodedata.normalize("NFD", normalize_spacing(name).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", "d")


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def same_letters(a: str, b: str) -> bool:
    """True when the names differ at most in their diacritics."""
    return strip_marks(a) == strip_marks(b)
