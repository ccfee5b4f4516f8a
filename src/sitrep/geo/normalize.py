"""Lookup keys for place names, from strict to loose.

The same place is written Ţarţūs, Tartus and Tartous; al-Zawiya, Az Zāwiyah and Zawiya;
Misratah and Misrata. Each name is turned into three keys, and a lookup tries them in order,
falling to the next only when the stricter one finds nothing (so "El Salvador" and
"Salvador" stay apart, while "al-Watiya" still finds "Watiya"):

1. :func:`fold` -- diacritics, case, the ʿ/ʾ/'/’ marks and punctuation removed;
2. :func:`unarticled` -- also the Arabic article (al-, el-, as-, az-, ...) dropped wherever
   it stands as a word of its own;
3. the loose key -- also the spelling habits of English, French and Italian transliteration
   folded together (ou/u, q/k, dj/j, dh/d, gh/g, iy/i, doubled letters, a final h after a
   vowel; the Maghrebi bu/bou for abu, ben for bin, beni for bani) and the spaces removed
   (Abugrein = Abu Grein, Qasr Bu Hadi = Qasr Abu Hadi, Gadames = Ghadames). The gazetteer
   accepts loose matches only for places in countries with Arabic-script names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import caching

# The ayn/hamza signs and every apostrophe-like mark: transliterations differ in whether
# they write them at all, so they are dropped rather than turned into spaces. Non-ASCII marks
# need no entry: whatever is not a letter after decomposition is dropped with the accents.
# Newlines separate names in the batch functions and are kept.
_ASCII = {i: " " for i in range(128) if not chr(i).isalnum() and chr(i) != "\n"}
_ASCII.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_ASCII.update(dict.fromkeys(map(ord, "'`."), None))
# Letters NFKD does not decompose into a base letter plus a mark.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
                          "ə": "e", "Ə": "E", "ħ": "h", "ŧ": "t"})

# The Arabic definite article as romanised by the British, French and Italian conventions,
# including its assimilated forms before "sun letters" (as-Sidra, az-Zawiya, ash-Shati).
ARTICLES = frozenset({
    "al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ech", "at", "et", "ath", "eth",
    "ad", "ed", "adh", "an", "en", "az", "ez",
})

_SPACES = re.compile(r" {2,}")
_EDGES = re.compile(r"^ | $", re.M)
_ARTICLE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")(?![a-z0-9])")
_FINAL_H = re.compile(r"(?<=[a-z][aeiou])h(?![a-z0-9])")
_KIN_WORDS = {"bu": "abu", "bou": "abu", "ben": "bin", "beni": "bani"}
_KIN = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_KIN_WORDS) + r")(?![a-z0-9])")
_DOUBLED = re.compile(r"([a-z])\1+")


def _ascii(name: str) -> str:
    # Accents go with the decomposition; letters of other scripts go too, as nothing in an
    # English text could match them.
    return unicodedata.normalize("NFKD", name.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")


def _tidy(text: str) -> str:
    return _EDGES.sub("", _SPACES.sub(" ", text))


def fold_many(names: list[str]) -> list[str]:
    """The strict key of every name (see :func:`keys_many`)."""
    names = [n if n.isascii() else _ascii(n) for n in names]
    text = "\n".join(n.replace("\n", " ") for n in names)
    return _tidy(text.translate(_ASCII)).split("\n")


def keys_many(names: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The three keys of every name, strict to loose (see the module docstring).

    All names are processed as one newline-joined text, so that the work is done by a few
    C-level string operations instead of a Python loop: the gazetteer keys some 80,000
    names within its one-second budget this way.
    """
    k0 = fold_many(names)
    stripped = _tidy(_ARTICLE.sub("", "\n".join(k0))).split("\n")
    k1 = [s or f for s, f in zip(stripped, k0)]  # a name that is all article stays itself
    loose = _KIN.sub(lambda m: _KIN_WORDS[m.group()], "\n".join(k1))
    for old, new in (("dj", "j"), ("dh", "d"), ("gh", "g"), ("ou", "u"), ("q", "k"), ("iy", "i")):
        loose = loose.replace(old, new)
    k2 = _DOUBLED.sub(r"\1", _FINAL_H.sub("", loose).replace(" ", "")).split("\n")
    return k0, k1, k2


def keys(name: str) -> tuple[str, str, str]:
    """The three lookup keys of one name, strict to loose (some may be equal or empty)."""
    k0, k1, k2 = keys_many([name])
    return k0[0], k1[0], k2[0]


@lru_cache(maxsize=caching.NAMES)
def fold(name: str) -> str:
    """Case, diacritics, apostrophe marks and punctuation folded away; words single-spaced."""
    return fold_many([name])[0]  # the strict key alone (cached: the same phrases recur in every article)
