"""scripts/train_places.py: the conditional-logit fit, on synthetic mentions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from faultline.places.signals import HAND_WEIGHTS, SIGNAL_NAMES
from tests.builders import load_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trainer():
    return load_script("train_places")


def _mention(rng, good: str, bad: str) -> tuple[np.ndarray, np.ndarray]:
    """Two candidates: the right one has signal `good` on, the wrong one has `bad` on."""
    x = rng.random((2, len(SIGNAL_NAMES))) * 0.1
    x[0, SIGNAL_NAMES.index(good)] = 1.0
    x[1, SIGNAL_NAMES.index(bad)] = 1.0
    return x, np.array([True, False])


def test_fit_learns_which_signal_marks_the_right_candidate(trainer):
    rng = np.random.default_rng(0)
    data = [_mention(rng, "admin1_support", "near500") for _ in range(200)]
    weights = trainer.fit(data, HAND_WEIGHTS)
    assert weights["admin1_support"] > HAND_WEIGHTS.get("admin1_support", 0.0) + 1
    assert weights["admin1_support"] > weights["near500"]
    assert set(weights) == set(SIGNAL_NAMES)


def test_a_signal_the_data_never_tells_apart_keeps_its_hand_weight(trainer):
    rng = np.random.default_rng(1)
    data = [_mention(rng, "named_country", "population_gap") for _ in range(100)]
    weights = trainer.fit(data, HAND_WEIGHTS)
    assert weights["water"] == pytest.approx(HAND_WEIGHTS["water"], abs=0.05)
