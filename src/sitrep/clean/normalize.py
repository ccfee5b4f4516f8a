"""Character-level normalisation, paragraph splitting and content ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that change nothing for a reader but break matching: zero-width
# spaces, BOMs, word joiners, soft hyphens, and bidi controls (which can also disguise text).
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\ufeff\u2060\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"),
    None,
)
# Every Unicode space separator (NBSP, thin and figure spaces...) becomes a plain space.
_SPACES = re.compile(r"[^\S\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_TERMINAL = ".!?…:;\"'”’»)]"


def normalize_chars(text: str) -> str:
    """NFC, plain spaces, no invisible or control characters, trimmed lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text.translate(_INVISIBLE))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_units(text: str) -> list[str]:
    """Split normalised text into paragraph units.

    Blank lines separate blocks. Inside a block, each line is its own unit (much web copy has
    one paragraph per line and no blank lines) unless the block looks hard-wrapped: several
    lines of similar width whose line ends are mostly not sentence ends.
    """
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(not 30 <= len(ln) <= 100 for ln in body):
        return False
    open_ends = sum(1 for ln in body if not ln.endswith(tuple(_TERMINAL)))
    return open_ends >= len(body) / 2


def is_sentence_end(line: str) -> bool:
    return line.rstrip().endswith(tuple(_TERMINAL))


def fingerprint(text: str) -> str:
    """Case- and space-insensitive form used for ids and repetition checks."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[‘’´`]", "'", folded)
    folded = re.sub(r"[“”«»]", '"', folded)
    return " ".join(folded.split())


def content_id(text: str) -> str:
    """Article id: the first 16 hex digits of SHA-256 over the fingerprint of the clean text."""
    return hashlib.sha256(fingerprint(text).encode("utf-8")).hexdigest()[:16]


def word_count(text: str) -> int:
    return len(text.split())
