from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.records import EVENT_FIELDS, Article, ArticleResult, Event, Span
from faultline.store import open_store
from faultline.store.merge import (
    _BLOCK_COLUMNS,
    cell,
    cluster_reports,
    distance_km,
    same_event,
)
from faultline.store.reconcile import reconcile

# A clash reported near Bama (Borno, Nigeria); each field can be varied by a case.
BASE: dict[str, Any] = {name: None for name in EVENT_FIELDS}
BASE.update(
    event_id="r1", event_date="2023-06-10", time_precision=1, event_type="Battles",
    sub_event_type="Armed clash", actor1="Military Forces of Nigeria (2023-)",
    actor2="Islamic State West Africa Province", country="Nigeria", country_code="NG",
    admin1="Borno", location="Bama", latitude=11.5221, longitude=13.6856, geo_precision=1,
    claim_ids=[], evidence=[], confidence=0.7,
)  # fmt: skip


def report(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (report(), True),
        (report(latitude=11.60, longitude=13.80), True),  # ~15 km away
        (report(latitude=11.85, longitude=13.16), False),  # Maiduguri-ish, > 25 km
        (report(event_date="2023-06-11"), False),
        (report(event_date="2023-06-11", time_precision=2), True),
        (report(event_date="2023-06-12", time_precision=2), False),
        (report(event_type="Violence against civilians"), False),
        (report(actor1="Unidentified Armed Group (Nigeria)"), True),
        (report(actor1=None, actor2=None), True),
        (
            report(
                actor1="Islamic State West Africa Province",
                actor2="Military Forces of Nigeria (2023-)",
            ),
            True,
        ),  # fmt: skip
        (report(actor2="Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"), False),
        (report(latitude=None, longitude=None, geo_precision=3), True),  # same admin1
        (report(latitude=None, longitude=None, geo_precision=3, admin1="Yobe"), False),
        (report(latitude=None, longitude=None), False),
        (report(event_date=None), False),
    ],
)
def test_same_event(other: dict[str, Any], expected: bool) -> None:
    assert same_event(BASE, other) is expected
    assert same_event(other, BASE) is expected


def test_distance_and_cells() -> None:
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert cell(11.5221, 13.6856) == (46, 54)
    assert cell(None, 13.0) == (None, None)


def member(report_id: str, **changes: Any) -> dict[str, Any]:
    return report(report_id=report_id, source={"article_id": report_id}, **changes)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ([(5, "army"), (9, "ISWAP")], (5, 5, 5, 9, True)),
        ([(5, "army"), (5, "ISWAP")], (5, 5, 5, 5, False)),
        ([(5, "army"), (8, "army")], (5, 5, 5, 8, False)),  # one claimant updating its toll
        ([(None, "army"), (None, None)], (None, None, None, None, False)),
        ([(3, None), (None, "army"), (7, "residents"), (12, "ISWAP")], (3, 3, 7, 12, True)),
    ],
)
def test_reconciled_fatalities(figures: list, expected: tuple) -> None:
    reports = [member(f"r{i}", fatalities=count, claimant=who)
               for i, (count, who) in enumerate(figures)]  # fmt: skip
    event = reconcile("r0", reports)
    got = tuple(event[k] for k in ("fatalities", "fatalities_low", "fatalities_best",
                                   "fatalities_high", "contested"))  # fmt: skip
    assert got == expected


def test_the_most_precise_report_gives_the_fields() -> None:
    vague = member("a", geo_precision=3, location=None, confidence=0.9)
    exact = member("b", geo_precision=1, location="Bama", confidence=0.5)
    event = reconcile("a", [vague, exact])
    assert (event["event_id"], event["location"], event["confidence"]) == ("a", "Bama", 0.9)
    assert [s["report_id"] for s in event["sources"]] == ["a", "b"]


# ------------------------------------------------------------------------- through the store


def article_result(name: str, day: str, lat: float, lon: float, deaths: int | None,
                   claimant: str | None = None, **fields: Any) -> ArticleResult:  # fmt: skip
    values = {**BASE, "claim_ids": (), "evidence": (Span(0, 5, "Clash"),)}
    values.update(event_id=f"{name}-e1", event_date=day, latitude=lat, longitude=lon,
                  fatalities=deaths, claimant=claimant, **fields)  # fmt: skip
    article = Article(id=name, text=f"Clash reported by {name}.", source=name.upper(),
                      published=dt.date(2023, 6, 11))  # fmt: skip
    return ArticleResult(article=article, events=(Event(**values),))


ARTICLES = [
    article_result("alpha", "2023-06-10", 11.5221, 13.6856, 5, "the army"),
    article_result("beta", "2023-06-10", 11.60, 13.80, 9, "ISWAP"),
    article_result("gamma", "2023-06-10", 11.5221, 14.0856, 2),  # too far from alpha, beta
    article_result("delta", "2023-06-10", 11.5221, 13.8856, None),  # near gamma and the others
    article_result("epsilon", "2023-06-14", 11.5221, 13.6856, 1),  # another day
    article_result("zeta", "2023-06-10", 11.5221, 13.6856, 4, event_type="Protests"),
]


