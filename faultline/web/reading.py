"""What the web view reads from the store, and only reads: the store opened read-only, one event
with its evidence, one article with the events it produced (the pages of events are `Store.page`).

    store = open_readonly("faultline.db")          # store.database; or sqlite:///PATH, postgresql://...
    events, following = store.page(EventFilter(country="NG", text="market"), limit=100)
    event = find_event(store, events[0]["event_id"])   # None when there is no such event
    found = find_article(store, "reuters-2023-118")    # by the article's own id

An article is addressed by its own id (`article_id` in the output contract); the store's row id
stays inside this module. Two stored articles with one id (two texts ingested under one name)
are told apart by their content hash (`AmbiguousArticle` lists them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ..records import EVENT_FIELDS
from ..store import Store, schema
from ..store.reconcile import reconcile

_CLAIM_FIELDS = ("claim_id", "kind", "count", "count_low", "count_high", "victims", "claimant",
                 "is_background", "date", "event_ids", "evidence")  # fmt: skip
_QUOTE_FIELDS = ("speaker", "speaker_role", "text", "start", "end", "is_direct", "pieces",
                 "speaker_start", "speaker_end")  # fmt: skip


class AmbiguousArticle(LookupError):
    """Several stored articles have this id: `hashes` are their content hashes, in row order."""

    def __init__(self, article_id: str, hashes: list[str]) -> None:
        super().__init__(f"{len(hashes)} stored articles have the id {article_id!r}")
        self.article_id = article_id
        self.hashes = hashes


# ------------------------------------------------------------------------------------- events


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
    return _without_rows(merged, {row: articles[row]["article_id"] for row in stored})


def _without_rows(value: Any, names: dict[int, str]) -> Any:
    """`value` with every `stored_id` (a row id) replaced by the article's own `article_id`."""
    if isinstance(value, list):
        return [_without_rows(item, names) for item in value]
    if isinstance(value, dict):
        out = {k: _without_rows(v, names) for k, v in value.items() if k != "stored_id"}
        if "stored_id" in value:
            out.setdefault("article_id", names.get(value["stored_id"]))
        return out
    return value


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


def find_article(store: Store, article_id: str, content_hash: str | None = None) -> dict | None:
    """The stored article with this id (`ArticleResult.to_dict()`'s shape) with `content_hash`
    and `merged_events`: for each event it reported, the merged event's id, or None. With
    `content_hash` (a prefix of it) only that text; AmbiguousArticle when several match."""
    a = schema.articles.c
    query = select(a.id, a.content_hash).where(a.name == article_id).order_by(a.id)
    with store.engine.connect() as connection:
        rows = [row for row in connection.execute(query)
                if content_hash is None or row.content_hash.startswith(content_hash)]  # fmt: skip
    if not rows:
        return None
    if len(rows) > 1:
        raise AmbiguousArticle(article_id, [row.content_hash for row in rows])
    result = store.article(rows[0].id)
    if result is None:
        return None
    e = schema.events.c
    query = select(e.event_id, e.cluster_id).where(e.article_id == rows[0].id)
    with store.engine.connect() as connection:
        clusters = {row.event_id: row.cluster_id for row in connection.execute(query)}
    result["content_hash"] = rows[0].content_hash
    for event_ in result["events"]:
        event_["merged_event_id"] = clusters.get(event_["event_id"])
    return result
