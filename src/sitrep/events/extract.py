"""Events in one parsed article: cues from the lexicon, their actors, their modality.

For each English sentence:

1. every token the lexicon knows (``lexicon.match``) is a cue with a PLOVER type and mode;
2. its source and target come from the parse (``arguments``), with two fallbacks for a noun cue
   without a source -- the speaker of the quotation it stands in, then the source of the same
   cue word in the two sentences before ("a request from the Libyan government ... This is the
   request we received");
3. its modality (``modality``), including what a governing cue implies ("called for X to
   attack" -> the attack is hypothetical; "ruled out intervention" -> negated);
4. PLOVER's own rules: future cooperation (CONSULT, SUPPORT, COOPERATE, AID) is AGREE; a future
   RETREAT is CONCEDE; verbal events need a target; reporting outlets are never sources;
5. one candidate per (source, target) pair, so "Italy joined the US, France, ... in calling for"
   gives one REQUEST per caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..actors.facts import DocFacts
from ..models import Mention
from .arguments import (
    Found,
    MentionIndex,
    joined_sources,
    noun_source,
    noun_target,
    verb_source,
    verb_target,
)
from .clauses import (
    adjectival,
    crowd_subject,
    group_nouns,
    has_complement,
    in_protest,
    intent,
    offering,
    official,
    own_principal,
    readying,
    rioters,
    same_side,
)
from .lexicon import Cue, Lexicon
from .modality import conditional_threat, governors, modality
from .unattributed import (
    VIOLENT_TYPES,
    described_source,
    described_target,
)

VERBAL_NEEDS_TARGET = {"SUPPORT", "ACCUSE", "REJECT", "THREATEN", "REQUEST"}
# Of those, the ones whose content (an action asked for, refused or threatened) can stand in for a
# named target: "refused to deploy peacekeepers" is an event, "warned that things are bad" is not.
CONTENT_SUFFICES = {"REJECT", "THREATEN", "REQUEST"}
# What these cues govern is their content, not a second event: "threatened to ban", "called on X to
# help", "ruled out intervention", "pledged to monitor a ceasefire" (manual 2.3).
FOLDING = {"THREATEN", "REQUEST", "REJECT", "AGREE"}
CONTENT_MODES = {"REQUEST": {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet",
                             "RETREAT": "yield", "CONCEDE": "yield"}}
CONTENT_MODES["REJECT"] = CONTENT_MODES["REQUEST"]
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# A future act of force or pressure, announced by its author, is a threat (manual 2.3, 3.11). Not
# sanctions: "announced it would prohibit all aid to the rebels" is a decision taken, which event
# data code as the SANCTION itself (future), unless made conditional ("unless", "if": THREATEN).
FUTURE_TO_THREATEN = {"ASSAULT", "COERCE", "PROTEST"}
THREAT_MODES = {("ASSAULT", None): "violence", ("COERCE", "arrest"): "arrest", ("COERCE", "deport"): "expel",
                ("SANCTION", "expel"): "expel", ("SANCTION", None): "relations", ("COERCE", None): "restrict",
                ("PROTEST", None): "restrict", ("REJECT", "meet"): "relations"}
# A noun that a verb of these types acts on is not an event of its own ("lifted the curfew").
ABSORBING = {"CONCEDE", "SANCTION", "RETREAT"}
MOVEMENT = {"MOBILIZE", "RETREAT", "AID"}
# Noun cues that a later sentence may take up without repeating who made them ("the request").
CARRY_OVER = {"REQUEST", "AGREE", "AID"}
OF_IS_TARGET = {"ASSAULT", "COERCE", "SUPPORT", "SANCTION", "ACCUSE", "REJECT"}
_QUOTE = re.compile(r"[“”\"]")
_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_NEVER_SOURCE_KINDS = {"media"}


@dataclass(frozen=True)
class Candidate:
    cue: Cue
    token: Token
    sentence: Span
    source: Mention | None
    target: Mention | None
    source_how: str | None
    target_how: str | None
    modality: str
    type: str
    mode: str | None
    governor: int | None = None


def _governing_cue(tok: Token, cues: dict[int, Cue], speech: frozenset[str]) -> int | None:
    """The token index of the nearest cue that governs ``tok`` in its clause, if any; a reported
    clause ("saying he agreed ...") is governed by nothing beyond its speech verb."""
    for head, governs in governors(tok, limit=4):
        if head.lemma_.lower() in speech:
            return None
        if governs and head.i in cues:
            return head.i
    return None


def _speaker(sent: Span, idx: MentionIndex, speech: list[int]) -> list[Mention]:
    """The person a quotation in this sentence is attributed to ("..., said Stoltenberg");
    ``speech``: the sentence's speech verbs (``_speech_verbs``)."""
    doc = sent.doc
    for i in speech:
        for subj in doc[i].children:
            if subj.dep_ in ("nsubj",) and idx.actors(subj):
                return idx.actors(subj)
    return []


