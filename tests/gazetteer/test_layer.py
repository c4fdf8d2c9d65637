"""ACLED's locations as a gazetteer layer, and the per-fold view without held-out rows."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from faultline.gazetteer import AcledLayer, InMemoryGazetteer, LayeredGazetteer, sources
from faultline.gazetteer.layer import LayerPlace, location_names, new_places, read_layer_places
from faultline.records import Candidate

ROOT = Path(__file__).resolve().parents[2]


def place(name, cc, feature, lat, lon, admin1=None, population=0) -> Candidate:
    return Candidate(None, name, lat, lon, cc, admin1, None, feature, population)


def acled(name, cc, lat, lon, ids, admin1=None) -> LayerPlace:
    candidate = Candidate(None, name, lat, lon, cc, admin1, None, "village", 0, "acled")
    return LayerPlace(candidate, location_names(name), frozenset(ids))


BASE = InMemoryGazetteer(
    [
        place("Somalia", "SO", "country", 6.0, 46.0),
        place("Lower Juba", "SO", "admin1", -0.5, 42.0, admin1="Lower Juba"),
        place("Jubbada Hoose", "SO", "admin1", -0.5, 42.0, admin1="Jubbada Hoose"),
        place("Kismayo", "SO", "city", -0.36, 42.55, admin1="Jubbada Hoose", population=183_300),
        place("Afgooye", "SO", "city", 2.14, 45.12, population=79_000),
    ],
    demonyms={},
)
LAYER = AcledLayer(
    [
        acled("Burgaan", "SO", 0.2536, 42.8349, {"SOM1", "SOM2"}, admin1="Lower Juba"),
        acled("Malable", "SO", 1.9, 44.9, {"SOM3"}),
        acled("Kismayo", "SO", -0.3582, 42.5454, {"SOM4"}),  # GeoNames has it: not repeated
        acled("Dhaka - Gulshan", "BD", 23.79, 90.41, {"BGD1"}),
    ]
)


def test_layer_places_are_candidates_beside_the_index():
    gazetteer = LayeredGazetteer(BASE, LAYER)
    found = gazetteer.lookup("Burgaan")
    assert [(c.name, c.feature, c.source) for c in found] == [("Burgaan", "village", "acled")]
    assert [c.source for c in gazetteer.lookup("Kismayo")] == ["geonames"]
    assert gazetteer.lookup("Gulshan")[0].name == "Dhaka - Gulshan"
    assert gazetteer.country("SO").name == "Somalia"


def test_a_view_without_held_out_rows_drops_only_what_they_alone_attest():
    gazetteer = LayeredGazetteer(BASE, LAYER)
    view = gazetteer.without_events({"SOM1", "SOM3"})
    assert view.lookup("Burgaan")  # SOM2 also names it
    assert view.lookup("Malable") == []
    assert gazetteer.lookup("Malable")  # the original is unchanged
    assert view.without_events({"SOM2"}).lookup("Burgaan")  # views compose on the full layer


def test_province_names_follow_the_index():
    layer = AcledLayer([acled("Burgaan", "SO", 0.25, 42.83, {"SOM1"}, admin1="Lower Juba")])
    assert layer.with_admin1_names(BASE).places[0].candidate.admin1 == "Lower Juba"


@pytest.mark.parametrize(
    ("location", "names"),
    [
        ("Dhaka - Gulshan", ("Dhaka - Gulshan", "Gulshan")),
        ("Nameless Hills (Agdam Region)", ("Nameless Hills (Agdam Region)", "Nameless Hills")),
        ("Burgaan", ("Burgaan",)),
    ],
)
def test_location_names(location, names):
    assert location_names(location) == names


def test_new_places_skips_repeats_within_ten_km():
    base = [place("X", "SO", "city", 0.0, 0.0)]
    near, far = place("X", "SO", "village", 0.05, 0.0), place("X", "SO", "village", 0.5, 0.0)
    abroad = place("X", "KE", "village", 0.05, 0.0)
    assert new_places(base, [near, far, abroad]) == [far, abroad]


def test_shipped_table_names_its_source_and_reads():
    header = sources.ACLED_LOCATIONS_PATH.read_text(encoding="utf-8").split("\nlocation\t")[0]
    assert "ACLED" in header and "acleddata.com" in header
    places = read_layer_places()
    assert len(places) > 4000
    assert all(p.event_ids and p.candidate.country_code for p in places)
    keys = [(p.candidate.name, p.candidate.latitude, p.candidate.longitude, p.candidate.admin1,
             p.candidate.admin2, p.candidate.country_code) for p in places]  # fmt: skip
    assert len(keys) == len(set(keys))


def test_layered_gazetteer_pickles():
    gazetteer = LayeredGazetteer(BASE, LAYER)
    again = pickle.loads(pickle.dumps(gazetteer))
    assert again.lookup("Burgaan") == gazetteer.lookup("Burgaan")


def test_acled_locations_check_passes_on_the_shipped_table(corpora):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_acled_locations.py"), "--check",
         "--acled", str(corpora / "acled")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
