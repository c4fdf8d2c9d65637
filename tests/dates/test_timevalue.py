"""Calendar arithmetic on TIMEX3-style values."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.dates.timevalue import (
    duration_value,
    easter,
    shift_year,
    value_bounds,
    week_in_month,
)


@pytest.mark.parametrize(
    ("count", "unit", "half", "value"),
    [(6, "weeks", False, "P6W"), (2, "decades", False, "P20Y"), (None, "years", False, "PXY"),
     (24, "hours", False, "PT24H"), (1, "fortnight", False, "P2W"), (5, "hours", True, "PT5H30M"),
     (2, "years", True, "P2Y6M"), (1, "minute", True, "PT1M30S"), (1, "week", True, "P1.5W"),
     (3, "centuries", False, "P300Y"), (None, "decades", False, "PXY")],
)  # fmt: skip
def test_duration_value(count, unit, half, value):
    assert duration_value(count, unit, half=half) == value


@pytest.mark.parametrize(
    ("year", "month", "ordinal", "day", "week"),
    [(2000, 3, "", 6, "2000-W10"), (2009, 3, "last", 1, "2009-W13"),
     (2022, 8, "final", 1, "2022-W34"), (2022, 9, "first", 1, "2022-W36"),
     (2022, 9, "second", 1, "2022-W37")],
)  # fmt: skip
def test_week_in_month(year, month, ordinal, day, week):
    assert week_in_month(year, month, ordinal, day) == week


def test_shift_year_keeps_the_quarter_or_month():
    assert (shift_year("1989-Q3", -1), shift_year("2009-01", -1)) == ("1988-Q3", "2008-01")


def test_easter_and_value_bounds():
    assert easter(2023) == dt.date(2023, 4, 9)
    assert value_bounds("2022-W36") == (dt.date(2022, 9, 5), dt.date(2022, 9, 11))
    assert value_bounds("P6W") is None
