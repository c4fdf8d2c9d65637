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
FUTURE_DAYS = 75
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_DURATION_LETTERS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
_ORDINALS = ("first", "second", "third", "fourth")
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
            "new year's eve": (12, 31)}  # fmt: skip
_HALF = {"Y": "6M", "TH": "30M", "TM": "30S", "D": "T12H"}  # half a unit, in the next unit down
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
    """The first and last day a value covers; None for durations, PRESENT_REF and the like, and
    for a value whose days would leave the calendar (year 9999's last month ends in 10000)."""
    if not value:
        return None
    try:
        return _bounds(value)
    except (ValueError, OverflowError):
        return None


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
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


def day_value(day: dt.date | None, part: str | None = None) -> str | None:
    """2022-09-14, or 2022-09-14TNI for a part of the day ("night")."""
    if day is None:
        return None
    return day.isoformat() + (f"T{PARTS[part.lower()]}" if part else "")


def shift_year(value: str, years: int) -> str:
    """The same quarter or month `years` later: shift_year("1989-Q3", -1) == "1988-Q3"."""
    return f"{int(value[:4]) + years}{value[4:]}"


def duration_value(count: int | float | None, unit: str, *, half: bool = False) -> str:
    """A TIMEX3 duration: (6, "weeks") -> P6W, (2, "decades") -> P20Y (as TimeML writes it),
    (None, "years") or (None, "decades") -> PXY, (5, "hours", half) -> PT5H30M, (1, "week",
    half) -> P1.5W."""
    unit = unit.lower()
    stem = "century" if unit.startswith("centur") else unit.rstrip("s")
    letters = _DURATION_LETTERS[stem]
    if stem == "fortnight" and count is not None:
        count *= 2
    if letters in ("DE", "CE"):  # ISO 8601 has no decades: "two decades" P20Y, "decades" PXY
        count, letters = None if count is None else count * (10 if letters == "DE" else 100), "Y"
    time_part = "T" if letters.startswith("T") else ""
    if half and count is not None and letters in _HALF:
        return f"P{time_part}{count:g}{letters.lstrip('T')}{_HALF[letters]}"
    if half and count is not None:
        count += 0.5
    amount = "X" if count is None else f"{count:g}"
    return f"P{time_part}{amount}{letters.lstrip('T')}"


def holiday_date(name: str, year: int) -> dt.date:
    """The day of a holiday ("christmas day", "thanksgiving": the fourth Thursday of November,
    "easter": Western Easter Sunday) in `year`."""
    if name == "thanksgiving":
        return weekday_after(3, dt.date(year, 11, 21))
    if name == "easter":
        return easter(year)
    return dt.date(year, *HOLIDAYS[name])


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def week_in_month(year: int, month: int, ordinal: str, day: int) -> str:
    """The ISO week of `day` ("the week of March 6"), or of the month's first (second, ...) Monday
    ("the second week of March"), or of its last Sunday ("the last week of March")."""
    if ordinal in ("last", "final"):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        week_day = weekday_on_or_before(6, following - dt.timedelta(days=1))
    elif ordinal:
        first_monday = weekday_on_or_before(0, dt.date(year, month, 7))
        week_day = first_monday + dt.timedelta(weeks=_ORDINALS.index(ordinal))
    else:
        week_day = dt.date(year, month, day)
    iso_year, week, _ = week_day.isocalendar()
    return f"{iso_year}-W{week:02d}"
