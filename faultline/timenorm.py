"""Resolvers: one per kind of temporal expression, from a grammar match to a TIMEX3-style value.

Each takes the regex match of its rule in `timex.RULES` and an `Anchor` (the publication date, the
last day the text has set, whether the words look ahead) and returns (value, granularity, date_end).
A relative expression that cannot be anchored gets value None; it never falls back to today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .timevalue import (
    MONTHS,
    SEASONS,
    WEEKDAYS,
    month_on_or_before,
    number,
    shift,
    weekday_after,
    weekday_on_or_before,
    year_near,
)

# (value, granularity, date_end); value None when the expression cannot be anchored.
Resolved = tuple[str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class Anchor:
    """What relative expressions are resolved against."""

    published: dt.date | None
    reference: dt.date | None  # the last day the text has set, else the publication date
    future: bool  # the words just before the expression look ahead ("will", "next", "due")
    quarter: str | None = None  # the last quarter the text set, when this sentence is about one


_QUARTERS = {"fir": 1, "1st": 1, "sec": 2, "2nd": 2, "thi": 3, "3rd": 3, "fou": 4, "4th": 4,
             "fin": 4}  # fmt: skip
_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _day_value(day: dt.date | None, part: str | None = None) -> str | None:
    if day is None:
        return None
    return day.isoformat() + (f"T{_PART[part.lower()]}" if part else "")


# --------------------------------------------------------------------------- absolute dates


def full_date(m: re.Match[str], anchor: Anchor) -> Resolved:
    month = MONTHS[m["month"].rstrip(".").lower()]
    day = int(re.sub(r"\D", "", m["day"]))
    year = int(m["year"]) if m["year"] else year_near(month, day, anchor.published, anchor.future)
    if year is None:
        return None, "day", None
    try:
        start = dt.date(year, month, day)
        end = dt.date(year, month, int(re.sub(r"\D", "", m["day2"]))) if m["day2"] else None
    except ValueError:
        return None, "day", None
    return start.isoformat(), "day", end.isoformat() if end else None


def numeric_date(m: re.Match[str], anchor: Anchor) -> Resolved:
    first, second, year = int(m["a"]), int(m["b"]), int(m["year"])
    year += 2000 if year < 50 else 1900 if year < 100 else 0
    month, day = (first, second) if first <= 12 else (second, first)
    try:
        return dt.date(year, month, day).isoformat(), "day", None
    except ValueError:
        return None, "unknown", None


def iso_date(m: re.Match[str], anchor: Anchor) -> Resolved:
    try:
        return dt.date(int(m["year"]), int(m["a"]), int(m["b"])).isoformat(), "day", None
    except ValueError:
        return None, "unknown", None


def dotted_date(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "14.09.2022", "14-09-2022": day first, as written outside the United States."""
    import dateparser  # only for these odd formats; imported lazily (it is slow to import)

    parsed = dateparser.parse(m[0], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    return (parsed.date().isoformat(), "day", None) if parsed else (None, "unknown", None)


def month_year(m: re.Match[str], anchor: Anchor) -> Resolved:
    return f"{m['year']}-{MONTHS[m['month'].rstrip('.').lower()]:02d}", "month", None


def month(m: re.Match[str], anchor: Anchor) -> Resolved:
    month = MONTHS[m["month"].rstrip(".").lower()]
    rel = (m["rel"] or "").lower()
    if anchor.published is None:
        return None, "month", None
    if m["yrel"]:  # "in June last year", "October this year"
        year = anchor.published.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
        return f"{year}-{month:02d}", "month", None
    first = month_on_or_before(month, anchor.published)
    if rel == "this":
        first = first.replace(year=anchor.published.year)
    elif rel in ("next", "coming") or (
        anchor.future and rel != "last" and first.month != anchor.published.month
    ):
        first = first.replace(year=first.year + 1)
    elif rel == "last" and first.month == anchor.published.month:
        first = first.replace(year=first.year - 1)
    return f"{first.year}-{first.month:02d}", "month", None


def season(m: re.Match[str], anchor: Anchor) -> Resolved:
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return f"{m['year']}-{code}", "season", None
    if anchor.published is None:
        return None, "season", None
    year = anchor.published.year
    rel = (m["rel"] or "").lower()
    year += {"last": -1, "next": 1}.get(rel, 0)
    return f"{year}-{code}", "season", None


def quarter(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the third quarter" (of the publication year, or last year's when it has not begun yet),
    "the latest quarter" (the last one completed before publication), "the 1988 second quarter",
    "the year-ago third quarter", "the first quarter of last year", "the quarter" (the one the
    text is about)."""
    g = m.groupdict()
    ordinal = (g.get("ordinal") or "").lower()[:3]
    year_word = (g.get("yrel") or g.get("rel2") or "").lower()
    step = -1 if year_word.startswith(("year", "last")) else int(year_word.startswith("next"))
    if ordinal and (g.get("year") or g.get("year0")):
        return f"{g.get('year') or g.get('year0')}-Q{_QUARTERS[ordinal]}", "quarter", None
    if anchor.published is None:
        return None, "quarter", None
    if not ordinal and (g.get("bare") or g.get("period")) and anchor.quarter:
        return _shift_quarter(anchor.quarter, step), "quarter", None
    current = (anchor.published.month - 1) // 3 + 1
    year, quarter = anchor.published.year, _QUARTERS.get(ordinal, current - 1)
    if quarter > current and not anchor.future and not year_word or quarter == 0:
        year, quarter = year - 1, quarter or 4
    elif year_word and ordinal:  # "this year's third quarter", "the first quarter of next year"
        year = anchor.published.year + step
    return f"{year}-Q{quarter}", "quarter", None


def _shift_quarter(value: str, years: int) -> str:
    return f"{int(value[:4]) + years}{value[4:]}"


def year_period(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the 1988 period", "the 1988 quarter": the quarter the text is about, in that year."""
    if anchor.quarter:
        return f"{m['year']}{anchor.quarter[4:]}", "quarter", None
    return m["year"], "year", None


def year_ago_period(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the year-ago quarter", "the year-earlier period": the quarter the text is about, a year
    before; without one, last year."""
    if anchor.quarter:
        return _shift_quarter(anchor.quarter, -1), "quarter", None
    if anchor.published is None:
        return None, "year", None
    return str(anchor.published.year - 1), "year", None


def year(m: re.Match[str], anchor: Anchor) -> Resolved:
    return m["year"], "year", None


def short_year(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "'82" -> 1982, "'05" -> 2005: the century that keeps it at most ten years ahead."""
    if anchor.published is None:
        return None, "year", None
    now = anchor.published.year
    year = now // 100 * 100 + int(m["short"])
    return str(year - 100 if year > now + 10 else year), "year", None


def spoken_year(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    if m["tens"]:
        count = number(m["tens"])
        return (f"19{count:02d}" if count is not None else None), "year", None
    return str(2000 + (number(m["units"]) or 0 if m["units"] else 0)), "year", None


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31)}  # fmt: skip


def holiday(m: re.Match[str], anchor: Anchor) -> Resolved:
    """Christmas (Eve), New Year's Day/Eve, Thanksgiving (the fourth Thursday of November), Easter
    Sunday: in the year written, else the nearest one ("last", "next" and "this" as said)."""
    name = re.sub(r"\s+", " ", m["name"].lower()).replace(" sunday", "").replace(" day", "")
    name = {"christmas": "christmas day", "new year's": "new year's day"}.get(name, name)
    month, day = _HOLIDAYS.get(name, (11, 25) if name == "thanksgiving" else (4, 1))
    year = int(m["year"]) if m["year"] else _holiday_year(m, month, day, anchor)
    if year is None:
        return None, "day", None
    if name == "thanksgiving":
        return weekday_after(3, dt.date(year, 11, 21)).isoformat(), "day", None
    if name == "easter":
        return easter(year).isoformat(), "day", None
    return dt.date(year, month, day).isoformat(), "day", None


def _holiday_year(m: re.Match[str], month: int, day: int, anchor: Anchor) -> int | None:
    if anchor.published is None:
        return None
    rel, today = (m["rel"] or "").lower(), (anchor.published.month, anchor.published.day)
    if rel == "last":
        return anchor.published.year - ((month, day) >= today)
    if rel == "next":
        return anchor.published.year + ((month, day) <= today)
    if rel == "this":
        return anchor.published.year
    return year_near(month, day, anchor.published, anchor.future)


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


def decade(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the 1990s", "the late '70s": TimeML's three-digit decade (199, 197)."""
    if m["century"]:
        return f"{m['century']}{m['digit']}", "decade", None
    century = "19" if int(m["short"]) >= 3 else "20"
    return f"{century}{m['short']}", "decade", None


def century(m: re.Match[str], anchor: Anchor) -> Resolved:
    return f"{int(m['n']) - 1:02d}", "century", None


# --------------------------------------------------------------------------- relative dates


def deictic_day(m: re.Match[str], anchor: Anchor) -> Resolved:
    word = re.sub(r"\s+", " ", m[0].lower())
    offset, part = {
        "today": (0, None), "earlier today": (0, None), "later today": (0, None),
        "tonight": (0, "night"), "this morning": (0, "morning"),
        "this afternoon": (0, "afternoon"), "this evening": (0, "evening"),
        "yesterday": (-1, None), "last night": (-1, "night"), "overnight": (-1, "night"),
        "tomorrow": (1, None), "the day before yesterday": (-2, None),
        "the day after tomorrow": (2, None),
    }[word]  # fmt: skip
    if anchor.published is None:
        return None, "day", None
    return _day_value(anchor.published + dt.timedelta(days=offset), part), "day", None


def weekday(m: re.Match[str], anchor: Anchor) -> Resolved:
    if anchor.published is None:
        return None, "day", None
    weekday = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if rel.startswith("the ") and anchor.reference:  # "the previous Friday": before the text's day
        before = weekday_on_or_before(weekday, anchor.reference - dt.timedelta(days=1))
        day = before if rel.endswith("previous") else weekday_after(weekday, anchor.reference)
        return _day_value(day, m["part"]), "day", None
    day = weekday_on_or_before(weekday, anchor.published)
    if rel in ("next", "this coming") or (
        anchor.future and rel != "last" and day != anchor.published
    ):
        day = weekday_after(weekday, anchor.published)
    elif rel == "last" and day == anchor.published:
        day -= dt.timedelta(days=7)
    return _day_value(day, m["part"]), "day", None


def anchored(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the next day", "two days later", "the day before": counted from the text's last day."""
    g = m.groupdict()
    word = (g.get("dir") or "").lower()
    sign = -1 if word in ("previous", "preceding", "earlier", "before") else 1
    unit = (g.get("unit") or "day").lower().rstrip("s")
    unit = "day" if unit in _PART else unit
    count = 0 if g.get("n") == "" else number(g["n"]) if g.get("n") else 1  # "" : "that day"
    if unit == "year" and count == 1 and sign < 0 and anchor.quarter:
        return _shift_quarter(anchor.quarter, -1), "quarter", None
    if anchor.reference is None or count is None:
        return None, unit, None
    return shift(anchor.reference, unit, sign * count)


def weekend(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "over the weekend": the most recent Saturday and Sunday (this one, on a weekend day)."""
    if anchor.published is None:
        return None, "week", None
    saturday = weekday_on_or_before(5, anchor.published)
    year, week, _ = saturday.isocalendar()
    return f"{year}-W{week:02d}-WE", "week", None


def ago(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "two weeks ago" (2022-W35), "a decade ago" (2012); "a year ago" in a sentence about a
    quarter's results is that quarter a year before (TimeML's convention for financial news)."""
    unit = m["unit"].lower().rstrip("s")
    count = number(m["n"])
    if unit == "decade" and count is not None:
        unit, count = "year", count * 10
    if unit == "year" and count == 1 and anchor.quarter:
        return _shift_quarter(anchor.quarter, -1), "quarter", None
    if anchor.published is None or count is None or unit not in ("day", "week", "month", "year"):
        return None, unit if unit in ("day", "week", "month", "year") else "unknown", None
    return shift(anchor.published, unit, -count)


def period(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "last week" (2022-W36), "earlier this month" (2022-09), "next year", "last weekend"."""
    unit = m["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
            "coming": 1}[m["rel"].lower()]  # fmt: skip
    if anchor.published is None:
        return None, "week" if unit == "weekend" else unit, None
    if unit == "quarter":  # "the current quarter"
        return f"{anchor.published.year}-Q{(anchor.published.month - 1) // 3 + 1}", "quarter", None
    value, granularity, end = shift(anchor.published, "week" if unit == "weekend" else unit, step)
    return (f"{value}-WE" if unit == "weekend" and value else value), granularity, end


def ref(m: re.Match[str], anchor: Anchor) -> Resolved:
    word = m[0].lower()
    if any(cue in word for cue in ("past", "recent", "lately")):
        return "PAST_REF", "unknown", None
    if "future" in word:
        return "FUTURE_REF", "unknown", None
    return "PRESENT_REF", "unknown", None


def clock(m: re.Match[str], anchor: Anchor) -> Resolved:
    g = m.groupdict()
    if g.get("noon"):
        hour, minute = (12, 0) if g["noon"].lower() == "noon" else (0, 0)
    else:
        hour, minute = int(g["h"]), int(g["mi"] or 0)
        ampm = (g.get("ampm") or "").lower()
        hour += 12 if ampm.startswith("p") and hour < 12 else 0
        hour -= 12 if ampm.startswith("a") and hour == 12 else 0
    if hour > 23 or anchor.reference is None:
        return None, "time", None
    zone = "Z" if re.search(r"GMT(?![+-]\d)|UTC(?![+-]\d)", m[0]) else ""
    return f"{anchor.reference.isoformat()}T{hour:02d}:{minute:02d}{zone}", "time", None


# --------------------------------------------------------------------------- durations


def duration(m: re.Match[str], anchor: Anchor) -> Resolved:
    unit = m["unit"].lower()
    written = m.groupdict().get("n", "a")  # absent: "the past week"; empty: "for decades"
    count = number(written) if written else None
    letters = {
        "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "W",
        "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
        "centurie": "CE",
    }[unit.rstrip("s") if unit != "centuries" else "centurie"]  # fmt: skip
    if unit.startswith("fortnight") and count is not None:
        count *= 2
    if letters in ("DE", "CE") and count is not None:  # "two decades": P20Y, as TimeML writes it
        count, letters = count * (10 if letters == "DE" else 100), "Y"
    amount = "X" if count is None else f"{count:g}"
    time_part = letters.startswith("T")
    return f"P{'T' if time_part else ''}{amount}{letters.lstrip('T')}", "duration", None


def frequency(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "daily" -> P1D, "every week" -> P1W: how often (a TIMEX3 set), not when."""
    word = m[0].lower().split()[-1]
    stem = {"daily": "day", "annually": "year", "yearly": "year", "annual": "year"}.get(
        word, word.removesuffix("ly")
    )
    letters = {"hour": "T1H", "day": "1D", "week": "1W", "month": "1M", "year": "1Y"}[stem]
    return f"P{letters}", "set", None
