"""The event-typing model: note cleaning, features, fitting, the shipped file, and the choice among
what the triggers allow."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.events.model import (
    MODEL_PATH,
    choose,
    features,
    load_event_model,
    note_text,
    train_event_model,
)
from faultline.taxonomy import EVENT_TYPES


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (
            "On 3 March 2021, militants attacked a police post in Tillaberi. [size=no report]",
            "militants attacked a police post in Tillaberi.",
        ),
        (
            "Movement of forces: On 11 October 2025, fighters were seen patrolling near a village.",
            "fighters were seen patrolling near a village.",
        ),
        (
            "Around 2 May 2020, 3 soldiers were killed in a clash. Fatalities coded as 0 (X: 3).",
            "3 soldiers were killed in a clash.",
        ),
        ("Youth attack meeting of political party", "Youth attack meeting of political party"),
    ],
)
def test_note_text_keeps_only_what_news_would_say(notes: str, expected: str):
    assert note_text(notes) == expected


def test_features_are_folded_unigrams_and_bigrams():
    assert features("Gunmen killed 12 people") == [
        "gunmen", "killed", "00", "people", "gunmen killed", "killed 00", "00 people",
    ]  # fmt: skip


TOY = [
    ("soldiers clashed with rebels near the border", "Armed clash"),
    ("rebels and troops exchanged fire in the hills", "Armed clash"),
    ("fighting between the army and insurgents", "Armed clash"),
    ("hundreds of teachers protested peacefully over pay", "Peaceful protest"),
    ("traders staged a peaceful demonstration against taxes", "Peaceful protest"),
    ("students protested outside the ministry demanding fees", "Peaceful protest"),
    ("a warplane bombed a market from the air", "Air/drone strike"),
    ("a drone strike hit a vehicle carrying militants", "Air/drone strike"),
    ("an air strike hit a village killing farmers", "Air/drone strike"),
]


def test_a_model_fitted_on_toy_notes_types_unseen_wording(tmp_path: Path):
    model = train_event_model([t for t, _ in TOY] * 3, [label for _, label in TOY] * 3, min_count=1)
    probabilities = model.probabilities("troops clashed with insurgents")
    assert max(probabilities, key=probabilities.get) == "Armed clash"
    assert abs(sum(probabilities.values()) - 1.0) < 1e-5
    model.save(tmp_path / "m.npz")
    again = load_event_model(tmp_path / "m.npz")
    assert again is not None and again.labels == model.labels
    text = "a drone strike on a convoy"
    assert again.probabilities(text) == pytest.approx(model.probabilities(text), abs=2e-3)


def test_a_text_with_no_known_word_gets_the_prior():
    model = train_event_model([t for t, _ in TOY], [label for _, label in TOY], min_count=1)
    probabilities = model.probabilities("zzz qqq")
    assert set(probabilities) == {"Armed clash", "Peaceful protest", "Air/drone strike"}


def test_missing_model_file_means_rules_alone(tmp_path: Path):
    assert load_event_model(tmp_path / "absent.npz") is None


def test_choose_favours_the_rules_unless_the_model_is_clearly_surer():
    candidates = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
    close = {"Remote explosive/landmine/IED": 0.35, "Suicide bomb": 0.55}
    sure = {"Remote explosive/landmine/IED": 0.05, "Suicide bomb": 0.9}
    assert choose("Remote explosive/landmine/IED", candidates, close) == (
        "Remote explosive/landmine/IED"
    )
    assert choose("Remote explosive/landmine/IED", candidates, sure) == "Suicide bomb"
    assert choose("Armed clash", frozenset(), sure) == "Armed clash"


def test_the_shipped_model_knows_acled_labels():
    model = load_event_model(MODEL_PATH)
    assert model is not None
    assert set(model.labels) <= set(EVENT_TYPES)
    assert len(model.labels) >= 20
    probabilities = model.probabilities("protesters gathered outside parliament demanding reforms")
    assert max(probabilities, key=probabilities.get) in {
        "Peaceful protest", "Protest with intervention",
    }  # fmt: skip
