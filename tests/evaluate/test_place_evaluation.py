"""The geoparsing scorer's error curve: Gritta et al.'s AUC of log errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.evaluate.places import MAX_ERROR_KM, PlaceTally, error_auc, place_metrics


@pytest.mark.parametrize(
    ("errors", "auc"),
    [
        ([], None),
        ([5.0], None),  # one point is no curve
        ([0.0, 0.0, 0.0], 0.0),
        ([MAX_ERROR_KM - 1, MAX_ERROR_KM - 1], 1.0),
        ([0.0, MAX_ERROR_KM - 1], 0.5),
        ([MAX_ERROR_KM - 1, 0.0], 0.5),  # order does not matter: the errors are sorted
    ],
)
def test_error_auc_cases(errors, auc):
    value = error_auc(errors)
    assert value == (None if auc is None else pytest.approx(auc, abs=1e-4))


ERRORS = st.lists(st.floats(min_value=0, max_value=MAX_ERROR_KM - 1), min_size=2, max_size=40)


@given(ERRORS, st.integers(min_value=0, max_value=39), st.floats(min_value=0, max_value=5000))
def test_a_larger_error_never_lowers_the_auc(errors, index, extra):
    worse = list(errors)
    worse[index % len(worse)] = min(MAX_ERROR_KM - 1, worse[index % len(worse)] + extra)
    assert error_auc(worse) >= error_auc(errors) - 1e-4
    assert 0.0 <= error_auc(errors) <= 1.0


def test_place_metrics_report_the_auc_beside_the_errors():
    tally = PlaceTally(errors_km=[0.0, 100.0, 1000.0], recognised=3, hits=2, resolvable=3)
    metrics = {m.name: m for m in place_metrics("LGL", tally)}
    expected = (
        ((math.log(1) + math.log(101)) / 2 + (math.log(101) + math.log(1001)) / 2)
        / 2
        / math.log(MAX_ERROR_KM)
    )
    assert metrics["AUC"].value == pytest.approx(expected, abs=1e-4)
    assert metrics["AUC"].unit == "" and metrics["AUC"].support == 3
    assert metrics["median error"].value == 100.0
