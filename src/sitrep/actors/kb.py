"""The actor knowledge base: states, organisations, offices and the people who held them.

Knowledge is data: the four files in ``data/`` (their schema is ``data/SCHEMA.md``). This module

1. loads them (``offices.yaml`` and ``people.yaml`` may be absent: they count as empty);
2. validates every entry with a pydantic model, then the references between files (unique ids,
   known codes, known offices, dates that parse and run forwards) -- any failure raises
   :class:`SitrepError` (E120/E121) naming the file, the entry and the field;
3. answers lookups by name, alias, code and date.

:func:`check` lists what is suspicious but legal (overlapping holders of one office, names that
point at several entities at once) as warnings, since acting and disputed holders exist.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .. import caching

DATA_DIR = Path(__file__).with_name("data")
STATE_COLUMNS = ("iso3", "iso2", "name", "short_names", "adjectives", "demonyms", "capital",
                 "capital_metonym", "qid")
Kind = Literal["state", "government body", "military", "police", "armed non-state group",
               "international organisation", "NGO", "party", "person", "media", "company", "other"]
# PLOVER 2.0 sector codes (manual, table 5.2) plus IGO and NGO; see SCHEMA.md.
Sector = Literal["COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
                 "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
                 "PRE", "REL", "SOC", "IGO", "NGO"]
KINDS: tuple[str, ...] = get_args(Kind)
SECTORS: tuple[str, ...] = get_args(Sector)
OVERLAP_TOLERANCE = timedelta(days=7)  # handovers and acting periods: a week of overlap is normal
COLLECTIVE_OFFICE_KINDS = frozenset({"member"})  # offices that several people hold at once

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"


def _partial_date(value: Any) -> str | None:
    """YAML gives dates, ints or strings; keep one of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    is_year = isinstance(value, int) and not isinstance(value, bool)
    text = f"{value:04d}" if is_year else str(value).strip()
    if not _DATE.match(text):
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    date_bounds(text)  # raises ValueError on 2016-13 or 2016-02-30
    return text


@lru_cache(maxsize=caching.NAMES)  # pure, and asked the same few thousand values all the time
def date_bounds(value: str | None) -> tuple[date, date]:
    """First and last day a partial date can mean (``2016`` -> 2016-01-01, 2016-12-31)."""
    if value is None:
        return date.min, date.max
    y, mo, d = (int(g or 0) for g in _DATE.match(value).groups())  # type: ignore[union-attr]
    if d:
        return date(y, mo, d), date(y, mo, d)
    if mo:
        return date(y, mo, 1), date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)
    return date(y, 1, 1), date(y, 12, 31)


PartialDate = Annotated[str | None, BeforeValidator(_partial_date)]
Names = Annotated[tuple[str, ...], BeforeValidator(lambda v: () if v is None else v)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class State(_Model):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    short_names: Names = ()
    adjectives: Names = ()
    demonyms: Names = ()
    capital: str = ""
    capital_metonym: bool = False
    qid: str | None = Field(default=None, pattern=r"^Q[1-9]\d*$")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_names, *self.adjectives, *self.demonyms)


class Organisation(_Model):
    id: str = Field(pattern=r"^(Q[1-9]\d*|org:[a-z0-9]+(-[a-z0-9]+)*)$")
    name: str = Field(min_length=1)
    code: str = Field(pattern=_CODE)
    kind: Kind
    sector: Sector
    other_sectors: tuple[Sector, ...] = ()
    principal: str = Field(pattern=_CODE)
    aliases: Names = ()
    anaphors: Names = ()
    start: PartialDate = None
    end: PartialDate = None
    notes: str | None = None
    block: str = ""
    source: str = ""

    def active_on(self, day: date) -> bool:
        return date_bounds(self.start)[0] <= day <= date_bounds(self.end)[1]


class Office(_Model):
    office: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*\.[a-z0-9_]+$")
    org: str = Field(pattern=_CODE)
    sector: Sector
    kind: str = Field(pattern=r"^[a-z_]+$")
    titles: Names = ()


