"""Who did it, to whom: source and target actors of a cue from the dependency parse.

The source is the actor who acts or speaks: the subject of a verb cue (climbing through
``xcomp``/``conj``/``advcl`` to a shared subject, and through "X joined Y in calling for" to
both), the ``by`` agent of a passive, the possessor or modifier of a noun cue ("Trump's demand",
"US airstrikes"), a ``from``/``by`` phrase ("a request from the Libyan government"), or the
subject of the verb a noun cue hangs from ("the US has carried out airstrikes", "in a phone call
with X, the president said"). The target is the object, the object of a telling preposition
("on", "against", "with", "to"), or the subject of a content clause ("demanded the alliance
expand its role"); an actor inside a non-actor object also counts ("halt Libya's slide").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from ..actors.kb import load_kb
from ..actors.resolve import agent_ref
from ..models import Mention
from .unattributed import crowd_sector

_GROUP_HEADS = {"ten", "third", "half", "quarter", "majority", "rest", "leader", "member", "official", "force", "troop", "representative", "minister", "delegation",
                "government", "army", "militia", "fighter", "soldier", "envoy", "head", "thousand", "hundred",
                "dozen", "million", "group", "number", "some", "many", "most", "part", "unit", "contingent",
                "delegate", "diplomat", "president"}
# Collective nouns a place phrase can give a principal: "opposition groups in Zimbabwe".
_COLLECTIVE = {"group", "party", "faction", "coalition", "movement", "union", "organisation", "organization",
               "body", "authority", "official", "leader", "member", "people", "force", "activist", "supporter"}
_TARGET_PREPS = ("on", "against", "with", "to", "at", "toward", "towards", "into", "upon", "for", "over", "about",
                 "regarding", "concerning")
# "with" names a partner, not a target, except in meetings, cooperation, agreements and clashes.
_WITH_TYPES = {"CONSULT", "COOPERATE", "AGREE", "ASSAULT", "SUPPORT"}
# A noun cue in a time phrase ("after the meeting") is not its governing verb's doing.
_GOVERNING_PREPS = {"in", "during", "through", "via", "by", "on"}
# Verbal conflict and support are about something: "concerns regarding Russia's moves to Libya" is
# about Russia; for other nouns the direction comes first ("aid to Libya").
_TOPIC_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "THREATEN"}
_TOPIC_PREPS = ("regarding", "about", "over", "concerning", "against", "at", "on", "with", "of", "for")
_QUANTITY = {"hundred", "dozen", "thousand", "series", "number", "wave", "string", "spate", "round", "volley", "barrage",
             "couple", "handful", "lot", "score", "flurry"}
_RAISING = {"expect", "say", "report", "believe", "think", "set", "schedule", "due", "likely", "understand", "know",
            "rumour", "rumor", "allege", "suppose", "see"}
_SELF_MOVING = {"deploy", "send", "dispatch", "station", "move", "redeploy", "withdraw", "pull", "fly", "position",
                "demobilize", "demobilise", "disarm", "disband", "evacuate"}
# "the UN-backed government", "Turkish-led forces": the backer is not the actor.
_BACKING = {"backed", "led", "based", "allied", "aligned", "sponsored", "supported", "funded", "brokered", "recognised",
            "recognized"}
_PRONOUNS = {"it", "they", "its", "their", "them", "we", "our", "us"}
# Verbs whose object is an act of someone else: its author is not their subject.
_OPPOSING = {"condemn", "denounce", "deplore", "criticise", "criticize", "counter", "face", "fight", "combat",
             "tackle", "confront", "repel", "resist", "defeat", "deter", "thwart", "foil", "prevent", "stop",
             "halt", "survive", "suffer", "fear", "investigate", "probe", "blame", "mourn", "protest",
             "oppose", "reject", "deny", "address", "respond", "counteract", "neutralise", "neutralize", "avert",
             "withstand", "endure", "regret", "lament", "report", "document", "witness"}
# "withdrew from Niger", "pulled out of the pact": whom one withdraws from receives the act.
_FROM_TYPES = {"RETREAT", "SANCTION"}
_OWN_BODIES = {"army": "MIL", "military": "MIL", "government": "GOV", "ministry": "GOV", "police": "COP",
               "navy": "MIL", "coastguard": "MIL", "administration": "GOV"}
_OWN_STATE = {"country", "nation", "government", "administration"}
_POSSESSIVES = {"his", "her", "its", "their", "our"}
_LOYAL = {"loyal", "allied", "affiliated", "aligned", "close"}
_PLACE_PREPS = {"in", "from", "of", "throughout", "across", "inside"}
_SOURCE_PREPS = ("by", "from")
_OBJECT_CONTROL = {"urge", "ask", "call", "press", "persuade", "force", "order", "encourage", "tell", "invite",
                   "pressure", "push", "allow", "help"}


@dataclass(frozen=True)
class Found:
    mentions: tuple[Mention, ...]
    how: str  # subject | agent | poss | modifier | prep | object | clause | governor | speaker | context


class MentionIndex:
    """Token index -> the actor mention that covers it."""

    def __init__(self, mentions: Iterable[Mention], speech: frozenset[str] = frozenset(),
                 group_nouns: frozenset[str] = frozenset()) -> None:
        self.at: dict[int, Mention] = {}
        self.speech = speech
        self.group_nouns = group_nouns
        for m in mentions:
            for i in range(m.token_start, m.token_end):
                self.at[i] = m

    def _modifier(self, tok: Token) -> Mention | None:
        """The actor among a noun's modifiers: compounds and adjectives (and theirs) before possessors,
        so that "Osama bin Laden's al-Qaeda network" is al-Qaeda's."""
        for deps in (("compound", "amod", "nmod"), ("poss",)):
            for child in tok.children:
                if child.dep_ in deps and not _backer(child):
                    if child.i in self.at:
                        return self.at[child.i]
                    if child.dep_ == "compound":
                        for grand in child.children:
                            if grand.dep_ in ("compound", "amod") and grand.i in self.at:
                                return self.at[grand.i]
        return None

    def _pronoun(self, tok: Token, people: bool = False) -> list[Mention]:
        """it/they/its/their: the speaker of the report they stand in ("Switzerland said it had
        expelled"), else the subject of the main clause before them. With ``people``, a person
        counts too ("the minister said his country would ...": his country is the minister's)."""
        t = tok
        for _ in range(6):
            if t.head.i == t.i:
                break
            t = t.head
            if t.lemma_.lower() in self.speech or (t.pos_ == "VERB" and t.i < tok.i):
                for subj in t.children:
                    if subj.dep_ in ("nsubj", "nsubjpass") and subj.i != tok.i and subj.i < tok.i:
                        found = [m for m in self.actors(subj, 1) if people or m.actor.kind != "person"]
                        if found:
                            return found[:1]
        return []

    def _located(self, tok: Token) -> list[Mention]:
        """A group noun placed by its own phrase: "students throughout Indonesia", "forces in Guinea"."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
                for obj in prep.children:
                    m = self.at.get(obj.i)
                    if obj.dep_ == "pobj" and m is not None and m.actor.kind == "state":
                        return [_crowd_of(tok, m)]
        return []

    def _loyal(self, tok: Token) -> list[Mention]:
        """A group defined by whom it serves: "tribal groups loyal to Haftar", "militias allied with
        the government" act on that side."""
        for mod in tok.children:
            if mod.dep_ in ("amod", "acl") and mod.lemma_.lower() in _LOYAL:
                for prep in mod.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                found = [self.at[obj.i]] if obj.i in self.at else self.actors(obj, 2)
                                if found:
                                    return found[:1]
        return []

    def _speakers_body(self, tok: Token) -> list[Mention]:
        """ "Haftar's spokesman said the army would not withdraw": a bare "the army" (or "the
        government") in a reported clause is the speaker's own."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
                any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.children):
            return []
        t = tok
        for _ in range(6):
            if t.head.i == t.i:
                return []
            t = t.head
            if t.lemma_.lower() in self.speech:
                for subj in t.children:
                    if subj.dep_ == "nsubj" and subj.i != tok.i:
                        side = [m for m in self.actors(subj, 1) if m.actor.code]
                        if side:
                            actor = agent_ref(load_kb(), side[0].actor.code, _OWN_BODIES[tok.lemma_.lower()])
                            return [Mention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "coref", side[0].sentence,
                                            tok.i, tok.i + 1)]
                return []
        return []

    def _owner(self, poss: Token) -> list[Mention]:
        """ "his country", "her government": the nearest person or official named before it in the
        sentence ("comments by Italian Defence Minister Pinotti that her country was preparing")."""
        sent = poss.sent
        for i in range(poss.i - 1, sent.start - 1, -1):
            m = self.at.get(i)
            if m is not None and m.actor.code and (m.actor.kind == "person" or m.actor.sector == "GOV"):
                return [m]
        return []

    def actors(self, tok: Token, depth: int = 0) -> list[Mention]:
        """Actors a noun phrase headed by ``tok`` stands for, conjuncts included."""
        found: list[Mention] = []
        m = self.at.get(tok.i)
        if m is not None:
            found.append(m)
        elif tok.lower_ in _PRONOUNS and tok.pos_ == "PRON":
            found += self._pronoun(tok)
        elif tok.lemma_.lower() in _OWN_STATE and (poss := [c for c in tok.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES]):
            found += self._owner(poss[0])
        else:
            modifier = self._modifier(tok)
            if modifier is not None:
                found.append(modifier)
            else:
                if tok.lemma_.lower() in _GROUP_HEADS and depth < 2:
                    for prep in tok.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "including"):
                            for obj in prep.children:
                                if obj.dep_ == "pobj":
                                    found += self.actors(obj, depth + 1)
                if not found and (tok.lemma_.lower() in self.group_nouns or tok.lemma_.lower() in _COLLECTIVE):
                    found += self._loyal(tok) or self._located(tok)
                if not found and depth == 0 and tok.lemma_.lower() in _OWN_BODIES:
                    found += self._speakers_body(tok)
        if depth == 0:
            for conj in tok.conjuncts:
                if conj.i > tok.i:
                    found += self.actors(conj, depth + 1)
        return _unique(found)

    def inside(self, tok: Token, skip: set[str] | None = None) -> list[Mention]:
        """Actors anywhere in ``tok``'s subtree, nearest first."""
        seen = []
        for t in sorted(tok.subtree, key=lambda t: abs(t.i - tok.i)):
            m = self.at.get(t.i)
            if m is not None and (not skip or m.actor.actor_id not in skip):
                seen.append(m)
        return _unique(seen)


