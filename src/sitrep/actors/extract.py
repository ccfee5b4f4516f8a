"""Actor mentions in one parsed article.

The cascade over a spaCy Doc (each step sees what earlier steps found):

1. Knowledge-base names (``gazetteer``): states, their adjectives and demonyms, organisations,
   people; capitals only where they stand for a government ("Moscow said"), not a place
   ("talks in Moscow"); a state adjective inside a longer organisation name gives that
   organisation its principal ("the German Institute for ..." -> DEU) instead of a mention.
2. NER fallback: PERSON and ORG entities the KB does not know, after junk filters (interface
   words, dates, numbers, non-Latin script, lowercase starts); honorifics stripped ("Mr").
3. Titles: a title before a person ("Italian Defense Minister Roberta Pinotti") or in
   apposition after it ("Jens Stoltenberg, Nato's secretary-general") gives the person a role
   and a principal; the words of the title are absorbed into the person's mention.
4. Agents: a state or organisation modifying a sector noun ("Russian warships", "the Libyan
   government", "Nato troops", "Haftar's forces") becomes that principal's sector.
5. Role phrases without a name ("the US president", "Italy's defence minister") resolve to the
   holder of that office on the article's date, or stay an agent when the date is unknown.

Coreference (``coref``) then adds later references. ``Cand`` is the working record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..buildcache import load_yaml
from ..geo import is_big_city, is_place_name
from .choose import choose, shared_principal
from .facts import DocFacts
from .fuzzy import FUZZY_MIN, fuzzy_person  # noqa: F401  (part of this module's interface)
from .gazetteer import Gazetteer
from .kb import KnowledgeBase
from .resolve import unknown_org_ref
from .titles import is_title_word, norm_title, office_index, title_sector, title_words

_LOCATIVE = {"in", "at", "to", "from", "near", "into", "outside", "via", "across", "around", "toward",
             "towards", "through", "between", "within", "inside", "off", "on", "over", "visit", "visited"}
_SEAT_OF = {"government", "authority", "administration", "regime", "cabinet", "leadership", "authorities"}
# "Tripoli's interior ministry", "Baghdad's government": a seat of government owning a state body.
_SEAT_BODIES = _SEAT_OF | {"ministry", "council", "parliament", "court", "prosecutor", "police", "army", "forces",
                           "security", "intelligence", "central", "embassy", "delegation", "envoy", "leader", "premier"}
_JUNK = {"connecting", "log", "logo", "google", "google+", "facebook", "twitter", "reply", "comment",
         "share", "email", "blog", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
         "sunday", "today", "yesterday", "tomorrow", "january", "february", "march", "april", "may",
         "june", "july", "august", "september", "october", "november", "december", "read", "related",
         "photo", "video", "getty", "images", "ap", "afp", "reuters", "advertisement", "loading"}
_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "di", "da", "van", "von", "der", "la", "le", "du",
              "ben", "abd", "abdul", "al-", "y", "del", "dos", "das", "ould", "ag", "'s", "’s", "-"}


@dataclass
class Cand:
    start: int
    end: int
    kind: str  # state | org | person | agent | new_person | new_org
    ident: str | None
    name: str
    how: str = "kb"
    sector: str | None = None
    code: str | None = None  # principal given by the text (titles, adjectives)
    title: str | None = None
    office: str | None = None
    historical: bool = False
    absorbed: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def sector_nouns() -> dict[str, str]:
    data = load_yaml("sectors", resources.files(__package__).joinpath("data/sectors.yaml").read_text("utf-8"))
    return {noun: sector for sector, nouns in data["sectors"].items() for noun in nouns}


def _locative(tok: Token) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (prev is not None and prev.lower_ in _LOCATIVE) or (tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE)


def junk(span: Span) -> bool:
    text = span.text.strip()
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not text[:1].isupper() or any(c.isdigit() for c in text):
        return True
    if any(c in text for c in "@#%/\\|<>{}[]=_") or "http" in text.casefold():
        return True
    if sum(1 for c in letters if "a" <= c.casefold() <= "z") < len(letters) * 0.8:
        return True  # non-Latin script: an English model's guess, not an entity
    words = [t.lower_ for t in span if not t.is_punct]
    return not words or all(w in _JUNK for w in words) or words[0] in _JUNK


def _person_like(span: Span) -> bool:
    """An ORG guess that reads as a person: two or three capitalised words with no organisation
    word, described by a person's role ("Claudia Major, a defence analyst at ...")."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not _person_ok(span) or unknown_org_ref(span.text, None).kind != "other":
        return False
    head = span[-1]
    return any(c.dep_ == "appos" and any(is_title_word(t.lemma_) for t in c.subtree) for c in head.children)


