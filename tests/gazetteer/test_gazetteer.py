"""The gazetteer: names, sources, ranking, the in-memory gazetteer and the on-disk index."""

from __future__ import annotations

import logging
import pickle
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from faultline.gazetteer import (
    Gazetteer,
    InMemoryGazetteer,
    PlaceIndex,
    build_index,
    index_path,
    is_stale,
    load_gazetteer,
    sources,
)  # fmt: skip
from faultline.gazetteer.names import is_useful_alternate, normalise, token_count
from faultline.places.rank import Context, Name, inside, main_name, rank, resolve_names
from faultline.records import Candidate

ROOT = Path(__file__).resolve().parents[2]


def place(name, cc, feature, population=0, admin1=None, lat=0.0, lon=0.0) -> Candidate:
    return Candidate(None, name, lat, lon, cc, admin1, None, feature, population)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Zürich", "zurich"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("Nagorno–Karabakh", "nagorno karabakh"),
        ("  São   Paulo ", "sao paulo"),
        ("Kharkiv’s", "kharkivs"),
        ("Syunik'", "syunik"),
        ("St. Louis", "st louis"),
        ("Łódź", "lodz"),
        ("Xankəndi", "xankandi"),
    ],
)
def test_normalise(name, key):
    assert normalise(name) == key


@pytest.mark.parametrize(
    ("name", "useful"),
    [
        ("Kiev", True),
        ("Nikolayev", True),
        ("Сольдеу", False),  # Cyrillic
        ("surudeu", False),  # lower-case transliteration key
        ("LON", False),  # a code
        ("Ab", False),
        ("Route 66", False),
        ("A B C D E F G H", False),
    ],
)
def test_is_useful_alternate(name, useful):
    assert is_useful_alternate(name) is useful


def test_token_count_counts_hyphens_like_spacy():
    assert token_count("Nagorno-Karabakh") == 3
    assert token_count("New York") == 2


@pytest.mark.parametrize(
    ("name", "aliases", "display"),
    [
        ("Ḩalab", ("Aleppo", "Aleppo Governorate", "حلب"), "Aleppo"),
        ("Kharkivska oblast", ("Kharkiv", "Kharkiv Oblast"), "Kharkiv"),
        ("California", ("Golden State", "Golden"), "California"),
        ("Ontario", ("ᐋᓐᑎᐅᕆᔪ",), "Ontario"),
        ("Syunik'", ("Syunik Province",), "Syunik"),
    ],
)
def test_display_name_of_subdivisions(name, aliases, display):
    assert sources.display_name(name, aliases) == display


# ---------------------------------------------------------------------------- in-memory gazetteer

CANDIDATES = [
    place("Armenia", "AM", "country", 3_000_000, lat=40.1, lon=45.0),
    place("Yerevan", "AM", "city", 1_100_000, "Yerevan", 40.18, 44.51),
    place("London", "GB", "city", 8_961_989, "England", 51.51, -0.13),
    place("London", "CA", "city", 422_324, "Ontario", 42.98, -81.23),
    place("Georgia", "GE", "country", 3_700_000, lat=42.0, lon=43.5),
    place("Georgia", "US", "admin1", 10_000_000, "Georgia", 32.7, -83.4),
    place("Idlib", "SY", "admin1", 1_500_000, "Idlib", 35.8, 36.6),
    place("Idlib", "SY", "city", 128_840, "Idlib", 35.93, 36.63),
]


@pytest.fixture()
def memory() -> InMemoryGazetteer:
    return InMemoryGazetteer(CANDIDATES, aliases={"Erevan": "Yerevan"}, capitals={"AM": "Yerevan"})


def test_in_memory_lookup_ignores_case_and_diacritics(memory):
    assert [c.country_code for c in memory.lookup("LONDON")] == ["GB", "CA"]
    assert [c.name for c in memory.lookup("erevan")] == ["Yerevan"]
    assert memory.lookup("Atlantis") == []
    assert memory.max_name_tokens == 1


