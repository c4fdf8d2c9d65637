"""The text filters (`actor`, `source`, `q`: a part of the casefolded `actors`, `sources` or
`search` of a merged event) served by a trigram index instead of a scan of every row.

- SQLite: `merged_text`, an FTS5 table with the trigram tokenizer (case-sensitive: the columns
  and the patterns are casefolded already) over those three columns of `merged_events`, kept in
  step by triggers. Its rows are keyed by `merged_text_keys` (an INTEGER PRIMARY KEY for each
  event id), not by `merged_events`' own rowids, which a VACUUM or a dump and reload may
  renumber (the table's key is its event id): an index keyed by them would then point at other
  events, and a filter would silently miss its matches. The FTS table reads its content through
  the view `merged_text_rows` (key, actors, sources, search).
  A filter whose FTS matches are few (at most `FEW`) reads them and sorts them (`event_id IN
  (...)`); a filter with more matches is dense, and walking the page's order until enough rows
  match (the plain query) reads fewer rows: about limit x rows / matches, under 100 x 100 at
  1,000,000 rows. A count (capped) is driven by the FTS matches joined to their rows as they
  come (`text_join`), so it stops at its cap.
- PostgreSQL: GIN trigram indexes (pg_trgm) on the columns themselves, which its planner uses
  for the LIKE conditions as they are, when it judges them selective; where the extension is not
  available the filters are the plain query.

The LIKE condition of each filter stays in the query, so the index only narrows which rows are
read: the results are exactly the filter's. On SQLite a part is looked up as the phrase of its
trigrams (`_phrase`: no row is read to check a candidate); one shorter than three characters is
not (it has no trigram).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select, table

from . import schema

COLUMNS = ("actors", "sources", "search")
FEW = 10_000
_TEXT = table("merged_text", column("rowid"))
_KEYS = table("merged_text_keys", column("key"), column("event_id"))


def create_text_index(connection: Connection) -> None:
    """The index and, on SQLite, its keys, view and triggers; filled from the rows stored."""
    if connection.dialect.name == "postgresql":
        found = connection.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first()
        if found is None:
            return
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name in COLUMNS:
            connection.exec_driver_sql(f"CREATE INDEX ix_merged_{name}_trigram ON merged_events"
                                       f" USING gin ({name} gin_trgm_ops)")  # fmt: skip
        return
    names = ", ".join(COLUMNS)
    run = connection.exec_driver_sql
    run("CREATE TABLE merged_text_keys (key INTEGER PRIMARY KEY,"
        " event_id VARCHAR(300) NOT NULL UNIQUE)")
    run("INSERT INTO merged_text_keys (event_id) SELECT event_id FROM merged_events"
        " ORDER BY rowid")
    run("CREATE VIEW merged_text_rows AS SELECT k.key AS key, "
        + ", ".join(f"m.{name} AS {name}" for name in COLUMNS)
        + " FROM merged_text_keys AS k JOIN merged_events AS m ON m.event_id = k.event_id")
    run(f"CREATE VIRTUAL TABLE merged_text USING fts5({names}, content='merged_text_rows',"
        " content_rowid='key', tokenize='trigram case_sensitive 1')")
    key = "(SELECT key FROM merged_text_keys WHERE event_id = {}.event_id)"
    forget = (f"INSERT INTO merged_text(merged_text, rowid, {names}) VALUES ('delete', "
              f"{key.format('old')}, " + ", ".join(f"old.{n}" for n in COLUMNS) + ");")
    remember = (f"INSERT INTO merged_text(rowid, {names}) VALUES ({key.format('new')}, "
                + ", ".join(f"new.{n}" for n in COLUMNS) + ");")
    triggers = (
        ("insert", "AFTER INSERT",
         "INSERT INTO merged_text_keys (event_id) VALUES (new.event_id); " + remember),
        ("delete", "AFTER DELETE",
         forget + " DELETE FROM merged_text_keys WHERE event_id = old.event_id;"),
        ("update", "AFTER UPDATE", forget + " UPDATE merged_text_keys SET event_id ="
         " new.event_id WHERE event_id = old.event_id; " + remember),
    )  # fmt: skip
    for name, when, body in triggers:
        run(f"CREATE TRIGGER merged_text_{name} {when} ON merged_events BEGIN {body} END")
    run("INSERT INTO merged_text(merged_text) VALUES ('rebuild')")


def key_text_index(connection: Connection) -> None:
    """Migration 0010: a store whose FTS table was keyed by `merged_events`' rowids (the first
    0009) gets the keyed one; nothing on PostgreSQL or a store that has it already."""
    if connection.dialect.name != "sqlite":
        return
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'merged_text_keys'").first()
    if found is not None:
        return
    for name in ("insert", "delete", "update"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS merged_text_{name}")
    connection.exec_driver_sql("DROP TABLE IF EXISTS merged_text")
    create_text_index(connection)


def _phrase(name: str, needle: str) -> str | None:
    """The FTS5 query for the rows whose column `name` contains `needle`: the phrase of its
    trigrams, consecutive, which is exactly containment; None under three characters (no
    trigram: the index cannot narrow it)."""
    if len(needle) < 3:
        return None
    return f'{name} : "{needle.replace(chr(34), chr(34) * 2)}"'


def text_join(connection: Connection, parts: dict[str, str]) -> tuple[Any, Any] | None:
    """(FROM clause, condition) that drive a query from the FTS matches of the first text filter
    of `parts` the index can look up, each joined to its row as it comes (SQLite), or None."""
    if connection.dialect.name != "sqlite" or not parts or not _has_index(connection):
        return None
    for name, needle in parts.items():
        phrase = _phrase(name, needle)
        if phrase is not None:
            rows = _TEXT.join(_KEYS, _KEYS.c.key == _TEXT.c.rowid).join(
                schema.merged_events, schema.merged_events.c.event_id == _KEYS.c.event_id)
            return rows, literal_column("merged_text").op("MATCH")(phrase)
    return None


def text_conditions(connection: Connection, parts: dict[str, str]) -> list[Any]:
    """Extra conditions (SQLite) that make the database read only the FTS matches of the text
    filters `parts` (column -> casefolded part), for each part with at most `FEW` matches."""
    if connection.dialect.name != "sqlite" or not parts or not _has_index(connection):
        return []
    found = []
    for name, needle in parts.items():
        phrase = _phrase(name, needle)
        if phrase is None:
            continue
        match = literal_column("merged_text").op("MATCH")(phrase)
        counted = select(func.count()).select_from(
            select(_TEXT.c.rowid).where(match).limit(FEW + 1).subquery())
        if int(connection.scalar(counted)) <= FEW:
            keys = select(_KEYS.c.event_id).join_from(_TEXT, _KEYS, _KEYS.c.key == _TEXT.c.rowid)
            found.append(schema.merged_events.c.event_id.in_(keys.where(match)))
    return found


def _has_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merged_text'").first()
    return found is not None
