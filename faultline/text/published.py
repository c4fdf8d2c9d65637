"""Publication dates as records, sidecars, HTML metadata and `--published` give them:

    parse_published("Sept. 14, 2022", input_name="a.jsonl:3")  # -> datetime.date(2022, 9, 14)

ISO dates and datetimes (the date as written, whatever the offset), RFC 2822, the common written
forms ("14 September 2022", "Sep 14, 2022", "Wednesday, 14 September 2022"), then dateparser with
day, month and year required. A date it cannot read, or one outside 1900-2100, is an InputError
naming the input (`read.published`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from ..errors import InputError

_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%d %b. %Y", "%b. %d, %Y", "%A, %d %B %Y", "%A, %B %d, %Y", "%Y/%m/%d",
                 "%Y%m%d")  # fmt: skip
# Publication dates faultline accepts: news of the last and this century (the date arithmetic of
# `dates` is then always inside the calendar).
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_published(value: str, *, input_name: str) -> dt.date:
    """A publication date: ISO date or datetime, "14 September 2022", "Sep 14, 2022", RFC 2822."""
    text = " ".join(str(value).split())
    for parse in (_parse_iso, _parse_rfc2822, _parse_formats, _parse_loose):
        try:
            day = parse(text)
        except (ValueError, OverflowError):  # a date library on a value beyond its calendar
            day = None
        if day is None:
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            why = f"publication date {value!r} is outside {FIRST_YEAR}-{LAST_YEAR}"
            raise InputError(input_name, why, code="read.published")
        return day
    why = f"cannot read the publication date {value!r}"
    raise InputError(input_name, why, code="read.published")


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("z", "Z")).date()  # the date as written
    except ValueError:
        return None


def _parse_rfc2822(text: str) -> dt.date | None:
    if not re.search(r"\d{1,2}:\d{2}", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_formats(text: str) -> dt.date | None:
    cleaned = (
        re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)
        .replace("Sept.", "Sep.")
        .replace("Sept ", "Sep ")
    )
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _parse_loose(text: str) -> dt.date | None:
    """Last resort: dateparser, requiring day, month and year to be written."""
    if not re.search(r"\d", text) or len(text) > 60:
        return None
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None
