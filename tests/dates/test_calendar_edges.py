"""Issue 14: date arithmetic that would leave the calendar gives no value and a problem."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.dates.timevalue import value_bounds
from faultline.dates.timex import OUT_OF_CALENDAR, find_timexes

TEXT = ("It happened last week and on Tuesday; they meet next week, next month, next year and "
        "tomorrow; it began 10 days ago, yesterday, in December 9999.")  # fmt: skip


@pytest.mark.parametrize("published", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_arithmetic_beyond_the_calendar_is_unresolved(published: dt.date) -> None:
    mentions = find_timexes(TEXT, published=published)
    beyond = [m for m in mentions if m.rule == OUT_OF_CALENDAR]
    assert beyond and all(m.value is None and m.granularity == "unknown" for m in beyond)
    for m in mentions:
        assert m.value is None or not m.value.startswith(("1000", "-"))


def test_next_week_from_the_last_day_of_9999() -> None:
    [mention] = find_timexes("They will meet next week.", published=dt.date(9999, 12, 31))
    assert (mention.value, mention.rule) == (None, OUT_OF_CALENDAR)


@pytest.mark.parametrize("value", ["9999-12", "9999-WI", "9999-Q4", "0000-01-01", "999X"])
def test_value_bounds_never_raise(value: str) -> None:
    value_bounds(value)  # None or a pair of days, never an exception
