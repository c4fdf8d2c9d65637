"""The text filters (`actor`, `source`, `q`: a part of the casefolded `actors`, `sources` or
`search` of a merged event) served by a trigram index instead of a scan of every row.

- SQLite: `merged_text`, an FTS5 table with the trigram tokenizer (case-sensitive: the columns
  and the patterns are casefolded already) over those three columns of `merged_events` (external
  content, by its rowid), kept in step by triggers. A filter whose FTS matches are few (at most
  `FEW`) reads them and sorts them (`rowid IN (...)`); a filter with more matches is dense, and
  walking the page's order until enough rows match (the plain query) reads fewer rows: about
  limit x rows / matches, under 100 x 100 at 1,000,000 rows. A count (capped) is driven by the
  FTS matches joined to their rows as they come (`text_join`), so it stops at its cap.
- PostgreSQL: GIN trigram indexes (pg_trgm) on the columns themselves, which its planner uses
  for the LIKE conditions as they are, when it judges them selective; where the extension is not
  available the filters are the plain query.

The LIKE condition of each filter stays in the query, so the index only narrows which rows are
read: the results are exactly the filter's. On SQLite a part is looked up as the phrase of its
trigrams (`_phrase`: no row is read to check a candidate); one shorter than three characters is
not (it has no trigram). The FTS table
follows `merged_events`' rowids: after a VACUUM (which may renumber them) rebuild it with
``INSERT INTO merged_text(merged_text) VALUES ('rebuild')``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select, table

from . import schema

COLUMNS = ("actors", "sources", "search")
FEW = 10_000
_TEXT = table("merged_text", column("rowid"))


def create_text_index(connection: Connection) -> None:
    """The index and, on SQLite, its triggers; filled from the rows already stored."""
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
    names, new = ", ".join(COLUMNS), ", ".join(f"new.{name}" for name in COLUMNS)
    old = ", ".join(f"old.{name}" for name in COLUMNS)
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE merged_text USING fts5({names}, content='merged_events',"
        " tokenize='trigram case_sensitive 1')"
    )
    forget = (f"INSERT INTO merged_text(merged_text, rowid, {names})"
              f" VALUES ('delete', old.rowid, {old});")  # fmt: skip
    remember = f"INSERT INTO merged_text(rowid, {names}) VALUES (new.rowid, {new});"
    triggers = (("insert", "AFTER INSERT", remember), ("delete", "AFTER DELETE", forget),
                ("update", "AFTER UPDATE", forget + " " + remember))  # fmt: skip
    for name, when, body in triggers:
        connection.exec_driver_sql(f"CREATE TRIGGER merged_text_{name} {when} ON merged_events"
                                   f" BEGIN {body} END")  # fmt: skip
    connection.exec_driver_sql("INSERT INTO merged_text(merged_text) VALUES ('rebuild')")


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
            rows = _TEXT.join(schema.merged_events,
                              literal_column("merged_events.rowid") == _TEXT.c.rowid)  # fmt: skip
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
        matches = select(_TEXT.c.rowid).where(literal_column("merged_text").op("MATCH")(phrase))
        counted = select(func.count()).select_from(matches.limit(FEW + 1).subquery())
        if int(connection.scalar(counted)) <= FEW:
            found.append(literal_column("merged_events.rowid").in_(matches))
    return found


def _has_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merged_text'").first()
    return found is not None
