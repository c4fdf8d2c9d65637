"""Cross-article merge time on synthetic reports: 100,000 and 1,000,000 by default.

    .venv/bin/python benchmarks/merge.py [--sizes 100000 1000000] [--span year|scaled]
                                         [--budget 180] [--seed 7]

The reports go through `faultline.store.merge.cluster_reports`, in memory: the same blocks (event
type, day ±1, a 0.25° cell and its neighbours, or the admin1) and the same `same_event` that
`link_reports` applies in the database, without the SQL round trip per report (which would
dominate). Reports are random but shaped like news: days over one year, points clustered around
a few hotspots in eight countries, 5% located only by region, and a share of second reports of
an earlier event (another article, a few km off, sometimes a day less precise). `--span year`
(the default) puts every size in one year, so the reports per block, and the comparisons per
report, grow with the size; `--span scaled` spreads 100,000 reports a year (1,000,000 over ten
years), so the density stays that of the first size. Prints, per size,
the seconds, the clusters found and the ratio to the first size. A size whose predecessor took
more than a third of --budget seconds is skipped. Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from typing import Any

from faultline.store.merge import cluster_reports

# (country code, hotspots as (admin1, latitude, longitude))
COUNTRIES = [
    ("NG", [("Borno", 11.8, 13.2), ("Zamfara", 12.2, 6.2), ("Kaduna", 10.5, 7.4)]),
    ("SO", [("Banaadir", 2.05, 45.3), ("Hiiraan", 4.7, 45.2), ("Jubbada Hoose", 0.4, 42.5)]),
    ("ML", [("Mopti", 14.5, -4.2), ("Gao", 16.3, -0.05), ("Kidal", 18.4, 1.4)]),
    ("SD", [("Khartoum", 15.6, 32.5), ("North Darfur", 13.6, 25.3)]),
    ("MM", [("Sagaing", 22.0, 95.9), ("Rakhine", 20.1, 93.3), ("Kachin", 25.4, 97.4)]),
    ("CD", [("North Kivu", -1.1, 29.3), ("Ituri", 1.6, 30.2)]),
    ("CO", [("Cauca", 2.5, -76.6), ("Antioquia", 6.9, -75.6)]),
    ("UA", [("Donetsk", 48.0, 37.8), ("Kharkiv", 49.9, 36.3), ("Zaporizhzhia", 47.5, 35.4)]),
]
TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Protests",
         "Riots", "Strategic developments"]  # fmt: skip
ACTORS = ["Military Forces", "Rebel Group", "Unidentified Armed Group", "Police Forces", None]
START = dt.date(2023, 1, 1)
DUPLICATES = 0.25


def synthetic_reports(n: int, seed: int, days: int = 365) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    reports: list[dict[str, Any]] = []
    for i in range(n):
        if reports and rng.random() < DUPLICATES:
            report = _second_report(rng.choice(reports[-5000:]), rng)
        else:
            report = _first_report(rng, days)
        report.update(report_id=f"{i:08d}:e1", cluster_id=f"{i:08d}:e1", article_id=i)
        reports.append(report)
    return reports


def _first_report(rng: random.Random, days: int) -> dict[str, Any]:
    country, hotspots = rng.choice(COUNTRIES)
    admin1, lat, lon = rng.choice(hotspots)
    regional = rng.random() < 0.05
    return {
        "event_type": rng.choice(TYPES),
        "event_date": (START + dt.timedelta(days=rng.randrange(days))).isoformat(),
        "time_precision": 1 if rng.random() < 0.9 else 2,
        "latitude": None if regional else lat + rng.gauss(0, 0.6),
        "longitude": None if regional else lon + rng.gauss(0, 0.6),
        "geo_precision": 3 if regional else rng.choice([1, 1, 2]),
        "country_code": country, "admin1": admin1,
        "actor1": rng.choice(ACTORS), "actor2": rng.choice(ACTORS),
    }  # fmt: skip


def _second_report(first: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    report = dict(first)
    if report["latitude"] is not None:
        report["latitude"] += rng.uniform(-0.05, 0.05)
        report["longitude"] += rng.uniform(-0.05, 0.05)
    if rng.random() < 0.2:
        report["time_precision"] = 2
    return report


def measure(n: int, seed: int, days: int) -> tuple[float, int]:
    reports = synthetic_reports(n, seed, days)
    started = time.perf_counter()
    clusters = cluster_reports(reports)
    return time.perf_counter() - started, len(set(clusters.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--budget", type=float, default=180.0, help="seconds for all sizes")
    parser.add_argument("--span", choices=["year", "scaled"], default="year")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    first: tuple[int, float] | None = None
    last = 0.0
    for n in sorted(args.sizes):
        if last > args.budget / 3:
            print(f"{n:>9,} reports: skipped (the last size took {last:.1f} s)")
            continue
        days = 365 if args.span == "year" else max(1, round(365 * n / 100_000))
        last, clusters = measure(n, args.seed, days)
        first = first or (n, last)
        ratio = last / first[1]
        print(f"{n:>9,} reports over {days:,} days: {last:7.2f} s  {n / last:9,.0f} reports/s"
              f"  {clusters:,} events  time x{ratio:.1f} for size x{n / first[0]:.0f}",
              flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