def _speech_verbs(facts: DocFacts, sent: Span, lex: Lexicon) -> list[int]:
    """The tokens of ``sent`` whose lemma is a speech verb's."""
    lemma = facts.lemma
    return [i for i in range(sent.start, sent.end) if lemma[i] in lex.speech_verbs]


def _first_person(sent: Span, text: str, facts: DocFacts, speaker: list[Mention]) -> dict[int, Mention]:
    """we/I inside quotation marks -> the quoted speaker (``speaker``: this sentence's, else the
    previous one's); ``text``: the sentence's text."""
    if not _QUOTE.search(text) or not speaker:
        return {}
    lower, pos = facts.lower, facts.pos
    return {i: speaker[0] for i in range(sent.start, sent.end) if lower[i] in _FIRST_PERSON and pos[i] == "PRON"}


def _cues(facts: DocFacts, sent: Span, named: set[int], lex: Lexicon) -> dict[int, Cue]:
    """Token index -> the cue it is, for the words of ``sent`` the lexicon knows; only a word
    whose lemma has an entry for its part of speech is made a Token and matched."""
    doc, lemma, pos = facts.doc, facts.lemma, facts.pos
    out = {}
    for i in range(sent.start, sent.end):
        table = lex.verbs if pos[i] == "VERB" else lex.nouns if pos[i] in ("NOUN", "PROPN") else None
        if table is None or lemma[i] not in table or i in named:
            continue
        cue = lex.match(doc[i])
        if cue is not None:
            out[i] = cue
    return out


def extract(doc: Doc, mentions: list[Mention], lex: Lexicon, facts: DocFacts | None = None) -> list[Candidate]:
    """``facts``: the Doc's shared facts (``sitrep.actors.facts``), made here when not given."""
    facts = facts or DocFacts(doc, None)
    idx = MentionIndex(mentions, lex.speech_verbs, group_nouns())
    named = {i for m in mentions if m.token_end - m.token_start > 1 for i in range(m.token_start, m.token_end)}
    out: list[Candidate] = []
    recent: dict[str, list[tuple[int, Found]]] = {}  # cue lemma -> (sentence no, source) for carry-over
    prev_speaker: list[Mention] = []
    last_violence: int | None = None  # the last sentence with an attributed attack
    for n, sent in enumerate(facts.sents):
        text = facts.span_text(sent.start, sent.end)
        if not text.strip():
            continue
        speech = _speech_verbs(facts, sent, lex)
        quoted = _QUOTE.search(text) is not None
        # The speaker is looked up before the first-person words take it as their mention.
        speaker = _speaker(sent, idx, speech) if quoted else []
        firsts = _first_person(sent, text, facts, speaker or prev_speaker)
        for i, m in firsts.items():
            idx.at.setdefault(i, m)
        # A word inside a name is not a cue: the "Accord" of the Government of National Accord.
        cues = _cues(facts, sent, named, lex)
        found: list[Candidate] = []
        violence_before = last_violence is not None and n - last_violence <= 2
        for i, cue in cues.items():
            tok = doc[i]
            if cue.pos == "NOUN" and tok.dep_ == "dobj" and tok.head.i in cues and cues[tok.head.i].type in ABSORBING:
                continue
            if cue.pos == "NOUN" and tok.dep_ == "compound" and tok.head.i in cues:
                continue  # "arrest warrant", "aid deliveries": the head noun says what happened
            found += _events(tok, cue, sent, n, cues, idx, lex, recent, violence_before)
        found += _reported_demands(sent, idx, speech)
        if any(c.type in VIOLENT_TYPES and c.source is not None for c in found):
            last_violence = n
        out += _inherit(_fold_content(found))
        if firsts or not quoted:  # the first-person words may have given the subject its mention
            speaker = _speaker(sent, idx, speech)
        prev_speaker = speaker if speaker else (prev_speaker if quoted else [])
    return out


