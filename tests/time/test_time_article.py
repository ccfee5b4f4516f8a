"""The publication-date cascade (sitrep.time.article): metadata, then text, then inference."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.time import PublicationDate, TenureWindow, date_article

TODAY = date(2026, 11, 24)
SARRAJ = TenureWindow(
    "Fayez al-Sarraj as LBY-GNA.head_of_government", date(2015, 12, 17), date(2021, 3, 15), True
)


@pytest.mark.parametrize(
    ("metadata", "value", "precision", "earliest", "latest"),
    [
        ("2016-05-08", "2016-05-08", "day", date(2016, 5, 8), date(2016, 5, 8)),
        ("2016-05", "2016-05", "month", date(2016, 5, 1), date(2016, 5, 31)),
        ("2016", "2016", "year", date(2016, 1, 1), date(2016, 12, 31)),
    ],
)
def test_metadata_wins(metadata: str, value: str, precision: str, earliest: date, latest: date) -> None:
    text = "BENGHAZI, Libya, 12 March 2011 — Rebels said ... the 2014 split ..."
    got = date_article(text if precision == "day" else "Fighting resumed.", metadata=metadata, today=TODAY)
    assert (got.value, got.precision, got.earliest, got.latest, got.method) == (
        value,
        precision,
        earliest,
        latest,
        "metadata",
    )
    assert got.confidence >= 0.85 and got.evidence


def test_a_coarse_metadata_date_is_refined_by_an_agreeing_dateline() -> None:
    got = date_article("TRIPOLI, Libya, 27 November 2019 — The deal was signed.", metadata="2019")
    assert (got.value, got.precision, got.method) == ("2019-11-27", "day", "metadata")
    disagreeing = date_article("TRIPOLI, Libya, 27 November 2019 — The deal was signed.", metadata="2018")
    assert disagreeing.value == "2018"


@pytest.mark.parametrize("bad", ["2011-23-10", "sometime", "2099-01-01"])
def test_unusable_metadata_falls_through_to_the_text(bad: str) -> None:
    got = date_article(
        "TRIPOLI, Libya, 23 October 2011 — Libya was declared liberated.", metadata=bad, today=TODAY
    )
    assert (got.value, got.method) == ("2011-10-23", "text")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("BENGHAZI, Libya, 12 May 2016 — Forces loyal to the government advanced.", "2016-05-12"),
        ("TRIPOLI, May 12, 2016 (Reuters) - Forces advanced.", "2016-05-12"),
        ("Tuesday 4 April 2019 | Libya Herald\nForces advanced on the capital.", "2019-04-04"),
        ("Title line\n12 May 2016\nForces advanced.", "2016-05-12"),
        ("Libya news\nPublished: 12 May 2016\nUpdated 3 March 2020\nForces advanced.", "2016-05-12"),
        ("Posted on Friday, 16 May 2014 by staff\nForces advanced.", "2014-05-16"),
        ("Updated 19 August 2024\nThe council replaced the governor.", "2024-08-19"),
    ],
)
def test_datelines_and_labelled_dates(text: str, value: str) -> None:
    got = date_article(text, today=TODAY)
    assert (got.value, got.precision, got.method) == (value, "day", "text")


def test_a_weekday_that_disagrees_lowers_confidence() -> None:
    agrees = date_article("Friday 16 May 2014 | Benghazi\nText.", today=TODAY)
    disagrees = date_article("Tuesday 4 April 2019 | Tripoli\nText.", today=TODAY)
    assert agrees.confidence > disagrees.confidence
    assert any("does not match" in e for e in disagrees.evidence)


def test_a_date_after_today_is_not_a_publication_date() -> None:
    got = date_article("Published: 12 May 2031\nSomething.", today=TODAY)
    assert got.method != "text"


def test_a_yearless_dateline_takes_its_year_from_the_content() -> None:
    text = "TRIPOLI, March 30 (Reuters) - Fayez al-Sarraj arrived in Tripoli by sea on Wednesday."
    got = date_article(text, windows=[SARRAJ], today=TODAY)
    assert (got.value, got.precision, got.method) == ("2016-03-30", "day", "text")
    assert got.evidence[0].startswith("dateline")
    event_text = (
        "SIRTE, Libya, Oct 21 (AP) — A day after Muammar Gaddafi was captured and killed on Thursday, ..."
    )
    assert date_article(event_text, today=TODAY).value == "2011-10-21"


def test_a_yearless_dateline_without_any_year_clue_is_not_used() -> None:
    assert (
        date_article("TRIPOLI, March 30 (Reuters) - Gunfire was heard on Wednesday.", today=TODAY)
        == PublicationDate()
    )


def test_inference_when_nothing_is_written() -> None:
    text = "On Sunday, Islamic State released a video showing the beheading of 21 Egyptian Coptic Christians in Libya."
    got = date_article(text, today=TODAY)
    assert got.method == "inferred" and got.value == "2015-02" and got.precision == "month"
    assert got.earliest == date(2015, 2, 15) and got.latest is not None and got.latest <= date(2015, 2, 28)
    assert 0 < got.confidence <= 0.8
    assert any("21 Egyptian Copts" in e for e in got.evidence)


def test_nothing_gives_nothing() -> None:
    got = date_article("Fighting flared again on Tuesday in the south of the capital.", today=TODAY)
    assert got == PublicationDate()
    assert (got.value, got.precision, got.method, got.confidence) == (None, None, None, 0.0)


def test_a_known_date_beats_an_inference() -> None:
    text = "Published: 1 June 2020\nSix years after Operation Dignity began, the war goes on."
    got = date_article(text, today=TODAY)
    assert (got.value, got.method) == ("2020-06-01", "text")
