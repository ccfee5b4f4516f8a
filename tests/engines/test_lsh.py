"""The engine's compact near-duplicate index decides as sitrep.clean.dedupe.NearDuplicateIndex."""

from __future__ import annotations

import random

from sitrep.clean.dedupe import NearDuplicateIndex
from sitrep.engines.lsh import SignatureIndex


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(400)]
    texts = [" ".join(rng.choices(words, k=60)) for _ in range(n)]
    for i in range(0, n, 3):
        ws = texts[i].split()
        for _ in range(rng.randint(1, 6)):
            ws[rng.randrange(len(ws))] = rng.choice(words)
        texts.append(" ".join(ws))
        texts.append(texts[rng.randrange(len(texts))])
    rng.shuffle(texts)
    return texts


def test_same_decisions_as_the_reference_index() -> None:
    ref, compact = NearDuplicateIndex(), SignatureIndex()
    texts = _texts(3, 300)
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


def test_released_signatures_are_read_back_and_rows_merge() -> None:
    """Content-hash ids, signatures out of memory once released (read back through ``fetch``),
    and enough rows that the band arrays are merged several times: the same decisions."""
    from sitrep.engines import lsh

    stored: dict[str, object] = {}
    asked: list[int] = []

    def fetch(ids: list[str]) -> dict[str, object]:
        asked.append(len(ids))
        return {i: stored[i] for i in ids if i in stored}

    ref, compact = NearDuplicateIndex(), SignatureIndex(fetch=fetch)
    for band in compact._bands:
        band.batch = 16  # merge often
    texts = _texts(5, 240)
    near = 0
    for n, text in enumerate(texts):
        sig = ref.signature(text)
        a, b = ref.find(sig), compact.find(sig)
        assert a == b, n
        near += a is not None
        if a is None:
            article_id = f"{n * 7919:016x}"
            ref.add(article_id, sig)
            compact.add(article_id, sig)
            stored[article_id] = list(sig)
            if n % 2:
                compact.release([article_id])  # committed: in the store now
    assert near > 80 and asked  # signatures were read back
    assert 0 < len(compact._sigs) < 0.6 * len(compact)  # the released half is out of memory
    assert all(len(band.keys) > 0 for band in compact._bands)
    assert lsh._as_int("00ff00ff00ff00ff") == 0x00FF00FF00FF00FF and lsh._as_int("a0") is None


def test_id_set() -> None:
    from sitrep.engines.lsh import IdSet

    ids = IdSet([f"{i:016x}" for i in range(0, 200_000, 2)] + ["odd-one", "ABCDEF0123456789"])
    ids._ints.merge()
    assert len(ids) == 100_002
    assert "000000000000000a" in ids and "000000000000000b" not in ids
    assert "odd-one" in ids and "abcdef0123456789" not in ids and "ABCDEF0123456789" in ids
    ids.add("000000000000000b")
    ids.add("000000000000000b")
    assert "000000000000000b" in ids and len(ids) == 100_003
    assert ids.intersection(["000000000000000c", "000000000000000d", "odd-one"]) == {"000000000000000c", "odd-one"}
    assert ids.nbytes() < 40 * len(ids)


def test_a_later_run_finds_a_near_copy_of_a_stored_article(tmp_path) -> None:
    """Seeded from the store, the index keeps no signatures: it reads the candidate's back."""
    from sitrep.engines.flow import Deduper
    from sitrep.models import Article, Paragraph, Source
    from sitrep.store import Store

    def article(n: int, text: str) -> Article:
        return Article(article_id=f"{n:016x}", source=Source(f"/in/{n}.txt", f"{n}.txt", "txt"), title=f"T{n}",
                       text=text, paragraphs=(Paragraph(0, len(text), "en"),), language="en")

    words = " ".join(f"w{i}" for i in range(300))
    signer = NearDuplicateIndex()
    first = [article(1, words), article(2, words.replace("w1 ", "x1 ").replace("w9", "q").upper())]
    with Store(tmp_path / "s.duckdb", shared=True) as store:
        with store.hold():  # as the engine does: the store is open for the reads at the start
            dedupe = Deduper(store, 0.9, preload=True)
        batch = dedupe([(a, signer.signature(a.text)) for a in first])
        with store.hold():
            store.commit(batch, "r1")
        dedupe.committed(batch)
        assert not dedupe.index._sigs  # committed: out of memory
    copy = article(3, words.replace("w299", "w2999"))
    with Store(tmp_path / "s.duckdb", shared=True) as store:
        with store.hold():
            dedupe = Deduper(store, 0.9, preload=True)
        assert len(dedupe.index) == 2 and not dedupe.index._sigs
        [res] = dedupe([(copy, signer.signature(copy.text))])
    assert res.duplicate_of == f"{1:016x}" and res.similarity >= 0.9


def test_seeding_from_a_matrix_decides_as_adding_one_by_one() -> None:
    import numpy as np

    ref, bulk = NearDuplicateIndex(), SignatureIndex()
    texts = _texts(11, 150)
    seed, queries = texts[:150], texts[150:]
    ids = [f"{n + 1:016x}" for n in range(len(seed))]
    sigs = [ref.signature(t) for t in seed]
    for i, s in zip(ids, sigs):
        if ref.find(s) is None:
            ref.add(i, s)
    kept = [(i, s) for i, s in zip(ids, sigs) if i in ref._sigs]
    bulk.add_many([i for i, _ in kept[:70]], np.array([s for _, s in kept[:70]], dtype=np.uint32))
    bulk.add_many([i for i, _ in kept[70:]], np.array([s for _, s in kept[70:]], dtype=np.uint32))
    assert len(bulk) == len(ref)
    found = 0
    for text in queries:
        sig = ref.signature(text)
        assert bulk.find(sig) == ref.find(sig)
        found += ref.find(sig) is not None
    assert found > 10
