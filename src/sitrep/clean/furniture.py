"""Line-level recognition of page furniture, credits and teasers (cues in furniture.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .normalize import word_count

_SEPARATORS = ":-–—|»›"


@dataclass(frozen=True)
class Cues:
    credits: tuple[re.Pattern[str], ...]
    credits_max_words: int
    teaser_prefixes: tuple[str, ...]
    teasers_max_words: int
    ui: tuple[re.Pattern[str], ...]
    ui_max_words: int
    ui_weak: tuple[re.Pattern[str], ...]
    ui_weak_max_words: int


def _compile(section: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in section["patterns"])


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = yaml.safe_load(resources.files(__package__).joinpath("furniture.yaml").read_text("utf-8"))
    prefixes = sorted((p.casefold() for p in data["teasers"]["prefixes"]), key=len, reverse=True)
    return Cues(
        credits=_compile(data["credits"]),
        credits_max_words=data["credits"]["max_words"],
        teaser_prefixes=tuple(prefixes),
        teasers_max_words=data["teasers"]["max_words"],
        ui=_compile(data["ui"]),
        ui_max_words=data["ui"]["max_words"],
        ui_weak=_compile(data["ui_weak"]),
        ui_weak_max_words=data["ui_weak"]["max_words"],
    )


def credit_of(line: str) -> str | None:
    """The outlet, domain or URL a credit line names, else None."""
    cues = load_cues()
    if word_count(line) > cues.credits_max_words:
        return None
    for pattern in cues.credits:
        m = pattern.match(line)
        if m:
            credit = m.group("credit").strip(" .:-–—()[]")
            if credit and _looks_like_name(credit):
                return credit
    return None


_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


def _looks_like_name(credit: str) -> bool:
    """An outlet is a domain/URL and/or a short run of mostly capitalised words, not a sentence."""
    had_link = bool(_LINK.search(credit))
    rest = _LINK.sub(" ", credit)
    words = re.findall(r"[^\W\d_][\w'’&.-]*", rest)
    if not words:
        return had_link
    if len(words) > 8:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.casefold() in {"of", "the", "and", "de", "al"})
    return caps / len(words) >= 0.6


def is_teaser(line: str) -> bool:
    cues = load_cues()
    if word_count(line) > cues.teasers_max_words:
        return False
    folded = line.casefold()
    for prefix in cues.teaser_prefixes:
        if not folded.startswith(prefix):
            continue
        rest = line[len(prefix):]
        if rest and rest[0].isalnum():
            continue  # "Relatedly", "Watchdog": not the cue word
        stripped = rest.lstrip()
        if not stripped:
            return True
        if stripped[0] in _SEPARATORS:
            return True
        if line[: len(prefix)].isupper():
            return True
    return False


def is_ui(line: str) -> bool:
    cues = load_cues()
    n = word_count(line)
    if n <= cues.ui_max_words:
        hits = [p for p in cues.ui if p.search(line)]
        # An unanchored cue inside a full sentence ("... all rights reserved for ...") is prose;
        # a line that *starts* with a cue ("Log in to comment ...") is not.
        if any(p.pattern.startswith("^") for p in hits):
            return True
        if hits and not (n >= 8 and line.rstrip()[-1] in ".!?\"”’" and "%" not in line):
            return True
    return n <= cues.ui_weak_max_words and any(p.search(line) for p in cues.ui_weak)
