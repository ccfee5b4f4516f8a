from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.ingest.dates import normalize_published, published_fields


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05 10:00:00 +0100", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:59:00 -0800", "2024-03-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        (dt.date(2024, 3, 5), "2024-03-05"),
        (dt.datetime(2024, 3, 5, 8, 0), "2024-03-05"),
        (2024, "2024"),
    ],
)
def test_readable_dates_are_normalised(value: Any, expected: str) -> None:
    assert normalize_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "yesterday", "2024-13", "2024-02-30", "05/03/2024", "2024-03-05Tlater", None, 3.5, True, [2024]],
)
def test_unreadable_dates_give_none(value: Any) -> None:
    assert normalize_published(value) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-05", ("2024-03-05", {})),
        ("last Tuesday", (None, {"published_raw": "last Tuesday"})),
        ("  ", (None, {})),
        (None, (None, {})),
    ],
)
def test_unreadable_raw_value_is_kept_for_meta(value: Any, expected: tuple[Any, Any]) -> None:
    assert published_fields(value) == expected
