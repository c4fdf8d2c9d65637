from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, inspect

from faultline.errors import StorageError
from faultline.records import (
    EVENT_FIELDS,
    Article,
    ArticleResult,
    Claim,
    Event,
    Problem,
    Quote,
    Span,
)
from faultline.store import EventFilter, Store, content_hash, open_store
from faultline.store.migrations import MIGRATIONS

PG_URL = os.environ.get("FAULTLINE_TEST_PG_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not PG_URL, reason="FAULTLINE_TEST_PG_URL is unset (start one with scripts/pg.sh start)"
        ),
    ),
]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = open_store(str(tmp_path / "test.db"))
    else:
        opened = open_store(_fresh_pg_schema(request))
    yield opened
    opened.close()


def _fresh_pg_schema(request) -> str:
    """A new database on the test server, dropped after the test."""
    from sqlalchemy import text

    name = f"faultline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")  # fmt: skip
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def make_event(event_id: str, **fields: object) -> Event:
    values: dict[str, object] = {name: None for name in EVENT_FIELDS}
    values.update(event_id=event_id, event_type="Battles", sub_event_type="Armed clash",
                  claim_ids=(), evidence=(Span(0, 8, "Fighting"),), confidence=0.7)  # fmt: skip
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def make_result(article_id: str, *events: Event, source: str = "Radio Tamazuj") -> ArticleResult:
    text = f"Fighting near the town, article {article_id}."
    article = Article(id=article_id, text=text, source=source, url=f"https://example.org/{article_id}",
                      published=dt.date(2024, 3, 9))  # fmt: skip
    return ArticleResult(article=article, events=events)


MALAKAL = dict(event_date="2024-03-08", time_precision=1, country="South Sudan", country_code="SS",
               admin1="Upper Nile", location="Malakal", latitude=9.5334, longitude=31.6605,
               geo_precision=1, actor1="Military Forces of South Sudan (2011-)",
               actor2="White Army", fatalities=4)  # fmt: skip
GAO = dict(event_date="2024-02-20", time_precision=1, country="Mali", country_code="ML",
           admin1="Gao", location="Gao", latitude=16.2666, longitude=-0.0400, geo_precision=1,
           event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
           actor1="JNIM: Group for Support of Islam and Muslims")  # fmt: skip


# ------------------------------------------------------------------------------------ opening


