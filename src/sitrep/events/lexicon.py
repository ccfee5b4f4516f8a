"""The event lexicon (data/lexicon.yaml) and the PLOVER ontology (data/plover.yaml) as lookups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from ..buildcache import load_yaml
from ..errors import E, SitrepError


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN
    type: str
    mode: str | None = None
    prt: str | None = None
    prep: str | None = None
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    prep_obj: frozenset[str] = frozenset()
    obj_named: bool = False
    no_clause: bool = False
    gov: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.prt, self.prep, self.obj, self.mod, self.prep_obj, self.gov))


def _read(name: str) -> Any:
    return load_yaml(f"events-{name}", resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def ontology() -> dict[str, Any]:
    return _read("plover.yaml")


def _cue(entry: dict[str, Any], pos: str, types: dict[str, Any]) -> Cue:
    t, mode = entry["type"], entry.get("mode")
    for key in ("lemma", "prt", "prep"):
        if key in entry and not isinstance(entry[key], str):  # YAML reads a bare on/off/no as a boolean
            raise SitrepError(E.E121, file="events/data/lexicon.yaml", detail=f"{entry}: '{key}' must be a quoted string")
    if t not in types or (mode and mode not in types[t]["modes"]):
        raise SitrepError(E.E121, file="events/data/lexicon.yaml", detail=f"{entry['lemma']}: unknown type or mode {t}/{mode}")
    return Cue(entry["lemma"], pos, t, mode, entry.get("prt"), entry.get("prep"), frozenset(entry.get("obj", ())),
               frozenset(entry.get("not_obj", ())), frozenset(entry.get("mod", ())), frozenset(entry.get("prep_obj", ())),
               bool(entry.get("obj_named", False)), bool(entry.get("no_clause", False)), frozenset(entry.get("gov", ())))


class Lexicon:
    def __init__(self, data: dict[str, Any], types: dict[str, Any]) -> None:
        self.verbs: dict[str, list[Cue]] = {}
        self.nouns: dict[str, list[Cue]] = {}
        for key, pos, table in (("verbs", "VERB", self.verbs), ("nouns", "NOUN", self.nouns)):
            for entry in data[key]:
                cue = _cue(entry, pos, types)
                table.setdefault(cue.lemma, []).append(cue)
        for table in (self.verbs, self.nouns):
            for cues in table.values():
                cues.sort(key=lambda c: -c.specificity)
        self.light_verbs = frozenset(data["light_verbs"])
        self.speech_verbs = frozenset(data["speech_verbs"])
        self.violence_nouns = frozenset(data.get("violence_nouns", ()))

    def match(self, tok: Token) -> Cue | None:
        """The most specific lexicon entry whose conditions ``tok`` meets, or None."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB",):
            cues = self.verbs.get(lemma, [])
        elif tok.pos_ in ("NOUN", "PROPN"):
            cues = self.nouns.get(lemma, [])
        else:
            return None
        for cue in cues:
            if _meets(cue, tok):
                return cue
        return None


def object_lemmas(tok: Token) -> set[str]:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "oprd")]
    if not objs and tok.dep_ == "acl":  # "the troops sent to ..." -> the noun modified
        objs = [tok.head]
    objs += [c for c in tok.children if c.dep_ == "nsubjpass"]
    out = set()
    for o in objs:
        out.add(o.lemma_.lower())
        out |= {c.lemma_.lower() for c in o.conjuncts}
        # "part of a military aid program", "700 kg of medicine": the measure's substance counts
        for prep in o.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out |= {g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"}
        out |= {c.lemma_.lower() for c in o.children if c.dep_ == "compound"}
        # "planes loaded with ammunition", "boats carrying aid": the cargo counts
        out |= {g.lemma_.lower() for acl in o.children if acl.dep_ == "acl" for prep in acl.children
                if prep.dep_ in ("prep", "dobj") for g in ([prep] if prep.dep_ == "dobj" else prep.children)
                if g.dep_ in ("pobj", "dobj")}
    return out


def _meets(cue: Cue, tok: Token) -> bool:
    children = list(tok.children)
    if cue.prt and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == cue.prt for c in children):
        return False
    if cue.prep and not any(c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == cue.prep for c in children):
        return False
    if cue.no_clause and any(g.pos_ == "VERB" for c in children if c.dep_ in ("prep", "xcomp", "ccomp")
                             for g in ([c] if c.dep_ != "prep" else c.children)):
        return False
    if cue.obj or cue.not_obj:
        objs = object_lemmas(tok)
        named = cue.obj_named and any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "PROPN" for c in children)
        if cue.obj and not (objs & cue.obj) and not named:
            return False
        if objs & cue.not_obj:
            return False
    if cue.mod and not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.lemma_.lower() in cue.mod for c in children):
        return False
    if cue.gov:  # the verb a noun is the object of ("launched strikes")
        head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head
        if head.lemma_.lower() not in cue.gov:
            return False
    if cue.prep_obj:
        # the object of the entry's preposition ("take to the streets"), or a noun's "of" ("movement of troops")
        want = cue.prep or "of"
        objs = [g for c in children if c.dep_ == "prep" and c.lower_ == want for g in c.children if g.dep_ == "pobj"]
        if not any(g.lemma_.lower() in cue.prep_obj for g in objs):
            return False
    return True


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(_read("lexicon.yaml"), ontology()["types"])


def intensity(event_type: str, mode: str | None) -> float:
    t = ontology()["types"][event_type]
    return float(t["modes"].get(mode, t["score"]) if mode else t["score"])


def cameo_root(event_type: str, mode: str | None) -> str:
    t = ontology()["types"][event_type]
    return str(t.get("mode_cameo", {}).get(mode, t["cameo"]))


def quad(event_type: str) -> str:
    return str(ontology()["types"][event_type]["quad"])
