"""Reading merged events at scale: filters in SQL (LIKE metacharacters escaped), keyset paging,
the map view, one validation for the CLI and the API, articles by their own id, and migration
0004 re-merging an old store; on SQLite and on PostgreSQL (`store` from test_store)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import event as sa_event
from typer.testing import CliRunner

from faultline import cli
from faultline.store import EventFilter, Store, open_store
from faultline.store.merge import distance_km
from faultline.store.query import FilterError, decode_cursor, parse_filters
from faultline.web.reading import AmbiguousArticle, find_article
from tests.store.test_store import GAO, MALAKAL, make_event, make_result, store  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def day(n: int) -> str:
    return (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat()


@pytest.fixture
def many(store: Store) -> Store:  # noqa: F811
    """30 events far apart (no two merge): one a day, the odd ones in Mali, two undated."""
    for n in range(30):
        place = GAO if n % 2 else MALAKAL
        fields = {**place, "latitude": place["latitude"] + n * 0.5, "event_date": day(n)}
        if n in (7, 8):
            fields["event_date"] = None
        fields["actor1"] = ("50% Brigade" if n == 3 else "Militia_X" if n == 4
                            else fields.get("actor1"))  # fmt: skip
        store.add_result(make_result(f"a{n:02d}", make_event(f"a{n:02d}-e1", **fields),
                                     source="Wire_One" if n == 5 else "Radio Tamazuj"))  # fmt: skip
    return store


def ids(events: list[dict]) -> list[str]:
    return [e["sources"][0]["article_id"] for e in events]


# ------------------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(actor="%"), ["a03"]),  # only the name with a per cent sign in it
        (EventFilter(actor="_"), ["a04"]),
        (EventFilter(actor="0% b"), ["a03"]),
        (EventFilter(actor="5_%"), []),
        (EventFilter(actor="50%"), ["a03"]),
        (EventFilter(actor="a_x"), ["a04"]),
        (EventFilter(actor="militia\\"), []),
        (EventFilter(type="%"), []),
        (EventFilter(source="e_o"), ["a05"]),
        (EventFilter(source="%"), []),
        (EventFilter(text="%"), ["a03"]),
        (EventFilter(text="%%"), []),
        (EventFilter(text="a1"), [f"a{n}" for n in range(10, 20)]),  # the articles' own ids
    ],
)
def test_like_metacharacters_match_only_themselves(many: Store, filters, expected) -> None:
    assert ids(list(many.events(filters))) == expected


def test_undated_events_come_first_and_a_range_excludes_them(many: Store) -> None:
    everything = ids(list(many.events()))
    assert sorted(everything[:2]) == ["a07", "a08"] and len(everything) == 30
    assert "a07" not in ids(list(many.events(EventFilter(until=dt.date(2030, 1, 1)))))


def test_a_box_across_the_antimeridian_and_an_exact_radius(store: Store) -> None:  # noqa: F811
    fiji = {**MALAKAL, "latitude": -17.8, "longitude": 179.9, "country_code": "FJ"}
    samoa = {**MALAKAL, "latitude": -13.8, "longitude": -171.8, "country_code": "WS"}
    store.add_result(make_result("fj", make_event("fj-e1", **fiji)))
    store.add_result(make_result("ws", make_event("ws-e1", **samoa)))
    store.add_result(make_result("ss", make_event("ss-e1", **MALAKAL)))
    across = parse_filters(bbox="170,-20,-170,-10")
    assert sorted(ids(list(store.events(across)))) == ["fj", "ws"]
    km = distance_km(9.65, 31.62, MALAKAL["latitude"], MALAKAL["longitude"])  # 13.7 km
    assert ids(list(store.events(EventFilter(near=(9.65, 31.62, km + 0.05))))) == ["ss"]
    assert ids(list(store.events(EventFilter(near=(9.65, 31.62, km - 0.05))))) == []


# ------------------------------------------------------------------------------------- paging


def test_pages_follow_the_cursor_through_every_event_once(many: Store) -> None:
    everything = list(many.events())
    since = EventFilter(since=dt.date(2024, 1, 9))
    for filters in (EventFilter(), EventFilter(country="ML"), since):
        expected = [e for e in everything if _matches(e, filters)]
        seen, after = [], None
        while True:
            page, after = many.page(filters, limit=4, after=after)
            assert len(page) <= 4
            seen += page
            if after is None:
                break
        assert seen == expected and len(expected) >= 5
        assert many.count_events(filters, cap=100) == len(expected)
    assert many.count_events(cap=10) == 11  # counting stops after the cap


def _matches(event: dict, filters: EventFilter) -> bool:
    if filters.country:
        return event["country_code"] == filters.country
    if filters.since:
        return (event["event_date"] or "") >= filters.since.isoformat()
    return True


def test_a_page_reads_only_the_rows_it_returns(many: Store) -> None:
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        statements.append((statement, parameters))

    sa_event.listen(many.engine, "before_cursor_execute", record)
    try:
        page, after = many.page(EventFilter(country="ML"), limit=3)
    finally:
        sa_event.remove(many.engine, "before_cursor_execute", record)
    assert len(page) == 3 and after is not None
    selects = [s for s, _ in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2  # the page's keys (LIMIT 4), then the reports of those 3 events
    assert "LIMIT" in selects[0].upper() and "merged_events" in selects[0]
    assert "LIMIT" not in selects[1].upper() and selects[1].count("cluster_id") >= 1


def test_a_bad_cursor_is_a_filter_error(many: Store) -> None:
    with pytest.raises(FilterError, match="after is not a cursor"):
        many.page(limit=3, after="garbage!")
    with pytest.raises(FilterError):
        decode_cursor("WzFd")  # base64 of [1]


def test_the_map_view_is_capped_spread_and_stable(many: Store) -> None:
    world = parse_filters(bbox="-180,-90,180,90")
    everything, complete = many.map_events(world, limit=100)
    assert complete and len(everything) == 30
    some, complete = many.map_events(world, limit=10)
    assert not complete and len(some) == 10
    assert some == everything[:10] == many.map_events(world, limit=10)[0]
    assert {e["country_code"] for e in some} == {"ML", "SS"}  # spread, not the first by date
    mali, _ = many.map_events(parse_filters(bbox="-5,10,5,40"), limit=100)
    assert {e["country_code"] for e in mali} == {"ML"} and len(mali) == 15


# ------------------------------------------------------------------------- one validation


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"country": "ZZZ"}, "country must be an ISO 3166-1 alpha-2 code"),
        ({"country": "1a"}, "country must be an ISO 3166-1 alpha-2 code"),
        ({"since": "2024-05-01", "until": "2024-04-01"}, "the range is reversed"),
        ({"since": "June"}, "since must be a day as YYYY-MM-DD"),
        ({"near": "north"}, "near must be LAT,LON,KM"),
        ({"near": "91,0,10"}, "near is out of range"),
        ({"bbox": "10,50,20,40"}, "bbox is out of range"),
        ({"bbox": "1,2,3"}, "bbox must be WEST,SOUTH,EAST,NORTH"),
        ({"actor": "x" * 301}, "actor must be at most 300 characters"),
        ({"type": "a\nb"}, "type must be at most 300 characters on one line"),
    ],
)
def test_parse_filters_refuses_bad_values_naming_them(values: dict, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filters(**values)


@pytest.fixture
def cli_db(tmp_path) -> str:
    path = str(tmp_path / "q.db")
    with open_store(path) as opened:
        opened.add_result(make_result("m1", make_event("m1-e1", **MALAKAL)))
        opened.add_result(make_result("g1", make_event("g1-e1", **GAO)))
    return path


@pytest.mark.parametrize(
    ("options", "message", "parameter"),
    [
        (("--country", "ZZZ"), "--country must be an ISO 3166-1 alpha-2 code", "country=ZZZ"),
        (("--since", "2024-03-01", "--until", "2024-02-01"), "the range is reversed",
         "since=2024-03-01&until=2024-02-01"),
        (("--bbox", "0,10,1"), "--bbox must be WEST,SOUTH,EAST,NORTH", "bbox=0,10,1"),
    ],
)  # fmt: skip
def test_the_cli_refuses_what_the_api_refuses(cli_db: str, options, message, parameter) -> None:
    from fastapi.testclient import TestClient

    from faultline.web import create_app, open_readonly

    result = CliRunner().invoke(cli.app, ["events", "--db", cli_db, *options])
    assert result.exit_code == 2 and message in result.output
    with open_readonly(cli_db) as readonly, TestClient(create_app(readonly)) as client:
        response = client.get(f"/api/events?{parameter}")
    assert response.status_code == 422
    assert message.removeprefix("--") in json.dumps(response.json())


def test_the_cli_filters_by_box_and_text_and_escapes_wildcards(cli_db: str) -> None:
    def found(*options: str) -> list[str]:
        result = CliRunner().invoke(cli.app, ["events", "--db", cli_db, "-f", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["location"] for line in result.stdout.splitlines()]

    assert found() == ["Gao", "Malakal"]
    assert found("--actor", "%") == [] and found("--type", "_") == []
    assert found("--bbox", "-5,10,5,20") == ["Gao"]
    assert found("--text", "upper nile") == ["Malakal"]
    assert found("--limit", "1") == ["Gao"]


# ------------------------------------------------------------------------------ articles by id


def test_an_article_is_found_by_its_own_id(store: Store) -> None:  # noqa: F811
    store.add_result(make_result("m1", make_event("m1-e1", **MALAKAL)))
    store.add_result(make_result("g1", make_event("g1-e1", **GAO)))
    again = make_result("g1", make_event("g1-e1", **GAO))
    store.add_result(again, content_hash="ff" * 32)  # another text under the same id
    assert find_article(store, "m1")["article"]["id"] == "m1"
    assert find_article(store, "nope") is None
    with pytest.raises(AmbiguousArticle) as ambiguous:
        find_article(store, "g1")
    assert len(ambiguous.value.hashes) == 2
    assert find_article(store, "g1", "ffff")["content_hash"] == "ff" * 32


# ----------------------------------------------------------------------------- migration 0004


def test_migration_0004_remerges_a_chained_store(store: Store) -> None:  # noqa: F811
    # 18.6, 23.0 and 18.6 km apart: c0 and c1, c2 and c3 are the closest pairs
    chain = [make_result(f"c{i}", make_event(f"c{i}-e1", **{**MALAKAL, "fatalities": None,
                                                              "longitude": longitude}))
             for i, longitude in enumerate((31.0, 31.17, 31.38, 31.55))]  # fmt: skip
    for result in chain:
        store.add_result(result)
    assert len(list(store.events())) == 2  # {c0, c1}, {c2, c3}
    with store.engine.begin() as connection:  # the store as 0003 left it: one chained cluster
        run = connection.exec_driver_sql
        run("UPDATE events SET cluster_id = (SELECT MIN(report_id) FROM events)")
        run("DROP TABLE merged_events")
        run("DROP INDEX ix_events_component")
        run("DROP INDEX ix_articles_name")
        run("DELETE FROM migrations WHERE name = '0004_merged_events'")
    url = store.engine.url.render_as_string(hide_password=False)
    with open_store(url) as reopened:
        events = list(reopened.events())
    assert sorted(len(e["sources"]) for e in events) == [2, 2]
