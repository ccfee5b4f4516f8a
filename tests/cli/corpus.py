"""Small generated corpora for end-to-end tests: our own words, varied enough not to collide."""

from __future__ import annotations

import random
from pathlib import Path

ACTORS = ["Italy", "Turkey", "Egypt", "the United Nations", "Russia", "France", "the African Union", "Tunisia", "Algeria", "Malta"]
VERBS = ["met officials from", "criticised", "offered aid to", "called on", "signed a deal with", "warned", "held talks with"]
PLACES = ["Tripoli", "Benghazi", "Misrata", "Sirte", "Tobruk", "Sabha", "Derna", "Zawiya"]
TOPICS = ["fuel smuggling", "the ceasefire", "coastguard training", "oil exports", "detention centres", "border security", "elections"]


def report(rng: random.Random, n: int) -> str:
    lines = [f"Dispatch {n}: {rng.choice(ACTORS).capitalize()} and {rng.choice(PLACES)}"]
    for i in range(rng.randint(3, 6)):
        a, b = rng.sample(ACTORS, 2)
        lines.append(
            f"{a[0].upper() + a[1:]} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} on day {n * 7 + i} "
            f"over {rng.choice(TOPICS)}, according to statement {rng.randint(1000, 99999)} released by the office "
            f"of envoy number {rng.randint(1, 500)}."
        )
    return "\n\n".join(lines)


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"report_{i:04d}.txt").write_text(report(rng, i), encoding="utf-8")
    return folder
