"""Checks of the knowledge base that warn rather than fail (see SCHEMA.md): acting and disputed
holders exist, and some names are ambiguous on purpose, so these are warnings, not errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .kb import COLLECTIVE_OFFICE_KINDS, OVERLAP_TOLERANCE, Role, date_bounds

if TYPE_CHECKING:
    from .kb import KnowledgeBase


@dataclass(frozen=True)
class KBWarning:
    """Something :func:`check` found suspicious but legal."""

    rule: str
    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message} [{self.rule}]"


def _certain(role: Role) -> tuple[date, date]:
    """The days a role was surely held: from the last day its start may mean to the first its end may."""
    return date_bounds(role.start)[1], date.max if role.end is None else date_bounds(role.end)[0]


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> timedelta:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi < lo:
        return timedelta(0)
    return timedelta.max if hi == date.max else hi - lo + timedelta(days=1)


def _overlapping_holders(kb: KnowledgeBase) -> Iterable[KBWarning]:
    for office_id, tenures in sorted(kb._tenures.items()):
        if kb.offices[office_id].kind in COLLECTIVE_OFFICE_KINDS:
            continue
        for i, (p1, r1) in enumerate(tenures):
            for p2, r2 in tenures[i + 1:]:
                if _overlap(_certain(r1), _certain(r2)) > OVERLAP_TOLERANCE:
                    message = f"{p1.id} ({r1.start}..{r1.end}) and {p2.id} ({r2.start}..{r2.end}) overlap"
                    yield KBWarning("overlapping-holders", "people.yaml", office_id, message)


def _ambiguous_names(kb: KnowledgeBase) -> Iterable[KBWarning]:
    for key, states in kb._state_names.buckets():
        names = ", ".join(s.iso3 for s in states)
        yield KBWarning("ambiguous-state-name", "states.csv", key, f"names several states: {names}")
    for key, orgs in kb._aliases.buckets():
        spans = [(date_bounds(o.start)[0], date_bounds(o.end)[1]) for o in orgs]
        if any(_overlap(a, b) > OVERLAP_TOLERANCE for i, a in enumerate(spans) for b in spans[i + 1:]):
            names = ", ".join(o.id for o in orgs)
            yield KBWarning("ambiguous-alias", "organisations.yaml", key,
                            f"names several organisations at once: {names}")
    for states_table, orgs_table in ((kb._state_names.exact, kb._aliases.exact),
                                     (kb._state_names.folded, kb._aliases.folded)):
        for key in sorted(states_table.keys() & orgs_table.keys()):
            message = f"is a name of {', '.join(states_table[key])} and an alias of {', '.join(orgs_table[key])}"
            yield KBWarning("state-org-clash", "organisations.yaml", key, message)


def check(kb: KnowledgeBase | None = None) -> list[KBWarning]:
    """Warnings (see SCHEMA.md): single-holder offices held by two people at once for more than a
    week, and names that point at several states, or at several organisations existing at once."""
    from .kb import load_kb

    kb = kb or load_kb()
    return [*_overlapping_holders(kb), *_ambiguous_names(kb)]
