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
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Mention
from .arguments import Found, MentionIndex, joined_sources, noun_source, noun_target, verb_source, verb_target
from .lexicon import Cue, Lexicon
from .modality import modality

VERBAL_NEEDS_TARGET = {"SUPPORT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "CONCEDE"}
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
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


def _governing_cue(tok: Token, cues: dict[int, Cue]) -> Cue | None:
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.i in cues:
            return cues[t.i]
    return None


def _speaker(sent: Span, idx: MentionIndex, lex: Lexicon) -> list[Mention]:
    """The person a quotation in this sentence is attributed to ("..., said Stoltenberg")."""
    for tok in sent:
        if tok.lemma_.lower() in lex.speech_verbs:
            for subj in tok.children:
                if subj.dep_ in ("nsubj",) and idx.actors(subj):
                    return idx.actors(subj)
    return []


def _first_person(sent: Span, idx: MentionIndex, lex: Lexicon, prev_speaker: list[Mention]) -> dict[int, Mention]:
    """we/I inside quotation marks -> the quoted speaker."""
    if not _QUOTE.search(sent.text):
        return {}
    speaker = _speaker(sent, idx, lex) or prev_speaker
    if not speaker:
        return {}
    return {t.i: speaker[0] for t in sent if t.lower_ in _FIRST_PERSON}


def extract(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Candidate]:
    idx = MentionIndex(mentions)
    out: list[Candidate] = []
    recent: dict[str, list[tuple[int, Found]]] = {}  # cue lemma -> (sentence no, source) for carry-over
    prev_speaker: list[Mention] = []
    for n, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        firsts = _first_person(sent, idx, lex, prev_speaker)
        for i, m in firsts.items():
            idx.at.setdefault(i, m)
        cues = {t.i: c for t in sent if (c := lex.match(t)) is not None}
        for i, cue in cues.items():
            tok = doc[i]
            out += _events(tok, cue, sent, n, cues, idx, lex, recent)
        speaker = _speaker(sent, idx, lex)
        prev_speaker = speaker if speaker else (prev_speaker if _QUOTE.search(sent.text) else [])
    return out


def _events(tok: Token, cue: Cue, sent: Span, n: int, cues: dict[int, Cue], idx: MentionIndex,
            lex: Lexicon, recent: dict[str, list[tuple[int, Found]]]) -> list[Candidate]:
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
    governing = _governing_cue(tok, cues)
    mood = modality(tok, lex.speech_verbs, governing.type if governing else None)
    etype, mode = cue.type, cue.mode
    if mood == "future" and etype in FUTURE_TO_AGREE:
        etype, mode, mood = "AGREE", None, "asserted"
    elif mood == "future" and etype == "RETREAT":
        etype, mode, mood = "CONCEDE", None, "asserted"
    sources = [m for m in (src.mentions if src else ()) if m.actor.kind not in _NEVER_SOURCE_KINDS]
    targets = list(tgt.mentions) if tgt else []
    if not sources:
        return []
    if not targets and etype in VERBAL_NEEDS_TARGET:
        return []
    out = []
    for s in sources:
        for t in targets or [None]:
            if t is not None and t.actor.actor_id == s.actor.actor_id:
                continue
            out.append(Candidate(cue, tok, sent, s, t, src.how if src else None, tgt.how if tgt else None,
                                 mood, etype, mode))
    return out


def _carried(lemma: str, n: int, recent: dict[str, list[tuple[int, Found]]]) -> Found | None:
    for sent_no, found in reversed(recent.get(lemma, [])):
        if n - sent_no <= 2:
            return Found(found.mentions, "context")
    return None
