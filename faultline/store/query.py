"""Reading merged events back: `parse_filters` checks what a user asked for (the CLI's options and
the API's parameters, one validation for both) and gives an `EventFilter`; `page_events` gives one
page in (date, id) order with the cursor of the next, `select_events` all of them page by page,
`count_events` a capped count and `map_events` a capped, evenly spread map view.

Every filter is a condition on `merged_events` (one row per merged event, see `merged.py`), so a
page reads the rows it returns plus one, and reconciles only those events from their reports.
An event matches `actor`, `source` and `text` when one of its reports does (its text is stored
casefolded, a value a line, and the patterns' LIKE metacharacters are escaped); `country`, the
dates, `type`, `near` and `bbox` are checked on the merged event's own fields.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, or_, tuple_

from ..errors import SettingsError
from . import schema
from .merged import reconciled
from .plan import branches, count_matching, ordered
from .textindex import text_conditions, text_join

PAGE = 500
MAX_TEXT = 300
_EARTH_KM = 6371.0088


class FilterError(SettingsError):
    """A filter (a CLI option or an API parameter) has an invalid value; `parameter` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter} {message}")
        self.parameter = parameter


@dataclass(frozen=True, slots=True)
class EventFilter:
    country: str | None = None  # ISO 3166-1 alpha-2
    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None  # part of the event type or sub-event type, any case
    actor: str | None = None  # part of an actor's name, any case
    near: tuple[float, float, float] | None = None  # latitude, longitude, km
    source: str | None = None  # part of the source name or URL, any case
    text: str | None = None  # part of a name, type, place, note, claimant or source, any case
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north


def parse_filters(
    *, country: str | None = None, since: str | dt.date | None = None,
    until: str | dt.date | None = None, type: str | None = None, actor: str | None = None,
    near: str | None = None, bbox: str | None = None, source: str | None = None,
    text: str | None = None, prefix: str = "",
) -> EventFilter:  # fmt: skip
    """The filter the user's values ask for, or FilterError naming the first bad one (`prefix`
    before its name: "--" for the CLI's options, "" for the API's parameters)."""
    keys = ("country", "since", "until", "type", "actor", "near", "bbox", "source")
    name = {key: prefix + key for key in keys}
    name["text"] = "--text" if prefix else "q"  # the API's free-text parameter is `q`
    for key, value in (("type", type), ("actor", actor), ("source", source), ("text", text)):
        _check_text(name[key], value)
    if country is not None and not (len(country) == 2 and country.isascii()
                                    and country.isalpha()):  # fmt: skip
        raise FilterError(name["country"], f"must be an ISO 3166-1 alpha-2 code (two letters), "
                                           f"not {country!r}")  # fmt: skip
    first, last = _day(name["since"], since), _day(name["until"], until)
    if first and last and first > last:
        raise FilterError(name["since"], f"({first}) is after {name['until']} ({last}): "
                                         f"the range is reversed")  # fmt: skip
    return EventFilter(country=country.upper() if country else None, since=first, until=last,
                       type=type or None, actor=actor or None, near=_near(name["near"], near),
                       source=source or None, text=text or None,
                       bbox=_bbox(name["bbox"], bbox))  # fmt: skip


def _check_text(parameter: str, value: str | None) -> None:
    if value is not None and (len(value) > MAX_TEXT or "\x00" in value or "\n" in value):
        raise FilterError(parameter, f"must be at most {MAX_TEXT} characters on one line, "
                                     f"without NUL")  # fmt: skip


