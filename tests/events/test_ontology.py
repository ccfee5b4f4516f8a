"""The PLOVER ontology and the event lexicon load, validate, and agree with the public tables."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.events.lexicon import (
    Lexicon,
    cameo_root,
    intensity,
    lexicon,
    ontology,
    quad,
)

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def test_sixteen_types_with_quads_and_scores() -> None:
    types = ontology()["types"]
    assert sorted(types) == sorted(TYPES)
    assert {quad(t) for t in TYPES} == {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
    for t in TYPES:
        assert -10 <= intensity(t, None) <= 10
        for mode in types[t]["modes"]:
            assert -10 <= intensity(t, mode) <= 10
    # cooperation scores positive, conflict scores not
    assert all(intensity(t, None) > 0 for t in TYPES if quad(t).endswith("cooperation"))
    assert all(intensity(t, None) <= 0 for t in TYPES if quad(t).endswith("conflict"))


def test_cameo_roots_agree_with_the_public_table(shared_dir: Path) -> None:
    """Each type's CAMEO root is the root under which CAMEO2PLOVER files most of its codes."""
    roots: dict[str, Counter[str]] = {}
    for line in (shared_dir / "plover" / "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,", line)
        if m:
            roots.setdefault(m.group(2), Counter())[m.group(1)[:2]] += 1
    for t in TYPES:
        if t in roots:
            assert cameo_root(t, None) in roots[t], t
    assert cameo_root("ASSAULT", "aerial") == "19"


def test_lexicon_loads_and_every_cue_is_a_known_type_and_mode() -> None:
    lex = lexicon()
    types = ontology()["types"]
    for table in (lex.verbs, lex.nouns):
        for cues in table.values():
            for cue in cues:
                assert cue.type in types
                assert cue.mode is None or cue.mode in types[cue.type]["modes"]
    covered = {c.type for cues in list(lex.verbs.values()) + list(lex.nouns.values()) for c in cues}
    assert covered == set(TYPES)


@pytest.mark.parametrize("entry", [
    {"lemma": "call", "prt": True, "type": "REQUEST"},  # YAML's bare `on` is a boolean
    {"lemma": "attack", "type": "NOSUCHTYPE"},
    {"lemma": "attack", "type": "ASSAULT", "mode": "nosuchmode"},
])
def test_bad_lexicon_entries_are_refused_with_a_reason(entry: dict) -> None:
    data = {"verbs": [entry], "nouns": [], "light_verbs": [], "speech_verbs": []}
    with pytest.raises(SitrepError, match="lexicon"):
        Lexicon(data, ontology()["types"])
