"""The store at ACLED's size: a synthetic store of N event reports, and what a user waits for.

    .venv/bin/python benchmarks/store_scale.py --events 1000000 --db /tmp/scale.db
    .venv/bin/python benchmarks/store_scale.py --events 300000 --db postgresql://USER@HOST:PORT/NAME

Reports are drawn as benchmarks/merge.py draws them (hotspots in eight countries, 5% located only
by region, 25% second reports of an earlier event), at --per-year reports a year (100,000 by
default: the density of merge.py's --span scaled, in only 22 hotspots, far denser per place than
ACLED's 200,000 a year over the whole world), with sub-event types, places and fatalities. Measured:

- merge: `store.merge` clustering of all reports in memory (blocks, `same_event`, then complete
  linkage within each component), the work `remerge` does on a store;
- bulk load: the rows written straight into an empty, migrated store (articles, events,
  event_sources, merged_events), in batches; not the extraction path;
- ingest: `Store.add_result` of --ingest new articles (1-3 events each, some of them second
  reports of stored events) into the full store: one transaction each, with the merge;
- queries: `faultline serve` over the store, in its own process, and --repeat requests of each
  kind (random filters drawn from the data), p50 and p95 of the wall time seen by the client;
- serve's peak memory: the server process's VmHWM after every request.

The store is written at --db (an existing one is refused unless --reuse, which skips the build).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from merge import COUNTRIES, START, synthetic_reports  # noqa: E402

from faultline.records import EVENT_FIELDS, Article, ArticleResult, Event, Span  # noqa: E402
from faultline.store import open_store, schema  # noqa: E402
from faultline.store.merge import _components, cell, complete_clusters  # noqa: E402
from faultline.store.merged import merged_row  # noqa: E402
from faultline.taxonomy import EVENT_TYPES  # noqa: E402

PER_YEAR = 100_000  # --per-year
BATCH = 10_000
NAMES = {"NG": "Nigeria", "SO": "Somalia", "ML": "Mali", "SD": "Sudan", "MM": "Myanmar",
         "CD": "Democratic Republic of Congo", "CO": "Colombia", "UA": "Ukraine"}  # fmt: skip
SUBTYPES: dict[str, list[str]] = {}
for _sub, _family in EVENT_TYPES.items():
    SUBTYPES.setdefault(_family, []).append(_sub)
SOURCES = ["Reuters", "AFP", "Associated Press", "Premium Times", "Radio Dalsan",
           "Kyiv Independent", "Mizzima", "El Tiempo", "Radio Okapi", "Sudan Tribune"]


def draw(n: int, seed: int, per_year: int = PER_YEAR) -> list[dict[str, Any]]:
    """The reports, with the fields the store and the filters need."""
    days = max(1, round(365 * n / per_year))
    reports = synthetic_reports(n, seed, days)
    rng = random.Random(seed + 1)
    for i, report in enumerate(reports):
        report["report_id"] = f"{i:016x}:r{i}-e1"
        report["article_id"] = i + 1
        subs = SUBTYPES[report["event_type"]]
        report["sub_event_type"] = subs[i % len(subs)]
        report["country"] = NAMES[report["country_code"]]
        report["location"] = f"{report['admin1']} {rng.randrange(40)}"
        report["fatalities"] = None if rng.random() < 0.3 else int(rng.expovariate(0.25))
        report["source"] = rng.choice(SOURCES)
    return reports


def merge(reports: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str], float]:
    """(component of each report, cluster of each report, seconds)."""
    started = time.perf_counter()
    matches: dict[str, set[str]] = {}
    components = _components(reports, matches)
    groups: dict[str, list[dict[str, Any]]] = {}
    for report in reports:
        groups.setdefault(components[report["report_id"]], []).append(report)
    clusters: dict[str, str] = {}
    for members in groups.values():
        clusters.update(complete_clusters(members, matches))
    return components, clusters, time.perf_counter() - started


def _event(report: dict[str, Any]) -> dict[str, Any]:
    values = {name: report.get(name) for name in EVENT_FIELDS}
    values.update(event_id=report["report_id"].split(":", 1)[1], claim_ids=[], evidence=[],
                  confidence=0.7, notes=f"{report['sub_event_type']} in {report['location']}.")
    return values


def _source(report: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": f"synthetic-{report['article_id']}", "url": None,
            "source": report["source"], "title": None, "published": report["event_date"]}


def bulk_load(url: str, reports: list[dict[str, Any]], components: dict, clusters: dict) -> float:
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    with open_store(url) as store, store.engine.begin() as connection:
        for start in range(0, len(reports), BATCH):
            chunk = reports[start : start + BATCH]
            connection.execute(insert(schema.articles), [
                {"id": r["article_id"], "content_hash": f"{r['article_id']:064x}",
                 "name": f"synthetic-{r['article_id']}", "url": None, "source": r["source"],
                 "title": None, "published": r["event_date"], "text": "Synthetic report.",
                 "ingested_at": now, "status": "ok", "error": None, "details": {}}
                for r in chunk])  # fmt: skip
            rows = []
            for r in chunk:
                lat, lon = cell(r["latitude"], r["longitude"])
                rows.append({**_event(r), "article_id": r["article_id"], "position": 0,
                             "report_id": r["report_id"], "cluster_id": clusters[r["report_id"]],
                             "component_id": components[r["report_id"]], "cell_lat": lat,
                             "cell_lon": lon})  # fmt: skip
            connection.execute(insert(schema.events), rows)
            connection.execute(insert(schema.event_sources), [
                {"event_id": clusters[r["report_id"]], "article_id": r["article_id"]}
                for r in chunk])  # fmt: skip
        members: dict[str, list[dict[str, Any]]] = {}
        for r in reports:
            members.setdefault(clusters[r["report_id"]], []).append(r)
        names = sorted(members)
        for start in range(0, len(names), BATCH):
            connection.execute(insert(schema.merged_events), [
                merged_row(name, [{**_event(r), "report_id": r["report_id"], "source": _source(r)}
                                  for r in members[name]])
                for name in names[start : start + BATCH]])  # fmt: skip
        if connection.dialect.name == "postgresql":  # the ids were given: move the sequences on
            for name in ("articles", "events"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}")
    return time.perf_counter() - started


def new_articles(count: int, reports: list[dict[str, Any]], seed: int) -> Iterator[ArticleResult]:
    """Articles of 1-3 events, a third of them second reports of stored events."""
    rng = random.Random(seed + 2)
    for k in range(count):
        events = []
        for j in range(rng.randint(1, 3)):
            base = dict(rng.choice(reports)) if rng.random() < 0.33 else dict(
                rng.choice(reports), event_date=(START + dt.timedelta(days=rng.randrange(365)))
                .isoformat())  # fmt: skip
            values = _event(base)
            values.update(event_id=f"new{k}-e{j}", claim_ids=(), evidence=(Span(0, 5, "Clash"),))
            events.append(Event(**values))
        article = Article(id=f"new-{k}", text=f"New synthetic article {k} {seed}.",
                          source=rng.choice(SOURCES), published=dt.date(2024, 6, 1))  # fmt: skip
        yield ArticleResult(article=article, events=tuple(events))


def ingest(url: str, reports: list[dict[str, Any]], count: int, seed: int) -> tuple[float, int]:
    results = list(new_articles(count, reports, seed))
    with open_store(url) as store:
        started = time.perf_counter()
        for result in results:
            store.add_result(result)
        seconds = time.perf_counter() - started
    return seconds, sum(len(r.events) for r in results)


# ------------------------------------------------------------------------------------- queries


def queries(reports: list[dict[str, Any]]) -> dict[str, Callable[[random.Random], str]]:
    days = sorted({r["event_date"] for r in reports[:: max(1, len(reports) // 5000)]})

    def month(rng: random.Random) -> tuple[str, str]:
        first = dt.date.fromisoformat(rng.choice(days))
        return first.isoformat(), (first + dt.timedelta(days=30)).isoformat()

    def hotspot(rng: random.Random, size: float) -> str:
        _, spots = rng.choice(COUNTRIES)
        _, lat, lon = rng.choice(spots)
        return f"{lon - size:.3f},{lat - size:.3f},{lon + size:.3f},{lat + size:.3f}"

    def country(rng: random.Random) -> str:
        return rng.choice(COUNTRIES)[0]

    return {
        "page of 100, no filter": lambda rng: "/api/events?limit=100",
        "page of 100, country": lambda rng: f"/api/events?limit=100&country={country(rng)}",
        "page of 100, a month": lambda rng: "/api/events?limit=100&since={}&until={}".format(
            *month(rng)),
        "page of 100, type": lambda rng: "/api/events?limit=100&type=" + rng.choice(
            ["battles", "protest", "air/drone", "riots"]),
        "page of 100, actor": lambda rng: "/api/events?limit=100&actor=" + rng.choice(
            ["rebel", "police forces", "military"]),
        "page of 100, bbox": lambda rng: f"/api/events?limit=100&bbox={hotspot(rng, 1.0)}",
        "page of 100, text": lambda rng: "/api/events?limit=100&q=" + rng.choice(
            ["reuters", "borno", "kharkiv 1", "armed clash"]),
        "page of 100, country+type+month": lambda rng: (
            "/api/events?limit=100&country={}&type=battles&since={}&until={}".format(
                country(rng), *month(rng))),
        "page of 100, near": lambda rng: "/api/events?limit=100&near={},{},30".format(
            *reversed([float(x) for x in hotspot(rng, 0).split(",")[:2]])),
        "map, world": lambda rng: "/api/map?bbox=-180,-90,180,90&limit=2000",
        "map, a region (2x2 deg)": lambda rng: f"/api/map?bbox={hotspot(rng, 1.0)}&limit=2000",
        "map, a country's month": lambda rng: (
            "/api/map?bbox=-180,-90,180,90&limit=2000&country={}&since={}&until={}".format(
                country(rng), *month(rng))),
        "one event": None,  # filled in from a page
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_and_measure(url: str, reports: list[dict[str, Any]], repeat: int, seed: int) -> dict:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    server = subprocess.Popen(
        [sys.executable, "-c", "from faultline.cli import app; app()", "serve", "--db", url,
         "--port", str(port)], env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/api/events?limit=1")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "serve did not start"
                    time.sleep(0.2)
            rng = random.Random(seed + 3)
            found = client.get("/api/events?limit=100&country=NG").json()["events"]
            kinds = queries(reports)
            kinds["one event"] = lambda rng: "/api/events/" + rng.choice(found)["event_id"]
            kinds["page 50 by cursor"] = None
            figures = {}
            for name, make in kinds.items():
                if make is None:
                    continue
                times, sizes = [], []
                for _ in range(repeat):
                    path = make(rng)
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append(time.perf_counter() - started)
                    assert response.status_code == 200, (path, response.text[:300])
                    body = response.json()
                    sizes.append(len(body.get("events", body.get("features", [None]))))
                figures[name] = _summary(times, sizes)
            figures["page 50 by cursor"] = _cursor_walk(client, 50)
        figures["serve peak memory (MB)"] = _peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


def _cursor_walk(client: httpx.Client, pages: int) -> dict:
    times, after = [], None
    for _ in range(pages):
        started = time.perf_counter()
        page = client.get("/api/events", params={"limit": 100, **({"after": after} if after
                                                                    else {})}).json()  # fmt: skip
        times.append(time.perf_counter() - started)
        after = page["next"]
    return _summary(times, [100] * len(times))


def _summary(times: list[float], sizes: list[int]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "mean_rows": round(sum(sizes) / len(sizes), 1)}  # fmt: skip


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="reports to draw")
    parser.add_argument("--db", required=True, help="path, sqlite:///PATH or postgresql://...")
    parser.add_argument("--reuse", action="store_true", help="measure an existing store")
    parser.add_argument("--ingest", type=int, default=300, help="articles stored one by one")
    parser.add_argument("--repeat", type=int, default=40, help="requests of each kind")
    parser.add_argument("--per-year", type=int, default=PER_YEAR, help="reports a year")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    reports = draw(args.events, args.seed, args.per_year)
    print(f"drew {len(reports):,} reports over {max(1, round(365 * args.events / args.per_year))} "
          f"days in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    if not args.reuse:
        path = args.db.removeprefix("sqlite:///")
        if "://" not in path and Path(path).exists():
            sys.exit(f"{path} exists: remove it or give --reuse")
        components, clusters, seconds = merge(reports)
        print(f"merge: {seconds:.1f} s for {len(reports):,} reports "
              f"({len(set(clusters.values())):,} events, "
              f"{len(set(components.values())):,} components)", flush=True)  # fmt: skip
        seconds = bulk_load(args.db, reports, components, clusters)
        print(f"bulk load: {seconds:.1f} s ({len(reports) / seconds:,.0f} reports/s)", flush=True)
        seconds, count = ingest(args.db, reports, args.ingest, args.seed)
        print(f"ingest: {args.ingest / seconds:.1f} articles/s, {count / seconds:.1f} events/s "
              f"({args.ingest} articles, {count} events, one transaction and merge each)",
              flush=True)  # fmt: skip
    figures = serve_and_measure(args.db, reports, args.repeat, args.seed)
    print(f"\n| request ({args.repeat} each) | p50 ms | p95 ms | rows returned (mean) |")
    print("|---|---:|---:|---:|")
    for name, value in figures.items():
        if isinstance(value, dict):
            print(f"| {name} | {value['p50_ms']} | {value['p95_ms']} | {value['mean_rows']} |")
    print(f"\nserve's peak memory (VmHWM): {figures['serve peak memory (MB)']} MB")


if __name__ == "__main__":
    main()
