"""The store's tables (SQLAlchemy Core) and named migrations, the same for SQLite and PostgreSQL.

    articles        one row per stored article, unique by the hash of its raw text
    events          one row per *report*: an event as one article tells it; `cluster_id` names the
                    merged event it belongs to (see `merge.py`)
    claims, quotes  as the article's result holds them
    event_sources   which articles report which merged event (kept up to date by `merge.py`)
    failures        articles that could not be read or extracted, with the reason
    watch_sources   `faultline watch`: each source's last poll, its result, ETag and Last-Modified
    watch_items     `faultline watch`: each item seen, its outcome, and a fetched page's record
                    until it is ingested (so a restart ingests it without fetching it again)
    migrations      the names of the migrations applied, in order

A migration is a named function of a connection, applied once, in the order of `MIGRATIONS`.
A new migration is appended to that tuple, never inserted before one that may have run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
)
from sqlalchemy.schema import CreateTable

metadata = MetaData()

migrations = Table(
    "migrations", metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),  # the article's own id (Article.id)
    Column("url", Text), Column("source", Text), Column("title", Text),
    Column("published", String(10)),  # ISO day
    Column("text", Text, nullable=False),  # the cleaned text every offset refers to
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False, default="ok"),
    Column("error", Text),
    Column("details", JSON),  # places, dates, background, problems: as ArticleResult.to_dict()
)  # fmt: skip

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("report_id", String(300), nullable=False, unique=True),  # content hash + event_id
    Column("cluster_id", String(300), nullable=False),
    Column("cell_lat", Integer), Column("cell_lon", Integer),
    Column("event_id", Text, nullable=False),
    Column("event_date", String(10)), Column("date_end", String(10)),
    Column("time_precision", Integer),
    Column("event_type", Text, nullable=False), Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text), Column("assoc_actor_1", Text), Column("inter1", Integer),
    Column("actor2", Text), Column("assoc_actor_2", Text), Column("inter2", Integer),
    Column("interaction", Integer), Column("civilian_targeting", Text),
    Column("country", Text), Column("country_code", String(2)), Column("iso", Integer),
    Column("admin1", Text), Column("admin2", Text), Column("location", Text),
    Column("latitude", Float(precision=53)), Column("longitude", Float(precision=53)),
    Column("geo_precision", Integer),
    Column("fatalities", Integer), Column("fatalities_low", Integer),
    Column("fatalities_best", Integer), Column("fatalities_high", Integer),
    Column("claimant", Text), Column("claim_ids", JSON, nullable=False), Column("notes", Text),
    Column("evidence", JSON, nullable=False), Column("confidence", Float(precision=53)),
)  # fmt: skip

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("claim_id", Text, nullable=False), Column("kind", Text, nullable=False),
    Column("count", Integer), Column("count_low", Integer), Column("count_high", Integer),
    Column("victims", Text), Column("claimant", Text),
    Column("is_background", Boolean, nullable=False), Column("date", Text),
    Column("event_ids", JSON, nullable=False), Column("evidence", JSON, nullable=False),
)  # fmt: skip

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("speaker", Text), Column("speaker_role", Text), Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("is_direct", Boolean, nullable=False),
    Column("pieces", JSON),  # [{"start", "end"}, ...] (Quote.pieces); null in rows before 0003
)  # fmt: skip

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", String(300), primary_key=True),  # the merged event (cluster id)
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
)  # fmt: skip

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_name", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip

_INITIAL = (articles, events, claims, quotes, event_sources, failures)
UniqueConstraint(events.c.article_id, events.c.position, name="uq_events_article_position")


def _create_initial_tables(connection: Connection) -> None:
    metadata.create_all(connection, tables=list(_INITIAL), checkfirst=False)


_INDEXES = (
    "ix_events_block ON events (event_date, cell_lat, cell_lon)",
    "ix_events_admin ON events (event_date, country_code, admin1)",
    "ix_events_cluster ON events (cluster_id)",
    "ix_events_article ON events (article_id)",
    "ix_claims_article ON claims (article_id)",
    "ix_quotes_article ON quotes (article_id)",
)


def _index_event_blocks(connection: Connection) -> None:
    """Indexes for the merge's blocking query and the common filters (plain SQL: a migration
    is frozen DDL, it does not follow later changes to the table objects above)."""
    for index in _INDEXES:
        connection.exec_driver_sql(f"CREATE INDEX {index}")


def _add_quote_pieces(connection: Connection) -> None:
    """Quotes split around their attribution keep their pieces. A database created since this
    migration was written already has the column (0001 creates the tables as they are now)."""
    if "pieces" not in {column["name"] for column in inspect(connection).get_columns("quotes")}:
        connection.exec_driver_sql("ALTER TABLE quotes ADD COLUMN pieces JSON")


def _add_watch_state(connection: Connection) -> None:
    """`faultline watch`'s state (plain SQL: frozen DDL, like 0002)."""
    connection.exec_driver_sql(
        "CREATE TABLE watch_sources (source TEXT PRIMARY KEY, polled_at TIMESTAMP WITH TIME ZONE,"
        " status VARCHAR(20), message TEXT, etag TEXT, last_modified TEXT, items INTEGER,"
        " new INTEGER)"
    )
    connection.exec_driver_sql(
        "CREATE TABLE watch_items (key VARCHAR(64) PRIMARY KEY, source TEXT NOT NULL,"
        " item TEXT NOT NULL, status VARCHAR(20) NOT NULL, message TEXT, record TEXT,"
        " tries INTEGER NOT NULL, seen_at TIMESTAMP WITH TIME ZONE NOT NULL)"
    )


