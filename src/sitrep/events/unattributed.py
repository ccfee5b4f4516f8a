"""Actors the text describes but does not name: crowds and unidentified attackers.

"Tens of thousands of students throughout Indonesia staged demonstrations", "Prisoners rioted at
a jail in Dili", "A roadside bombing near Samarra killed a U.S. soldier": nobody named did these,
yet each is an event a coder lists. Event-data practice (ICEWS's "unidentified gunmen", the
PLOVER coders' records) codes such an actor by the country where it acted, with a sector saying
what it was: students CVL, prisoners CVL, gunmen REB, a bombing's author UAF (unidentified armed
force). Here:

* :func:`described_source` says whether a cue without a named source has such an actor, and its
  sector -- the extraction step keeps the candidate with ``source_how = "located:<SECTOR>"``;
* the events stage then gives it the country of the event's place (clause, sentence, dateline;
  ``sitrep.geo``), or for a protest with no place, the country of the government it targets; with
  neither, the candidate is dropped -- an actor with no country says nothing a user can join on.

Only material conflict and protest are coded this way (and sanctions by courts: sentences): a
crowd does not sign agreements, and an anonymous statement is not an event. An attack elaborated in the sentences after a named one
("Isis fighters stormed the town. Three soldiers were killed.") is the same attack, so a passive
report of violence right after an attributed one gets no unidentified source.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actors.extract import sector_nouns

LOCATED_TYPES = {"ASSAULT", "COERCE", "PROTEST", "SANCTION"}
VIOLENT_TYPES = {"ASSAULT", "COERCE"}
# Heads of quantity phrases to look through: "tens of thousands of students", "a group of prisoners".
_QUANTITY = {"ten", "tens", "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
             "millions", "group", "number", "some", "many", "most", "all", "one", "two", "three", "band", "gang",
             "crowd", "mob", "score", "scores", "majority", "third", "half"}
_PEOPLE = {"man", "men", "people", "person", "individual", "group", "assailant", "attacker", "gunman"}
_UNNAMED = {"armed", "masked", "unidentified", "unknown", "hooded", "suspected", "unmarked"}
# Sectors never coded from a bare noun: a lone "government" or "official" without a name is a
# reference the actors stage failed to resolve, not a crowd, and soldiers may be anyone's. Police
# and courts are the state bodies that are coded this way: "police in Hong Kong detained ...", "a
# court in Moscow sentenced ..." are that place's.
_NOT_CROWDS = {"GOV", "LEG", "SPY", "MIL", "BUS", "JRN", "MED", "REL"}


def crowd_sector(tok: Token, depth: int = 0) -> str | None:
    """The sector of a crowd noun phrase headed by ``tok`` ("students", "tens of thousands of
    workers", "a group of gunmen"), or None."""
    nouns = sector_nouns()
    lemma = tok.lemma_.lower()
    unnamed = any(c.dep_ == "amod" and c.lemma_.lower() in _UNNAMED for c in tok.children)
    if unnamed and (lemma in _PEOPLE or nouns.get(lemma) in ("MIL", "REB")):
        return "UAF"  # "armed men", "masked gunmen", "unidentified warplanes"
    words = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"] + [lemma]
    for n in range(len(words)):
        sector = nouns.get(" ".join(words[n:]))
        if sector is not None:
            return None if sector in _NOT_CROWDS else sector
    if (lemma in _QUANTITY or tok.like_num) and depth < 3:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return crowd_sector(obj, depth + 1)
    return None


def _clause_verb(tok: Token) -> Token | None:
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":  # "staged demonstrations"
        return tok.head
    return None


def described_source(tok: Token, etype: str, violence_nouns: frozenset[str], recent_violence: bool) -> str | None:
    """The sector of the unnamed actor of the event cued by ``tok``, or None when there is none to code."""
    if etype not in LOCATED_TYPES:
        return None
    verb = _clause_verb(tok)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")] if verb is not None else []
    if verb is not None and not subjects and verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.pos_ == "VERB":
        # "Hundreds of farmers drove into Paris to protest": the purpose clause's doers
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")]
    for subj in subjects:
        sector = crowd_sector(subj)
        if sector is not None:
            return sector if etype != "SANCTION" or sector == "JUD" else None
        if etype in VIOLENT_TYPES and _violent_thing(subj, violence_nouns):
            return "UAF"
    # Only a verb of harm reports the harm; a noun alone ("such an attack", "government
    # counter-attacks", "the killing of ...") too often names a known author around it.
    if etype not in VIOLENT_TYPES or tok.pos_ != "VERB" or subjects or recent_violence:
        return None
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    agent = any(c.dep_ == "agent" for c in tok.children)
    return "UAF" if passive and not agent else None


def _violent_thing(tok: Token, violence_nouns: frozenset[str]) -> bool:
    """ "A roadside bombing ...", "an explosion ...", "car bombs ..." as the subject of harm; a
    definite one ("the raids hit ...") is one the text has already attributed, or will."""
    if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children):
        return False
    return tok.lemma_.lower() in violence_nouns or any(
        c.dep_ == "compound" and c.lemma_.lower() in violence_nouns for c in tok.children)


# Objects of violence that are places: the state they are in is hit.
_PLACE_NOUNS = {"outskirts", "city", "town", "village", "camp", "district", "neighbourhood", "neighborhood",
                "area", "region", "suburb", "market", "hospital", "school", "port", "airport", "base", "position"}


def described_target(tok: Token, etype: str) -> str | None:
    """Victims the text describes but does not name ("killed dozens of civilians", "shelled the
    outskirts of Tripoli"): their sector ("" for a place: the state itself), placed by the stage
    like a described source; None when the act has no such object."""
    if etype not in VIOLENT_TYPES or tok.pos_ != "VERB":
        return None
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        sector = crowd_sector(obj)
        if sector is not None:
            return sector if sector not in ("UAF", "REB") else None
        if obj.lemma_.lower() in _PLACE_NOUNS or obj.ent_type_ in ("GPE", "LOC", "FAC"):
            return ""
    return None
