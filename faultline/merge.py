"""Merge the mentions of one event within an article.

Two events are the same when they have the same event type, the same place (same GeoNames id, or
within 25 km), the same day (±1 day when either date is imprecise, time_precision > 1) and
compatible actors (equal, or one side unknown). Sameness is closed transitively (connected
components), so the result does not depend on the input order. A merged event keeps the earliest
event_id and its fields (unknown fields filled from the others), the union of evidence and claim
ids, the highest confidence, and fatalities as reports of the same deaths: ACLED's figure and the
best estimate are the highest reported, the low the lowest, the high the highest. Claimants are
joined with "; ".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

from .actors import interaction
from .models import Event

RADIUS_KM = 25.0
FILLABLE = (
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "admin1",
    "admin2",
    "event_date",
    "date_end",
    "time_precision",
)


def merge_events(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """One event per group of mentions of the same event, ordered by event_id."""
    ordered = sorted(events, key=lambda e: (id_order(e), repr(e)))  # repr: ties of duplicate ids
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            if same_event(first, ordered[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(ordered):
        groups.setdefault(root(i), []).append(event)
    return tuple(sorted((combine(group) for group in groups.values()), key=id_order))


def id_order(event: Event) -> tuple[str, int, str]:
    """Sort key: article part, then the number after "-e" ("a-e2" before "a-e10")."""
    match = re.fullmatch(r"(.*)-e(\d+)", event.event_id)
    if not match:
        return (event.event_id, 0, event.event_id)
    return (match[1], int(match[2]), event.event_id)


def same_event(a: Event, b: Event) -> bool:
    return (
        a.event_type == b.event_type
        and same_place(a, b)
        and same_day(a, b)
        and compatible(a.actor1, b.actor1)
        and compatible(a.actor2, b.actor2)
    )


def compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_place(a: Event, b: Event) -> bool:
    if a.place_start is not None and a.place_start == b.place_start:
        return True
    if a.location is not None and a.location == b.location and a.country_code == b.country_code:
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= RADIUS_KM  # type: ignore[arg-type]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_day(a: Event, b: Event) -> bool:
    if a.event_date == b.event_date:
        return True
    if a.event_date is None or b.event_date is None:
        return False
    try:
        gap = abs((dt.date.fromisoformat(a.event_date) - dt.date.fromisoformat(b.event_date)).days)
    except ValueError:
        return False
    imprecise = (a.time_precision or 1) > 1 or (b.time_precision or 1) > 1
    return gap <= 1 and imprecise


def combine(group: list[Event]) -> Event:
    """The events of one group (sorted by event_id) as one event."""
    first = group[0]
    if len(group) == 1:
        return first
    filled: dict[str, Any] = {
        name: next((getattr(e, name) for e in group if getattr(e, name) is not None), None)
        for name in FILLABLE
    }
    lows = [e.fatalities_low for e in group if e.fatalities_low is not None]
    highs = [e.fatalities_high for e in group if e.fatalities_high is not None]
    bests = [e.fatalities_best for e in group if e.fatalities_best is not None]
    fatalities = [e.fatalities for e in group if e.fatalities is not None]
    claimants = [e.claimant for e in group if e.claimant]
    evidence = sorted({span for e in group for span in e.evidence}, key=lambda s: (s.start, s.end))
    filled["interaction"] = interaction(filled["inter1"], filled["inter2"]) or filled["interaction"]
    return dataclasses.replace(
        first,
        **filled,
        fatalities=max(fatalities) if fatalities else None,
        fatalities_low=min(lows) if lows else None,
        fatalities_best=max(bests) if bests else None,
        fatalities_high=max(highs) if highs else None,
        claimant="; ".join(dict.fromkeys(claimants)) or None,
        claim_ids=tuple(dict.fromkeys(c for e in group for c in e.claim_ids)),
        evidence=tuple(evidence),
        confidence=max(e.confidence for e in group),
        geo_precision=min(
            (e.geo_precision for e in group if e.geo_precision), default=first.geo_precision
        ),
    )