def _events(tok: Token, cue: Cue, sent: Span, n: int, cues: dict[int, Cue], idx: MentionIndex,
            lex: Lexicon, recent: dict[str, list[tuple[int, Found]]], violence_before: bool = False) -> list[Candidate]:
    is_verb = cue.pos == "VERB"
    if is_verb:
        src = verb_source(tok, idx, lex.speech_verbs)
        joined = joined_sources(tok, idx)
        if joined:
            src = Found(tuple(joined), "subject")
    else:
        src = noun_source(tok, idx, lex.speech_verbs)
        if src is None and cue.type in CARRY_OVER:
            src = _carried(tok.lemma_.lower(), n, recent)
    if src is not None and not is_verb:
        recent.setdefault(tok.lemma_.lower(), []).append((n, src))
    skip = {m.actor.actor_id for m in src.mentions} if src else set()
    if is_verb:
        tgt = verb_target(tok, idx, skip, movement=cue.type in MOVEMENT, etype=cue.type)
    else:
        tgt = noun_target(tok, idx, skip, of_is_target=cue.type in OF_IS_TARGET, etype=cue.type)
        if tgt is None and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
            tgt = verb_target(tok.head, idx, skip | {m.actor.actor_id for m in idx.actors(tok)},
                              movement=cue.type in MOVEMENT, etype=cue.type)
            if tgt is not None and tgt.how == "object" and any(m.token_start <= tok.i < m.token_end for m in tgt.mentions):
                tgt = None
    gov_tok = _governing_cue(tok, cues, lex.speech_verbs)
    governing = cues[gov_tok] if gov_tok is not None else None
    mood = modality(tok, lex.speech_verbs, governing.type if governing else None)
    etype, mode = cue.type, cue.mode
    if mood == "future" and etype == "MOBILIZE" and offering(tok):
        etype, mode, mood = "AGREE", None, "asserted"  # "ready to send peacekeepers": an offer
    elif mood in ("future", "hypothetical") and conditional_threat(tok, etype in CONFLICT_ACTS) and etype != "THREATEN":
        mode = THREAT_MODES.get((etype, mode), THREAT_MODES.get((etype, None)))
        etype, mood = "THREATEN", "asserted"
    elif mood == "future" and etype in FUTURE_TO_AGREE:
        etype, mode, mood = "AGREE", None, "asserted"
    elif mood == "future" and etype == "RETREAT":
        etype, mode, mood = "CONCEDE", None, "asserted"
    elif mood == "future" and etype == "ASSAULT" and readying(tok):
        etype, mode, mood = "MOBILIZE", "troops", "asserted"  # "prepared to resume shelling": readiness
    elif mood == "future" and etype in FUTURE_TO_THREATEN and governing is None and (etype, mode) != ("SANCTION", "withdraw"):
        # (ending one's own mission or aid is a plan, not pressure, unless made conditional above)
        mode = THREAT_MODES.get((etype, mode), THREAT_MODES.get((etype, None)))
        etype, mood = "THREATEN", "asserted"
    elif mood == "negated" and etype in ("AGREE", "SUPPORT") and governing is None:
        etype, mode, mood = "REJECT", None, "asserted"  # "will not accept" is a rejection
    elif mood == "negated" and etype in ("CONCEDE", "RETREAT") and governing is None and intent(tok):
        etype, mode, mood = "REJECT", "yield", "asserted"  # "will not withdraw": declining to yield (CAMEO 124)
    if etype == "RETREAT" and cue.pos == "NOUN" and tok.head.lemma_.lower() in _DECLARING:
        etype, mode = "CONCEDE", None  # a declared ceasefire or withdrawal is a concession (manual 3.4)
    if in_protest(tok) and etype not in ("PROTEST", "ACCUSE"):
        etype, mode = "PROTEST", "obstruct"  # "shut down oil fields in protest at ..."
    sources = [m for m in (src.mentions if src else ()) if m.actor.kind not in _NEVER_SOURCE_KINDS]
    targets = list(tgt.mentions) if tgt else []
    if cue.lemma in _HOSTING and etype == "CONSULT" and targets and src is not None and src.how == "subject":
        sources, targets = targets, sources  # the visitor is the actor, the host the recipient (manual 3.2.2)
    if etype == "ASSAULT" and rioters(tok):
        etype, mode = "PROTEST", "riot"  # protesters setting fire, rioting crowds (manual 3.12: riot)
    if not sources and etype == "ACCUSE" and cue.lemma == "protest":
        etype, mode = "PROTEST", "demo"  # nobody official named: people protesting
    if not sources:
        # No named actor: a crowd or an unidentified attacker the stage places by country, or nothing.
        sector = described_source(tok, etype, lex.violence_nouns, violence_before) if src is None else None
        if sector is None:
            return []
        victims = described_target(tok, etype) if not targets else None
        return [Candidate(cue, tok, sent, None, t, f"located:{sector}",
                          tgt.how if tgt else (f"located:{victims}" if victims is not None else None), mood, etype, mode, gov_tok)
                for t in targets or [None]]
    if etype == "PROTEST" and all(official(m, tok.doc) for m in sources) and not crowd_subject(tok):
        etype, mode = "ACCUSE", "disapprove"  # a government's protest is diplomatic (manual 3.12.2)
    elif etype == "ACCUSE" and cue.lemma == "protest" and (crowd_subject(tok) or not any(official(m, tok.doc) for m in sources)):
        etype, mode = "PROTEST", "demo"  # people protesting against something take to the streets
    reciprocal = len(sources) > 1 and etype in ("SUPPORT", "AGREE", "CONSULT", "COOPERATE")
    converted = etype != cue.type  # a threatened or refused act is its own content
    if not targets and etype in VERBAL_NEEDS_TARGET and not reciprocal and not converted \
            and not (etype in CONTENT_SUFFICES and has_complement(tok)):
        return []
    if etype == "REQUEST" and cue.lemma in _ORDERING and targets and \
            all(same_side(s, t) and adjectival(t, tok.doc) for s in sources for t in targets):
        return []  # an order to one's own side ("ordered tighter security at American posts") is no interaction
    if reciprocal and not targets:
        # "Italy and Albania signed an agreement": each is the other's recipient (PLOVER codes both ways)
        pairs = [(s, t) for s in sources for t in sources if t.actor.code != s.actor.code]
        return [Candidate(cue, tok, sent, s, t, src.how if src else None, "joint", mood, etype, mode, gov_tok)
                for s, t in pairs] or [Candidate(cue, tok, sent, s, None, src.how if src else None, None, mood, etype,
                                                 mode, gov_tok) for s in sources]
    victims = described_target(tok, etype) if not targets else None
    out = []
    for s in sources:
        seen: set[str | None] = set()
        for t in targets or [None]:
            if t is not None and (t.actor.actor_id == s.actor.actor_id or own_principal(s, t)):
                continue
            if t is not None and same_side(s, t) and (etype in MOVEMENT or adjectival(t, tok.doc)):
                t = None  # "moved American troops out", "promising more American help": what, not whom
            key = t.actor.actor_id if t is not None else None
            if key in seen:
                continue
            seen.add(key)
            t_how = tgt.how if tgt and t else (f"located:{victims}" if victims is not None and t is None else None)
            out.append(Candidate(cue, tok, sent, s, t, src.how if src else None, t_how, mood, etype, mode, gov_tok))
    return out