watch_sources = Table(
    "watch_sources", metadata,
    Column("source", Text, primary_key=True), Column("polled_at", DateTime(timezone=True)),
    Column("status", String(20)), Column("message", Text), Column("etag", Text),
    Column("last_modified", Text), Column("items", Integer), Column("new", Integer),
)  # fmt: skip

watch_items = Table(
    "watch_items", metadata,
    Column("key", String(64), primary_key=True),  # SHA-256 of source and item
    Column("source", Text, nullable=False), Column("item", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending | stored | skipped | failed | retry
    Column("message", Text), Column("record", Text),  # JSON of a fetched page, until ingested
    Column("tries", Integer, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip


Migration = tuple[str, Callable[[Connection], None]]
MIGRATIONS: tuple[Migration, ...] = (
    ("0001_initial_tables", _create_initial_tables),
    ("0002_event_block_indexes", _index_event_blocks),
    ("0003_quote_pieces", _add_quote_pieces),
    ("0004_watch_state", _add_watch_state),
)


# The key of PostgreSQL's transaction-level advisory lock that writers take (see `lock_writers`).
WRITERS_LOCK = 0x6661756C74  # "fault"


def lock_writers(connection: Connection) -> None:
    """Make this transaction the only writer until it ends, so that two processes never migrate,
    insert the same article or merge reports at once; each statement after it sees what earlier
    writers committed. PostgreSQL: a transaction-level advisory lock. SQLite: its one writer lock,
    taken now by an empty write (the driver begins the transaction at the first write)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("UPDATE migrations SET name = name WHERE 0")


def migrate(connection: Connection) -> list[str]:
    """Apply the migrations not applied yet, in order; return their names. Safe when several
    processes open a new database at once: one migrates, the others then find it done."""
    names = [name for name, _ in MIGRATIONS]
    if applied_migrations(connection) == sorted(names):
        return []  # up to date: nothing written (a read-only database opens too)
    if connection.dialect.name == "postgresql":  # its CREATE TABLE IF NOT EXISTS may still race
        lock_writers(connection)
    connection.execute(CreateTable(migrations, if_not_exists=True))
    lock_writers(connection)
    done = set(connection.scalars(select(migrations.c.name)))
    applied = []
    for name, apply in MIGRATIONS:
        if name in done:
            continue
        apply(connection)
        connection.execute(migrations.insert().values(name=name, applied_at=_now()))
        applied.append(name)
    return applied


def applied_migrations(connection: Connection) -> list[str]:
    if not inspect(connection).has_table("migrations"):
        return []
    return list(connection.scalars(select(migrations.c.name).order_by(migrations.c.name)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
