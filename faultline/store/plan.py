"""How a filter is read in an index's order: `ordered` gives the first rows of `merged_events`
matching a filter in a given order, `count_matching` a capped count.

A filter that no index serves in the page's order (a part of a type's name, a box on the map)
would make the database read every matching row and sort them. Instead such a filter is split
into *branches*, each an equality that an index serves in that order:

- `type`, in (date, id) order: one branch per stored (sub-event type, event type) pair whose
  names can match (found with a loose scan of `ix_merged_kind`, two index seeks per pair:
  `kinds`), served by `ix_merged_kind`;
- `bbox` and `near`, in either order: one branch per map cell the box covers (`MAP_CELL`
  degrees, `map_cell`), served by `ix_merged_cell_order` / `ix_merged_cell_sample`, which hold
  the latitude and longitude that the box then checks in the cells it cuts. A cell inside the
  box has no such condition: it holds for every row there, and a database that estimated it
  would think few of the cell's rows match and read them all to sort them (PostgreSQL did).

Each branch reads at most `limit` rows in order and the union of the branches is sorted and cut,
so a page reads at most (branches x limit) index entries, whatever the number of matches. Every
branch keeps all of the filter's conditions (but those its cell implies) and the branches are
disjoint, so the rows are exactly the filter's. A box covering more than `MAX_CELLS` cells, or
more than `MAX_BRANCHES` branches in all, is read as one query (as is any other filter).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, select, union_all

from . import schema

MAP_CELL = 0.5  # degrees of latitude and of longitude per map cell
_CELLS_PER_DEGREE = 2  # 1 / MAP_CELL, so that Python and SQL multiply by the same exact number
_ROW = 1000  # map_cell = row * _ROW + column
_MARGIN = 1e-9  # degrees: a point's cell is exact to far less (the float sums of map_cell)
MAX_CELLS = 64
MAX_BRANCHES = 128


def map_cell(latitude: float | None, longitude: float | None) -> int | None:
    """The map cell of a point (`MAP_CELL` degrees a side, counted from 90 S, 180 W), or None."""
    if latitude is None or longitude is None:
        return None
    row = math.floor((latitude + 90.0) * _CELLS_PER_DEGREE)
    return row * _ROW + math.floor((longitude + 180.0) * _CELLS_PER_DEGREE)


def map_cell_sql(dialect: str) -> str:
    """`map_cell` as an SQL expression of the row's latitude and longitude (the migration's)."""
    def part(column: str, offset: str) -> str:
        value = f"(({column} + {offset}) * {_CELLS_PER_DEGREE})"
        # SQLite's CAST truncates, which is the floor of a value >= 0; PostgreSQL's rounds
        return f"CAST(FLOOR{value} AS INTEGER)" if dialect == "postgresql" else (
            f"CAST({value} AS INTEGER)")  # fmt: skip
    return f"{part('latitude', '90.0')} * {_ROW} + {part('longitude', '180.0')}"


def box_cells(west: float, south: float, east: float, north: float) -> list[int] | None:
    """The map cells a box touches (west > east: across the antimeridian), or None when more
    than `MAX_CELLS`."""
    south, north = max(south, -90.0), min(north, 90.0)
    if south > north:
        return []
    spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
    columns: list[int] = []
    for first, last in spans:
        first, last = max(first, -180.0), min(last, 180.0)
        if first <= last:
            low, high = map_cell(0.0, first), map_cell(0.0, last)
            assert low is not None and high is not None
            columns.extend(range(low % _ROW, high % _ROW + 1))
    low_row, high_row = (map_cell(south, 0.0) or 0) // _ROW, (map_cell(north, 0.0) or 0) // _ROW
    if (high_row - low_row + 1) * len(columns) > MAX_CELLS:
        return None
    return [row * _ROW + column for row in range(low_row, high_row + 1)
            for column in dict.fromkeys(columns)]  # fmt: skip


def inside(cell: int, box: tuple[float, float, float, float]) -> bool:
    """Whether every point of a map cell lies in the box (west > east: across the antimeridian),
    with a margin for the rounding of the cell's computation (none at the world's edges)."""
    west, south, east, north = box
    low = (cell // _ROW) * MAP_CELL - 90.0
    left = (cell % _ROW) * MAP_CELL - 180.0
    spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
    return _covers(south, north, low, -90.0, 90.0) and any(
        _covers(first, last, left, -180.0, 180.0) for first, last in spans)


def _covers(first: float, last: float, start: float, lowest: float, highest: float) -> bool:
    """Whether [first, last] holds [start, start + MAP_CELL) on an axis from lowest to highest."""
    return (first <= lowest or first <= start - _MARGIN) and (
        last >= highest or start + MAP_CELL + _MARGIN <= last)


def kinds(connection: Connection) -> list[tuple[str, str]]:
    """Every stored (sub-event type, event type) pair, in order, two index seeks each (a seek
    past a prefix, not a row-value comparison, which steps over every row of the pair)."""
    m = schema.merged_events.c
    pairs = select(m.sub_event_type, m.event_type).order_by(m.sub_event_type, m.event_type)
    found: list[tuple[str, str]] = []
    row = connection.execute(pairs.limit(1)).first()
    while row is not None:
        sub, family = row[0], row[1]
        found.append((sub, family))
        row = connection.execute(pairs.where(m.sub_event_type == sub, m.event_type > family)
                                 .limit(1)).first()  # fmt: skip
        if row is None:
            row = connection.execute(pairs.where(m.sub_event_type > sub).limit(1)).first()
    return found


def _may_match(needle: str, value: str) -> bool:
    """Whether the type filter's SQL condition (lower(value) contains needle) can hold: exact for
    ASCII values, True for others (the condition itself, kept in every branch, decides)."""
    return not value.isascii() or needle.casefold() in value.lower()


def branches(
    connection: Connection, box: tuple[float, float, float, float] | None,
    type_needle: str | None, *, by_date: bool, edge: Sequence[Any] = (),
) -> list[list[Any]] | None:  # fmt: skip
    """The extra conditions of each branch (see the module's docstring), or None: one query.
    `edge`: the box's own conditions, which a branch keeps unless its map cell lies inside the
    box (every branch keeps them when the box is not split into cells; None: the caller
    keeps them)."""
    m = schema.merged_events.c
    cells = box_cells(*box) if box is not None else None
    by_cell = None if cells is None or box is None else [
        [m.map_cell == cell, *([] if inside(cell, box) else edge)] for cell in cells]
    by_kind = None
    if type_needle and by_date:
        by_kind = [[and_(m.sub_event_type == sub, m.event_type == family)]
                   for sub, family in kinds(connection)
                   if _may_match(type_needle, sub) or _may_match(type_needle, family)]
    if by_cell is not None and by_kind is not None:
        if len(by_cell) * len(by_kind) <= MAX_BRANCHES:
            return [place + kind for place in by_cell for kind in by_kind]
        if len(by_kind) < len(by_cell):  # the smaller split alone
            by_cell = None
        else:
            by_kind = None
    if by_cell is not None:
        return by_cell if len(by_cell) <= MAX_BRANCHES else None
    if by_kind is not None and len(by_kind) <= MAX_BRANCHES:
        return [[*kind, *edge] for kind in by_kind]
    return None


def ordered(
    connection: Connection, columns: Sequence[Any], where: Sequence[Any],
    order: Sequence[Any], limit: int, split: list[list[Any]] | None,
) -> list[Any]:  # fmt: skip
    """The first `limit` rows of `columns` matching `where`, in `order` (columns of
    `merged_events`, ending with `event_id`), read branch by branch when `split` gives the
    branches: each branch reads the keys of `order` (from its index), and only the first
    `limit` of their union are joined to their rows."""
    if split is None:
        query = select(*columns).where(*where).order_by(*order).limit(limit)
        return list(connection.execute(query))
    if not split:
        return []
    table = schema.merged_events
    parts = [select(*order).where(*where, *extra).order_by(*order).limit(limit).subquery()
             for extra in split]  # fmt: skip
    union = union_all(*[select(*part.c) for part in parts]).subquery()
    keys = [union.c[column.name] for column in order]
    top = select(*union.c).order_by(*keys).limit(limit).subquery()  # the keys only, then the rows
    query = (
        select(*columns)
        .join_from(table, top, table.c.event_id == top.c.event_id)
        .order_by(*[top.c[column.name] for column in order])
    )
    return list(connection.execute(query))


def count_matching(
    connection: Connection, where: Sequence[Any], cap: int, split: list[list[Any]] | None,
    *, source: Any = None,
) -> int:  # fmt: skip
    """How many rows match `where`, counting no further than `cap` + 1 (branch by branch, which
    are disjoint, when `split` gives them); `source`: the FROM clause, if not `merged_events`."""
    m = schema.merged_events.c
    rows = select(m.event_id) if source is None else select(m.event_id).select_from(source)
    total = 0
    for extra in [[]] if split is None else split:
        matching = rows.where(*where, *extra).limit(cap + 1 - total).subquery()
        total += int(connection.scalar(select(func.count()).select_from(matching)))
        if total > cap:
            break
    return total
