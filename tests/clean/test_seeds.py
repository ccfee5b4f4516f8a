"""The five seed reports from ../shared/seeds clean as a reader would expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.clean import clean
from sitrep.models import RawDocument, Source


def cleaned(folder: Path):
    out = {}
    for f in sorted(folder.glob("*.txt")):
        out[f.name[:3]] = clean(RawDocument(Source(str(f), f.name, "txt"), f.read_text("utf-8")))
    return out


def test_seed_titles(seeds_dir: Path) -> None:
    arts = cleaned(seeds_dir)
    assert arts["000"].title.startswith("Libya, not Syria, will be the foundation")
    assert arts["001"].title == "Anti-IS Coalition Opposes Intervention in Libya"
    assert arts["002"].title.startswith("Nato’s chief has warned the military alliance")
    assert arts["003"].title.startswith("Italy’s Defense Minister warns of rising security threats")
    assert arts["004"].title == "Italy warns of Libya threat, US explores ISIS links"


def test_seed_furniture_is_gone_and_report_kept(seeds_dir: Path) -> None:
    arts = cleaned(seeds_dir)
    for key, art in arts.items():
        for junk in ("Leave a Reply", "Log Out", "bloggers like this", "Connecting to", "READ ALSO", "Original Source", "Via Financial"):
            assert junk not in art.text, (key, junk)
    assert arts["001"].text.count("Anti-IS Coalition Opposes") == 0
    assert "Syria Peace Talks Stall" not in arts["001"].text
    assert "Mattis" in arts["000"].text and "Stoltenberg" in arts["002"].text
    assert arts["002"].text.rstrip().endswith("”") or len(arts["002"].paragraphs) >= 12


def test_seed_credits(seeds_dir: Path) -> None:
    arts = cleaned(seeds_dir)
    assert arts["002"].outlet == "Financial Times"
    assert arts["003"].outlet == "Defense News" and "defensenews.com" in arts["003"].url


def test_seed_russian_line_kept_and_flagged(seeds_dir: Path) -> None:
    art = cleaned(seeds_dir)["000"]
    foreign = [p for p in art.paragraphs if not p.english]
    assert len(foreign) == 1 and foreign[0].language == "ru"
    assert "Ливии" in art.text[foreign[0].start : foreign[0].end]
    others = [a for k, a in cleaned(seeds_dir).items() if k != "000"]
    assert all(p.english for a in others for p in a.paragraphs)
