"""Merge reports of one event across articles: `same_event` decides, `link_reports` clusters the
store's reports as they arrive (`reconcile.py` makes one event of a cluster).

Two reports (an event as one article tells it) are the same event when they share the event type,
the day (±1 when either is less precise than a day), the place (within 25 km, or the same admin1
when either is only located by its region) and compatible actors. Each new report is compared
with the stored reports of its block (event type, day ±1, a 0.25° cell and its neighbours, or its
admin1), never with all pairs; the connected
components of that relation (`events.component_id`) are split into complete-linkage clusters,
in which every two reports are the same event, so that two distinct events are never chained
through a third report that matches both. A cluster is named by the smallest report id among its
members; clusters and the reconciled event are computed from the members alone, so the result
does not depend on the order of ingestion.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from . import schema
from .merged import refresh_merged

MAX_KM = 25.0
CELL_DEGREES = 0.25  # 27.8 km of latitude: a neighbour cell on each side covers 25 km
_KM_PER_DEGREE = 111.195
_UNKNOWN_ACTORS = ("unidentified", "unknown")
_BLOCK_COLUMNS = ("report_id", "cluster_id", "article_id", "event_type", "event_date",
                  "time_precision", "latitude", "longitude", "geo_precision", "country_code",
                  "admin1", "actor1", "actor2", "component_id")  # fmt: skip


def cell(latitude: float | None, longitude: float | None) -> tuple[int | None, int | None]:
    """The blocking cell (row, column) of a point; (None, None) without coordinates."""
    if latitude is None or longitude is None:
        return None, None
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two reports (dicts with the Event fields) tell of the same event. Symmetric."""
    return (
        a["event_type"] == b["event_type"]
        and _same_day(a, b)
        and _same_place(a, b)
        and _compatible_actors(a, b)
    )


