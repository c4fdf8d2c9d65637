"""Resolvers: one per kind of temporal expression, from a grammar match to a TIMEX3-style value.

Each takes the regex match of its rule in `timex.RULES` and an `Anchor` (`timeanchor.py`: the
publication date, the last day the text has set, whether the words look ahead, the quarter, month
and year the text is about) and returns (value, granularity, date_end).
A relative expression that cannot be anchored gets value None; it never falls back to today.
"""

from __future__ import annotations

import datetime as dt
import re

from .timeanchor import Anchor
from .timevalue import (
    HOLIDAYS,
    MONTHS,
    SEASONS,
    holiday_date,
    month_on_or_before,
    number,
    shift_year,
    week_in_month,
    year_near,
)

# (value, granularity, date_end); value None when the expression cannot be anchored.
Resolved = tuple[str | None, str, str | None]


MONTHS_AHEAD = 2  # a month named without a year this close ahead is the coming one

_QUARTERS = {"fir": 1, "1st": 1, "sec": 2, "2nd": 2, "thi": 3, "3rd": 3, "fou": 4, "4th": 4,
             "fin": 4}  # fmt: skip
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


def week_of(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the week of March 6": the ISO week of that day; "the first (second, ...) week of March":
    counted from the month's first Monday; "the last week of March": the week of its last Sunday."""
    month = MONTHS[m["month"].rstrip(".").lower()]
    day = int(re.sub(r"\D", "", m["day"])) if m["day"] else 1
    year = int(m["year"]) if m["year"] else year_near(month, day, anchor.published, anchor.future)
    if year is None:
        return None, "week", None
    try:
        return week_in_month(year, month, (m["ord"] or "").lower(), day), "week", None
    except ValueError:  # "the week of Feb. 30"
        return None, "week", None


def month(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "in May": the most recent May, or the coming one when the words look ahead or when it is at
    most MONTHS_AHEAD months away and the clause is not told in the past; "last May", "next May",
    "May this year" as said."""
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
    elif (
        rel in ("next", "coming")
        or rel != "last"
        and (
            anchor.future
            and first.month != anchor.published.month
            or not anchor.past
            and 0 < (month - anchor.published.month) % 12 <= MONTHS_AHEAD
        )
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
        return shift_year(anchor.quarter, step), "quarter", None
    current = (anchor.published.month - 1) // 3 + 1
    year, quarter = anchor.published.year, _QUARTERS.get(ordinal, current - 1)
    if quarter > current and not anchor.future and not year_word or quarter == 0:
        year, quarter = year - 1, quarter or 4
    elif year_word and ordinal:  # "this year's third quarter", "the first quarter of next year"
        year = anchor.published.year + step
    return f"{year}-Q{quarter}", "quarter", None


def year_period(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the 1988 period", "the 1988 quarter": the quarter the text is about, in that year."""
    if anchor.quarter:
        return f"{m['year']}{anchor.quarter[4:]}", "quarter", None
    return m["year"], "year", None


def year_ago_period(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the year-ago quarter", "the year-earlier period": the quarter the text is about, a year
    before; "the same month a year ago", "the same period last year": the month or quarter the
    text is about, a year before; without one, last year."""
    unit = (m.groupdict().get("unit") or "quarter").lower()
    frame = anchor.month if unit == "month" else anchor.quarter
    if unit == "period" and not frame:
        frame = anchor.month
    if frame:
        return shift_year(frame, -1), "month" if frame == anchor.month else "quarter", None
    if anchor.published is None:
        return None, "year", None
    return str(anchor.published.year - 1), "year", None


def year(m: re.Match[str], anchor: Anchor) -> Resolved:
    return m["year"], "year", None


def the_year(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "for the year", "the full year": the year of the quarter the text is about, else the
    publication year; "the year ended June 30" is a span of a year (TimeML's P1Y)."""
    if m["ended"]:
        return "P1Y", "duration", None
    if anchor.quarter:
        return anchor.quarter[:4], "year", None
    if anchor.published is None:
        return None, "year", None
    return str(anchor.published.year), "year", None


def that_year(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "later that year": the year of the date the text last named."""
    return anchor.year, "year", None


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


def holiday(m: re.Match[str], anchor: Anchor) -> Resolved:
    """Christmas (Eve), New Year's Day/Eve, Thanksgiving, Easter Sunday: in the year written, else
    the nearest one ("last", "next" and "this" as said)."""
    name = re.sub(r"\s+", " ", m["name"].lower()).replace(" sunday", "").replace(" day", "")
    name = {"christmas": "christmas day", "new year's": "new year's day"}.get(name, name)
    month, day = HOLIDAYS.get(name, (11, 25) if name == "thanksgiving" else (4, 1))
    year = int(m["year"]) if m["year"] else _holiday_year(m, month, day, anchor)
    return (holiday_date(name, year).isoformat() if year else None), "day", None


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


def decade(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the 1990s", "the late '70s", "the nineties": TimeML's three-digit decade (199, 197)."""
    if m.groupdict().get("word"):
        tens = "twenties thirties forties fifties sixties seventies eighties nineties".split()
        return f"19{tens.index(m['word'].lower()) + 2}", "decade", None
    if m["century"]:
        return f"{m['century']}{m['digit']}", "decade", None
    century = "19" if int(m["short"]) >= 3 else "20"
    return f"{century}{m['short']}", "decade", None


def century(m: re.Match[str], anchor: Anchor) -> Resolved:
    return f"{int(m['n']) - 1:02d}", "century", None