class Role(_Model):
    office: str = Field(min_length=1)
    start: PartialDate = None
    end: PartialDate = None
    acting: bool = False

    def held_on(self, day: date) -> bool:
        return date_bounds(self.start)[0] <= day <= date_bounds(self.end)[1]


class Person(_Model):
    id: str = Field(pattern=r"^(Q[1-9]\d*|person:[a-z0-9]+(-[a-z0-9]+)*)$")
    name: str = Field(min_length=1)
    aliases: Names = ()
    roles: tuple[Role, ...] = ()
    block: str = ""
    source: str = ""


# ---------------------------------------------------------------------------- name keys
_PUNCT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-",
                        "\u2014": "-", "\u2010": "-", "\u2011": "-"})


@lru_cache(maxsize=caching.NAMES)  # pure, and asked the same few thousand values all the time
def name_key(text: str) -> str:
    """Normal form of a name: plain apostrophes, single spaces, no possessive, no leading
    "the", hyphens as spaces."""
    t = " ".join(text.translate(_PUNCT).split())
    t = re.sub(r"(?<=\w)'s?$", "", t)
    t = re.sub(r"^the\s+", "", t, flags=re.IGNORECASE)
    return " ".join(t.replace("-", " ").split())


def _case_sensitive(key: str) -> bool:
    """All-caps forms ("US", "U.K.", "IS", "NATO") match only as written; the rest in any case."""
    return any(c.isalpha() for c in key) and not any(c.islower() for c in key)


class _Index:
    """Name -> entities, case-sensitive for all-caps forms and case-insensitive otherwise."""

    def __init__(self) -> None:
        self.exact: dict[str, dict[str, Any]] = defaultdict(dict)
        self.folded: dict[str, dict[str, Any]] = defaultdict(dict)

    def add(self, name: str, ident: str, item: Any) -> None:
        key = name_key(name)
        if key:
            bucket = self.exact[key] if _case_sensitive(key) else self.folded[key.casefold()]
            bucket[ident] = item

    def get(self, text: str) -> list[Any]:
        key = name_key(text)
        found = self.exact.get(key) or self.folded.get(key.casefold()) or {}
        return list(found.values())

    def buckets(self) -> Iterable[tuple[str, list[Any]]]:
        for table in (self.exact, self.folded):
            yield from ((k, list(v.values())) for k, v in table.items() if len(v) > 1)