@pytest.mark.parametrize(
    ("given_url", "message"),
    [
        ("mysql://user@localhost/db", "unsupported database URL"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot open database"),
        ("/nonexistent-dir/sub/x.db", "cannot open database"),
    ],
)
def test_open_store_errors_are_clear(given_url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_store(given_url)


def test_open_store_accepts_a_path_and_a_sqlite_url(tmp_path) -> None:
    path = tmp_path / "a.db"
    with open_store(str(path)) as first:
        first.add_result(make_result("x1", make_event("x1-e1", **MALAKAL)))
    with open_store(f"sqlite:///{path}") as second:
        assert second.count("events") == 1


def test_migrations_apply_once_in_order(tmp_path) -> None:
    path = tmp_path / "m.db"
    open_store(str(path)).close()
    open_store(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        names = [row[0] for row in connection.exec_driver_sql("SELECT name FROM migrations")]
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert names == [name for name, _ in MIGRATIONS]
    assert {"articles", "events", "claims", "quotes", "event_sources", "failures"} <= tables


def test_the_speaker_offsets_migration_adds_its_columns_to_an_older_store(tmp_path) -> None:
    path = tmp_path / "old.db"
    open_store(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # a store as it was before 0004: without the columns
        for table, column in (("quotes", "speaker_start"), ("quotes", "speaker_end"),
                              ("claims", "claimant_start"), ("claims", "claimant_end")):
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        connection.exec_driver_sql("DELETE FROM migrations WHERE name = '0006_speaker_offsets'")
    engine.dispose()
    with open_store(str(path)) as store:
        quote = Quote("Jane Roe", None, "We stay", 0, 7, True, speaker_span=Span(9, 17, "Jane Roe"))
        result = ArticleResult(article=Article("o1", "x" * 20), events=(), quotes=(quote,))
        article_id = store.add_result(result)
        assert store.article(article_id)["quotes"][0]["speaker_start"] == 9
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("claims")}
    engine.dispose()
    assert {"claimant_start", "claimant_end"} <= columns


# ---------------------------------------------------------------------------------- round trip

_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
_MAYBE = st.none() | _TEXT
_COUNT = st.none() | st.integers(0, 100_000)
_SPAN = st.builds(Span, st.integers(0, 5000), st.integers(0, 5000), _TEXT)
_EVENT = st.builds(
    Event, event_id=_TEXT, event_date=st.none() | st.dates().map(dt.date.isoformat),
    date_end=st.none() | st.dates().map(dt.date.isoformat),
    time_precision=st.none() | st.integers(1, 3),
    event_type=_TEXT, sub_event_type=_TEXT, actor1=_MAYBE, assoc_actor_1=_MAYBE,
    inter1=st.none() | st.integers(0, 8), actor2=_MAYBE, assoc_actor_2=_MAYBE,
    inter2=st.none() | st.integers(0, 8), interaction=st.none() | st.integers(0, 88),
    civilian_targeting=st.none() | st.just("Civilian targeting"), country=_MAYBE,
    country_code=st.none() | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    iso=st.none() | st.integers(1, 999), admin1=_MAYBE, admin2=_MAYBE, location=_MAYBE,
    latitude=st.none() | st.floats(-90, 90), longitude=st.none() | st.floats(-180, 180),
    geo_precision=st.none() | st.integers(1, 3), fatalities=_COUNT, fatalities_low=_COUNT,
    fatalities_best=_COUNT, fatalities_high=_COUNT, claimant=_MAYBE,
    claim_ids=st.lists(_TEXT, max_size=3).map(tuple), notes=_MAYBE,
    evidence=st.lists(_SPAN, max_size=3).map(tuple), confidence=st.floats(0, 1),
)  # fmt: skip
_CLAIM = st.builds(
    Claim, claim_id=_TEXT, kind=_TEXT, count=_COUNT, count_low=_COUNT, count_high=_COUNT,
    victims=_MAYBE, claimant=_MAYBE, is_background=st.booleans(), date=_MAYBE, evidence=_SPAN,
    event_ids=st.lists(_TEXT, max_size=3).map(tuple), claimant_span=st.none() | _SPAN,
)  # fmt: skip
_QUOTE = st.builds(Quote, speaker=_MAYBE, speaker_role=_MAYBE, text=_TEXT,
                   start=st.integers(0, 5000), end=st.integers(0, 5000),
                   is_direct=st.booleans(), speaker_span=st.none() | _SPAN)  # fmt: skip
_ARTICLE = st.builds(Article, id=_TEXT, text=_TEXT, url=_MAYBE, source=_MAYBE, title=_MAYBE,
                     published=st.none() | st.dates())  # fmt: skip
_RESULT = st.builds(
    ArticleResult, article=_ARTICLE,
    events=st.lists(_EVENT, max_size=4, unique_by=lambda e: e.event_id).map(tuple),
    claims=st.lists(_CLAIM, max_size=3).map(tuple), quotes=st.lists(_QUOTE, max_size=3).map(tuple),
    problems=st.lists(st.builds(Problem, _TEXT, _TEXT), max_size=2).map(tuple),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(result=_RESULT)
def test_a_stored_result_loads_back_exactly(store: Store, result: ArticleResult) -> None:
    article_id = store.add_result(result, content_hash=uuid.uuid4().hex)
    assert store.article(article_id) == result.to_dict()


def test_storing_the_same_article_twice_changes_nothing(store: Store) -> None:
    result = make_result("s1", make_event("s1-e1", **MALAKAL))
    first = store.add_result(result)
    assert store.add_result(result) == first
    assert store.has_article(content_hash(result.article.text))
    assert not store.has_article(content_hash("another text"))
    assert (store.count("articles"), store.count("events")) == (1, 1)
    assert store.article(first + 1) is None


def test_failures_are_stored_with_their_reason(store: Store) -> None:
    store.add_failure("bad.txt", "binary file (contains NUL bytes), not text")
    store.add_failure("feed.jsonl:3", "empty text", "ab" * 32)
    assert store.failures() == [
        {"input_name": "bad.txt", "message": "binary file (contains NUL bytes), not text",
         "content_hash": None},
        {"input_name": "feed.jsonl:3", "message": "empty text", "content_hash": "ab" * 32},
    ]  # fmt: skip


# ------------------------------------------------------------------------------------- filters


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_result(make_result("m1", make_event("m1-e1", **MALAKAL)))
    store.add_result(make_result("g1", make_event("g1-e1", **GAO), source="Studio Tamani"))
    store.add_result(make_result("u1", make_event("u1-e1", event_type="Protests",
                                                  sub_event_type="Peaceful protest")))  # fmt: skip
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(), ["u1-e1", "g1-e1", "m1-e1"]),
        (EventFilter(country="ss"), ["m1-e1"]),
        (EventFilter(since=dt.date(2024, 3, 1)), ["m1-e1"]),
        (EventFilter(until=dt.date(2024, 3, 1)), ["g1-e1"]),
        (EventFilter(type="landmine"), ["g1-e1"]),
        (EventFilter(type="battles"), ["m1-e1"]),
        (EventFilter(actor="white army"), ["m1-e1"]),
        (EventFilter(near=(9.6, 31.7, 15)), ["m1-e1"]),
        (EventFilter(near=(9.6, 31.7, 5)), []),
        (EventFilter(source="tamani"), ["g1-e1"]),
        (EventFilter(country="ML", type="battles"), []),
    ],
)
def test_event_filters(filled: Store, filters: EventFilter, expected: list[str]) -> None:
    found = [event["sources"][0]["event_id"] for event in filled.events(filters)]
    assert found == expected


def test_events_carry_their_sources(filled: Store) -> None:
    (event,) = filled.events(EventFilter(country="SS"))
    assert set(EVENT_FIELDS) <= set(event)
    assert event["contested"] is False
    (source,) = event["sources"]
    assert source["article_id"] == "m1"
    assert source["url"] == "https://example.org/m1"
    assert source["published"] == "2024-03-09"


def test_reports_merge_across_articles(store: Store) -> None:
    near = {**MALAKAL, "latitude": 9.60, "longitude": 31.70, "fatalities": 6, "claimant": "SSPDF"}
    store.add_result(make_result("n2", make_event("n2-e1", **near), source="Eye Radio"))
    store.add_result(make_result("m1", make_event("m1-e1", **MALAKAL, claimant="White Army")))
    store.add_result(make_result("g1", make_event("g1-e1", **GAO)))
    merged, alone = sorted(store.events(), key=lambda e: -len(e["sources"]))
    assert sorted(s["article_id"] for s in merged["sources"]) == ["m1", "n2"]
    assert (merged["fatalities"], merged["fatalities_high"], merged["contested"]) == (4, 6, True)
    assert merged["event_id"] == min(s["report_id"] for s in merged["sources"])
    assert [s["article_id"] for s in alone["sources"]] == ["g1"]
