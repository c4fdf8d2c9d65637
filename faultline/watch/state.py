"""`faultline watch`'s state in the store (tables `watch_sources`, `watch_items`): each write is
its own transaction, so a watch killed at any moment keeps everything it wrote before."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from ..store.database import Store
from ..store.schema import watch_items, watch_sources

RETRY = "retry"  # a transient fetch failure: fetched again at the next poll, up to MAX_TRIES
PENDING = "pending"  # fetched (its record kept), not ingested yet
MAX_TRIES = 3


def item_key(source: str, item: str) -> str:
    return hashlib.sha256(f"{source}\n{item}".encode()).hexdigest()


def item_state(store: Store, key: str) -> tuple[str, int] | None:
    """(status, tries) of an item seen before, or None."""
    query = select(watch_items.c.status, watch_items.c.tries).where(watch_items.c.key == key)
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else (row.status, row.tries)


def record_item(
    store: Store, key: str, source: str, item: str, status: str, *,
    message: str = "", record: dict[str, Any] | None = None, tries: int = 1,
) -> None:  # fmt: skip
    row = {"key": key, "source": source, "item": item, "status": status, "message": message,
           "record": json.dumps(record) if record is not None else None, "tries": tries,
           "seen_at": _now()}  # fmt: skip
    with store.engine.begin() as connection:
        connection.execute(delete(watch_items).where(watch_items.c.key == key))
        connection.execute(insert(watch_items).values(**row))


def pending_items(store: Store) -> list[tuple[str, str, dict[str, Any]]]:
    """(key, item, record) of every item fetched and not yet ingested, oldest first."""
    query = (
        select(watch_items.c.key, watch_items.c.item, watch_items.c.record)
        .where(watch_items.c.status == PENDING)
        .order_by(watch_items.c.seen_at, watch_items.c.key)
    )
    with store.engine.connect() as connection:
        return [(r.key, r.item, json.loads(r.record)) for r in connection.execute(query)]


def settle_item(store: Store, key: str, status: str, message: str) -> None:
    """An ingested item: its outcome kept, its record dropped."""
    values = {"status": status, "message": message, "record": None}
    with store.engine.begin() as connection:
        connection.execute(update(watch_items).where(watch_items.c.key == key).values(**values))


def source_state(store: Store, source: str) -> dict[str, Any] | None:
    with store.engine.connect() as connection:
        row = connection.execute(
            select(watch_sources).where(watch_sources.c.source == source)
        ).mappings().first()  # fmt: skip
    return dict(row) if row else None


def record_source(store: Store, source: str, **values: Any) -> None:
    """The result of polling `source` (status ok | failed, message, etag, last_modified, ...)."""
    row = {"source": source, "polled_at": _now(), **values}
    with store.engine.begin() as connection:
        old = connection.execute(
            select(watch_sources).where(watch_sources.c.source == source)
        ).mappings().first()  # fmt: skip
        if old is not None:
            row = {**{k: old[k] for k in ("etag", "last_modified")}, **row}
        connection.execute(delete(watch_sources).where(watch_sources.c.source == source))
        connection.execute(insert(watch_sources).values(**row))


def sources(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        query = select(watch_sources).order_by(watch_sources.c.source)
        return [dict(row) for row in connection.execute(query).mappings()]


def items(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        query = select(watch_items).order_by(watch_items.c.seen_at, watch_items.c.key)
        return [dict(row) for row in connection.execute(query).mappings()]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
