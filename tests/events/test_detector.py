"""The learned detector and typer: the shipped models, their say in detection, and the rules that
overrule them."""

from __future__ import annotations

import numpy as np
import pytest

from faultline.events.detector import (
    DETECTOR_CONFIDENT,
    TYPER_CONFIDENT,
    confident_type,
    event_scores,
    learned_typings,
    load_detector,
)
from faultline.events.model import EventModel, load_event_model, train_event_model
from faultline.events.triggers import find_hits, load_lexicon
from faultline.taxonomy import EVENT_TYPES
from tests.builders import fixed_model


def test_the_shipped_detector_tells_events_from_talk():
    detector = load_detector()
    assert detector is not None and set(detector.labels) == {"event", "none"}
    events = [
        "Gunmen killed 12 villagers in an overnight raid on a village in the north.",
        "A suicide bomber blew himself up at a checkpoint, killing five soldiers.",
        "Police fired tear gas at thousands of protesters outside parliament.",
    ]
    talk = [
        "The minister said the government would consider new measures next year.",
        "Analysts expect inflation to ease in the second quarter.",
        "The two leaders discussed trade and investment at the summit.",
    ]
    scores = event_scores(detector, events + talk)
    assert min(scores[:3]) > max(scores[3:])
    assert min(scores[:3]) >= 0.5 > max(scores[3:])


def test_the_shipped_typer_covers_every_sub_type():
    typer = load_event_model()
    assert typer is not None and set(typer.labels) == set(EVENT_TYPES)
    text = "Residents said they choked on chlorine gas dropped on the town."
    probabilities = typer.probabilities(text)
    assert max(probabilities, key=probabilities.__getitem__) == "Chemical weapon"


def test_example_weights_pull_the_typer_toward_weighted_rows():
    texts = ["rockets hit the town", "rockets hit the base", "gunmen stormed the base"] * 3
    shelling = "Shelling/artillery/missile attack"
    labels = [shelling, shelling, "Attack"] * 3
    plain = train_event_model(texts, labels, min_count=1, epochs=30)
    heavy = train_event_model(texts, labels, min_count=1, epochs=30, weights=[1, 1, 8] * 3)
    probe = "rockets stormed the base"
    assert heavy.probabilities(probe)["Attack"] > plain.probabilities(probe)["Attack"]


def test_confident_type_needs_the_threshold():
    assert confident_type({"Attack": TYPER_CONFIDENT, "Armed clash": 0.1}) == "Attack"
    assert confident_type({"Attack": TYPER_CONFIDENT - 0.01, "Armed clash": 0.3}) is None
    assert confident_type({}) is None


@pytest.mark.model
def test_a_confident_detector_types_a_sentence_the_lexicon_cannot(parse_text):
    parse = parse_text("Fighters overran the garrison after a long night.")
    hits = [find_hits(parse, s, load_lexicon()) for s in parse.sentences]
    typer = fixed_model("Non-state actor overtakes territory", 0.9)
    (typing,) = learned_typings(parse, hits, fixed_model("event", 0.95), typer).values()
    assert (typing.label, typing.rule) == ("Non-state actor overtakes territory", "detector")
    assert typing.anchor.anchor.text == "overran"
    unsure_event = fixed_model("event", DETECTOR_CONFIDENT - 0.05)
    assert learned_typings(parse, hits, unsure_event, typer) == {}
    unsure = EventModel(("Attack", "Armed clash", "Arrests"), {}, np.zeros(0, np.float32),
                        np.zeros((0, 3), np.float16), np.zeros(3, np.float32))  # fmt: skip
    assert learned_typings(parse, hits, fixed_model("event", 0.95), unsure) == {}


@pytest.mark.model
def test_a_rule_that_rejects_a_trigger_overrules_the_detector(parse_text):
    parse = parse_text("The rebels denied that they attacked the garrison.")
    hits = [find_hits(parse, s, load_lexicon()) for s in parse.sentences]
    assert any(h.rejected for h in hits[0])
    sure = fixed_model("event", 0.99)
    assert learned_typings(parse, hits, sure, fixed_model("Attack", 0.99)) == {}


@pytest.mark.model
def test_a_rejected_side_clause_does_not_overrule_the_detector(parse_text):
    parse = parse_text(
        "Fighters were seen moving out of the town on Tuesday, raising fears of a new offensive."
    )
    hits = [find_hits(parse, s, load_lexicon()) for s in parse.sentences]
    assert any(h.rejected for h in hits[0])
    (typing,) = learned_typings(
        parse, hits, fixed_model("event", 0.95), fixed_model("Change to group/activity", 0.9)
    ).values()
    assert typing.label == "Change to group/activity"