def _crowd_of(tok: Token, state: Mention) -> Mention:
    """The people a group noun names, as an agent of the state they are in: "students throughout
    Indonesia" -> IDN civilians (not Indonesia's government); a noun with no sector of its own
    ("group", "movement") stays with the state."""
    sector = crowd_sector(tok)
    if sector is None or state.actor.code is None:
        return state
    actor = agent_ref(load_kb(), state.actor.code, sector)
    return Mention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "located", state.sentence, tok.i, tok.i + 1)


def _backer(tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in _BACKING


def _unique(mentions: list[Mention]) -> list[Mention]:
    out, ids = [], set()
    for m in mentions:
        if m.actor.actor_id not in ids:
            ids.add(m.actor.actor_id)
            out.append(m)
    return out


def self_group(idx: MentionIndex) -> frozenset[str]:
    """Nouns for people who act themselves (soldiers, protesters, officials)."""
    return idx.group_nouns | _COLLECTIVE


def _child(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def verb_source(verb: Token, idx: MentionIndex, speech: frozenset[str]) -> Found | None:
    """The actor(s) doing what ``verb`` says."""
    seen = 0
    v = verb
    came_from: Token | None = None
    while v is not None and seen < 5:
        seen += 1
        if any(c.dep_ == "nsubjpass" for c in v.children):
            if came_from is not None and came_from.dep_ == "conj" and not _child(came_from, "nsubjpass", "nsubj"):
                # "X has been indicted by the court and will resign": the one who resigns is X, the
                # subject the two verbs share, not the first verb's agent
                for subj in _child(v, "nsubjpass"):
                    if idx.actors(subj):
                        return Found(tuple(idx.actors(subj)), "subject")
                return None
            for agent in _child(v, "agent"):
                for obj in _pobj(agent):
                    if idx.actors(obj):
                        return Found(tuple(idx.actors(obj)), "agent")
            # "Haftar's forces are expected to launch ...": a raising verb's subject does the act;
            # "mercenaries have been deployed to ...": forces moved are their own mobilizers.
            if (came_from is not None and came_from.dep_ == "xcomp" and v.lemma_.lower() in _RAISING) or \
                    (came_from is None and v.lemma_.lower() in _SELF_MOVING):
                for subj in _child(v, "nsubjpass"):
                    if idx.actors(subj):
                        return Found(tuple(idx.actors(subj)), "subject")
            return None
        for subj in _child(v, "nsubj", "csubj", "expl"):
            actors = idx.actors(subj) or _before_time_subject(subj, idx)
            joined = _joined(v, idx)
            if actors or joined:
                return Found(tuple(_unique(actors + joined)), "subject")
            return None
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in _OBJECT_CONTROL:
            for obj in _child(v.head, "dobj"):
                if idx.actors(obj):
                    return Found(tuple(idx.actors(obj)), "object")
            for prep in _child(v.head, "prep"):
                if prep.lower_ == "on":
                    for obj in _pobj(prep):
                        if idx.actors(obj):
                            return Found(tuple(idx.actors(obj)), "object")
        if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") and v.head.head.pos_ == "VERB":
            # "accused Russia of flying warplanes", "thanked Italy for sending": the object acts
            objs = _child(v.head.head, "dobj")
            for obj in objs:
                if idx.actors(obj):
                    return Found(tuple(idx.actors(obj)), "object")
            if objs:
                return None  # the accused is no actor we know ("accused Baghdad of ..."): not the accuser
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN", "PRON") and v.tag_ != "VBN":
            actors = idx.actors(v.head)
            if actors:
                return Found(tuple(actors), "subject")
            if v.dep_ == "acl" and v.tag_ == "VBG" and (v.head.lemma_.lower() in self_group(idx)):
                return None  # "soldiers fighting militants": the soldiers fight, whoever governs the clause
        if v.pos_ in ("NOUN", "PROPN") and v.dep_ in ("dobj", "attr", "pobj") and seen > 1:
            came_from, v = v, (v.head.head if v.dep_ == "pobj" else v.head)  # "issued a declaration demanding ..."
            continue
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "ccomp", "acomp") or (v.dep_ == "pobj" and v.head.dep_ == "prep"):
            nxt = v.head
            if nxt.dep_ == "prep":  # "joined X in calling for": climb over the preposition
                nxt = nxt.head
            if nxt.lemma_.lower() in speech and v.dep_ == "ccomp":
                return None  # a reported clause without a subject: the caller decides
            came_from, v = v, nxt
            continue
        break
    return None


def _before_time_subject(subj: Token, idx: MentionIndex) -> list[Mention]:
    """'Donald Trump this week demanded ...': the parser made "week" the subject; the actor is the
    name right before the time phrase."""
    if subj.ent_type_ not in ("DATE", "TIME"):
        return []
    first = subj.left_edge.i
    before = subj.doc[first - 1] if first > 0 else None
    return [idx.at[before.i]] if before is not None and before.i in idx.at else []


def _joined(verb: Token, idx: MentionIndex) -> list[Mention]:
    """'Italy joined the US, France ... in calling for': the joined actors act too."""
    head = verb.head.head if verb.head.dep_ == "prep" else None
    if verb.dep_ in ("pcomp", "pobj") and head is not None and head.lemma_.lower() == "join":
        for obj in _child(head, "dobj"):
            return idx.actors(obj)
    return []


def joined_sources(verb: Token, idx: MentionIndex) -> list[Mention]:
    """Sources of a cue inside "X joined Y in Ving": X and every Y."""
    prep = verb.head
    if verb.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.lower_ == "in" and prep.head.lemma_.lower() == "join":
        join = prep.head
        out: list[Mention] = []
        for subj in _child(join, "nsubj"):
            out += idx.actors(subj)
        for obj in _child(join, "dobj"):
            out += idx.actors(obj)
        return _unique(out)
    return []


def verb_target(verb: Token, idx: MentionIndex, skip: set[str], movement: bool = False, etype: str = "") -> Found | None:
    # What a deployment moves ("sent troops") is the mover's own; its target is where they go.
    for obj in _child(verb, "dative", "attr") if etype == "MOBILIZE" else _child(verb, "dobj", "dative", "attr"):
        actors = [m for m in idx.actors(obj) if m.actor.actor_id not in skip]
        if actors:
            return Found(tuple(actors), "object")
    for subj in _child(verb, "nsubjpass"):
        actors = [m for m in idx.actors(subj) if m.actor.actor_id not in skip]
        if actors:
            return Found(tuple(actors), "object")
    preps = [p for p in _child(verb, "prep", "dative", "prt") if (p.lower_ in _TARGET_PREPS
             and (p.lower_ != "with" or etype in _WITH_TYPES)) or (p.lower_ == "from" and etype in _FROM_TYPES)]
    if movement:
        preps.sort(key=lambda p: p.lower_ not in ("to", "into", "toward", "towards"))
    for prep in preps:
        for obj in _pobj(prep):
            actors = [m for m in idx.actors(obj) or idx.inside(obj, skip) if m.actor.actor_id not in skip]
            if actors:
                return Found(tuple(actors), "prep")
    for comp in _child(verb, "ccomp", "xcomp"):
        for subj in _child(comp, "nsubj", "nsubjpass"):
            actors = [m for m in idx.actors(subj) if m.actor.actor_id not in skip]
            if actors:
                return Found(tuple(actors), "clause")
    for obj in _child(verb, "dobj"):
        actors = idx.inside(obj, skip)
        if actors:
            return Found(tuple(actors[:1]), "object")
    return None


def noun_source(noun: Token, idx: MentionIndex, speech: frozenset[str]) -> Found | None:
    for child in noun.children:
        if child.dep_ == "poss" and idx.actors(child):
            return Found(tuple(idx.actors(child)), "poss")
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "mediation mission": the mission's place in the sentence is the cue's
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _QUANTITY:
        noun = noun.head.head  # "carried out hundreds of air strikes": the quantity stands in the clause
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i in idx.at:
            return Found((idx.at[child.i],), "modifier")
    if noun.i in idx.at:  # the cue is inside an actor mention ("Nato's military intervention")
        return Found((idx.at[noun.i],), "modifier")
    for prep in _child(noun, "prep", "agent"):
        if prep.lower_ in _SOURCE_PREPS:
            for obj in _pobj(prep):
                if idx.actors(obj):
                    return Found(tuple(idx.actors(obj)), "prep")
    # The verb the noun hangs from: "X carried out airstrikes", "in a phone call with Y, X said",
    # "X released a video showing the beheading of Y".
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ not in _GOVERNING_PREPS:
            return None
        head = head.head
    if head.dep_ == "acl" and head.head.dep_ in ("dobj", "pobj") and head.head.head.pos_ == "VERB":
        head = head.head.head
    if noun.dep_ == "appos":
        head = noun.head.head if noun.head.dep_ in ("nsubj", "nsubjpass", "dobj") else noun.head
    if head.pos_ in ("VERB", "AUX") and head.i != noun.i:
        if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in ("be",):
            return None
        if head.lemma_.lower() in _OPPOSING:
            return None  # "condemned the attack", "to counter the threat": someone else's act
        found = verb_source(head, idx, speech)
        if found:
            return Found(found.mentions, "governor")
    for acl in _child(noun.head if noun.dep_ == "appos" else noun, "acl"):
        for agent in _child(acl, "agent"):
            for obj in _pobj(agent):
                if idx.actors(obj):
                    return Found(tuple(idx.actors(obj)), "agent")
    return None


def _copula_content(noun: Token, idx: MentionIndex, skip: set[str]) -> list[Mention]:
    """'The message, a veiled threat, ..., was that the alliance's failure would ...': the
    statement's content is the clause after the copula; its first actor is the target."""
    subj = noun.head if noun.dep_ == "appos" else noun
    if subj.dep_ != "nsubj" or subj.head.lemma_ != "be":
        return []
    for comp in _child(subj.head, "ccomp", "attr"):
        if comp.i == subj.i:
            continue
        for inner in _child(comp, "nsubj", "nsubjpass"):
            found = [m for m in idx.actors(inner) or idx.inside(inner, skip) if m.actor.actor_id not in skip]
            if found:
                return found[:1]
    return []


def noun_target(noun: Token, idx: MentionIndex, skip: set[str], of_is_target: bool, etype: str = "") -> Found | None:
    for clause in _child(noun, "acl", "relcl", "advcl"):  # "Trump's call for Nato to expand ..."
        for subj in _child(clause, "nsubj"):
            actors = [m for m in idx.actors(subj) if m.actor.actor_id not in skip]
            if actors:
                return Found(tuple(actors), "clause")
    content = _copula_content(noun, idx, skip)
    if content:
        return Found(tuple(content), "clause")
    preps = [p for p in _child(noun, "prep", "acl") if (p.lower_ in _TARGET_PREPS or (of_is_target and p.lower_ == "of"))
             and (p.lower_ != "with" or etype in _WITH_TYPES) and (p.lower_ != "at" or etype in _TOPIC_TYPES)]
    first = _TOPIC_PREPS if etype in _TOPIC_TYPES else ("to", "into", "on", "against", "with")
    preps.sort(key=lambda p: p.lower_ not in first)
    for prep in preps:
        for obj in _pobj(prep) + _child(prep, "dobj"):
            actors = [m for m in idx.actors(obj) or idx.inside(obj, skip) if m.actor.actor_id not in skip]
            if actors:
                return Found(tuple(actors), "prep")
    return None