def merged_events(results: list[ArticleResult], path: str) -> list[dict[str, Any]]:
    with open_store(path) as store:
        for result in results:
            store.add_result(result)
        return list(store.events())


def test_reports_of_one_event_become_one_event(tmp_path) -> None:
    events = merged_events(ARTICLES, str(tmp_path / "a.db"))
    by_sources = {tuple(s["article_id"] for s in e["sources"]): e for e in events}
    assert len(events) == 4  # delta matches gamma too, but gamma is not alpha's or beta's event
    clash = next(e for k, e in by_sources.items() if len(k) == 3)
    assert sorted(s["article_id"] for s in clash["sources"]) == ["alpha", "beta", "delta"]
    assert ("gamma",) in by_sources
    assert (clash["fatalities"], clash["fatalities_high"], clash["contested"]) == (5, 9, True)
    assert clash["event_id"] == min(s["report_id"] for s in clash["sources"])
    assert clash["notes"].endswith("Reported by 3 sources. Fatalities: 5 (contested).")
    assert "ISWAP reported 9 killed." in clash["notes"]


# A chain built for single linkage: five reports 20 km apart along one road (each within 25 km of
# its neighbours, none of the next but one): single linkage makes one event of all five, 80 km
# long; complete linkage keeps only reports that all match each other together.
CHAIN = [article_result(f"chain{i}", "2023-06-10", 11.5221, 13.6856 + i * 0.1835, None)
         for i in range(5)]  # fmt: skip


def test_a_chain_of_reports_is_not_merged_into_one_event() -> None:
    reports = [dict(r.events[0].to_dict(), article_id=r.article.id) for r in CHAIN]
    assert all(same_event(a, b) for a, b in zip(reports, reports[1:], strict=False))
    assert not any(same_event(a, b) for a, b in zip(reports, reports[2:], strict=False))
    events = merged_events(CHAIN, "sqlite://")
    assert len(events) == 3  # of two, two and one report: never three spanning 40 km
    for event in events:
        members = [r for r in reports if r["event_id"] in {s["event_id"] for s in event["sources"]}]
        assert all(same_event(a, b) for a in members for b in members if a is not b)


@settings(max_examples=20, deadline=None)
@given(order=st.permutations(range(len(CHAIN))))
def test_a_chain_merges_the_same_in_any_order(order: list[int]) -> None:
    expected = merged_events(CHAIN, "sqlite://")
    assert merged_events([CHAIN[i] for i in order], "sqlite://") == expected


def test_two_orders_give_identical_events(tmp_path) -> None:
    forward = merged_events(ARTICLES, str(tmp_path / "f.db"))
    backward = merged_events(ARTICLES[::-1], str(tmp_path / "b.db"))
    assert forward == backward


@settings(max_examples=15, deadline=None)
@given(order=st.permutations(range(len(ARTICLES))))
def test_any_order_gives_identical_events(order: list[int]) -> None:
    expected = merged_events(ARTICLES, "sqlite://")
    assert merged_events([ARTICLES[i] for i in order], "sqlite://") == expected


def test_event_sources_table_follows_the_clusters(tmp_path) -> None:
    path = str(tmp_path / "s.db")
    events = merged_events(ARTICLES, path)
    with open_store(path) as store, store.engine.connect() as connection:
        rows = set(connection.exec_driver_sql("SELECT event_id, article_id FROM event_sources"))
    assert len(rows) == sum(len(e["sources"]) for e in events)
    assert {event_id for event_id, _ in rows} == {e["event_id"] for e in events}


# A report of the drawn kind: near Bama or ~20-40 km off, one of three days, with or without a
# point, located by its town or only by its admin1 (geo_precision 3).
drawn_report = st.builds(
    lambda n, day, dlon, precision, admin1, kind: article_result(
        f"r{n}", f"2023-06-{day}", 11.5221 if precision != 3 else None,
        13.6856 + dlon if precision != 3 else None, None, geo_precision=precision,
        admin1=admin1, event_type=kind, time_precision=1 + (n % 2),
    ),
    st.integers(0, 10**6), st.sampled_from(["10", "11", "12"]), st.sampled_from([0.0, 0.2, 0.35]),
    st.sampled_from([1, 2, 3]), st.sampled_from(["Borno", "Yobe"]),
    st.sampled_from(["Battles", "Protests"]),
)  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(results=st.lists(drawn_report, min_size=2, max_size=12, unique_by=lambda r: r.article.id))
def test_clustering_in_memory_equals_the_store(results: list[ArticleResult]) -> None:
    with open_store("sqlite://") as store:
        for result in results:
            store.add_result(result)
        with store.engine.connect() as connection:
            columns = ", ".join(_BLOCK_COLUMNS)
            rows = connection.exec_driver_sql(f"SELECT {columns} FROM events").mappings().all()
    assert cluster_reports(rows) == {row["report_id"]: row["cluster_id"] for row in rows}