def _same_day(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if not a["event_date"] or not b["event_date"]:
        return False
    gap = abs(_day(a["event_date"]) - _day(b["event_date"])).days
    coarse = max(a["time_precision"] or 1, b["time_precision"] or 1) > 1
    return gap == 0 or (coarse and gap <= 1)


def _same_place(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if 3 in (a["geo_precision"], b["geo_precision"]):
        return bool(a["admin1"]) and (a["country_code"], a["admin1"]) == (
            b["country_code"],
            b["admin1"],
        )
    points = (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    if any(value is None for value in points):
        return False
    return distance_km(*points) <= MAX_KM


def _compatible_actors(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Each side's actor agrees (or is unknown) with the other report's, as given or swapped."""
    pairs = ((a["actor1"], b["actor1"]), (a["actor2"], b["actor2"]))
    swapped = ((a["actor1"], b["actor2"]), (a["actor2"], b["actor1"]))
    return all(_same_actor(x, y) for x, y in pairs) or all(_same_actor(x, y) for x, y in swapped)


def _same_actor(x: str | None, y: str | None) -> bool:
    if not x or not y:
        return True
    x, y = x.casefold(), y.casefold()
    return x == y or x.startswith(_UNKNOWN_ACTORS) or y.startswith(_UNKNOWN_ACTORS)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


# ------------------------------------------------------------------------------------- clustering


def link_reports(connection: Connection, article_id: int) -> None:
    """Join each report of the article to the components of the stored reports it matches, then
    recluster those components with complete linkage (`complete_clusters`)."""
    events = schema.events
    new = connection.execute(
        select(*[events.c[name] for name in _BLOCK_COLUMNS]).where(
            events.c.article_id == article_id
        )
    ).mappings()
    for report in list(new):
        matches = [c for c in _block(connection, report) if same_event(report, c)]
        found = {c["component_id"] for c in matches} | {_current_component(connection, report)}
        if len(found) > 1:
            connection.execute(
                update(events)
                .where(events.c.component_id.in_(found))
                .values(component_id=min(found))
            )
    current = select(events.c.component_id).where(events.c.article_id == article_id).distinct()
    recluster(connection, set(connection.scalars(current)))


def recluster(connection: Connection, components: Iterable[str]) -> None:
    """Give the reports of these components their complete-linkage clusters; refresh the
    `event_sources` and `merged_events` rows of every cluster that changed."""
    events = schema.events
    components = sorted(set(components))
    if not components:
        return
    rows = connection.execute(
        select(*[events.c[name] for name in _BLOCK_COLUMNS]).where(
            events.c.component_id.in_(components)
        )
    ).mappings()
    by_component: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_component.setdefault(row["component_id"], []).append(row)
    changed: list[dict[str, str]] = []
    touched: set[str] = set()
    for members in by_component.values():
        clusters = complete_clusters(members)
        for member in members:
            touched |= {member["cluster_id"], clusters[member["report_id"]]}
            if member["cluster_id"] != clusters[member["report_id"]]:
                changed.append({"key": member["report_id"], "value": clusters[member["report_id"]]})
    if changed:
        connection.execute(
            update(events)
            .where(events.c.report_id == bindparam("key"))
            .values(cluster_id=bindparam("value")),
            changed,
        )
    _refresh_sources(connection, touched)
    refresh_merged(connection, touched)


def remerge(connection: Connection) -> None:
    """Recluster every report of the store (`cluster_reports`) and rebuild `merged_events`: what
    migration 0004 does to a store whose clusters were single-linkage components."""
    events = schema.events
    rows = connection.execute(select(*[events.c[name] for name in _BLOCK_COLUMNS])).mappings()
    rows = list(rows)
    if not rows:
        return
    components = _components(rows)
    clusters = cluster_reports(rows)
    changed = [{"key": r["report_id"], "cluster": clusters[r["report_id"]],
                "component": components[r["report_id"]]} for r in rows
               if (r["cluster_id"], r["component_id"])
               != (clusters[r["report_id"]], components[r["report_id"]])]  # fmt: skip
    if changed:
        connection.execute(
            update(events)
            .where(events.c.report_id == bindparam("key"))
            .values(cluster_id=bindparam("cluster"), component_id=bindparam("component")),
            changed,
        )
    names = sorted(set(clusters.values()) | {r["cluster_id"] for r in rows})
    for start in range(0, len(names), 500):
        _refresh_sources(connection, names[start : start + 500])
        refresh_merged(connection, names[start : start + 500])


def _current_component(connection: Connection, report: Mapping[str, Any]) -> str:
    events = schema.events
    query = select(events.c.component_id).where(events.c.report_id == report["report_id"])
    return str(connection.scalar(query))


def _block(connection: Connection, report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Stored reports of other articles that may be the same event: same type, day ±1, and a
    neighbouring cell or the same admin1."""
    if not report["event_date"]:
        return []
    events = schema.events
    day = _day(report["event_date"])
    days = [(day + dt.timedelta(days=n)).isoformat() for n in (-1, 0, 1)]
    places = []
    row, column = cell(report["latitude"], report["longitude"])
    if row is not None and column is not None:
        reach = _column_reach(report["latitude"])
        places.append(
            and_(
                events.c.cell_lat.between(row - 1, row + 1),
                events.c.cell_lon.between(column - reach, column + reach),
            )
        )
    if report["admin1"] and report["country_code"]:
        places.append(
            and_(
                events.c.country_code == report["country_code"],
                events.c.admin1 == report["admin1"],
            )
        )
    if not places:
        return []
    query = select(*[events.c[name] for name in _BLOCK_COLUMNS]).where(
        events.c.event_type == report["event_type"],
        events.c.event_date.in_(days),
        events.c.article_id != report["article_id"],
        or_(*places),
    )
    return list(connection.execute(query).mappings())


def _column_reach(latitude: float) -> int:
    """How many cells east and west 25 km may reach at this latitude."""
    width = CELL_DEGREES * _KM_PER_DEGREE * math.cos(math.radians(min(abs(latitude), 89.0)))
    return max(1, math.ceil(MAX_KM / width))


def _refresh_sources(connection: Connection, clusters: Iterable[str]) -> None:
    """Rewrite `event_sources` for the clusters whose membership may have changed."""
    clusters = sorted(set(clusters))
    if not clusters:
        return
    sources, events = schema.event_sources, schema.events
    connection.execute(delete(sources).where(sources.c.event_id.in_(clusters)))
    current = (
        select(events.c.cluster_id, events.c.article_id)
        .where(events.c.cluster_id.in_(clusters))
        .distinct()
    )
    rows = [{"event_id": c, "article_id": a} for c, a in connection.execute(current)]
    if rows:
        connection.execute(insert(sources), rows)


def complete_clusters(
    reports: Sequence[Mapping[str, Any]], matches: Mapping[str, set[str]] | None = None
) -> dict[str, str]:
    """The complete-linkage clusters of one component (`report_id` -> smallest report id of its
    cluster): every two reports of a cluster are `same_event` (so A~B and B~C never put A with C
    unless A~C), found by merging, closest first (`_gap`: km/25 plus days, the largest over the
    pair of clusters), the pair of clusters whose every cross pair matches. Ties go to the
    smallest report ids, so the result depends on the set of reports alone, never their order.
    `matches` (report id -> the ids it is `same_event` with, as `_components` found them) saves
    comparing the pairs again."""
    ordered = sorted(reports, key=lambda r: r["report_id"])
    if len(ordered) == 1:
        return {ordered[0]["report_id"]: ordered[0]["report_id"]}
    gaps: dict[int, dict[int, float]] = {i: {} for i in range(len(ordered))}
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if matches is not None:
                matched = b["report_id"] in matches.get(a["report_id"], ())
            else:
                matched = a["article_id"] != b["article_id"] and same_event(a, b)
            if matched:
                gaps[i][j] = gaps[j][i] = _gap(a, b)
    members = {i: [i] for i in gaps}
    while True:
        pairs = [(gap, i, j) for i, row in gaps.items() for j, gap in row.items() if i < j]
        if not pairs:
            break
        _, keep, gone = min(pairs)
        members[keep] += members.pop(gone)
        near_gone = gaps.pop(gone)
        for k in gaps[keep]:
            if k != gone:
                gaps[k].pop(keep, None)
        kept = {k: max(g, near_gone[k]) for k, g in gaps[keep].items()
                if k != gone and k in near_gone}  # fmt: skip
        for k in near_gone:
            gaps[k].pop(gone, None)
        gaps[keep] = kept
        for k, g in kept.items():
            gaps[k][keep] = g
    return {ordered[i]["report_id"]: ordered[min(group)]["report_id"]
            for group in members.values() for i in group}  # fmt: skip


def _gap(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    days = abs(_day(a["event_date"]) - _day(b["event_date"])).days
    points = (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    if any(value is None for value in points):
        return 1.0 + days
    return distance_km(*points) / MAX_KM + days


def cluster_reports(reports: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The cluster id of each report (`report_id` -> smallest report id of its cluster), in
    memory: the clusters `link_reports` gives in the store for the same reports (dicts with
    `_BLOCK_COLUMNS`): the components of `same_event` found through the same blocks, each split
    by `complete_clusters`."""
    matches: dict[str, set[str]] = {}
    components = _components(reports, matches)
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for report in reports:
        groups.setdefault(components[report["report_id"]], []).append(report)
    clusters: dict[str, str] = {}
    for members in groups.values():
        clusters.update(complete_clusters(members, matches))
    return clusters


def _components(
    reports: Sequence[Mapping[str, Any]], matches: dict[str, set[str]] | None = None
) -> dict[str, str]:
    """The single-linkage component of each report (`report_id` -> smallest report id in it);
    each matching pair found is added to `matches` (both ways) when given."""
    by_cell: dict[tuple, list[Mapping[str, Any]]] = {}
    by_admin: dict[tuple, list[Mapping[str, Any]]] = {}
    parent = {r["report_id"]: r["report_id"] for r in reports}

    def root(report_id: str) -> str:
        while parent[report_id] != report_id:
            parent[report_id] = report_id = parent[parent[report_id]]
        return report_id

    for report in reports:
        place = cell(report["latitude"], report["longitude"])
        for other in _memory_block(report, place, by_cell, by_admin):
            if other["article_id"] != report["article_id"] and same_event(report, other):
                if matches is not None:
                    matches.setdefault(report["report_id"], set()).add(other["report_id"])
                    matches.setdefault(other["report_id"], set()).add(report["report_id"])
                a, b = root(report["report_id"]), root(other["report_id"])
                parent[max(a, b)] = min(a, b)
        _index(report, place, by_cell, by_admin)
    return {report_id: root(report_id) for report_id in parent}


def _memory_block(
    report: Mapping[str, Any], place: tuple[int | None, int | None], by_cell: dict,
    by_admin: dict,
) -> list[Mapping[str, Any]]:  # fmt: skip
    """The indexed reports of `report`'s block (`place`: its cell). `by_cell` is nested (type
    and day, then row, then column) so that an empty day or row is skipped with one look-up."""
    if not report["event_date"]:
        return []
    kind, days = report["event_type"], _days_around(report["event_date"][:10])
    admin = (report["country_code"], report["admin1"])
    found: list[Mapping[str, Any]] = []
    if report["geo_precision"] == 3:  # only the admin1 can match (see `_same_place`)
        for d in days:
            found.extend(by_admin.get((kind, d, *admin, "all"), ()))
        return found
    for d in days:
        found.extend(by_admin.get((kind, d, *admin, 3), ()))
    row, column = place
    if row is None or column is None:
        return found
    planes = [plane for d in days if (plane := by_cell.get((kind, d))) is not None]
    if not planes:
        return found
    columns = range(column - _column_reach(report["latitude"]),
                    column + _column_reach(report["latitude"]) + 1)  # fmt: skip
    for plane in planes:
        for r in (row - 1, row, row + 1):
            line = plane.get(r)
            if line is not None:
                for c in columns:
                    found.extend(line.get(c, ()))
    return found


@functools.lru_cache(maxsize=8192)
def _days_around(day: str) -> tuple[str, str, str]:
    """The day before, the day and the day after, as ISO strings."""
    date = _day(day)
    return tuple((date + dt.timedelta(days=n)).isoformat() for n in (-1, 0, 1))  # type: ignore[return-value]


def _index(report: Mapping[str, Any], place: tuple[int | None, int | None], by_cell: dict,
           by_admin: dict) -> None:  # fmt: skip
    if not report["event_date"]:
        return
    kind, day = report["event_type"], report["event_date"][:10]
    if report["admin1"] and report["country_code"]:
        admin = (kind, day, report["country_code"], report["admin1"])
        by_admin.setdefault((*admin, "all"), []).append(report)
        if report["geo_precision"] == 3:
            by_admin.setdefault((*admin, 3), []).append(report)
    row, column = place
    if row is not None and column is not None:
        line = by_cell.setdefault((kind, day), {}).setdefault(row, {})
        line.setdefault(column, []).append(report)
