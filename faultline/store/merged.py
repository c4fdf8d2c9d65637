"""The `merged_events` table: one row per merged event with what its filters, order and map read,
rewritten by the merge for every cluster whose membership changes (`refresh_merged`), and the
reports of a few clusters loaded to be reconciled (`load_clusters`).

The row is the reconciled event's lead (`reconcile.reconcile`: the most precise report gives the
date, type and place), its fatalities as reconciled, and the casefolded text of every report and
reporting article, one value a line, for the actor, free-text and source filters ("an event
matches when one of its reports does").
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from ..records import EVENT_FIELDS
from . import schema
from .plan import map_cell
from .reconcile import fatalities_of, precision_rank, reconcile

SEARCHED = ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
            "country", "admin1", "admin2", "location", "notes", "claimant")  # fmt: skip
ACTORS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
SOURCE_TEXT = ("article_id", "title", "source")  # of each report's article, searched by `q`


def refresh_merged(connection: Connection, clusters: Iterable[str]) -> None:
    """Rewrite the `merged_events` rows of these clusters from their current reports (a cluster
    without reports any more loses its row)."""
    names = sorted(set(clusters))
    table = schema.merged_events
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        connection.execute(delete(table).where(table.c.event_id.in_(chunk)))
        rows = [merged_row(name, reports) for name, reports in load_clusters(connection, chunk)]
        if rows:
            connection.execute(insert(table), rows)


def merged_row(cluster_id: str, reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The `merged_events` row of one cluster (reports as `load_clusters` gives them)."""
    lead = min(reports, key=precision_rank)
    search = [r[name] for r in reports for name in SEARCHED]
    search += [r["source"][name] for r in reports for name in SOURCE_TEXT]
    sources = [r["source"][name] for r in reports for name in ("source", "url")]
    return {
        "event_id": cluster_id, "sort_date": lead["event_date"] or "",
        "event_type": lead["event_type"], "sub_event_type": lead["sub_event_type"],
        "country_code": lead["country_code"], "country": lead["country"],
        "admin1": lead["admin1"], "location": lead["location"],
        "latitude": lead["latitude"], "longitude": lead["longitude"],
        "fatalities": fatalities_of(reports)["fatalities"], "reports": len(reports),
        "sample": zlib.crc32(cluster_id.encode("utf-8")) & 0x7FFFFFFF,
        "actors": _lines(r[name] for r in reports for name in ACTORS),
        "search": _lines(search), "sources": _lines(sources),
        "map_cell": map_cell(lead["latitude"], lead["longitude"]),
    }  # fmt: skip


def _lines(values: Iterable[Any]) -> str:
    """Distinct non-empty values, casefolded, one a line (a filter's pattern never holds a line
    break, so it cannot match across two values)."""
    return "\n".join(dict.fromkeys(v.casefold() for v in values if isinstance(v, str) and v))


def load_clusters(
    connection: Connection, clusters: Sequence[str]
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(cluster id, reports) of these clusters, in the order given; each report has the Event
    fields, `report_id`, and `source` (its article's own id, url, source, title, published)."""
    events, articles = schema.events, schema.articles
    source = (articles.c.name, articles.c.url, articles.c.source, articles.c.title,
              articles.c.published)  # fmt: skip
    query = (
        select(*[events.c[name] for name in EVENT_FIELDS], events.c.report_id,
               events.c.cluster_id, *source)  # fmt: skip
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.cluster_id.in_(list(clusters)))
    )
    members: dict[str, list[dict[str, Any]]] = {}
    for row in connection.execute(query).mappings():
        report = {name: row[name] for name in EVENT_FIELDS}
        report["report_id"] = row["report_id"]
        report["source"] = {"article_id": row["name"], "url": row["url"], "source": row["source"],
                            "title": row["title"], "published": row["published"]}  # fmt: skip
        members.setdefault(row["cluster_id"], []).append(report)
    return [(name, members[name]) for name in clusters if name in members]


def reconciled(connection: Connection, clusters: Sequence[str]) -> list[dict[str, Any]]:
    """The merged events of these clusters, in the order given."""
    return [reconcile(name, reports) for name, reports in load_clusters(connection, clusters)]
