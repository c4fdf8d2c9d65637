"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL.

    articles        one row per stored article, unique by the hash of its raw text
    events          one row per *report*: an event as one article tells it; `cluster_id` names the
                    merged event it belongs to (see `merge.py`)
    claims, quotes  as the article's result holds them
    event_sources   which articles report which merged event (kept up to date by `merge.py`)
    merged_events   one row per merged event: the columns its filters, order and map read, so that
                    a page or a map view reads only the rows it returns (kept up to date by
                    `merge.py`; the event itself is reconciled from its reports when read)
    failures        inputs that could not be read or extracted, with the reason (one row each)
    article_sources records with a stored article's text and other metadata (its other sources)
    watch_sources   `faultline watch`: each source's last poll, its result, ETag and Last-Modified
    watch_items     `faultline watch`: each item seen, its outcome, and a fetched page's record
                    until it is ingested (so a restart ingests it without fetching it again)
    migrations      the names of the migrations applied, in order (see `migrations.py`)
"""

from __future__ import annotations

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
)

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
    Column("component_id", String(300)),  # 0004: its single-linkage component (see merge.py)
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
    Column("claimant_start", Integer), Column("claimant_end", Integer),  # 0006
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
    Column("speaker_start", Integer), Column("speaker_end", Integer),  # 0006: the speaker's words
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

# One row per merged event (0004). `sort_date` is the event's day or "" (so that both databases
# order undated events first), `sample` a stable pseudo-random number that spreads a capped map
# view over the whole area, `actors`/`search`/`sources` the casefolded text of all its reports,
# one value a line, for the actor, free-text and source filters, `map_cell` the grid cell of its
# point that the box and distance filters read in order (`plan.py`).
merged_events = Table(
    "merged_events", metadata,
    Column("event_id", String(300), primary_key=True),  # the cluster id
    Column("sort_date", String(10), nullable=False),
    Column("event_type", Text, nullable=False), Column("sub_event_type", Text, nullable=False),
    Column("country_code", String(2)), Column("country", Text), Column("admin1", Text),
    Column("location", Text),
    Column("latitude", Float(precision=53)), Column("longitude", Float(precision=53)),
    Column("fatalities", Integer), Column("reports", Integer, nullable=False),
    Column("sample", Integer, nullable=False),
    Column("actors", Text, nullable=False), Column("search", Text, nullable=False),
    Column("sources", Text, nullable=False),
    Column("map_cell", Integer),  # 0008: the point's map cell (see plan.py), null if unlocated
)  # fmt: skip

# Another article record with the same text as a stored one (another id, url, source, date):
# kept as another source of that article rather than stored again (migration 0005).
article_sources = Table(
    "article_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("name", Text, nullable=False), Column("url", Text), Column("source", Text),
    Column("title", Text), Column("published", String(10)), Column("input_name", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip

INITIAL_TABLES = (articles, events, claims, quotes, event_sources, failures)
UniqueConstraint(events.c.article_id, events.c.position, name="uq_events_article_position")


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
