"""Resolvers of relative expressions ("on Tuesday", "two days ago", "last week", "at 10 p.m.")
and of durations and frequencies, against an `Anchor`; `timenorm` has the absolute ones.
A relative expression that cannot be anchored gets value None; it never falls back to today."""

from __future__ import annotations

import datetime as dt
import re

from .timeanchor import Anchor
from .timenorm import Resolved
from .timevalue import (
    MONTHS,
    PARTS,
    WEEKDAYS,
    day_value,
    duration_value,
    number,
    shift,
    shift_year,
    weekday_after,
    weekday_on_or_before,
)

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
    return day_value(anchor.published + dt.timedelta(days=offset), part), "day", None


def weekday(m: re.Match[str], anchor: Anchor) -> Resolved:
    if anchor.published is None:
        return None, "day", None
    weekday = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if rel.startswith("the ") and anchor.reference:  # "the previous Friday": before the text's day
        before = weekday_on_or_before(weekday, anchor.reference - dt.timedelta(days=1))
        day = before if rel.endswith("previous") else weekday_after(weekday, anchor.reference)
        return day_value(day, m["part"]), "day", None
    day = weekday_on_or_before(weekday, anchor.published)
    if rel in ("next", "this coming") or (
        anchor.future and rel != "last" and day != anchor.published
    ):
        day = weekday_after(weekday, anchor.published)
    elif rel == "last" and day == anchor.published:
        day -= dt.timedelta(days=7)
    return day_value(day, m["part"]), "day", None


def anchored(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "the next day", "two days later", "the day before": counted from the text's last day."""
    g = m.groupdict()
    word = (g.get("dir") or "").lower()
    sign = -1 if word in ("previous", "preceding", "earlier", "before") else 1
    unit = (g.get("unit") or "day").lower().rstrip("s")
    unit = "day" if unit in PARTS else unit
    count = 0 if g.get("n") == "" else number(g["n"]) if g.get("n") else 1  # "" : "that day"
    if unit == "year" and count == 1 and sign < 0 and anchor.quarter:
        return shift_year(anchor.quarter, -1), "quarter", None
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
    quarter's results is that quarter a year before (TimeML's convention for financial news);
    "several years ago", "a few weeks ago": some time in the past (PAST_REF)."""
    unit = m["unit"].lower().rstrip("s")
    count = number(m["n"])
    if count is None:
        return "PAST_REF", "unknown", None
    if unit == "decade" and count is not None:
        unit, count = "year", count * 10
    if unit == "year" and count == 1 and anchor.quarter:
        return shift_year(anchor.quarter, -1), "quarter", None
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
    if "future" in word or word.endswith("term"):  # "in the near term", "for the long term"
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
    """ "six weeks" -> P6W, "two decades" -> P20Y, "for years" -> PXY, "5 1/2 hours" -> PT5H30M."""
    written = m.groupdict().get("n", "a")  # absent: "the past week"; empty: "for decades"
    if not written and not m["unit"].lower().endswith("s"):  # "a day-long meeting"
        written = "a"
    count = number(written) if written else None
    half = bool(m.groupdict().get("half") or m.groupdict().get("half2"))
    return duration_value(count, m["unit"], half=half), "duration", None


def frequency(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "daily" -> P1D, "every week" -> P1W: how often (a TIMEX3 set), not when."""
    word = m[0].lower().split()[-1]
    stem = {"daily": "day", "annually": "year", "yearly": "year", "annual": "year"}.get(
        word, word.removesuffix("ly")
    )
    letters = {"hour": "T1H", "day": "1D", "week": "1W", "month": "1M", "quarter": "1Q",
               "year": "1Y"}[stem]  # fmt: skip
    return f"P{letters}", "set", None


def every(m: re.Match[str], anchor: Anchor) -> Resolved:
    """ "each Thursday" -> XXXX-WXX-4, "every July" -> XXXX-07: a day or month that recurs."""
    if m["weekday"]:
        return f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}", "set", None
    return f"XXXX-{MONTHS[m['month'].rstrip('.').lower()]:02d}", "set", None