def _day(parameter: str, value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(parameter, f"must be a day as YYYY-MM-DD, not {value!r}") from None


def _numbers(parameter: str, value: str, count: int, form: str) -> list[float]:
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise FilterError(parameter, f"must be {form}, not {value!r}")
    return numbers


def _near(parameter: str, value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    latitude, longitude, km = _numbers(parameter, value, 3, "LAT,LON,KM (33.5,36.3,25)")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and 0 <= km <= 20_100):
        raise FilterError(parameter, f"is out of range (latitude -90..90, longitude -180..180, "
                                     f"km 0..20100): {value!r}")  # fmt: skip
    return latitude, longitude, km


def _bbox(parameter: str, value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    west, south, east, north = _numbers(parameter, value, 4, "WEST,SOUTH,EAST,NORTH (degrees)")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise FilterError(parameter, f"is out of range (longitudes -180..180, latitudes "
                                     f"-90..90 with SOUTH <= NORTH): {value!r}")  # fmt: skip
    return west, south, east, north


# ------------------------------------------------------------------------------------- reading


def page_events(
    connection: Connection, filters: EventFilter, *, limit: int, after: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Up to `limit` merged events after the cursor `after`, by (date, id), nulls first; and
    the cursor of the next page (None on the last). Reads `limit` + 1 rows of `merged_events`."""
    m = schema.merged_events.c
    where, split = planned(connection, filters, by_date=True)
    where += text_conditions(connection, _parts(filters))
    if after is not None:
        where.append(tuple_(m.sort_date, m.event_id) > tuple_(*decode_cursor(after)))
    order = (m.sort_date, m.event_id)
    rows = ordered(connection, order, where, order, limit + 1, split)
    following = encode_cursor(*rows[limit - 1]) if len(rows) > limit else None
    return reconciled(connection, [row.event_id for row in rows[:limit]]), following


def select_events(connection: Connection, filters: EventFilter) -> Iterator[dict[str, Any]]:
    """Every merged event matching `filters`, by (date, id), read a page at a time."""
    after = None
    while True:
        found, after = page_events(connection, filters, limit=PAGE, after=after)
        yield from found
        if after is None:
            return


def count_events(connection: Connection, filters: EventFilter, *, cap: int) -> int:
    """How many merged events match, counting no further than `cap` + 1."""
    (where, split), source = planned(connection, filters, by_date=True), None
    if (joined := text_join(connection, _parts(filters))) is not None:
        source, match = joined
        where.append(match)
    return count_matching(connection, where, cap, split, source=source)


MAP_COLUMNS = ("event_id", "sort_date", "event_type", "sub_event_type", "country_code",
               "country", "admin1", "location", "latitude", "longitude", "fatalities",
               "reports")  # fmt: skip


def map_events(
    connection: Connection, filters: EventFilter, *, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """Up to `limit` located events matching `filters` (give it a `bbox`: the view), spread
    evenly over the view (by each event's `sample`, a stable pseudo-random number) rather than
    the first by date; and whether they are all of them. Reads `limit` + 1 rows."""
    m = schema.merged_events.c
    where, split = planned(connection, filters, by_date=False)
    where += [m.latitude.is_not(None), m.longitude.is_not(None),
              *text_conditions(connection, _parts(filters))]
    rows = [dict(zip(MAP_COLUMNS, row, strict=True)) for row in ordered(
        connection, [m[name] for name in MAP_COLUMNS], where, (m.sample, m.event_id),
        limit + 1, split)]  # fmt: skip
    return rows[:limit], len(rows) <= limit


def encode_cursor(sort_date: str, event_id: str) -> str:
    """The opaque cursor of the page after this event (URL-safe)."""
    raw = json.dumps([sort_date, event_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_date, event_id = json.loads(raw.decode("utf-8"))
        if isinstance(sort_date, str) and isinstance(event_id, str):
            return sort_date, event_id
    except (binascii.Error, ValueError, TypeError):
        pass
    raise FilterError("after", f"is not a cursor this store gave (a page's `next`): {cursor!r}")


# ---------------------------------------------------------------------------------- conditions


def _parts(filters: EventFilter) -> dict[str, str]:
    """The text filters: column of `merged_events` -> the casefolded part it must contain."""
    values = {"actors": filters.actor, "sources": filters.source, "search": filters.text}
    return {name: value.casefold() for name, value in values.items() if value}


def _box(filters: EventFilter) -> tuple[float, float, float, float] | None:
    """The box (west, south, east, north) every match lies in, if the filter has one; the
    whole world is none (it is no condition on the map cell)."""
    if filters.bbox and filters.bbox != (-180, -90, 180, 90):
        return filters.bbox
    if filters.near:
        latitude, longitude, km = filters.near
        dlat, dlon = _near_box(latitude, km)
        return longitude - dlon, latitude - dlat, longitude + dlon, latitude + dlat
    return None


def _near_box(latitude: float, km: float) -> tuple[float, float]:
    """Half the height and half the width in degrees of a box around a point's circle."""
    dlat = km / 111.0 + 0.01
    dlon = km / (111.0 * max(math.cos(math.radians(min(abs(latitude), 89.0))), 0.01)) + 0.01
    return dlat, dlon


def planned(
    connection: Connection, filters: EventFilter, *, by_date: bool
) -> tuple[list[Any], list[list[Any]] | None]:
    """The conditions of a filter but its text ones, and its branches (`plan.branches`): the
    box's latitude and longitude conditions go to the branches of the map cells the box cuts
    (a cell inside the box needs none, and a database that estimated them there would misjudge
    how many of the cell's rows match), or stay in the conditions when nothing is split."""
    box = box_conditions(filters)
    split = branches(connection, _box(filters), filters.type, by_date=by_date, edge=box)
    return conditions(filters, box=False) + (box if split is None else []), split


def box_conditions(filters: EventFilter) -> list[Any]:
    """The latitude and longitude conditions of the `bbox` and `near` filters (for `near`,
    the box around its circle, not the distance itself)."""
    found = []
    if filters.near:
        found.extend(_near_box_conditions(*filters.near))
    if filters.bbox:
        found.extend(_bbox_conditions(*filters.bbox))
    return found


def conditions(filters: EventFilter, *, box: bool = True) -> list[Any]:
    """The SQL conditions on `merged_events` of a filter (`box`: with `box_conditions`)."""
    m = schema.merged_events.c
    found: list[Any] = []
    if filters.country:
        found.append(m.country_code == filters.country.upper())
    if filters.since:
        found.append(m.sort_date >= filters.since.isoformat())
    if filters.until:
        found.append(and_(m.sort_date != "", m.sort_date <= filters.until.isoformat()))
    if filters.type:
        needle = filters.type.casefold()
        types = (func.lower(m.event_type), func.lower(m.sub_event_type))
        found.append(or_(*[column.contains(needle, autoescape=True) for column in types]))
    for column, value in ((m.actors, filters.actor), (m.sources, filters.source),
                          (m.search, filters.text)):  # fmt: skip
        if value:
            found.append(column.contains(value.casefold(), autoescape=True))
    if filters.near:
        found.extend(_near_distance(*filters.near))
    if box:
        found.extend(box_conditions(filters))
    return found


def _bbox_conditions(west: float, south: float, east: float, north: float) -> list[Any]:
    m = schema.merged_events.c
    if (west, south, east, north) == (-180, -90, 180, 90):  # the whole world: any located event
        return [m.latitude.is_not(None), m.longitude.is_not(None)]
    across = or_(m.longitude >= west, m.longitude <= east)  # the box crosses the antimeridian
    longitude = m.longitude.between(west, east) if west <= east else across
    return [m.latitude.between(south, north), longitude]


def _near_box_conditions(latitude: float, longitude: float, km: float) -> list[Any]:
    """A latitude/longitude box around the point's circle (which an index can use)."""
    m = schema.merged_events.c
    dlat, dlon = _near_box(latitude, km)
    return [m.latitude.between(latitude - dlat, latitude + dlat),
            m.longitude.between(longitude - dlon, longitude + dlon)]  # fmt: skip


def _near_distance(latitude: float, longitude: float, km: float) -> list[Any]:
    """The haversine distance itself, hav(d/R) <= hav(km/R), with no inverse function (none
    when the circle holds the whole Earth)."""
    m = schema.merged_events.c
    if km / _EARTH_KM >= math.pi:
        return []
    p1 = math.radians(latitude)
    half_dlat = func.sin((func.radians(m.latitude) - p1) / 2)
    half_dlon = func.sin((func.radians(m.longitude) - math.radians(longitude)) / 2)
    haversine = half_dlat * half_dlat + math.cos(p1) * func.cos(
        func.radians(m.latitude)
    ) * half_dlon * half_dlon
    return [haversine <= math.sin(km / (2 * _EARTH_KM)) ** 2]