def test_in_memory_countries_and_capitals(memory):
    assert memory.country("am").name == "Armenia"
    assert memory.country("FR") is None
    assert memory.country_name("AM") == "Armenia"
    assert memory.country_name("FR") == "FR"
    assert memory.capital("AM").name == "Yerevan"
    assert isinstance(memory, Gazetteer)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Armenian", "AM"), ("Azerbaijani", "AZ"), ("Azerbaijanis", "AZ"), ("Ukrainian", "UA"),
        ("Ukrainians", "UA"), ("Congolese", "CD"), ("Emirati", "AE"), ("Emiratis", "AE"),
        ("Russian", "RU"), ("Israelis", "IL"), ("Martian", None), ("Troops", None),
    ],
)  # fmt: skip
def test_demonyms(memory, word, code):
    assert memory.country_for_demonym(word) == code


# ------------------------------------------------------------------------------------------ rank


@pytest.mark.parametrize(
    ("name", "country_code", "feature"),
    [("London", "GB", "city"), ("Georgia", "GE", "country"), ("Idlib", "SY", "city")],
)
def test_rank_defaults(memory, name, country_code, feature):
    best = rank(memory.lookup(name), Context(key=normalise(name)))[0][1]
    assert (best.country_code, best.feature) == (country_code, feature)


def test_rank_admin_hint_prefers_the_province(memory):
    ctx = Context(key="idlib", admin_hint=True)
    assert rank(memory.lookup("Idlib"), ctx)[0][1].feature == "admin1"


def test_resolve_names_uses_the_other_names(memory):
    alone = resolve_names([Name("Georgia")], named_countries=frozenset(), gazetteer=memory)
    assert alone[0].country_code == "GE"
    us = resolve_names([Name("Georgia")], named_countries=frozenset({"US"}), gazetteer=memory)
    assert us[0].country_code == "US"
    assert resolve_names([Name("Atlantis")], named_countries=frozenset(), gazetteer=memory) == [
        None
    ]


@pytest.mark.parametrize(
    ("key", "name", "main"),
    [
        ("henry county", "Henry", True), ("st paul", "Saint Paul", True),
        ("mt hope", "Mount Hope", True), ("idlib", "Idlib", True), ("boni", "Bonn", False),
        ("erevan", "Yerevan", False), ("county", "County", True),
    ],
)  # fmt: skip
def test_main_name(key, name, main):
    assert main_name(key, name) is main


def test_rank_drops_small_places_abroad_known_by_an_alternate_name(memory):
    erevan = memory.lookup("Erevan")  # Yerevan by an alternate name
    home = Context(key="erevan", named_countries=frozenset({"AM"}))
    abroad = Context(key="erevan", named_countries=frozenset({"SY"}))
    assert [c.name for _, c in rank(erevan, home)] == ["Yerevan"]
    assert [c.name for _, c in rank(erevan, abroad)] == ["Yerevan"]  # a large city travels
    small = [place("Yerevan", "AM", "city", 5_000, "Yerevan", 40.18, 44.51)]
    assert rank(small, abroad) == []
    assert [c.name for _, c in rank(small, Context(key="erevan"))] == ["Yerevan"]


def test_inside_keeps_peers_of_the_container(memory):
    syria = place("Syria", "SY", "country", 17_000_000)
    georgia = memory.lookup("Georgia")
    assert {c.feature for c in inside(georgia, syria)} == {"country"}  # a list of countries
    assert inside(memory.lookup("Idlib"), memory.lookup("Armenia")[0]) == []


# ------------------------------------------------------------------------------------ disk index


