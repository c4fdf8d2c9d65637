"""Calendar arithmetic on TIMEX3-style values: the calendar words, shifting a day, a value's days.

`value_bounds("2022-W36")` is the first and last day the value covers; it is how `dates` decides
whether a date lies before the reporting window and which days a sentence reports.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: index
    for index, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14 = February next
_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
FUTURE_DAYS = 60
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def number(word: str) -> int | float | None:
    """ "six" -> 6, "twenty-four" -> 24, "48" -> 48, "an" -> 1, "a couple of" -> 2, "many": None."""
    word = word.lower().strip()
    if re.fullmatch(r"\d+", word):
        return int(word)
    if re.fullmatch(r"\d+\.\d+", word):
        return float(word)
    if word in ("a", "an", "one"):
        return 1
    if word in ("a couple of", "couple of"):
        return 2
    if word in ("hundred", "a hundred"):
        return 100
    if word in _UNITS:
        return _UNITS.index(word) + 1
    tens, _, unit = word.replace(" ", "-").partition("-")
    if tens in _TENS and (not unit or unit in _UNITS[:9]):
        return 10 * (_TENS.index(tens) + 2) + (_UNITS.index(unit) + 1 if unit else 0)
    return None


def weekday_on_or_before(weekday: int, day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(weekday: int, day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)


def month_on_or_before(month: int, day: dt.date) -> dt.date:
    """The first day of the most recent `month` that started on or before `day`."""
    return dt.date(day.year if month <= day.month else day.year - 1, month, 1)


def year_near(month: int, day: int, published: dt.date | None, future: bool) -> int | None:
    """The year of a day written without one: the publication year, unless that puts the day more
    than FUTURE_DAYS ahead (then last year: "Dec. 30" in a January article), or, when the words look
    ahead, more than a week behind (then next year: "talks will open on Jan. 5" in December)."""
    if published is None:
        return None
    gap = (_safe_date(published.year, month, day) - published).days
    if future and gap < -7:
        return published.year + 1
    return published.year - 1 if gap > FUTURE_DAYS else published.year


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(
        year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    )


def shift(day: dt.date, unit: str, count: int | float) -> tuple[str, str, None]:
    """`day` moved by `count` units, as a value of that unit's granularity (week -> 2022-W36)."""
    whole = int(count)
    if unit == "week":
        year, week, _ = (day + dt.timedelta(weeks=whole)).isocalendar()
        return f"{year}-W{week:02d}", "week", None
    if unit == "month":
        index = day.year * 12 + day.month - 1 + whole
        return f"{index // 12}-{index % 12 + 1:02d}", "month", None
    if unit == "year":
        return str(day.year + whole), "year", None
    return (day + dt.timedelta(days=whole)).isoformat(), "day", None


def value_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a value covers; None for durations, PRESENT_REF and the like."""
    if not value:
        return None
    if m := re.match(r"(\d{4})-(\d\d)-(\d\d)", value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday + dt.timedelta(days=5 if m[3] else 0), monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return _month_bounds(int(m[1]), int(m[2]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        first, last = _SEASON_MONTHS[m[2]]
        return _month_bounds(int(m[1]), first, last)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _month_bounds(int(m[1]), int(m[2]) * 3 - 2, int(m[2]) * 3)
    if m := re.fullmatch(r"(\d{4})", value):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"(\d{3})X?", value):
        return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    if m := re.fullmatch(r"(\d\d)", value):
        return dt.date(max(1, int(m[1]) * 100), 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
    return None


def _month_bounds(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    following = dt.date(end_year + end_month // 12, end_month % 12 + 1, 1)
    return dt.date(year, first, 1), following - dt.timedelta(days=1)
