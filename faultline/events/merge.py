"""Merge the mentions of one event within an article.

Two events are the same when they have the same event type, the same place (same GeoNames id, or
within 25 km), the same day (±1 day when either date is imprecise, time_precision > 1) and
compatible actors (equal, or one side unknown). Sameness is closed transitively (connected
components), so the result does not depend on the input order. A merged event keeps the earliest
event_id and its fields (unknown fields filled from the others), the union of evidence and claim
ids, the highest confidence, and fatalities as reports of the same deaths: ACLED's figure and the
best estimate are the highest reported, the low the lowest, the high the highest. Claimants are
joined with "; ".

Then a same-day event coded only to a country or region (geo_precision 3) folds into a more precise
same-day event of a compatible type inside that area ("an attack in central Mali" and "the
assault on the post at X in Mopti" are one event at X). Compatible types: the same event type, or a
battle and shelling or an air strike with compatible actors (the country-level report is a summary
of the precise one); the fold is one Battles event, since ACLED's hierarchy makes an airstrike or
shelling within a ground battle part of the battle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

from ..records import Event
from ..taxonomy import interaction

RADIUS_KM = 25.0
SIDES = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
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
    merged = sorted((combine(group) for group in groups.values()), key=id_order)
    return tuple(sorted(fold_vague(merged), key=id_order))


def fold_vague(events: list[Event]) -> list[Event]:
    """Each country- or region-level event folded into the first precise same-day event of a
    compatible type in its area (or kept when there is none)."""
    precise = [e for e in events if not vague(e)]
    folded: dict[str, list[Event]] = {e.event_id: [e] for e in precise}
    kept: list[Event] = []
    for event in (e for e in events if vague(e)):
        host = next((p for p in precise if inside(p, event) and foldable(p, event)), None)
        if host is None:
            kept.append(event)
        else:
            folded[host.event_id].append(event)
    return kept + [combine(sorted(group, key=id_order), host=group[0]) for group in folded.values()]


def vague(event: Event) -> bool:
    return event.geo_precision == 3


def inside(fine: Event, coarse: Event) -> bool:
    """Is `fine` in the country (and region, when `coarse` names one) where `coarse` is coded?"""
    if fine.country_code is None or fine.country_code != coarse.country_code:
        return False
    return coarse.location in (coarse.country, None) or coarse.location == fine.admin1


def foldable(a: Event, b: Event) -> bool:
    return same_day(a, b) and compatible_types(a, b) and compatible_sides(a, b)


def compatible_sides(a: Event, b: Event) -> bool:
    """The named actors of one are among those of the other (an unidentified group or a missing side
    can be anyone)."""
    named_a, named_b = _named(a), _named(b)
    return named_a <= named_b or named_b <= named_a


def _named(event: Event) -> set[str]:
    return {n for n in (event.actor1, event.actor2) if n and not n.startswith(UNIDENTIFIED)}


def named_sides(event: Event) -> set[str]:
    """The actors that identify an incident: named ones, not an unidentified group, civilians
    (the victims of a strike as of the killing it caused) or generic protesters."""
    return {n for n in _named(event) if not n.startswith(GENERIC_SIDES)}


def compatible_types(a: Event, b: Event) -> bool:
    """The same event type, or a ground battle and the shelling or air strike within it."""
    if a.event_type == b.event_type:
        return True
    remote = ("Shelling/artillery/missile attack", "Air/drone strike")
    pair = {a.sub_event_type, b.sub_event_type}
    return "Armed clash" in pair and bool(pair & set(remote))


def id_order(event: Event) -> tuple[str, int, str]:
    """Sort key: article part, then the number after "-e" ("a-e2" before "a-e10")."""
    match = re.fullmatch(r"(.*)-e(\d+)", event.event_id)
    if not match:
        return (event.event_id, 0, event.event_id)
    return (match[1], int(match[2]), event.event_id)


PROTEST_SEVERITY = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
)
UNIDENTIFIED = "Unidentified Armed Group"
GENERIC_SIDES = ("Civilians", "Protesters", "Rioters")


def same_event(a: Event, b: Event) -> bool:
    """Same type, place, day and compatible actors. When the sub-types differ, an event coded at a
    known place because its own place is unknown (rule "unresolved-place"), or one at another named
    place (a march in the city, shooting in one of its districts), is another event."""
    apart = any("unresolved-place" in e.rule for e in (a, b)) or (
        None not in (a.location, b.location) and a.location != b.location
    )
    return (
        a.event_type == b.event_type
        and (a.sub_event_type == b.sub_event_type or not apart)
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


def combine(group: list[Event], host: Event | None = None, keep_type: bool = False) -> Event:
    """The events of one group (sorted by event_id) as one event; with `host`, the one whose place
    and type the group takes (a battle takes in the shelling within it); `keep_type`: the host's
    type was chosen already (see `assembly`)."""
    first = host or group[0]
    if len(group) == 1:
        return first
    if keep_type:
        group = [first, *(e for e in group if e is not first)]
    protests = [e.sub_event_type for e in group if e.sub_event_type in PROTEST_SEVERITY]
    # the protest as it ended: its gravest sub-type
    if first.sub_event_type in PROTEST_SEVERITY and not keep_type:
        worst = max(protests, key=PROTEST_SEVERITY.index)
        first = dataclasses.replace(first, sub_event_type=worst)
    battle = next((e for e in group if e.sub_event_type == "Armed clash"), None)
    if battle is not None and compatible_types(first, battle) and not keep_type:
        first = dataclasses.replace(
            first, event_type=battle.event_type, sub_event_type=battle.sub_event_type
        )
    ordered = [first, *(e for e in group if e.event_id != first.event_id)]
    sides = max(ordered, key=lambda e: len(_named(e)))  # the report that names the most actors
    ordered = [dataclasses.replace(first, **{k: getattr(sides, k) for k in SIDES}), *ordered[1:]]
    filled: dict[str, Any] = {
        name: next((getattr(e, name) for e in ordered if getattr(e, name) is not None), None)
        for name in FILLABLE
    }
    lows = [e.fatalities_low for e in group if e.fatalities_low is not None]
    highs = [e.fatalities_high for e in group if e.fatalities_high is not None]
    bests = [e.fatalities_best for e in group if e.fatalities_best is not None]
    fatalities = [e.fatalities for e in group if e.fatalities is not None]
    claimants = [e.claimant for e in group if e.claimant]
    evidence = sorted({span for e in group for span in e.evidence}, key=lambda s: (s.start, s.end))
    filled["interaction"] = interaction(filled["inter1"], filled["inter2"]) or filled["interaction"]
    rule = first.rule
    if "unresolved-place" not in rule and any("unresolved-place" in e.rule for e in group):
        rule += ":unresolved-place"  # the group names a place the gazetteer does not know
    return dataclasses.replace(
        first,
        rule=rule,
        event_id=min(group, key=id_order).event_id,
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
