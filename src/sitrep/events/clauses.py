"""What a cue's clause says beyond its actors: whether the act is offered, readied, refused or
done in protest, who its subject is (a crowd, rioters, an official), whether a verbal act has
content, and how a source and a target stand to each other. The checks ``extract`` makes on a
cue after finding its source and target.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..actors.extract import sector_nouns
from ..actors.kb import load_kb
from ..models import Mention
from .modality import governors
from .unattributed import crowd_sector


def group_nouns() -> frozenset[str]:
    return frozenset(n for n, sector in sector_nouns().items() if sector not in ("GOV",))


def same_side(s: Mention, t: Mention) -> bool:
    return s.actor.code is not None and s.actor.code == t.actor.code


def adjectival(m: Mention, doc: Doc) -> bool:
    """A state named by its adjective on a thing ("American help", "a Russian position")."""
    last = doc[m.token_end - 1]
    return last.dep_ in ("amod", "compound", "nmod") and last.head.pos_ == "NOUN"


def own_principal(source: Mention, target: Mention) -> bool:
    """A person or body acting on the very state or organisation it acts for ("Nato's chief warned
    the alliance"): not an interaction between actors."""
    return (source.actor.kind not in ("state", "international organisation") and target.actor.code == source.actor.code
            and target.actor.kind == "international organisation")


_READINESS = {"prepare", "poise", "gear", "mass", "brace"}
_OFFERING = {"ready", "willing", "offer", "volunteer"}
_INTENT_NOUNS = {"plan", "intention", "intent", "desire", "willingness"}


def intent(tok: Token) -> bool:
    """A refusal, not a negated fact: "will not withdraw", "has no plans to hand power" -- unlike
    "did not withdraw", which reports what did not happen."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    if any(a.dep_ == "aux" and a.lower_ in ("will", "would", "wo", "shall") for a in verb.children):
        return True
    head = verb.head if verb.dep_ in ("acl", "xcomp") else None
    return head is not None and head.lemma_.lower() in _INTENT_NOUNS


def offering(tok: Token) -> bool:
    return any(head.lemma_.lower() in _OFFERING for head, governs in governors(tok, limit=3) if governs)


def in_protest(tok: Token) -> bool:
    verb = tok if tok.pos_ == "VERB" else tok.head
    # the parser hangs "in protest" on the verb or on its object ("shut down oil fields in protest")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() == "protest" for g in c.children)
               for h in heads for c in h.children)


def readying(tok: Token) -> bool:
    return any(head.lemma_.lower() in _READINESS for head, governs in governors(tok, limit=3) if governs)


def official(m: Mention, doc: Doc) -> bool:
    """A government speaking, not a state adjective on a crowd ("Algerian landowners") nor its
    people ("Young Algerians")."""
    last = doc[m.token_end - 1]
    if last.pos_ == "ADJ" or last.dep_ == "amod" or last.tag_ in ("NNPS", "NNS"):
        return False
    state = load_kb().states.get(m.actor.code or "") if m.actor.kind == "state" else None
    if state is not None and m.text.casefold() in {d.casefold() for d in state.demonyms}:
        return False  # "thousands of Georgians": the people, whatever the tagger says
    return m.actor.kind in ("state", "government body") or m.actor.sector == "GOV"


_RIOTERS = {"protester", "demonstrator", "rioter", "mob", "crowd", "marcher"}


def rioters(tok: Token) -> bool:
    verb = tok if tok.pos_ == "VERB" else tok.head
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _RIOTERS for c in verb.children)


def crowd_subject(tok: Token) -> bool:
    """Whether the cue's subject is a crowd noun ("students throughout Indonesia", "rebels in ...")."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    crowd = group_nouns()
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lemma_.lower() in crowd or crowd_sector(c) is not None)
               for c in verb.children)


def has_complement(tok: Token) -> bool:
    """A verbal act with content ("refused to deploy", "rejected an appeal") is an event even without a
    named target; an opinion with none ("warned that things are bad") is not."""
    for c in tok.children:
        if c.dep_ in ("dobj", "xcomp", "attr", "ccomp") or (c.dep_ in ("advcl", "pcomp") and c.pos_ == "VERB"
                                                            and not any(m.dep_ == "mark" for m in c.children)):
            return True
        if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "against", "on") and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            return True
        if c.dep_ in ("acl", "relcl") and tok.pos_ == "NOUN":
            return True
    return False
