"""Modality of an event cue: asserted, negated, hypothetical, future or historical.

Scope is the cue's own clause and the chain of words that govern it up to the first speech verb
(a reported clause keeps its own modality: "X said Y would attack" is future for the attack).
Checks, strongest first:

1. negation: "not"/"never"/"no" on the cue or its auxiliaries; a negating governor ("refused to",
   "ruled out", "unlikely to", "failed to", "denied"); "no"/"without" before a noun cue;
2. hypothetical: modals may/might/could/should/must/would (would after a past speech verb is
   future instead), "if"/"unless" clauses, hedging governors ("consider", "possible",
   "options include", "likely to", "any"), a cue requested or threatened by a governing cue;
3. future: will/shall/"going to", intent governors ("plan to", "is set to", "is expected to");
4. historical: decided by the caller from the event's date (``sitrep.events.stage``).
"""

from __future__ import annotations

from spacy.tokens import Token

NEG_WORDS = {"not", "n't", "never", "no", "nor", "neither"}
NEG_GOVERNORS = {"refuse", "decline", "fail", "deny", "reject", "avoid", "rule", "unlikely", "unable", "oppose",
                 "stop", "halt", "prevent", "resist", "reluctant", "unwilling", "veto", "block", "cancel", "abandon",
                 "without", "retreat", "refrain", "prohibit", "ban", "bar", "suspend", "freeze", "end",
                 "forbid", "outlaw"}
HYP_GOVERNORS = {"consider", "contemplate", "mull", "weigh", "possible", "potential", "option", "may", "might",
                 "likely", "could", "if", "unless", "whether", "propose", "suggest", "discuss", "explore", "seek",
                 "want", "hope", "wish", "need", "urge", "call", "ask", "demand", "request", "threaten", "warn",
                 "able", "risk", "danger", "face", "base", "would", "should", "speculate", "prospect", "idea"}
FUT_GOVERNORS = {"plan", "intend", "prepare", "set", "expect", "aim", "schedule", "due", "go", "decide", "agree",
                 "promise", "pledge", "vow", "offer", "commit", "ready", "willing", "prepared", "swear"}
HYP_MODIFIERS = {"potential", "possible", "proposed", "prospective", "hypothetical", "likely", "any"}
FUT_MODIFIERS = {"planned", "upcoming", "future", "forthcoming", "expected", "scheduled"}
# Clauses that state their own fact: a governing word beyond them does not change it.
_INDEPENDENT = {"relcl", "parataxis", "appos"}
# An adverbial clause with one of these conjunctions is its own fact ("..., as Russia relocates assets");
# an infinitival one ("called on X to boost") is the content of its governor.
_INDEPENDENT_MARKS = {"as", "while", "when", "because", "after", "before", "although", "though", "since", "whereas",
                      "until", "once"}
HYP_MODALS = {"may", "might", "could", "should", "must", "can", "ought"}
HEDGE_DETERMINERS = {"any"}
# Cue types whose complements did not (yet) happen: what is requested, threatened or offered.
NESTING = {"REQUEST": "hypothetical", "THREATEN": "hypothetical", "REJECT": "negated", "AGREE": "future",
           "ACCUSE": "hypothetical"}


def _aux(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "det")]


def _local(tok: Token, in_reported_past: bool) -> str | None:
    aux = _aux(tok)
    # Negation first: "will not accept" is a refusal, not a promise.
    if any(c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("det", "advmod")) for c in aux):
        return "negated"
    for c in aux:
        w = c.lower_
        if c.dep_ == "neg" or (w in NEG_WORDS and c.dep_ in ("neg", "det", "advmod")):
            return "negated"
        if c.dep_ == "mark" and w in ("if", "unless", "whether"):
            return "hypothetical"
        if c.dep_ == "det" and w in HEDGE_DETERMINERS:
            return "hypothetical"
        if w in HYP_MODALS:
            return "hypothetical"
        if w == "would":
            return "future" if in_reported_past else "hypothetical"
        if w in ("will", "shall", "'ll"):
            return "future"
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "amod" and c.lower_ in HYP_MODIFIERS:
                return "hypothetical"
            if c.dep_ == "amod" and c.lower_ in FUT_MODIFIERS:
                return "future"
    return None


def conditional_threat(cue: Token, conflict: bool = False) -> bool:
    """'will withdraw ... unless X': an act made conditional on another's behaviour is a threat; for
    an act of force or pressure "if" does too ("would intervene if Turkish-backed forces advanced")."""
    marks = {"unless", "if"} if conflict else {"unless"}
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in cue.children)


def independent(tok: Token) -> bool:
    """Whether ``tok`` heads a clause that states its own fact (see ``_INDEPENDENT``)."""
    if tok.dep_ in ("ROOT",) or tok.dep_ in _INDEPENDENT or tok.head.i == tok.i:
        return True
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _INDEPENDENT_MARKS for c in tok.children)


def governors(tok: Token, limit: int = 6) -> list[tuple[Token, bool]]:
    """The words that govern ``tok`` within its clause, nearest first, each with whether it governs
    the content (False for the first verb of a coordination: "called ... and pledged" are siblings)."""
    out: list[tuple[Token, bool]] = []
    t = tok
    while not independent(t) and len(out) < limit:
        out.append((t.head, t.dep_ != "conj"))
        t = t.head
    return out


def modality(cue: Token, speech: frozenset[str], nested_in: str | None = None) -> str:
    """The cue's modality; ``nested_in`` is the type of a cue that governs this one, if any."""
    reported_past = False
    chain = [(cue, True)]
    for head, governs in governors(cue):
        if head.lemma_.lower() in speech:
            reported_past = head.tag_ in ("VBD", "VBN")
            break
        chain.append((head, governs))
    for i, (tok, governs) in enumerate(chain):
        found = _local(tok, reported_past)
        if found:
            return found
        if i == 0 or not governs:
            continue
        lemma = tok.lemma_.lower()
        if lemma in NEG_GOVERNORS or tok.lower_ in NEG_GOVERNORS:
            return "negated"
        if lemma in HYP_GOVERNORS:
            return "hypothetical"
        if lemma in FUT_GOVERNORS:
            return "future"
    if nested_in in NESTING:
        return NESTING[nested_in]
    return "asserted"
