"""The datable events file: it loads, every block has a source, and entries match what they mean."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from sitrep.time.knowledge import find_mentions, load, parse


def test_the_file_loads_with_unique_ids_and_sources() -> None:
    items = load()
    assert len(items) >= 60
    assert len({i.id for i in items}) == len(items)
    assert all(i.source and i.label and (i.any_of or i.all_of) for i in items)
    blocks = yaml.safe_load(
        resources.files("sitrep.time").joinpath("data/datable_events.yaml").read_text("utf-8")
    )
    assert all(block.get("source") for block in blocks)


def test_periods_have_ends_and_repeated_events_have_several_dates() -> None:
    items = {i.id: i for i in load()}
    assert items["nato-29"].kind == "period" and items["nato-29"].end is not None
    assert len(items["trump-takes-office"].dates) == 2


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("the overthrow of Muammar Gaddafi six years ago", "gaddafi-overthrow"),
        ("rebels who toppled Muammar Gaddafi in 2011", "gaddafi-overthrow"),
        ("Gaddafi was captured and killed near Sirte", "gaddafi-overthrow"),
        ("Nato's military intervention in Libya", "nato-intervention-libya"),
        ("a video showing the beheading of 21 Egyptian Coptic Christians", "copts-beheading"),
        ("21 Christian workers were beheaded on a beach", "copts-beheading"),
        ("the first since Donald Trump got to the White House", "trump-takes-office"),
        ("Michael Flynn’s departure after contacts with the Russians", "flynn-departure"),
        ("Donald Trump demanded the 29 member-alliance do more", "nato-29"),
        ("NATO's 32 allies met in Washington", "nato-32"),
        ("the Higher Negotiations Committee postponed its meeting", "hnc"),
        ("the UN-backed Government of National Accord", "gna-proposed"),
        ("delegates signed the deal in Skhirat on Thursday", "skhirat-agreement"),
        ("Haftar's offensive on Tripoli", "tripoli-offensive"),
        ("Haftar ordered the Libyan National Army to advance on the capital", "tripoli-offensive"),
        ("the Derna flood killed thousands", "derna-flood"),
        ("floods that devastated the eastern city of Derna", "derna-flood"),
        ("Russia reportedly relocates military assets from Syria to Libya", "russia-syria-to-libya"),
        ("the collapse of Bashar al-Assad's government", "assad-fall"),
        ("the killing of Qassem Soleimani", "soleimani-killed"),
        ("the training mission for Iraqi forces is temporarily suspended", "iraq-training-suspended"),
        ("The COVID-19 pandemic", "covid"),
        ("the Berlin conference on Libya", "berlin-conference"),
        ("GNA forces retook Tarhuna on Friday", "tripoli-offensive-end"),
        ("Islamic State fighters", "islamic-state-name"),
        ("X, formerly Twitter", "x-formerly-twitter"),
    ],
)
def test_entries_match_their_phrasings(text: str, item: str) -> None:
    assert item in {m.item.id for m in find_mentions(text)}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("This is the plan; it is what IS expected.", "islamic-state-name"),  # "is" is not IS
        ("The Berlin Conference of 1884 divided Africa.", "berlin-conference"),  # no Libya
        ("Haftar's forces pushed into the southern outskirts of Tripoli.", "tripoli-offensive-end"),
        ("The fall of Mosul shocked Baghdad.", "mosul-liberation"),
        ("Turkey flew Syrian fighters from Syria to Libya.", "russia-syria-to-libya"),
        ("Theresa May met the 28 EU leaders.", "nato-28"),
    ],
)
def test_entries_do_not_match_lookalikes(text: str, item: str) -> None:
    assert item not in {m.item.id for m in find_mentions(text)}


def test_a_mention_is_counted_once_per_sentence() -> None:
    mentions = find_mentions("Islamic State and ISIS and Daesh. Islamic State again.")
    assert [m.item.id for m in mentions].count("islamic-state-name") == 2


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        ({"block": "x"}, "list of blocks"),
        ([{"block": "x", "items": []}], "source"),
        (
            [
                {
                    "block": "x",
                    "source": "s",
                    "items": [{"id": "a", "label": "l", "date": "2011-01-01", "patterns": ["("]}],
                }
            ],
            "bad pattern",
        ),
        (
            [
                {
                    "block": "x",
                    "source": "s",
                    "items": [{"id": "a", "label": "l", "date": "soon", "patterns": ["a"]}],
                }
            ],
            "unreadable date",
        ),
        (
            [
                {
                    "block": "x",
                    "source": "s",
                    "items": [
                        {"id": "a", "label": "l", "kind": "period", "date": "2011-01-01", "patterns": ["a"]}
                    ],
                }
            ],
            "period needs an end",
        ),
        (
            [
                {
                    "block": "x",
                    "source": "s",
                    "items": [{"id": "a", "label": "l", "kind": "rumour", "date": "2011", "patterns": ["a"]}],
                }
            ],
            "kind must be",
        ),
        (
            [
                {
                    "block": "x",
                    "source": "s",
                    "items": [
                        {"id": "a", "label": "l", "date": "2011", "patterns": ["a"]},
                        {"id": "a", "label": "l", "date": "2011", "patterns": ["b"]},
                    ],
                }
            ],
            "duplicate id",
        ),
    ],
)
def test_a_malformed_file_fails_loudly(blocks: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(blocks)