def _person_ok(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    return 1 <= len(words) <= 5 and all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in words)


def _strip(span: Span) -> Span:
    """Drop leading articles and honorifics and a trailing possessive."""
    doc, start, end = span.doc, span.start, span.end
    honor = title_words().honorifics
    while start < end - 1 and (doc[start].lower_ in ("the", "a", "an") or doc[start].lower_.rstrip(".") in honor):
        start += 1
    while end > start + 1 and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def kb_candidates(doc: Doc, gaz: Gazetteer, day: date | None, facts: DocFacts | None = None) -> list[Cand]:
    facts = facts or DocFacts(doc, gaz)
    kb = gaz.kb
    cands: list[Cand] = []
    org_ents = facts.org_ents
    matches = facts.matches
    for start, end, entries in matches:
        entry = choose(entries, kb, day)
        if entry is None and (code := shared_principal(entries, kb)) is not None:
            # "President Bush" with no date: which Bush is unknown, whom he acted for is not
            cands.append(Cand(start, end, "agent", None, doc[start:end].text, how="agent", sector="GOV", code=code))
            continue
        if entry is None or (entry.kind in ("capital", "seat") and _locative(doc[start])):
            continue
        if entry.kind == "seat" and not (doc[end - 1].dep_ in ("nsubj", "nsubjpass") and doc[end - 1].head.pos_ == "VERB") \
                and not (end < len(doc) and doc[end].lemma_.lower() in _SEAT_OF) \
                and not (doc[end - 1].dep_ == "poss" and doc[end - 1].head.lemma_.lower() in _SEAT_BODIES):
            continue  # "talks in Tripoli" is a place; "Tripoli rejected", "the Tripoli government" are the state
        kind = "state" if entry.kind in ("capital", "seat") else entry.kind
        cands.append(Cand(start, end, kind, entry.ident, entry.name))
    # A state adjective inside a longer organisation name the KB does not know.
    for ent in org_ents:
        inner = [c for c in cands if ent.start <= c.start and c.end <= ent.end]
        span = facts.strip(ent, _strip)
        if inner and all(c.kind == "state" for c in inner) and span.end - span.start > max(c.end - c.start for c in inner) \
                and not facts.junk(span, junk) and len(span) <= 10:
            for c in inner:
                cands.remove(c)
            cands.append(Cand(span.start, span.end, "new_org", None, span.text, how="ner", code=inner[0].ident))
    return sorted(cands, key=lambda c: c.start)


def ner_candidates(doc: Doc, taken: list[bool], kb: KnowledgeBase, facts: DocFacts | None = None) -> list[Cand]:
    found = facts.once("ner", lambda: _ner_found(doc, kb, facts)) if facts else _ner_found(doc, kb, None)
    return [Cand(*made) for start, end, made in found if made is not None and not any(taken[start:end])]


def _ner_found(doc: Doc, kb: KnowledgeBase, facts: DocFacts | None) -> list[tuple[int, int, tuple | None]]:
    """Each PERSON and ORG entity's stripped span and the Cand it gives where no KB name took it
    (start, end, kind, ident, name, how), or None."""
    out: list[tuple[int, int, tuple | None]] = []
    for ent in facts.ents if facts else doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        span = facts.strip(ent, _strip) if facts else _strip(ent)
        out.append((span.start, span.end, _ner_cand(ent, span, kb, facts)))
    return out


def _ner_cand(ent: Span, span: Span, kb: KnowledgeBase, facts: DocFacts | None) -> tuple | None:
    if (facts.junk(span, junk) if facts else junk(span)) or is_place_name(span.text) \
            or (ent.label_ == "ORG" and is_big_city(span.text)):
        return None  # a place the model took for a name ("Misrata", "Tartus", "the Sahel")
    if ent.label_ == "PERSON":
        if not _person_ok(span):
            return None
        people = kb.people_by_name(span.text)
        if len(people) != 1:
            people = [p for p in [fuzzy_person(kb, span.text)] if p is not None]
        if len(people) == 1:
            return (span.start, span.end, "person", people[0].id, people[0].name, "kb")
        return (span.start, span.end, "new_person", None, span.text, "ner")
    if _person_like(span):
        return (span.start, span.end, "new_person", None, span.text, "ner")
    if len(span) <= 10:
        return (span.start, span.end, "new_org", None, span.text, "ner")
    return None


