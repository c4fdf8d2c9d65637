"""The ranking signals, one at a time; the weights file; context built from the other names."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.errors import ResourceError
from faultline.gazetteer import InMemoryGazetteer
from faultline.places.rank import Name, candidate_sets, resolve_names
from faultline.places.signals import (
    HAND_WEIGHTS,
    SIGNAL_NAMES,
    SIGNALS,
    Context,
    learned_weights,
    read_weights,
    score,
    vector,
    write_weights,
)
from faultline.records import Candidate


def place(name, cc, feature, population=0, admin1=None, lat=0.0, lon=0.0, source="geonames"):
    return Candidate(None, name, lat, lon, cc, admin1, None, feature, population, source)


TOWN = place("Harlow", "US", "city", 9_999, "Vermont", 44.0, -72.0)
SIGNAL = dict(SIGNALS)


@pytest.mark.parametrize(
    ("signal", "candidate", "ctx", "value"),
    [
        ("country", place("Chad", "TD", "country"), Context("chad"), 1.0),
        ("country", TOWN, Context("harlow"), 0.0),
        ("hint_admin1", place("Idlib", "SY", "admin1"), Context("idlib", admin_hint=True), 1.0),
        ("hint_admin1", place("Idlib", "SY", "admin1"), Context("idlib"), 0.0),
        ("hint_settlement", TOWN, Context("harlow", admin_hint=True), 1.0),
        ("population", TOWN, Context("harlow"), 4.0),
        ("population_gap", TOWN, Context("harlow", max_population=99_999), -1.0),
        ("most_populous", TOWN, Context("harlow", max_population=9_999), 1.0),
        ("alone_population", TOWN, Context("harlow"), 4.0),
        ("alone_population", TOWN, Context("harlow", named_countries=frozenset({"US"})), 0.0),
        ("curated", place("Ndaki", "ML", "village", source="supplement"), Context("ndaki"), 1.0),
        ("exact_name", TOWN, Context("harlow"), 1.0),
        ("exact_name", TOWN, Context("harlow town"), 0.0),
        ("main_name", TOWN, Context("harlow town"), 1.0),
        ("capital", TOWN, Context("harlow", capitals=frozenset({("US", "harlow")})), 1.0),
        ("named_country", TOWN, Context("harlow", named_countries=frozenset({"US"})), 1.0),
        ("country_share", TOWN, Context("harlow", country_shares={"US": 0.25}), 0.25),
        ("top_country", TOWN, Context("harlow", country_shares={"US": 0.5, "CA": 0.5}), 1.0),
        ("top_country", TOWN, Context("harlow", country_shares={"US": 0.2, "CA": 0.8}), 0.0),
        ("admin1_share", TOWN, Context("harlow", admin1_shares={("US", "Vermont"): 0.5}), 0.5),
        ("admin1_named", TOWN, Context("harlow", admin1s=frozenset({("US", "vermont")})), 1.0),
        ("country_support", TOWN, Context("harlow", country_support={"US": 0.75}), 0.75),
        ("admin1_support", TOWN, Context("harlow", admin1_support={("US", "Vermont"): 1.0}), 1.0),
        ("near50", TOWN, Context("harlow", points=((44.1, -72.1),)), 1.0),
        ("near50", TOWN, Context("harlow", points=((45.0, -72.0),)), 0.0),
        ("near200", TOWN, Context("harlow", points=((45.0, -72.0),)), 1.0),
        ("near500", place("Chad", "TD", "country"), Context("chad", points=((0.0, 0.0),)), 0.0),
    ],
)  # fmt: skip
def test_each_signal_alone(signal, candidate, ctx, value):
    assert SIGNAL[signal](candidate, ctx) == pytest.approx(value, abs=1e-3)


def test_signal_names_are_unique_and_the_vector_follows_them():
    assert len(set(SIGNAL_NAMES)) == len(SIGNAL_NAMES)
    assert len(vector(TOWN, Context("harlow"))) == len(SIGNAL_NAMES)
    assert set(HAND_WEIGHTS) <= set(SIGNAL_NAMES)


WEIGHT = st.floats(min_value=-5, max_value=5, allow_nan=False)


@given(st.lists(WEIGHT, min_size=len(SIGNAL_NAMES), max_size=len(SIGNAL_NAMES)),
       st.lists(WEIGHT, min_size=len(SIGNAL_NAMES), max_size=len(SIGNAL_NAMES)))  # fmt: skip
def test_score_is_linear_in_the_weights(first, second):
    ctx = Context("harlow", country_shares={"US": 0.5}, points=((44.2, -72.3),))
    a, b = dict(zip(SIGNAL_NAMES, first, strict=True)), dict(zip(SIGNAL_NAMES, second, strict=True))
    both = {name: a[name] + b[name] for name in SIGNAL_NAMES}
    total = score(TOWN, ctx, a) + score(TOWN, ctx, b)
    assert math.isclose(score(TOWN, ctx, both), total, abs_tol=1e-6)


def test_weights_round_trip_and_comments_are_skipped(tmp_path):
    path = tmp_path / "weights.tsv"
    weights = {name: float(i) for i, name in enumerate(SIGNAL_NAMES)}
    write_weights(path, weights, "trained on nothing\nsecond line")
    assert path.read_text(encoding="utf-8").startswith("# trained on nothing\n# second line\n")
    assert read_weights(path) == weights


def test_weights_missing_a_signal_or_the_file_are_a_resource_error(tmp_path):
    path = tmp_path / "weights.tsv"
    path.write_text("signal\tweight\ncountry\t1.0\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="retrain"):
        read_weights(path)
    with pytest.raises(ResourceError, match="cannot read"):
        read_weights(tmp_path / "absent.tsv")


def test_the_shipped_weights_cover_every_signal():
    weights = learned_weights()
    assert set(weights) == set(SIGNAL_NAMES)
    assert all(math.isfinite(w) for w in weights.values())


# ------------------------------------------------------------------- context from the other names

NAMESAKES = InMemoryGazetteer([
    place("Harlow", "US", "city", 30_000, "Maine", 44.3, -69.8),
    place("Harlow", "US", "city", 20_000, "Oregon", 44.0, -123.0),
    place("Millbrook", "US", "city", 4_000, "Oregon", 44.1, -122.8),
    place("Millbrook", "GB", "city", 2_000, "England", 50.9, -1.4),
    place("Oregon", "US", "admin1", 4_000_000, "Oregon", 44.0, -120.5),
])  # fmt: skip


def test_support_counts_the_other_names_that_may_lie_in_a_province():
    names = [Name("Harlow"), Name("Millbrook")]
    sets = candidate_sets(names, [None, None], named_countries=frozenset(), gazetteer=NAMESAKES)
    harlow_ctx = sets[0][1]
    assert harlow_ctx.admin1_support == {("US", "Oregon"): 1.0, ("GB", "England"): 1.0}
    assert harlow_ctx.country_support == {"US": 1.0, "GB": 1.0}


@pytest.mark.parametrize(
    ("others", "admin1"),
    [([], "Maine"), (["Millbrook"], "Oregon"), (["Oregon"], "Oregon")],
)
def test_the_other_names_pull_a_namesake_into_their_province(others, admin1):
    names = [Name("Harlow"), *(Name(o) for o in others)]
    chosen = resolve_names(names, named_countries=frozenset(), gazetteer=NAMESAKES)
    assert chosen[0].admin1 == admin1
