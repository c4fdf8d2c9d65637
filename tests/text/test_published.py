"""Publication dates (`text/published.py`): the forms read, and the ones refused."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.errors import InputError
from faultline.text.published import parse_published

SEP_14 = dt.date(2022, 9, 14)


@pytest.mark.parametrize(
    "value",
    ["2022-09-14", "2022-09-14T23:30:00+05:00", "2022-09-14T08:00:00Z", "2022-09-14 08:00",
     "14 September 2022", "14 Sep 2022", "Sep 14, 2022", "September 14, 2022", "Sept. 14, 2022",
     "14th September 2022", "Wed, 14 Sep 2022 08:00:00 +0000", "Wednesday, 14 September 2022",
     "2022/09/14"],
)  # fmt: skip
def test_parse_published(value: str) -> None:
    assert parse_published(value, input_name="x") == SEP_14


@pytest.mark.parametrize("value", ["someday", "", "Wednesday", "2022-13-45", "September 2022"])
def test_parse_published_refuses(value: str) -> None:
    with pytest.raises(InputError, match="file.jsonl:3"):
        parse_published(value, input_name="file.jsonl:3")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_publication_dates_outside_1900_2100_are_refused(value: str) -> None:
    with pytest.raises(InputError, match="is outside 1900-2100"):
        parse_published(value, input_name="in")


def test_publication_dates_inside_the_range_are_read() -> None:
    assert parse_published("1900-01-01", input_name="in").year == 1900
    assert parse_published("31 December 2100", input_name="in").year == 2100