_DECLARING = {"announce", "declare", "proclaim", "agree"}
_HOSTING = {"host", "receive"}
# "if" makes a threat of force or pressure; a deployment "if asked" is as likely an offer.
CONFLICT_ACTS = {"ASSAULT", "COERCE", "SANCTION"}


def _fold_content(found: list[Candidate]) -> list[Candidate]:
    """An event governed by a THREATEN/REQUEST/REJECT/AGREE cue is that cue's content: it gives the
    governing events their mode (and target, when they have none) instead of standing as an event."""
    heads: dict[int, list[int]] = {}
    for n, c in enumerate(found):
        if c.type in FOLDING and c.cue.type == c.type:
            heads.setdefault(c.token.i, []).append(n)
    result = list(found)
    dropped: set[int] = set()
    for n, c in enumerate(found):
        if c.governor is None or c.governor not in heads or c.token.i in heads:
            continue
        dropped.add(n)
        for h in heads[c.governor]:
            head = result[h]
            if _self_order(head):
                # "Putin ordered Russia's forces to withdraw": the order is the act itself, by its author
                etype = "CONCEDE" if c.type == "RETREAT" else c.type
                result[h] = replace(head, type=etype, mode=None if etype == "CONCEDE" else c.mode,
                                    target=c.target if c.target and c.target.actor.code != head.source.actor.code else None,
                                    target_how=c.target_how)
                continue
            if head.type == "THREATEN":
                mode = THREAT_MODES.get((c.cue.type, c.cue.mode), THREAT_MODES.get((c.cue.type, None)))
            else:
                mode = CONTENT_MODES.get(head.type, {}).get(c.cue.type)
            if mode and head.mode is None:
                head = replace(head, mode=mode)
            if head.target is None and c.target is not None and head.source is not None \
                    and c.target.actor.actor_id != head.source.actor.actor_id:
                head = replace(head, target=c.target, target_how="clause")
            result[h] = head
    return [c for n, c in enumerate(result) if n not in dropped]


