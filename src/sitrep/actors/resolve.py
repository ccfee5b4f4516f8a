"""From what a mention names to an ActorRef with its principal on the article's date.

A person keeps the principal of the office held on that date ("Kerry" in 2016 -> USA); a role
the text gives wins when the date is unknown; a person who no longer holds any office keeps
the principal of the last one, marked historical.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..models import ActorRef
from .kb import KnowledgeBase, Person, Role, date_bounds

# Offices that say most about whom a person acts for, first.
_KIND_RANK = {"head_of_state": 0, "head_of_government": 1, "de_facto_leader": 1, "foreign_minister": 2,
              "defence_minister": 3, "secretary_general": 2, "military_commander": 3}
SECTOR_NAMES = {"GOV": "government", "MIL": "military", "COP": "police", "LEG": "legislature",
                "JUD": "judiciary", "REB": "rebels", "OPP": "opposition", "CVL": "civilians",
                "REF": "refugees", "BUS": "business", "JRN": "media", "SPY": "intelligence",
                "MED": "health", "REL": "religious", "EDU": "education", "PRM": "paramilitary",
                "UAF": "unidentified attackers", "UNK": "unidentified", "LAB": "labour"}


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "unknown"


def state_ref(kb: KnowledgeBase, iso3: str) -> ActorRef:
    s = kb.states[iso3]
    return ActorRef(s.qid or f"state:{iso3}", s.name, "state", iso3, None)


def org_ref(kb: KnowledgeBase, org_id: str) -> ActorRef:
    o = kb.organisations[org_id]
    return ActorRef(o.id, o.name, o.kind, o.code, o.sector)


def code_name(kb: KnowledgeBase, code: str) -> str:
    if code in kb.states:
        return kb.states[code].name
    org = kb.org_by_code(code)
    return org.name if org else code


def agent_ref(kb: KnowledgeBase, code: str, sector: str | None) -> ActorRef:
    """A state's or organisation's sector as an actor: "Russian warships" -> RUS MIL."""
    if sector is None:
        if code in kb.states:
            return state_ref(kb, code)
        org = kb.org_by_code(code)
        if org:
            return org_ref(kb, org.id)
    label = SECTOR_NAMES.get(sector or "", (sector or "").lower())
    kind = "military" if sector == "MIL" else "police" if sector == "COP" else "government body" if sector in ("GOV", "LEG", "JUD") else "other"
    return ActorRef(f"agent:{code}-{sector}".lower(), f"{code_name(kb, code)} ({label})", kind, code, sector)


def _rank(kb: KnowledgeBase, role: Role) -> int:
    return _KIND_RANK.get(kb.offices[role.office].kind, 5)


def _title(kb: KnowledgeBase, role: Role) -> str:
    return office_title(kb, role.office)


def office_title(kb: KnowledgeBase, office_id: str) -> str:
    office = kb.offices[office_id]
    return office.titles[0] if office.titles else office.kind.replace("_", " ")


def person_ref(kb: KnowledgeBase, person_id: str, day: date | None, *, office: str | None = None,
               text_code: str | None = None, text_title: str | None = None) -> tuple[ActorRef, str | None, bool]:
    """(ref, role, historical) for a KB person on ``day``.

    ``office`` is an office the text's title names ("US Secretary of State" -> USA.foreign_minister);
    ``text_code``/``text_title`` what the text says when no office matched.
    """
    p: Person = kb.people[person_id]
    roles = list(p.roles)
    if day is not None:
        held = [r for r in roles if r.held_on(day)]
        if held:
            pick = next((r for r in held if r.office == office), None) or min(held, key=lambda r: _rank(kb, r))
            o = kb.offices[pick.office]
            return ActorRef(p.id, p.name, "person", o.org, o.sector), _title(kb, pick), False
    if office and office in kb.offices:
        o = kb.offices[office]
        # With a date, a titled office not held on it is a past one ("former Secretary of State").
        return ActorRef(p.id, p.name, "person", o.org, o.sector), office_title(kb, office), day is not None
    if day is not None and roles:
        before = [r for r in roles if date_bounds(r.start)[0] <= day]
        if before:  # no office on the date: the last one held, as history ("Libyan dictator Gaddafi")
            last = max(before, key=lambda r: date_bounds(r.end)[1])
            o = kb.offices[last.office]
            return ActorRef(p.id, p.name, "person", o.org, o.sector), text_title or _title(kb, last), True
    if text_code:
        return ActorRef(p.id, p.name, "person", text_code, "GOV"), text_title, False
    if not roles:
        return ActorRef(p.id, p.name, "person", None, None), None, False
    # No date: the principal all the person's offices share, else the latest office's.
    orgs = {kb.offices[r.office].org for r in roles}
    latest = max(roles, key=lambda r: date_bounds(r.start)[0])
    best = min(roles, key=lambda r: (_rank(kb, r), -date_bounds(r.start)[0].toordinal()))
    o = kb.offices[best.office] if len(orgs) == 1 else kb.offices[latest.office]
    return ActorRef(p.id, p.name, "person", o.org, o.sector), _title(kb, best if len(orgs) == 1 else latest), False


def unknown_person_ref(name: str, code: str | None, sector: str | None) -> ActorRef:
    return ActorRef(f"person:{slug(name)}", name, "person", code, sector)


_ORG_KINDS = (
    (r"\b(?:army|forces|brigade|battalion|militia|command|guard|navy|air force)\b", "military", "MIL"),
    (r"\b(?:police|gendarmerie)\b", "police", "COP"),
    (r"\b(?:ministry|government|council|cabinet|commission|authority|agency|department|office|presidency)\b", "government body", "GOV"),
    (r"\b(?:parliament|assembly|congress|senate|house)\b", "government body", "LEG"),
    (r"\b(?:party|movement|front)\b", "party", "PTY"),
    (r"\b(?:institute|foundation|centre|center|watch|committee for|society|association|ngo)\b", "NGO", "NGO"),
    (r"\b(?:bank|company|corporation|corp|group|inc|ltd|airlines?|oil)\b", "company", "BUS"),
    (r"\b(?:news|times|post|tv|television|radio|agency|press|journal|herald|gazette)\b", "media", "JRN"),
    (r"\b(?:university|college|school)\b", "other", "EDU"),
)


def unknown_org_ref(name: str, code: str | None) -> ActorRef:
    low = name.casefold()
    kind, sector = "other", None
    for pattern, k, s in _ORG_KINDS:
        if re.search(pattern, low):
            kind, sector = k, s
            break
    return ActorRef(f"org:{slug(name)}", name, kind, code, sector)
