"""Titles and roles: "US Secretary of State", "Nato's secretary-general", "a defence analyst".

A title phrase is normalised (case, hyphens, defense/defence, possessives) and matched against
the office titles of the knowledge base for the principal the phrase names ("US" -> USA): that
gives an office id, whose holders on a date the KB knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import caching
from ..buildcache import load_yaml
from .kb import KnowledgeBase, load_kb


@dataclass(frozen=True)
class TitleWords:
    sector_of: dict[str, str]
    historical: frozenset[str]
    honorifics: frozenset[str]


@lru_cache(maxsize=1)
def title_words() -> TitleWords:
    data = load_yaml("titles", resources.files(__package__).joinpath("data/titles.yaml").read_text("utf-8"))
    sector_of = {w: sector for sector, words in data["title_words"].items() for w in words}
    return TitleWords(sector_of, frozenset(data["historical"]), frozenset(data["honorifics"]))


_SPELLING = {"defense": "defence", "advisor": "adviser", "organization": "organisation"}


@lru_cache(maxsize=caching.NAMES)  # pure; the same titles and words come back in every article
def norm_title(text: str) -> str:
    """Lowercase, plain words, British spelling, no articles or possessives."""
    t = text.casefold().replace("’", "'").replace("-", " ")
    t = re.sub(r"'s\b|\bthe\b|\ba\b|\ban\b|[^\w\s]", " ", t)
    words = [_SPELLING.get(w, w) for w in t.split()]
    return " ".join(words)


class OfficeIndex:
    """(principal code, normalised title) -> office ids."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_title: dict[tuple[str, str], list[str]] = {}
        for office in kb.offices.values():
            own = {office.org.casefold()}
            if office.org in kb.states:
                own |= {norm_title(n) for n in kb.states[office.org].names}
            for title in office.titles:
                norm = norm_title(title)
                keys = {norm}
                # "NATO chief", "US President": the principal's own name is given by the context.
                for name in own:
                    if norm.startswith(name + " "):
                        keys.add(norm[len(name) + 1 :])
                for key in keys:
                    ids = self.by_title.setdefault((office.org, key), [])
                    if office.office not in ids:
                        ids.append(office.office)

    def offices(self, code: str, title: str) -> list[str]:
        """Offices of ``code`` that ``title`` names; tries the title and its last words."""
        words = norm_title(title).split()
        for i in range(len(words)):
            found = self.by_title.get((code, " ".join(words[i:])))
            if found:
                return found
        return []


@lru_cache(maxsize=1)
def office_index() -> OfficeIndex:
    return OfficeIndex(load_kb())


def title_sector(title: str) -> str | None:
    """The sector a role word implies (general -> MIL, minister -> GOV), or None."""
    words = title_words().sector_of
    norm = norm_title(title).split()
    for n in (3, 2, 1):
        for i in range(len(norm) - n, -1, -1):
            sector = words.get(" ".join(norm[i : i + n]))
            if sector and sector != "GOV":
                return sector
    return "GOV" if any(w in words for w in norm) else None


def is_title_word(lemma: str) -> bool:
    return norm_title(lemma) in title_words().sector_of
