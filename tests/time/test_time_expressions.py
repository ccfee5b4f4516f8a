"""Temporal expressions resolved against the article's date (sitrep.time.expressions)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.time import PublicationDate, article_anchor, event_date, resolve_expression

SUNDAY = date(2016, 5, 8)
WEDNESDAY = date(2020, 1, 15)


@pytest.mark.parametrize(
    ("sentence", "anchor", "value", "precision"),
    [
        # The product's example: a Sunday report about "Thursday".
        ("IS fighters attacked a checkpoint at Abu Grein on Thursday.", SUNDAY, "2016-05-05", "day"),
        # A weekday equal to the anchor's is the anchor itself (dateparser says a week earlier).
        ("Clashes erupted late on Sunday.", SUNDAY, "2016-05-08", "day"),
        ("Turkish troops began deploying on Wednesday.", WEDNESDAY, "2020-01-15", "day"),
        ("Sunday's attack killed four.", SUNDAY, "2016-05-08", "day"),
        ("They met last Monday.", WEDNESDAY, "2020-01-13", "day"),
        ("They met last Wednesday.", WEDNESDAY, "2020-01-08", "day"),
        ("Gunfire was heard on Saturday night.", SUNDAY, "2016-05-07", "day"),
        ("Protesters gathered yesterday.", SUNDAY, "2016-05-07", "day"),
        ("The envoy arrived today.", SUNDAY, "2016-05-08", "day"),
        ("Two days ago a missile hit the port.", WEDNESDAY, "2020-01-13", "day"),
        ("Gunmen kidnapped two engineers last week.", SUNDAY, "2016-04", "month"),
        ("Fighters advanced this week.", WEDNESDAY, "2020-01", "month"),
        ("The unity government moved in earlier this month.", SUNDAY, "2016-05", "month"),
        ("Mercenaries arrived last month.", WEDNESDAY, "2019-12", "month"),
        ("The terminals resumed exports in March.", SUNDAY, "2016-03", "month"),
        ("The terminals resumed exports in December.", SUNDAY, "2015-12", "month"),
        ("Forces entered the city on March 3.", SUNDAY, "2016-03-03", "day"),
        ("Forces entered the city on 3 March.", SUNDAY, "2016-03-03", "day"),
        ("The agreement was signed on 17 December 2015.", SUNDAY, "2015-12-17", "day"),
        ("The agreement was signed on December 17, 2015.", SUNDAY, "2015-12-17", "day"),
        ("The decree is dated 12/05/2016.", date(2016, 5, 20), "2016-05-12", "day"),
        ("The group appeared in Derna in 2014.", SUNDAY, "2014", "year"),
        ("The talks collapsed in March 2015.", SUNDAY, "2015-03", "month"),
        ("In March 2015, the talks collapsed.", SUNDAY, "2015-03", "month"),
        ("Since September 2014 the airport has been shut.", SUNDAY, "2016-05-08", "article"),
        ("Gaddafi was killed five years ago.", SUNDAY, "2011", "year"),
        ("Six years ago the country split.", WEDNESDAY, "2014", "year"),
        ("The 2011 uprising ended his rule.", SUNDAY, "2011", "year"),
        ("The vote was held last year.", WEDNESDAY, "2019", "year"),
        # Future cues point forward.
        ("Talks are due to resume on Tuesday.", SUNDAY, "2016-05-10", "day"),
        ("The ministers will meet again next week.", SUNDAY, "2016-05", "month"),
        ("A delegation is expected to visit next month.", date(2024, 12, 15), "2025-01", "month"),
        ("NATO will end its mission on 31 October.", date(2011, 10, 21), "2011-10-31", "day"),
    ],
)
def test_event_dates(sentence: str, anchor: date, value: str, precision: str) -> None:
    assert event_date(sentence, anchor) == (value, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "Militiamen shelled the airport.",
        "The country has been split since 2014.",  # a state's start, not the event's date
        "Fighting has continued for six weeks.",  # a duration
        "Aid had been promised since Monday.",
        "The 17 February revolution toppled him.",  # a name, not a date
        "More than 2015 people fled.",  # a count
    ],
)
def test_without_a_dating_expression_the_event_takes_the_article_date(sentence: str) -> None:
    assert event_date(sentence, SUNDAY) == ("2016-05-08", "article")
    assert event_date(sentence, SUNDAY, fallback=False) == (None, None)


def test_a_date_attached_to_a_reporting_verb_gives_way() -> None:
    sentence = "The ministry said on Monday that fighters had shelled the airport on Saturday."
    assert event_date(sentence, WEDNESDAY) == ("2020-01-11", "day")
    assert event_date("Erdogan said on Sunday that troops were moving.", date(2020, 1, 6)) == (
        "2020-01-05",
        "day",
    )


@pytest.mark.parametrize(
    ("sentence", "anchor", "precision", "value", "want_precision"),
    [
        ("Storm Daniel struck on Sunday.", date(2023, 9, 1), "month", "2023-09", "month"),
        ("The flood killed thousands last month.", date(2023, 1, 1), "year", "2023", "year"),
        ("The vote was held last year.", date(2023, 1, 1), "year", "2022", "year"),
        ("Rebels entered the town yesterday.", date(2023, 1, 1), "year", "2023", "year"),
        ("Forces entered the city on March 3.", date(2016, 5, 1), "month", "2016-03-03", "day"),
    ],
)
def test_a_coarse_anchor_never_gives_a_finer_date_than_it_has(
    sentence: str, anchor: date, precision: str, value: str, want_precision: str
) -> None:
    assert event_date(sentence, anchor, precision) == (value, want_precision)


def test_expressions_carry_offsets_kinds_and_ranges() -> None:
    sentence = (
        "Since 2014 the country has been split; talks in Rome on Tuesday failed, and more are due next week."
    )
    found = resolve_expression(sentence, date(2016, 2, 4))
    assert [(e.text, e.kind) for e in found] == [
        ("Since 2014", "since"),
        ("on Tuesday", "relative"),
        ("next week", "relative"),
    ]
    for e in found:
        assert sentence[e.start : e.end] == e.text
    tuesday, next_week = found[1], found[2]
    assert tuesday.value == "2016-02-02" and not tuesday.future
    assert (
        next_week.future and next_week.earliest == date(2016, 2, 8) and next_week.latest == date(2016, 2, 14)
    )
    duration = resolve_expression("Over the past two weeks prices rose.", date(2016, 2, 4))[0]
    assert duration.kind == "duration" and duration.value is None
    assert (duration.earliest, duration.latest) == (date(2016, 1, 21), date(2016, 2, 4))


def test_without_an_anchor_only_absolute_expressions_have_values() -> None:
    found = resolve_expression("On Tuesday, a year after the 3 March 2015 talks, they met.", None)
    assert [(e.text, e.value) for e in found] == [("On Tuesday", None), ("the 3 March 2015", "2015-03-03")]


def test_article_anchor_reads_a_publication_date() -> None:
    assert article_anchor(PublicationDate("2016-05-08", "day")) == (date(2016, 5, 8), "day")
    assert article_anchor(PublicationDate("2016-05", "month")) == (date(2016, 5, 1), "month")
    assert article_anchor(PublicationDate()) is None