def _title_left(doc: Doc, c: Cand, by_start: dict[int, Cand], cands: list[Cand]) -> tuple[int, list[Cand]] | None:
    """The title phrase right before a person: returns (its first token, principal cands in it)."""
    sent_start = doc[c.start].sent.start
    j = c.start - 1
    inner: list[Cand] = []
    first = c.start
    while j >= sent_start:
        t = doc[j]
        owner = next((o for o in by_start.values() if o.start <= j < o.end and o is not c), None)
        if owner is not None and (owner.kind in ("state", "org") or (owner.kind == "new_org" and owner.code)):
            inner.append(owner)
            first = owner.start
            j = owner.start - 1
            continue
        word = t.lower_
        if word in ("of", "for", "'s", "’s", "-") or (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ")) \
                or is_title_word(t.lemma_) or word in title_words().historical or word in ("foreign", "defence", "defense", "interior", "prime"):
            if owner is not None:  # an NER guess inside a title ("Defense" as ORG): title words
                cands.remove(owner) if owner in cands else None
                del by_start[owner.start]
            first = j
            j -= 1
            continue
        break
    while first < c.start and doc[first].lower_ in ("of", "for", "'s", "’s", "-"):
        first += 1
    words = [t for t in doc[first : c.start] if not any(o.start <= t.i < o.end for o in inner)]
    if not any(is_title_word(t.lemma_) or is_title_word(t.text) for t in words):
        return None
    return first, inner


def _appos(doc: Doc, c: Cand, cands: list[Cand]) -> tuple[Span, list[Cand]] | None:
    head = doc[c.end - 1]
    for child in head.children:
        if child.dep_ == "appos" and child.i >= c.end:
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if len(span) > 15 or not any(is_title_word(t.lemma_) or is_title_word(t.text) for t in span):
                return None
            inner = [o for o in cands if span.start <= o.start and o.end <= span.end and o.kind in ("state", "org", "new_org")]
            return span, inner
    return None


def _principal(inner: list[Cand], kb: KnowledgeBase) -> str | None:
    for o in inner:
        if o.kind == "state":
            return o.ident
        if o.kind == "org" and o.ident:
            return kb.organisations[o.ident].code
        if o.kind == "new_org" and o.code:
            return o.code
    return None


def _title_text(doc: Doc, start: int, end: int, inner: list[Cand]) -> str:
    """The role words only: "a defence analyst at the German Institute ..." -> "defence analyst"."""
    if inner:
        first_inner = min(o.start for o in inner)
        cut = next((t.i for t in doc[start:first_inner] if t.lower_ in ("at", "of", "with", "for", "from", "in")
                    and t.i > start and any(is_title_word(x.lemma_) for x in doc[start : t.i])), None)
        if cut is not None:
            end = cut
    words = [t for t in doc[start:end] if not any(o.start <= t.i < o.end for o in inner)]
    while words and (words[0].lower_ in ("a", "an", "the", ",") or words[0].is_punct):
        words = words[1:]
    while words and (words[-1].lower_ in ("a", "an", "the", "at", "of", "for", "with", "in", "from", ",") or words[-1].is_punct):
        words = words[:-1]
    return " ".join(t.text for t in words if t.lower_ not in ("'s", "’s"))


def attach_titles(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """Step 3: titles before and appositions after person mentions."""
    index = office_index()
    hist = title_words().historical
    for c in [c for c in cands if c.kind in ("person", "new_person")]:
        by_start = {o.start: o for o in cands}
        left = _title_left(doc, c, by_start, cands)
        if left:
            first, inner = left
            title, code = _title_text(doc, first, c.start, inner), _principal(inner, kb)
            c.start = first
            c.absorbed += [id(o) for o in inner]
        else:
            app = _appos(doc, c, cands)
            if not app:
                continue
            span, inner = app
            title, code = _title_text(doc, span.start, span.end, inner), _principal(inner, kb)
            c.absorbed += [id(o) for o in inner]
        words = norm_title(title).split()
        c.historical = bool(words) and words[0] in hist
        c.title = " ".join(w for w in title.split() if w.casefold() not in hist) or title
        c.code = code
        if code:
            offices = index.offices(code, c.title)
            c.office = offices[0] if offices else None
        c.sector = title_sector(c.title)
    drop = {i for c in cands for i in c.absorbed}
    cands[:] = [c for c in cands if id(c) not in drop]


def attach_agents(doc: Doc, cands: list[Cand], kb: KnowledgeBase, day: date | None) -> None:
    """Steps 4 and 5: state/org modifiers of sector nouns and of title nouns without a name."""
    nouns = sector_nouns()
    index = office_index()
    starts = {c.start for c in cands}
    for c in cands:
        if c.kind not in ("state", "org", "person"):
            continue
        tok = doc[c.end - 1]
        if tok.dep_ not in ("amod", "compound", "poss", "nmod") and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("'s", "’s")):
            continue
        head = tok.head if tok.head.i > tok.i else (doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("'s", "’s") else None)
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i - c.end > 3 or head.i in starts:
            continue
        code = c.ident if c.kind == "state" else (kb.organisations[c.ident].code if c.kind == "org" and c.ident else None)
        if c.kind == "person":
            continue  # "Haftar's forces": left to the events stage, which knows the person's principal
        end = head.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper() and is_title_word(head.lemma_):
            end += 2  # "Secretary of State", "Minister of Defence"
        phrase = " ".join(t.lemma_.lower() for t in doc[c.end : end] if t.lower_ not in ("'s", "’s"))
        last = head.lemma_.lower()
        if is_title_word(last) and code:
            offices = index.offices(code, phrase)
            holders = kb.holders(offices[0], day) if offices and day else []
            if len(holders) == 1:
                c.end, c.kind, c.ident, c.name, c.how = end, "person", holders[0].id, holders[0].name, "role"
                c.office, c.code, c.title = offices[0], code, phrase
                continue
            c.end, c.kind, c.sector, c.code, c.how = end, "agent", title_sector(phrase) or "GOV", code, "agent"
            c.title = phrase
            continue
        sector = _sector(phrase, nouns)
        if sector and code:
            if c.kind == "org" and kb.organisations[c.ident].sector == sector:  # type: ignore[index]
                c.end = end  # "Islamic State militants": the group itself
            else:
                c.end, c.kind, c.sector, c.code, c.how = end, "agent", sector, code, "agent"


# When a phrase names several sectors ("opposition delegation"), the most specific wins.
_SECTOR_PRIORITY = ("REB", "OPP", "MIL", "COP", "SPY", "LEG", "JUD", "REF", "CVL", "JRN", "BUS", "MED", "REL", "GOV")


def _sector(phrase: str, nouns: dict[str, str]) -> str | None:
    words = phrase.split()
    if words and words[-1] not in nouns and words[-1].endswith("s") and words[-1][:-1] in nouns:
        words[-1] = words[-1][:-1]  # a proper-noun plural keeps its "s" as lemma: "Kurds", "Tamils"
    found = {nouns[" ".join(words[i:j])] for i in range(len(words)) for j in range(i + 1, len(words) + 1)
             if " ".join(words[i:j]) in nouns}
    if not found or (words[-1] not in nouns and " ".join(words[-2:]) not in nouns):
        return None  # the head itself must be a group noun: "US airstrikes" is not an agent
    return next(s for s in _SECTOR_PRIORITY + tuple(sorted(found)) if s in found)


def candidates(doc: Doc, gaz: Gazetteer, day: date | None, facts: DocFacts | None = None) -> list[Cand]:
    facts = facts or DocFacts(doc, gaz)
    cands = kb_candidates(doc, gaz, day, facts)
    taken = [False] * len(doc)
    for c in cands:
        taken[c.start : c.end] = [True] * (c.end - c.start)
    cands += ner_candidates(doc, taken, gaz.kb, facts)
    cands.sort(key=lambda c: c.start)
    attach_titles(doc, cands, gaz.kb)
    attach_agents(doc, cands, gaz.kb, day)
    from .residence import (
        apply_residence,  # it builds on Cand: imported late, not circularly
    )

    apply_residence(doc, cands, gaz.kb)
    return _without_overlaps(cands)


def _without_overlaps(cands: list[Cand]) -> list[Cand]:
    """Earlier steps may have grown a mention over another ("U.S. Secretary of State"): keep the longer."""
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)

