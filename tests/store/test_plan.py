"""Filters read branch by branch (`store/plan.py`): the same events in the same order as one
query, page after page, for the type, box and distance filters, the map view and the count; the
map cells the migration computes in SQL are the ones Python computes; on SQLite and PostgreSQL
(`store` from test_store)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from faultline.store import Store, open_store, schema
from faultline.store.plan import (
    MAX_CELLS,
    box_cells,
    branches,
    count_matching,
    inside,
    map_cell,
    map_cell_sql,
    ordered,
)
from faultline.store.query import MAP_COLUMNS, _box, conditions, parse_filters, planned
from faultline.taxonomy import EVENT_TYPES
from tests.store.test_store import make_event, make_result, store  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
KINDS = list(EVENT_TYPES.items())[:8]


@pytest.fixture
def grid(store: Store) -> Store:  # noqa: F811
    """48 events three days apart (none merge), on a lattice around 10 N 20 E that straddles
    map cells, of eight sub-event types; a few undated, two unlocated, one across 180."""
    return _fill(store)


@pytest.fixture
def sqlite_grid(tmp_path) -> str:
    """The grid's events in a SQLite store (its FTS table is SQLite's), closed: its path."""
    path = str(tmp_path / "grid.db")
    _fill(open_store(path)).close()
    return path


def _fill(store: Store) -> Store:  # noqa: F811
    for n in range(48):
        sub, family = KINDS[n % len(KINDS)]
        day = (dt.date(2024, 1, 1) + dt.timedelta(days=3 * n)).isoformat()
        latitude, longitude = 9.1 + (n % 7) * 0.3, 19.2 + (n // 7) * 0.27
        if n in (5, 6):
            latitude = longitude = None  # type: ignore[assignment]
        if n == 7:
            latitude, longitude = 10.0, 179.9
        fields = {"event_date": None if n % 11 == 0 else day, "event_type": family,
                  "sub_event_type": sub, "latitude": latitude, "longitude": longitude,
                  "country_code": "TD", "country": "Chad"}  # fmt: skip
        store.add_result(make_result(f"g{n:02d}", make_event(f"g{n:02d}-e1", **fields)))
    return store


FILTERS = [
    {"type": "battles"}, {"type": "ATTACK"}, {"type": "e"}, {"type": "nothing like it"},
    {"bbox": "19.5,9.4,20.6,10.5"}, {"bbox": "179,9,-179,11"}, {"near": "10,20,40"},
    {"type": "explosions", "bbox": "19,9,21,11"}, {"type": "e", "since": "2024-02-01"},
    {"near": "10,20,40", "country": "TD", "until": "2024-05-01"}, {"bbox": "18.1,8.1,21.9,11.9"},
    {"type": "e", "bbox": "18.1,8.1,21.9,11.9"}, {"near": "10,20,150"},
]  # fmt: skip


def _one_query(grid: Store, filters) -> list[str]:
    """The matching events' ids in page order, read by one plain query."""
    m = schema.merged_events.c
    with grid.engine.connect() as connection:
        rows = ordered(connection, (m.event_id,), conditions(filters), (m.sort_date, m.event_id),
                       1000, None)  # fmt: skip
    return [row.event_id for row in rows]


def _paged(grid: Store, filters, limit: int) -> list[str]:
    """The ids of every page the store serves by cursor, in order."""
    seen, after = [], None
    while True:
        page, after = grid.page(filters, limit=limit, after=after)
        seen += [event["event_id"] for event in page]
        if after is None:
            return seen


@pytest.mark.parametrize("values", FILTERS)
def test_branches_give_what_one_query_gives(grid: Store, values: dict) -> None:
    filters = parse_filters(**values)
    m = schema.merged_events.c
    with grid.engine.connect() as connection:
        for by_date, order, columns in (
            (True, (m.sort_date, m.event_id), (m.sort_date, m.event_id)),
            (False, (m.sample, m.event_id), [m[name] for name in MAP_COLUMNS]),
        ):  # fmt: skip
            where, split = planned(connection, filters, by_date=by_date)
            everything = conditions(filters)
            for limit in (1, 3, 100):
                plain = ordered(connection, columns, everything, order, limit, None)
                assert ordered(connection, columns, where, order, limit, split) == plain
            for cap in (0, 2, 1000):
                assert count_matching(connection, where, cap, split) == count_matching(
                    connection, everything, cap, None)
        assert branches(connection, _box(filters), filters.type, by_date=True) is not None


@pytest.mark.parametrize("values", FILTERS)
def test_pages_by_cursor_walk_every_match_once_in_order(grid: Store, values: dict) -> None:
    filters = parse_filters(**values)
    assert _paged(grid, filters, 4) == _one_query(grid, filters)


def test_the_migration_computes_the_cells_python_does(grid: Store) -> None:
    with grid.engine.connect() as connection:
        sql = map_cell_sql(connection.dialect.name)
        rows = connection.execute(text(
            f"SELECT latitude, longitude, map_cell, {sql} FROM merged_events"
            " WHERE latitude IS NOT NULL")).all()  # fmt: skip
    assert len(rows) == 46
    assert all(row[2] == row[3] == map_cell(row[0], row[1]) for row in rows)


