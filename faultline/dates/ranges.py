"""Two adjacent temporal expressions that make one: a range ("from Monday to Wednesday": the
first learns the last day) or a time on a day ("10 p.m. Wednesday")."""

from __future__ import annotations

import dataclasses
import re

from ..records import DateMention

RANGE_GAP = re.compile(r"(?i)\s*(?:-|–|—|to|until|till|through|thru|and)\s*")
RANGE_OPEN = re.compile(r"(?i)\b(?:from|between)\s+$")
CLOCK_GAP = re.compile(r"(?i)\s*(?:[ECMP][SD]T|GMT|UTC|local time)?\s*(?:,|on|at)?\s*")


def day_range(text: str, first: DateMention, second: DateMention) -> list[DateMention] | None:
    """ "from Monday to Wednesday", "between May 3 and May 5": two expressions, as TimeML marks
    them, the first carrying the range's last day (date_end)."""
    if not (
        first.granularity == second.granularity == "day" and first.value and second.value
        and first.date_end is None and RANGE_GAP.fullmatch(text[first.end : second.start])
        and RANGE_OPEN.search(text[max(0, first.start - 12) : first.start])
    ):  # fmt: skip
        return None
    return [dataclasses.replace(first, date_end=second.value[:10], rule="date.range"), second]


def clock_on_day(text: str, first: DateMention, second: DateMention) -> list[DateMention] | None:
    """ "10 p.m. Wednesday", "Tuesday at noon": one expression, the day's date with the time."""
    if {first.granularity, second.granularity} != {"day", "time"} or not CLOCK_GAP.fullmatch(
        text[first.end : second.start]
    ):
        return None
    day, clock = (first, second) if first.granularity == "day" else (second, first)
    if not (day.value and clock.value) or day.date_end:
        return None
    value = day.value[:10] + clock.value[10:]
    span = text[first.start : second.end]
    return [DateMention(span, first.start, second.end, value, "time", False, None, clock.rule)]


def join_pairs(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Two adjacent mentions that make one expression (a time on a day) become one; the first of
    a range learns where the range ends."""
    out: list[DateMention] = []
    for mention in mentions:
        joined = next(
            (
                j
                for join in (day_range, clock_on_day)
                if out and (j := join(text, out[-1], mention))
            ),
            None,
        )
        out[-1:] = joined if joined else out[-1:] + [mention]
    return out