@pytest.fixture()
def tiny_sources(monkeypatch, tmp_path):
    """Replace the packaged sources by a handful of rows, so a build takes milliseconds."""
    countries = {
        "AM": sources.CountryInfo("AM", "Armenia", ("Armenia", "Hayastan"), 174982, 3_000_000,
                                  "Yerevan"),
    }  # fmt: skip
    subdivisions = {
        1: sources.Subdivision(1, "Yerevan", ("Erevan", "Yerevan"), 1, None, "AM", 616051, "AM.11"),
        2: sources.Subdivision(2, "Syunik", ("Syunik'",), 1, None, "AM", 409314, "AM.08"),
    }  # fmt: skip
    cities = [
        {"geonameid": 616052, "name": "Yerevan", "latitude": 40.18, "longitude": 44.51,
         "countrycode": "AM", "population": 1_093_485, "admin1code": "11",
         "alternatenames": ["Erevan", "Ереван", "EVN"]},
        {"geonameid": 174875, "name": "Kapan", "latitude": 39.21, "longitude": 46.41,
         "countrycode": "AM", "population": 33_160, "admin1code": "08",
         "alternatenames": ["Ghap'an", "Kafan"]},
    ]  # fmt: skip
    supplement = tmp_path / "supplement.tsv"
    supplement.write_text(
        "\t".join(sources.SUPPLEMENT_COLUMNS)
        + "\nLake Sevan\tSevan Lake\t40.38\t45.35\tAM\t\twater\tWikipedia coordinates\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sources, "read_countries", lambda: countries)
    monkeypatch.setattr(sources, "read_country_codes", lambda: {1: "AM"})
    monkeypatch.setattr(sources, "read_subdivisions", lambda codes: subdivisions)
    monkeypatch.setattr(sources, "read_city_subdivisions", lambda: {616052: (1,), 174875: (2,)})
    monkeypatch.setattr(sources, "read_cities", lambda: iter(cities))
    monkeypatch.setattr(sources, "read_continents", lambda: iter(()))
    monkeypatch.setattr(sources, "read_country_points", lambda: {})
    monkeypatch.setattr(sources, "read_adm1_points", lambda: {})
    real_read = sources.read_supplement
    monkeypatch.setattr(sources, "read_supplement", lambda path=supplement: real_read(path))


def test_build_and_load_round_trip(tiny_sources, tmp_path):
    stats = build_index(tmp_path / "places.sqlite")
    assert stats["places"] == 6  # country, 2 admin1, 2 cities, 1 supplement row
    index = PlaceIndex(tmp_path / "places.sqlite")
    assert [(c.name, c.feature) for c in index.lookup("EREVAN")] == [
        ("Yerevan", "admin1"), ("Yerevan", "city"),
    ]  # fmt: skip
    assert index.lookup("EVN") == []  # codes are not names
    assert index.lookup("Ереван") == []  # nor are other scripts
    kapan = index.lookup("Kafan")[0]
    assert (kapan.name, kapan.admin1, kapan.population) == ("Kapan", "Syunik", 33_160)
    lake = index.lookup("Sevan Lake")[0]
    assert (lake.feature, lake.source, lake.latitude) == ("water", "supplement", 40.38)
    assert index.country("AM").name == "Armenia"
    assert index.capital("AM").name == "Yerevan"
    assert index.country_for_demonym("Armenians") == "AM"
    assert index.max_name_tokens >= 2


def test_subdivision_and_country_points_come_from_member_cities(tiny_sources, tmp_path):
    build_index(tmp_path / "places.sqlite")
    index = PlaceIndex(tmp_path / "places.sqlite")
    syunik = index.lookup("Syunik")[0]
    assert (syunik.latitude, syunik.longitude) == (39.21, 46.41)  # its one city
    armenia = index.country("AM")
    assert 39.21 <= armenia.latitude <= 40.18 and 44.51 <= armenia.longitude <= 46.41


def test_a_country_point_from_the_packaged_list_wins_over_member_cities(
    tiny_sources, tmp_path, monkeypatch
):
    monkeypatch.setattr(sources, "read_country_points", lambda: {"AM": (40.0, 45.0)})
    build_index(tmp_path / "places.sqlite")
    armenia = PlaceIndex(tmp_path / "places.sqlite").country("AM")
    assert (armenia.latitude, armenia.longitude) == (40.0, 45.0)


def test_a_province_point_from_the_packaged_table_wins_over_member_cities(
    tiny_sources, tmp_path, monkeypatch
):
    monkeypatch.setattr(sources, "read_adm1_points", lambda: {"AM.08": (39.3, 46.2)})
    build_index(tmp_path / "places.sqlite")
    found = PlaceIndex(tmp_path / "places.sqlite").lookup("Syunik")[0]
    assert (found.latitude, found.longitude) == (39.3, 46.2)


def test_country_points_file_reads_as_codes_and_points():
    points = sources.read_country_points()
    assert len(points) > 200
    assert points["EG"] == (27.0, 30.0)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


def test_load_gazetteer_builds_once_then_reuses(tiny_sources, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="faultline.gazetteer"):
        first = load_gazetteer(str(tmp_path))
    assert any("building the place index" in r.message for r in caplog.records)
    assert not is_stale(index_path(tmp_path))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="faultline.gazetteer"):
        second = load_gazetteer(str(tmp_path))
    assert not caplog.records
    assert first.lookup("Kapan") == second.lookup("Kapan")


