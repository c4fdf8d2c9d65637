"""What the web view reads from the store, and only reads: the store opened read-only, merged events
with the stored id of each reporting article, one event with its evidence, one article with the
events it produced.

    store = open_readonly("faultline.db")          # store.database; or sqlite:///PATH, postgresql://...
    found = find_events(store, EventFilter(country="NG"), text="market")
    event = find_event(store, found[0]["event_id"])   # None when there is no such event

An article is addressed by its row id in the store (`stored_id`): an article's own id (`article_id`
in the output contract) names it but need not be unique across ingests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from ..records import EVENT_FIELDS
from ..store import EventFilter, Store, schema
from ..store.merge import reconcile

_TEXT_FIELDS = ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                "assoc_actor_2", "country", "admin1", "admin2", "location", "notes",
                "claimant")  # fmt: skip
_CLAIM_FIELDS = ("claim_id", "kind", "count", "count_low", "count_high", "victims", "claimant",
                 "is_background", "date", "event_ids", "evidence")  # fmt: skip
_QUOTE_FIELDS = ("speaker", "speaker_role", "text", "start", "end", "is_direct", "pieces",
                 "speaker_start", "speaker_end")  # fmt: skip


# ------------------------------------------------------------------------------------- events


def find_events(store: Store, filters: EventFilter, *, text: str | None = None) -> list[dict]:
    """Merged events matching `filters` and containing `text` (any case) in a name, type, place,
    note or source title; each source carries `stored_id`, its article's row id."""
    found = [e for e in store.events(filters) if not text or _contains(e, text.casefold())]
    rows = _stored_ids(store, (s["report_id"] for e in found for s in e["sources"]))
    for event_ in found:
        event_["sources"] = [
            {**s, "stored_id": rows.get(s["report_id"])} for s in event_["sources"]
        ]
    return found


def _contains(event_: Mapping[str, Any], needle: str) -> bool:
    values = [event_.get(name) for name in _TEXT_FIELDS]
    values += [s.get(key) for s in event_["sources"] for key in ("title", "source", "article_id")]
    return any(needle in value.casefold() for value in values if isinstance(value, str))


def _stored_ids(store: Store, report_ids: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(report_ids))
    events = schema.events
    found: dict[str, int] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            query = select(events.c.report_id, events.c.article_id).where(
                events.c.report_id.in_(wanted[start : start + 500])
            )
            found.update({row.report_id: row.article_id for row in connection.execute(query)})
    return found


def find_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One merged event with `claims` (side by side: every claim it links to, with its source),
    `quotes` (those overlapping its evidence) and `articles` (each source article's text and the
    spans behind this event), or None when there is no such event."""
    with store.engine.connect() as connection:
        reports = _reports(connection, event_id)
        if not reports:
            return None
        merged = reconcile(event_id, reports)
        stored = sorted({s["stored_id"] for s in merged["sources"]})
        articles = _articles(connection, stored)
        claims = _claims(connection, stored, set(merged["claim_ids"]))
        quotes = _quotes(connection, stored)
    merged["claims"] = [{**c, "source": articles[c["stored_id"]]["source"]} for c in claims]
    spans = _spans_by_article(merged["sources"], claims)
    merged["quotes"] = [q for q in quotes if _overlaps(q, spans.get(q["stored_id"], []))]
    merged["articles"] = [{**articles[row], "evidence": _evidence_of(merged, row),
                           "claims": [c for c in claims if c["stored_id"] == row],
                           "quotes": [q for q in merged["quotes"] if q["stored_id"] == row]}
                          for row in stored]  # fmt: skip
    return merged


def _reports(connection: Any, cluster_id: str) -> list[dict[str, Any]]:
    events, articles = schema.events, schema.articles
    query = (
        select(*[events.c[name] for name in EVENT_FIELDS], events.c.report_id,
               articles.c.id.label("stored_id"), articles.c.name, articles.c.url,
               articles.c.source, articles.c.title, articles.c.published)  # fmt: skip
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.cluster_id == cluster_id)
    )
    reports = []
    for row in connection.execute(query).mappings():
        report = {name: row[name] for name in (*EVENT_FIELDS, "report_id")}
        report["source"] = {"article_id": row["name"], "url": row["url"], "source": row["source"],
                            "title": row["title"], "published": row["published"],
                            "stored_id": row["stored_id"]}  # fmt: skip
        reports.append(report)
    return reports


def _articles(connection: Any, stored: list[int]) -> dict[int, dict[str, Any]]:
    a = schema.articles.c
    query = select(a.id, a.name, a.url, a.source, a.title, a.published, a.text).where(
        a.id.in_(stored)
    )
    return {
        row.id: {"stored_id": row.id, "article_id": row.name, "url": row.url,
                 "source": row.source, "title": row.title, "published": row.published,
                 "text": row.text}
        for row in connection.execute(query)
    }  # fmt: skip


def _claims(connection: Any, stored: list[int], claim_ids: set[str]) -> list[dict[str, Any]]:
    c = schema.claims.c
    query = (
        select(c.article_id, *[c[name] for name in _CLAIM_FIELDS])
        .where(c.article_id.in_(stored), c.claim_id.in_(sorted(claim_ids)))
        .order_by(c.article_id, c.position)
    )
    rows = connection.execute(query).mappings()
    return [{"stored_id": r["article_id"], **{n: r[n] for n in _CLAIM_FIELDS}} for r in rows]


def _quotes(connection: Any, stored: list[int]) -> list[dict[str, Any]]:
    q = schema.quotes.c
    query = (
        select(q.article_id, *[q[name] for name in _QUOTE_FIELDS])
        .where(q.article_id.in_(stored))
        .order_by(q.article_id, q.position)
    )
    rows = connection.execute(query).mappings()
    return [{"stored_id": r["article_id"], **{n: r[n] for n in _QUOTE_FIELDS}} for r in rows]


def _evidence_of(merged: Mapping[str, Any], stored_id: int) -> list[dict[str, Any]]:
    sources = [s for s in merged["sources"] if s["stored_id"] == stored_id]
    return [span for source in sources for span in source["evidence"]]


def _spans_by_article(sources: list[dict], claims: list[dict]) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for source in sources:
        spans.setdefault(source["stored_id"], []).extend(
            (span["start"], span["end"]) for span in source["evidence"]
        )
    for claim in claims:
        evidence = claim["evidence"]
        spans.setdefault(claim["stored_id"], []).append((evidence["start"], evidence["end"]))
    return spans


def _overlaps(quote: Mapping[str, Any], spans: list[tuple[int, int]]) -> bool:
    return any(quote["start"] < end and start < quote["end"] for start, end in spans)


# ------------------------------------------------------------------------------------ articles


def find_article(store: Store, stored_id: int) -> dict[str, Any] | None:
    """One stored article's result (`ArticleResult.to_dict()`'s shape) with `stored_id` and
    `merged_events`: for each event it reported, the merged event's id and fields, or None."""
    result = store.article(stored_id)
    if result is None:
        return None
    e = schema.events.c
    query = select(e.event_id, e.cluster_id).where(e.article_id == stored_id).order_by(e.position)
    with store.engine.connect() as connection:
        clusters = {row.event_id: row.cluster_id for row in connection.execute(query)}
    result["stored_id"] = stored_id
    for event_ in result["events"]:
        event_["merged_event_id"] = clusters.get(event_["event_id"])
    return result
