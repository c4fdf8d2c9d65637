"""The store: articles, their events, claims and quotes, and failures, in SQLite or PostgreSQL.

    store = open_store("faultline.db")               # or sqlite:///path, postgresql://...
    if not store.has_article(content_hash(raw_text)):
        store.add_result(result, content_hash=content_hash(raw_text))
    for event in store.events(EventFilter(country="SY")): ...

Each `add_result` is one transaction, so an interrupted ingest loses nothing it committed.
`open_readonly` opens an existing store so that it cannot be written (the web view's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from ..errors import StorageError
from ..records import EVENT_FIELDS, ArticleResult
from . import merge, migrations, schema
from .query import EventFilter, count_events, map_events, page_events, select_events

_DETAILS = ("places", "dates", "background", "problems")
_METADATA = ("name", "url", "source", "title", "published")  # an article's, as stored


def content_hash(text: str) -> str:
    """The key an article is stored under: SHA-256 of its raw text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_hash_text = content_hash


SQLITE_BUSY_SECONDS = 60


def open_store(url_or_path: str) -> Store:
    """Open (creating and migrating as needed) the store at a path, `sqlite:///PATH` or
    `postgresql://...`; raise StorageError with the reason when it cannot be opened."""
    url = _engine_url(url_or_path)
    try:
        postgres = url.startswith("postgresql")
        # SQLite: wait up to a minute for another writer (two ingests into one file) instead of
        # pysqlite's 5 s, which a busy machine exceeds.
        connect_args = {"connect_timeout": 10} if postgres else {"timeout": SQLITE_BUSY_SECONDS}
        engine = create_engine(url, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StorageError(f"cannot use database {_safe(url)}: {error}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as connection:
            applied = migrations.migrate(connection)
    except SQLAlchemyError as error:
        engine.dispose()
        raise StorageError(f"cannot open database {_safe(url)}: {_reason(error)}") from None
    return Store(engine, tuple(applied))


def open_readonly(url_or_path: str) -> Store:
    """The store at a path or URL, opened so that it cannot be written: SQLite in read-only mode
    (`mode=ro`, `query_only`), PostgreSQL in read-only transactions. StorageError when it is
    missing, cannot be opened, or is not a faultline store with every migration applied."""
    url = _readonly_url(str(url_or_path))
    postgres = url.startswith("postgresql")
    connect_args: dict[str, Any] = (
        {"connect_timeout": 10, "options": "-c default_transaction_read_only=on"}
        if postgres else {"check_same_thread": False}
    )  # fmt: skip
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StorageError(f"cannot use database {_safe(url)}: {error}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _query_only)
    try:
        with engine.connect() as connection:
            applied = migrations.applied_migrations(connection)
    except SQLAlchemyError as error:
        engine.dispose()
        raise StorageError(f"cannot open database {_safe(url)}: {_reason(error)}") from None
    if applied != sorted(name for name, _ in migrations.MIGRATIONS):
        engine.dispose()
        raise StorageError(f"{_safe(url)} is not an up-to-date faultline store: run "
                           f"`faultline migrate --db ...` (or ingest into it) first")  # fmt: skip
    return Store(engine)


def _readonly_url(text: str) -> str:
    """`_engine_url`'s URL, for SQLite the existing file opened in read-only mode."""
    if "://" not in text or text.startswith("sqlite:///"):
        path = Path(text.removeprefix("sqlite:///")) if "://" in text else Path(text)
        if not path.is_file():
            raise StorageError(f"no database at {path}: build one with `faultline ingest`")
        return f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true"
    if text.startswith("sqlite"):
        raise StorageError(f"unsupported database URL {text!r}: use a path, sqlite:///PATH or "
                           f"postgresql://USER@HOST:PORT/NAME")  # fmt: skip
    return _engine_url(text)


def _query_only(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _engine_url(url_or_path: str) -> str:
    text = str(url_or_path)
    if "://" not in text:
        return f"sqlite:///{text}"
    scheme, rest = text.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith(("sqlite", "postgresql")):
        return text
    raise StorageError(f"unsupported database URL {text!r}: use a path, sqlite:///PATH or "
                       f"postgresql://USER@HOST:PORT/NAME")  # fmt: skip


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Foreign keys on; WAL. Turning a new file to WAL needs it to itself, and SQLite answers
    "database is locked" at once (no busy wait) when another process opens it at that moment:
    that is retried, for as long as a writer is waited for."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.close()


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return " ".join(str(original or error).split())[:300]


class Store:
    """A database of extraction results. Close it (or use `with`) when done."""

    def __init__(self, engine: Engine, migrated: tuple[str, ...] = ()) -> None:
        self.engine = engine
        self.migrated = migrated  # the migrations opening it applied, in order

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def has_article(self, content_hash: str) -> bool:
        query = select(schema.articles.c.id).where(
            schema.articles.c.content_hash == content_hash, schema.articles.c.status == "ok"
        )
        with self._connect() as connection:
            return connection.scalar(query) is not None

    def add_result(self, result: ArticleResult, *, content_hash: str | None = None) -> int:
        """Store one article's result in one transaction; return the article's row id. Storing
        the same content again changes nothing and returns the stored id. `content_hash` defaults
        to the hash of `result.article.text`; ingest passes the hash of the raw text."""
        key = content_hash or _hash_text(result.article.text)
        try:
            with self.engine.begin() as connection:
                schema.lock_writers(connection)  # no concurrent insert of this hash, or merge
                existing = connection.scalar(
                    select(schema.articles.c.id).where(schema.articles.c.content_hash == key)
                )
                if existing is not None:
                    return int(existing)
                article_id = _insert_result(connection, result, key)
                merge.link_reports(connection, article_id)
                return article_id
        except IntegrityError:  # SQLite: another process stored it since the check above
            with self._connect() as connection:
                found = connection.scalar(
                    select(schema.articles.c.id).where(schema.articles.c.content_hash == key)
                )
            if found is None:
                raise
            return int(found)
        except SQLAlchemyError as error:
            raise StorageError(
                f"cannot store article {result.article.id}: {_reason(error)}"
            ) from None

    def add_failure(self, input_name: str, message: str, content_hash: str | None = None) -> None:
        """Record that an input failed; an input that failed before keeps one row, updated."""
        row = {"input_name": input_name, "message": message, "content_hash": content_hash,
               "failed_at": _now()}  # fmt: skip
        failures = schema.failures
        with self.engine.begin() as connection:
            connection.execute(delete(failures).where(failures.c.input_name == input_name))
            connection.execute(insert(failures).values(**row))

    def clear_failure(self, input_name: str) -> None:
        """Forget an input's failure (it has now been stored)."""
        failures = schema.failures
        with self.engine.begin() as connection:
            connection.execute(delete(failures).where(failures.c.input_name == input_name))

    def stored_article(self, content_hash: str) -> dict[str, Any] | None:
        """The stored article with this text: its row id and metadata (name, url, source, title,
        published) and those of its other sources (`sources`); None when there is none."""
        table, others = schema.articles, schema.article_sources
        columns = [table.c[name] for name in _METADATA]
        with self._connect() as connection:
            row = connection.execute(
                select(table.c.id, *columns).where(table.c.content_hash == content_hash)
            ).mappings().first()  # fmt: skip
            if row is None:
                return None
            query = select(*[others.c[name] for name in _METADATA]).where(
                others.c.article_id == row["id"]
            )
            sources = [dict(r) for r in connection.execute(query.order_by(others.c.id)).mappings()]
        return {**row, "sources": sources}

    def add_source(self, article_id: int, metadata: dict[str, Any], input_name: str) -> None:
        """Record another source (`metadata`: name, url, source, title, published) of a stored
        article: a record with the same text."""
        row = {**{name: metadata.get(name) for name in _METADATA}, "article_id": article_id,
               "input_name": input_name, "added_at": _now()}  # fmt: skip
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(schema.article_sources).values(**row))
        except SQLAlchemyError as error:
            raise StorageError(f"cannot store a source of article {article_id}: "
                               f"{_reason(error)}") from None  # fmt: skip

    def article_sources(self, article_id: int) -> list[dict[str, Any]]:
        """The other sources of a stored article (records with its text), in the order added."""
        others = schema.article_sources
        query = select(*[others.c[name] for name in (*_METADATA, "input_name")])
        with self._connect() as connection:
            rows = connection.execute(query.where(others.c.article_id == article_id)
                                      .order_by(others.c.id)).mappings()  # fmt: skip
            return [dict(row) for row in rows]

    def failures(self) -> list[dict[str, Any]]:
        failures = schema.failures
        query = select(failures.c.input_name, failures.c.message, failures.c.content_hash)
        with self._connect() as connection:
            return [
                dict(row) for row in connection.execute(query.order_by(failures.c.id)).mappings()
            ]

    def article(self, article_id: int) -> dict[str, Any] | None:
        """The stored result of one article as `ArticleResult.to_dict()` gives it, or None."""
        with self._connect() as connection:
            row = (
                connection.execute(
                    select(schema.articles).where(schema.articles.c.id == article_id)
                )
                .mappings()
                .first()
            )
            if row is None:
                return None
            return _load_result(connection, row)

    def article_ids(self) -> list[int]:
        with self._connect() as connection:
            return list(connection.scalars(select(schema.articles.c.id).order_by("id")))

    def count(self, table: str) -> int:
        with self._connect() as connection:
            return int(
                connection.scalar(select(func.count()).select_from(schema.metadata.tables[table]))
            )

    def events(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Merged events matching `filters`, by date then id: the Event fields, `contested`, and
        `sources` (one entry per report: article id, url, source, title, published, ...)."""
        with self._connect() as connection:
            yield from select_events(connection, filters or EventFilter())

    def page(
        self, filters: EventFilter | None = None, *, limit: int = 100, after: str | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of `events`: up to `limit` after the cursor `after`, and the next cursor."""
        with self._connect() as connection:
            return page_events(connection, filters or EventFilter(), limit=limit, after=after)

    def count_events(self, filters: EventFilter | None = None, *, cap: int = 10_000) -> int:
        """How many merged events match (at most `cap` + 1: counting stops there)."""
        with self._connect() as connection:
            return count_events(connection, filters or EventFilter(), cap=cap)

    def map_events(
        self, filters: EventFilter | None = None, *, limit: int = 2000
    ) -> tuple[list[dict[str, Any]], bool]:
        """Up to `limit` located events for a map view, spread over it; whether that is all."""
        with self._connect() as connection:
            return map_events(connection, filters or EventFilter(), limit=limit)

    def _connect(self) -> Any:
        try:
            return self.engine.connect()
        except SQLAlchemyError as error:
            raise StorageError(f"cannot connect to the database: {_reason(error)}") from None


def _insert_result(connection: Any, result: ArticleResult, key: str) -> int:
    article = result.article
    whole = result.to_dict()
    row = {
        "content_hash": key, "name": article.id, "url": article.url, "source": article.source,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "text": article.text, "ingested_at": _now(), "status": "ok", "error": None,
        "details": {name: whole[name] for name in _DETAILS},
    }  # fmt: skip
    article_id = int(
        connection.execute(insert(schema.articles).values(**row)).inserted_primary_key[0]
    )
    if whole["events"]:
        connection.execute(insert(schema.events), [
            _event_row(event, article_id, position, key)
            for position, event in enumerate(whole["events"])
        ])  # fmt: skip
    if whole["claims"]:
        connection.execute(insert(schema.claims), [
            {**claim, "article_id": article_id, "position": position}
            for position, claim in enumerate(whole["claims"])
        ])  # fmt: skip
    if whole["quotes"]:
        connection.execute(insert(schema.quotes), [
            {**quote, "article_id": article_id, "position": position}
            for position, quote in enumerate(whole["quotes"])
        ])  # fmt: skip
    return article_id


def _event_row(event: dict[str, Any], article_id: int, position: int, key: str) -> dict[str, Any]:
    report_id = f"{key[:16]}:{event['event_id']}"
    cell_lat, cell_lon = merge.cell(event["latitude"], event["longitude"])
    return {**event, "article_id": article_id, "position": position, "report_id": report_id,
            "cluster_id": report_id, "component_id": report_id, "cell_lat": cell_lat,
            "cell_lon": cell_lon}  # fmt: skip


def _load_result(connection: Any, row: Any) -> dict[str, Any]:
    details = row["details"] or {}
    result: dict[str, Any] = {
        "article": {"id": row["name"], "url": row["url"], "source": row["source"],
                    "title": row["title"], "published": row["published"], "text": row["text"]},
        "events": _children(connection, schema.events, row["id"], EVENT_FIELDS),
        "claims": _children(connection, schema.claims, row["id"], _CLAIM_FIELDS),
        "quotes": _children(connection, schema.quotes, row["id"], _QUOTE_FIELDS),
    }  # fmt: skip
    result.update({name: details.get(name, []) for name in _DETAILS})
    for quote in result["quotes"]:  # stored before 0003_quote_pieces: the one piece
        if quote["pieces"] is None:
            quote["pieces"] = [{"start": quote["start"], "end": quote["end"]}]
    return result


_CLAIM_FIELDS = ("claim_id", "kind", "count", "count_low", "count_high", "victims", "claimant",
                 "claimant_start", "claimant_end",
                 "is_background", "date", "event_ids", "evidence")  # fmt: skip
_QUOTE_FIELDS = ("speaker", "speaker_role", "text", "start", "end", "is_direct", "pieces",
                 "speaker_start", "speaker_end")  # fmt: skip


def _children(connection: Any, table: Any, article_id: int, fields: tuple[str, ...]) -> list:
    query = select(*[table.c[name] for name in fields]).where(table.c.article_id == article_id)
    rows = connection.execute(query.order_by(table.c.position)).mappings()
    return [dict(row) for row in rows]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
