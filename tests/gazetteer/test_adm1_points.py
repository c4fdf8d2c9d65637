"""Province and state points from GeoNames: scripts/build_adm1_points.py and its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from faultline.gazetteer import build, sources
from tests.builders import load_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script():
    return load_script("build_adm1_points")


def sub(row, name, cc, *names, code="", level=1):
    return sources.Subdivision(row, name, (name, *names), level, None, cc, None, code)


def row(number, iso2, name, lat, lon, gadm_name="", area=0.0):
    return sys.modules["build_adm1_points"].Row(number, iso2, "", gadm_name, name, lat, lon, area)


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("UruzgÄ\x81n", "Uruzgān"),
        ("WilÄ\x81yat-e ZÄ\x81bul", "Wilāyat-e Zābul"),
        ("Ciudad AutÃ³noma de Buenos Aires", "Ciudad Autónoma de Buenos Aires"),
        ("Texas", "Texas"),
        ("Zābul", "Zābul"),  # already right: not a misreading
    ],
)
def test_fix_mojibake(script, stored, text):
    assert script.fix_mojibake(stored) == text


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Wilāyat-e Zābul", "zabul"),
        ("Departamento del Cauca", "cauca"),
        ("Muḩāfaz̧at al Başrah", "basrah"),
        ("Aleppo Governorate", "aleppo"),
        ("Texas", "texas"),
    ],
)
def test_name_keys_drop_generic_words(script, name, key):
    assert key in script.name_keys(name)


def test_a_row_names_the_division_whose_first_name_it_is(script):
    province = sub(1, "Buenos Aires", "AR")
    city = sub(2, "Federal", "AR", "Autonomous City of Buenos Aires", "Capital Federal")
    rows = [row(10, "AR", "Buenos Aires", -36.0, -60.0)]
    matches, unused, missing = script.match_rows([province, city], rows, {})
    assert [(m.sub.name, m.row.number) for m in matches] == [("Buenos Aires", 10)]
    assert missing == [city] and unused == []


def test_a_row_filed_under_a_neighbour_matches_where_its_point_lies(script):
    """The catalogue's country is the GADM polygon's: Quneitra's point lies in the Golan."""
    quneitra = sub(1, "Quneitra", "SY", "Quneitra Governorate")
    boxes = {1: (32.9, 33.3, 35.7, 36.0)}
    rows = [row(10, "IL", "Quneitra Governorate", 33.1, 35.9)]
    matches, _, _ = script.match_rows([quneitra], rows, boxes)
    assert [m.sub.name for m in matches] == ["Quneitra"]


def test_names_spelt_alike_match_their_own_division(script):
    vologda = sub(1, "Vologodskaya oblast'", "RU")
    volgograd = sub(2, "Volgogradskaya oblast'", "RU")
    rows = [row(10, "RU", "Vologda Oblast", 60.0, 40.0), row(11, "RU", "Volgograd Oblast", 49, 44)]
    matches, unused, _ = script.match_rows([vologda, volgograd], rows, {})
    assert {(m.sub.row, m.row.number, m.how) for m in matches} == {
        (1, 10, "similar"), (2, 11, "similar"),
    }  # fmt: skip
    assert unused == []


def test_a_point_far_from_every_member_city_is_far_off(script):
    cities = [(15.0, 30.0), (15.5, 30.5)]
    assert script.far_off(row(1, "SD", "X", 15.2, 30.2), cities) is None
    assert script.far_off(row(1, "SD", "X", 20.0, 30.0), cities) > 500
    # a large division may have its point far from its few cities
    assert script.far_off(row(1, "SD", "X", 17.0, 30.0, area=300_000.0), cities) is None


def test_shipped_table_carries_attribution_and_valid_points():
    header = sources.ADM1_POINTS_PATH.read_text(encoding="utf-8").split("\nkey\t")[0]
    assert "GeoNames" in header and "CC BY 4.0" in header
    points = sources.read_adm1_points()
    assert len(points) > 3500
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    lat, lon = points["US.TX"]
    assert abs(lat - 31.25) < 1 and abs(lon + 99.25) < 1  # Texas: GeoNames' point


def test_an_admin1_takes_its_fixed_point_and_keeps_its_population():
    centres = build._Centres()
    centres.add(("sub", 1), 10.0, 10.0, 500)
    centres.add(("sub", 1), 12.0, 12.0, 700)
    fixed = {"XX.01": (11.5, 10.5)}
    assert build._point(sub(1, "A", "XX", code="XX.01"), centres, fixed) == (11.5, 10.5, 1200)
    own = centres.centre(("sub", 1))
    assert build._point(sub(1, "A", "XX", code="XX.02"), centres, fixed) == own  # not in the table
    assert build._point(sub(1, "A", "XX", code="XX.01", level=2), centres, fixed) == own


def test_adm1_points_check_passes_on_the_shipped_table(corpora):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_adm1_points.py"), "--check", "--quiet",
         "--catalogue", str(corpora / "gazetteer" / "adm1_points_geonames.tsv")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert "far off and left out" in result.stdout
