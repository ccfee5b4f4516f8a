"""Whatever the input, the time functions return well-formed results and never raise."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.time import date_article, event_date, resolve_expression

WORDS = st.sampled_from(
    [
        "on", "Tuesday", "last", "week", "March", "3", "2016", "since", "six", "years", "ago", "the",
        "Gaddafi", "overthrow", "of", "Derna", "flood", "in", "yesterday", "next", "month", "31",
        "February", "2099", "1973", "resolution", "Published:", "TRIPOLI,", "(Reuters)", "-", "\n",
        "29-member", "alliance", "ahead", "Berlin", "conference", "Libya", "earlier", "this", "ago.",
        "In", "Since", "During", "On", "Sunday's", "2015,", "Dec.", "12/05/2016", "2016-02-30", "mid-",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))
VALUE = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.sampled_from(["2016-05-08", "2016-05", "2016", "bad"])))
def test_date_article_is_well_formed(text: str, metadata: str | None) -> None:
    got = date_article(text, metadata=metadata, today=date(2026, 11, 24))
    assert (got.value is None) == (got.method is None) == (got.precision is None)
    if got.value is not None:
        assert re.fullmatch(VALUE[got.precision], got.value)
        assert 0 < got.confidence <= 1
        assert got.value <= "2026-11-24"
    if got.earliest and got.latest:
        assert got.earliest <= got.latest


@settings(max_examples=300, deadline=None)
@given(
    TEXTS,
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)
def test_expressions_are_well_formed(text: str, anchor: date, precision: str) -> None:
    for e in resolve_expression(text, anchor, precision):
        assert text[e.start : e.end] == e.text
        assert e.kind in ("absolute", "relative", "duration", "since")
        if e.value is not None:
            assert re.fullmatch(VALUE[e.precision], e.value)
    value, prec = event_date(text, anchor, precision)
    assert value is not None and prec in ("day", "month", "year", "article")