# ---------------------------------------------------------------------------- loading
class KnowledgeBase:
    """The loaded, validated KB: ``states`` by iso3, ``organisations`` by id, ``offices`` by office
    id, ``people`` by id, and lookups over them."""

    def __init__(self, states: dict[str, State], organisations: dict[str, Organisation],
                 offices: dict[str, Office], people: dict[str, Person]) -> None:
        self.states, self.organisations = states, organisations
        self.offices, self.people = offices, people
        self._state_names, self._capitals = _Index(), _Index()
        self._aliases, self._anaphors, self._people_names = _Index(), _Index(), _Index()
        self._by_code: dict[str, list[Organisation]] = defaultdict(list)
        self._tenures: dict[str, list[tuple[Person, Role]]] = defaultdict(list)
        for s in states.values():
            for name in s.names:
                self._state_names.add(name, s.iso3, s)
            self._capitals.add(s.capital, s.iso3, s)
        for o in organisations.values():
            self._by_code[o.code].append(o)
            for name in (o.name, *o.aliases):
                self._aliases.add(name, o.id, o)
            for name in o.anaphors:
                self._anaphors.add(name, o.id, o)
        for p in people.values():
            for name in (p.name, *p.aliases):
                self._people_names.add(name, p.id, p)
            for r in p.roles:
                self._tenures[r.office].append((p, r))

    @classmethod
    def load(cls, data_dir: Path) -> KnowledgeBase:
        from .kbload import read_all  # the file readers and their checks (kbload.py)

        return cls(*read_all(data_dir))

    # ------------------------------------------------------------------------ lookups
    def states_by_name(self, text: str) -> list[State]:
        """States a name, short form, adjective or demonym may mean ("Italy's", "U.S.", "Emirati")."""
        return self._state_names.get(text)

    def state_by_name(self, text: str) -> State | None:
        """The one state ``text`` names, or None (unknown, or ambiguous like "Congolese")."""
        found = self.states_by_name(text)
        return found[0] if len(found) == 1 else None

    def state_by_capital(self, text: str, metonym_only: bool = True) -> State | None:
        """The state whose capital ``text`` is; by default only capitals used for the government."""
        found = [s for s in self._capitals.get(text) if s.capital_metonym or not metonym_only]
        return found[0] if len(found) == 1 else None

    def orgs_by_alias(self, text: str, on: date | None = None) -> list[Organisation]:
        """Organisations a name or alias may mean; with ``on``, only those that existed that day."""
        return [o for o in self._aliases.get(text) if on is None or o.active_on(on)]

    def org_by_alias(self, text: str, on: date | None = None) -> Organisation | None:
        """The one organisation ``text`` names (on that day, if given), or None."""
        found = self.orgs_by_alias(text, on)
        return found[0] if len(found) == 1 else None

    def orgs_by_anaphor(self, text: str, on: date | None = None) -> list[Organisation]:
        """Organisations a context-dependent phrase ("the alliance", "the bloc") may refer back to."""
        return [o for o in self._anaphors.get(text) if on is None or o.active_on(on)]

    def org_by_code(self, code: str) -> Organisation | None:
        """The organisation a non-state code stands for (its code and principal are the code)."""
        found = self._by_code.get(code, [])
        roots = [o for o in found if o.principal == code]
        return roots[0] if len(roots) == 1 else (found[0] if len(found) == 1 else None)

    def plover_country(self, org: Organisation) -> str:
        """PLOVER's country field: the iso3, or UNO/EUR/IGO/NGO/IMG/MNC for non-state codes."""
        if org.code in self.states:
            return org.code
        if org.code in ("UN", "EU"):
            return {"UN": "UNO", "EU": "EUR"}[org.code]
        root = self.org_by_code(org.code) or org
        return {"NGO": "NGO", "armed non-state group": "IMG", "company": "MNC",
                "media": "NGO"}.get(root.kind, "IGO")

    def people_by_name(self, text: str) -> list[Person]:
        return self._people_names.get(text)

    def roles_of(self, person_id: str) -> tuple[Role, ...]:
        return self.people[person_id].roles

    def holders(self, office_id: str, on: date) -> list[Person]:
        """Who held ``office_id`` on ``on`` (a role with ``end: null`` is current); several for
        acting, disputed or handover days. Partial dates count from their first to their last day."""
        if office_id not in self.offices:
            raise KeyError(f"unknown office '{office_id}'")
        held = [(p, r) for p, r in self._tenures.get(office_id, []) if r.held_on(on)]
        held.sort(key=lambda t: date_bounds(t[1].start)[0])
        return list({p.id: p for p, _ in held}.values())

    def check(self) -> list[KBWarning]:
        from . import kbcheck

        return kbcheck.check(self)


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    from sitrep.buildcache import cached, fingerprint

    here = Path(__file__)
    key = fingerprint(files=[DATA_DIR, here, here.with_name("kbcheck.py"), here.with_name("kbload.py")], packages=["pydantic", "pydantic-core", "PyYAML"])
    return cached("kb", key, lambda: KnowledgeBase.load(DATA_DIR), KnowledgeBase)


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """The KB in ``data_dir``; the shipped one (loaded once and cached) when None."""
    return _default_kb() if data_dir is None else KnowledgeBase.load(Path(data_dir))


from .kbcheck import KBWarning, check  # noqa: F401  (re-exported; kbcheck needs the classes above)