_ORDERING = {"order", "instruct", "direct", "command"}


def _self_order(head: Candidate) -> bool:
    """An order to one's own forces or without an addressee ("ordered the lifting of sanctions")."""
    if head.cue.lemma not in _ORDERING or head.source is None:
        return False
    return head.target is None or head.target.actor.code == head.source.actor.code


def _inherit(found: list[Candidate]) -> list[Candidate]:
    """An act inside an act that did not (yet) happen did not happen either: "accused Russia of flying
    warplanes to support ..." -- the flight is alleged, so is the support."""
    by_token = {c.token.i: c for c in found}
    out = []
    for c in found:
        gov = by_token.get(c.governor) if c.governor is not None else None
        if gov is not None and c.modality == "asserted" and gov.modality in ("hypothetical", "negated", "future"):
            c = replace(c, modality="hypothetical" if gov.modality == "negated" else gov.modality)
        out.append(c)
    return out


def _reported_demands(sent: Span, idx: MentionIndex, speech: list[int]) -> list[Candidate]:
    """'X said Y must do Z' is X's demand on Y: a REQUEST even without a demand word.
    ``speech``: the sentence's speech verbs (``_speech_verbs``)."""
    out = []
    for i in speech:
        verb = sent.doc[i]
        # "The Red Cross operating in Iraq said": the parser may make the participle the subject.
        subjects = [s2 for subj in verb.children if subj.dep_ == "nsubj"
                    for s2 in ([subj] if subj.pos_ != "VERB" else [c for c in subj.children if c.dep_ == "nsubj"])]
        speakers = [m for subj in subjects for m in idx.actors(subj)]
        for comp in verb.children:
            if comp.dep_ != "ccomp" or not any(a.lower_ in ("must", "should") for a in comp.children if a.dep_ == "aux"):
                continue
            targets = [m for subj in comp.children if subj.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(subj)]
            cue = Cue(verb.lemma_.lower(), "VERB", "REQUEST")
            for s in speakers:
                for t in targets or [None]:
                    if t is None or t.actor.actor_id != s.actor.actor_id:
                        out.append(Candidate(cue, comp, sent, s, t, "subject", "clause" if t else None,
                                             "asserted", "REQUEST", None))
    return out


def _carried(lemma: str, n: int, recent: dict[str, list[tuple[int, Found]]]) -> Found | None:
    for sent_no, found in reversed(recent.get(lemma, [])):
        if n - sent_no <= 2:
            return Found(found.mentions, "context")
    return None
