"""The engine's compact near-duplicate index decides as sitrep.clean.dedupe.NearDuplicateIndex."""

from __future__ import annotations

import random

from sitrep.clean.dedupe import NearDuplicateIndex
from sitrep.engines.lsh import SignatureIndex


def test_same_decisions_as_the_reference_index() -> None:
    rng = random.Random(3)
    ref, compact = NearDuplicateIndex(), SignatureIndex()
    words = [f"w{i}" for i in range(400)]
    texts = [" ".join(rng.choices(words, k=60)) for _ in range(300)]
    # Near copies (one to six words changed) and exact copies of earlier texts, in between.
    for i in range(0, 300, 3):
        ws = texts[i].split()
        for _ in range(rng.randint(1, 6)):
            ws[rng.randrange(len(ws))] = rng.choice(words)
        texts.append(" ".join(ws))
        texts.append(texts[rng.randrange(len(texts))])
    rng.shuffle(texts)
    decisions = {"near": 0, "new": 0}
    for n, text in enumerate(texts):
        sig = ref.signature(text)
        a, b = ref.find(sig), compact.find(sig)
        assert a == b, n
        decisions["near" if a else "new"] += 1
        if a is None:
            ref.add(f"a{n}", sig)
            compact.add(f"a{n}", sig)
    assert decisions["near"] > 100 and decisions["new"] > 250
    assert len(compact) == len(ref)