@pytest.mark.parametrize(
    ("box", "count"),
    [((19.9, 9.9, 20.1, 10.1), 4), ((20.0, 10.0, 20.4, 10.4), 1), ((179.9, 0, -179.9, 0.1), 3),
     ((-180, -90, 180, 90), None), ((0, 0, 3.9, 3.9), MAX_CELLS), ((0, 0, 4.1, 4), None)],
)  # fmt: skip
def test_box_cells_cover_the_box(box: tuple, count: int | None) -> None:
    cells = box_cells(*box)
    assert (None if cells is None else len(cells)) == count
    if cells:
        west, south, east, north = box
        for latitude in (south, (south + north) / 2, north):
            for longitude in (west, east):
                assert map_cell(latitude, longitude) in cells


@pytest.mark.parametrize(
    ("cell", "box", "expected"),
    [(map_cell(10.2, 20.2), (20.0, 10.0, 20.5, 10.5), False),  # the box is the cell: cut
     (map_cell(10.2, 20.2), (19.9, 9.9, 20.6, 10.6), True),
     (map_cell(10.2, 20.2), (19.9, 9.9, 20.6, 10.4), False),
     (map_cell(10.2, 179.7), (179, 9, -179, 11), True),
     (map_cell(10.2, -179.7), (179, 9, -179, 11), True),
     (map_cell(10.2, 178.7), (179, 9, -179, 11), False)],
)  # fmt: skip
def test_a_cell_is_inside_a_box_only_with_its_every_point(
    cell: int, box: tuple, expected: bool
) -> None:
    assert inside(cell, box) is expected


@pytest.mark.parametrize("few", [0, 10_000])
@pytest.mark.parametrize(
    "values",
    [{"text": "chad"}, {"text": "radio t"}, {"text": "g0"}, {"text": "g01"}, {"text": 'o "t'},
     {"text": "%ad"}, {"actor": "militia"}, {"source": "tamazuj", "type": "battles"},
     {"text": "armed clash", "bbox": "19.5,9.4,20.6,10.5"}, {"text": "nowhere at all"}],
)  # fmt: skip
def test_the_text_index_narrows_without_changing_results(
    grid: Store, values: dict, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from faultline.store import textindex

    monkeypatch.setattr(textindex, "FEW", few)
    filters = parse_filters(**values)
    expected = _one_query(grid, filters)
    assert grid.count_events(filters, cap=1000) == len(expected)
    assert grid.count_events(filters, cap=2) == min(3, len(expected))
    assert _paged(grid, filters, 5) == expected
    assert {e["event_id"] for e in grid.map_events(filters, limit=1000)[0]} <= set(expected)


def test_the_text_index_follows_changes_to_the_events(grid: Store) -> None:
    filters = parse_filters(text="abyei")
    assert grid.page(filters, limit=10)[0] == []
    grid.add_result(make_result("h01", make_event("h01-e1", location="Abyei", latitude=9.6,
                                                  longitude=28.4, event_date="2025-01-01")))
    assert [e["location"] for e in grid.page(filters, limit=10)[0]] == ["Abyei"]


def _renumber_behind_the_triggers(path: str) -> None:
    """Give `merged_events` new rowids as a VACUUM may and a dump and reload does (no trigger
    fires then): the rows in reverse order."""
    with sqlite3.connect(path) as raw:
        triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                               " AND tbl_name = 'merged_events'").fetchall()  # fmt: skip
        for name, _ in triggers:
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute("UPDATE merged_events SET rowid = -rowid")
        raw.execute("UPDATE merged_events SET rowid = 1000 + rowid")
        for _, sql in triggers:
            raw.execute(sql)


TEXTS = [{"text": "chad"}, {"text": "g01"}, {"text": "radio t"}, {"source": "tamazuj"}]


def _same_as_plain(opened: Store) -> None:
    for values in TEXTS:
        filters = parse_filters(**values)
        expected = _one_query(opened, filters)
        assert expected
        assert _paged(opened, filters, 5) == expected
        assert opened.count_events(filters, cap=1000) == len(expected)


def test_the_text_index_survives_renumbered_rowids(sqlite_grid: str) -> None:
    path = sqlite_grid
    _renumber_behind_the_triggers(path)
    with open_store(path) as renumbered:
        _same_as_plain(renumbered)
        renumbered.add_result(make_result("h02", make_event("h02-e1", location="Chadian border",
                                                            event_date="2025-02-01")))
        _same_as_plain(renumbered)


def test_migration_0010_keys_a_text_index_built_on_rowids(sqlite_grid: str) -> None:
    """A store with the first 0009's FTS table (keyed by `merged_events`' rowids)."""
    path = sqlite_grid
    names = "actors, sources, search"
    with sqlite3.connect(path) as raw:
        for name in ("insert", "delete", "update"):
            raw.execute(f"DROP TRIGGER merged_text_{name}")
        raw.execute("DROP TABLE merged_text")
        raw.execute("DROP VIEW merged_text_rows")
        raw.execute("DROP TABLE merged_text_keys")
        raw.execute(f"CREATE VIRTUAL TABLE merged_text USING fts5({names},"
                    " content='merged_events', tokenize='trigram case_sensitive 1')")  # fmt: skip
        raw.execute("INSERT INTO merged_text(merged_text) VALUES ('rebuild')")
        raw.execute("DELETE FROM migrations WHERE name = '0010_text_index_keys'")
    with open_store(path) as migrated, migrated.engine.connect() as connection:
        keys = connection.execute(text("SELECT count(*) FROM merged_text_keys")).scalar()
        rows = connection.execute(text("SELECT count(*) FROM merged_events")).scalar()
        assert keys == rows == 48
        _same_as_plain(migrated)
    _renumber_behind_the_triggers(path)
    with open_store(path) as reopened:
        _same_as_plain(reopened)
