"""Reading merged events back: `EventFilter` says which, `select_events` yields them.

An event matches a filter when one of its reports does (an event reported by Reuters matches
`source="Reuters"` even when another agency reported it too); `near` is checked on the merged
event's own coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..records import EVENT_FIELDS
from . import schema
from .merge import distance_km, reconcile

_PAGE = 500


@dataclass(frozen=True, slots=True)
class EventFilter:
    country: str | None = None  # ISO 3166-1 alpha-2
    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None  # part of the event type or sub-event type, any case
    actor: str | None = None  # part of an actor's name, any case
    near: tuple[float, float, float] | None = None  # latitude, longitude, km
    source: str | None = None  # part of the source name or URL, any case


def select_events(connection: Connection, filters: EventFilter) -> Iterator[dict[str, Any]]:
    """Merged events matching `filters`, ordered by (event_date, event_id); nulls first."""
    events = schema.events
    query = select(events.c.cluster_id).distinct().where(*_conditions(filters))
    if filters.source:
        query = query.join(schema.articles, schema.articles.c.id == events.c.article_id)
    clusters = sorted(set(connection.scalars(query)))
    merged = []
    for start in range(0, len(clusters), _PAGE):
        merged.extend(_load_clusters(connection, clusters[start : start + _PAGE]))
    merged = [event for event in merged if _is_near(event, filters.near)]
    merged.sort(key=lambda e: (e["event_date"] or "", e["event_id"]))
    yield from merged


def _conditions(filters: EventFilter) -> list[Any]:
    c = schema.events.c
    conditions: list[Any] = []
    if filters.country:
        conditions.append(c.country_code == filters.country.upper())
    if filters.since:
        conditions.append(c.event_date >= filters.since.isoformat())
    if filters.until:
        conditions.append(c.event_date <= filters.until.isoformat())
    if filters.type:
        pattern = f"%{filters.type}%"
        conditions.append(or_(c.event_type.ilike(pattern), c.sub_event_type.ilike(pattern)))
    if filters.actor:
        pattern = f"%{filters.actor}%"
        actors = (c.actor1, c.actor2, c.assoc_actor_1, c.assoc_actor_2)
        conditions.append(or_(*[column.ilike(pattern) for column in actors]))
    if filters.near:
        conditions.append(_box(*filters.near))
    if filters.source:
        pattern = f"%{filters.source}%"
        a = schema.articles.c
        conditions.append(or_(a.source.ilike(pattern), a.url.ilike(pattern)))
    return conditions


def _box(latitude: float, longitude: float, km: float) -> Any:
    """A latitude/longitude box around the point wider than `km` (refined by `_is_near`)."""
    import math

    c = schema.events.c
    dlat = km / 111.0 + 0.01
    dlon = km / (111.0 * max(math.cos(math.radians(min(abs(latitude), 89.0))), 0.01)) + 0.01
    return and_(
        c.latitude.between(latitude - dlat, latitude + dlat),
        c.longitude.between(longitude - dlon, longitude + dlon),
    )


def _is_near(event: dict[str, Any], near: tuple[float, float, float] | None) -> bool:
    if near is None:
        return True
    if event["latitude"] is None or event["longitude"] is None:
        return False
    return distance_km(near[0], near[1], event["latitude"], event["longitude"]) <= near[2]


def _load_clusters(connection: Connection, clusters: list[str]) -> list[dict[str, Any]]:
    events, articles = schema.events, schema.articles
    columns = [events.c[name] for name in EVENT_FIELDS]
    source = (articles.c.name, articles.c.url, articles.c.source, articles.c.title,
              articles.c.published)  # fmt: skip
    query = (
        select(
            *columns,
            events.c.report_id,
            events.c.cluster_id,
            articles.c.id.label("article"),
            *source,
        )  # fmt: skip
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.cluster_id.in_(clusters))
    )
    members: dict[str, list[dict[str, Any]]] = {}
    for row in connection.execute(query).mappings():
        report = {name: row[name] for name in EVENT_FIELDS}
        report["report_id"] = row["report_id"]
        report["source"] = {"article_id": row["name"],
                            "url": row["url"], "source": row["source"], "title": row["title"],
                            "published": row["published"]}  # fmt: skip
        members.setdefault(row["cluster_id"], []).append(report)
    return [reconcile(cluster, members[cluster]) for cluster in sorted(members)]