def test_index_built_from_other_versions_is_stale(tiny_sources, tmp_path):
    path = index_path(tmp_path)
    build_index(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE meta SET value = '{}' WHERE key = 'packages'")
        connection.commit()
    assert is_stale(path)
    assert is_stale(tmp_path / "missing.sqlite")


def test_place_index_pickles_by_path(tiny_sources, tmp_path):
    build_index(tmp_path / "places.sqlite")
    index = pickle.loads(pickle.dumps(PlaceIndex(tmp_path / "places.sqlite")))
    assert index.lookup("Kapan")[0].name == "Kapan"


# ------------------------------------------------------------------- the real index and supplement


def test_real_index_loads_fast_and_answers(gazetteer):
    started = time.perf_counter()
    reopened = PlaceIndex(getattr(gazetteer, "base", gazetteer).path)  # under the ACLED layer
    seconds = time.perf_counter() - started  # reported, not asserted: machines differ
    print(f"index open: {seconds * 1000:.1f} ms")
    assert reopened.lookup("London")[0].country_code == "GB"
    assert {c.name for c in reopened.lookup("Kiev")} >= {"Kyiv"}
    assert reopened.lookup("Nagorno Karabakh")[0].source == "supplement"
    assert reopened.country("US").name == "United States"
    assert reopened.country_name("PS") == "Palestine"
    assert reopened.country_for_demonym("Congolese") == "CD"


def test_supplement_check_passes_on_the_shipped_file():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_supplement.py")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_supplement_check_fails_on_bad_rows(tmp_path):
    bad = tmp_path / "bad.tsv"
    rows = [
        "\t".join(sources.SUPPLEMENT_COLUMNS),
        "Swapped\t\t44.5\t40.2\tAM\t\tcity\tWikipedia coordinates",  # lat/lon swapped
        "Nowhere\t\t95\t10\tAM\t\tcity\tWikipedia coordinates",
        "Atlantis\t\t10\t10\tXX\t\tregion\tWikipedia coordinates",
        "Sevan\t\t40.38\t45.35\tAM\t\twater\t",
        "Lake Sevan\tSevan\t40.38\t45.35\tAM\t\twater\tWikipedia coordinates",
    ]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_supplement.py"), str(bad)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    expected = ("km from the nearest", "out of range", "unknown country", "empty", "duplicates")
    assert all(problem in result.stdout for problem in expected), result.stdout


def test_country_points_check_fails_on_bad_rows(tmp_path):
    bad = tmp_path / "points.tsv"
    bad.write_text("code\tlatitude\tlongitude\nFR\t2\t46\nXX\t1\t1\nEG\t27\t30\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_supplement.py"), "--country-points",
         str(bad)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "FR: 2.0, 46.0 lies outside" in result.stdout  # latitude and longitude swapped
    assert "XX: unknown country code" in result.stdout
    assert "EG:" not in result.stdout
