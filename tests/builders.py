"""Hand-built records shared by stage tests (`from tests.builders import event`)."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from faultline.events.model import EventModel
from faultline.records import Event, Span

EVENT = Event(
    event_id="a-e1",
    event_date="2023-11-05",
    date_end=None,
    time_precision=1,
    event_type="Explosions/Remote violence",
    sub_event_type="Shelling/artillery/missile attack",
    actor1="Military Forces of Russia (2000-)",
    assoc_actor_1=None,
    inter1=8,
    actor2="Military Forces of Ukraine (2019-)",
    assoc_actor_2=None,
    inter2=1,
    interaction=18,
    civilian_targeting=None,
    country="Ukraine",
    country_code="UA",
    iso=804,
    admin1="Kherson",
    admin2=None,
    location="Beryslav",
    latitude=46.84,
    longitude=33.42,
    geo_precision=2,
    fatalities=0,
    fatalities_low=None,
    fatalities_best=None,
    fatalities_high=None,
    claimant="Ukraine's General Staff",
    claim_ids=(),
    notes=None,
    evidence=(Span(0, 5, "x"),),
    confidence=0.8,
)


def event(**changes: object) -> Event:
    """A plausible event (a Russian shelling in Kherson), with `changes` applied."""
    return dataclasses.replace(EVENT, **changes)  # type: ignore[arg-type]


ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str) -> ModuleType:
    """`scripts/<name>.py` imported as module `name` (registered first: its dataclasses look their
    module up)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def fixed_model(label: str, score: float) -> EventModel:
    """An event model that gives `label` the probability `score` whatever the text (the other
    label, "other", the rest)."""
    logit = float(np.log(score / (1 - score)))
    return EventModel((label, "other"), {}, np.zeros(0, np.float32), np.zeros((0, 2), np.float16),
                      np.array([logit, 0.0], np.float32))  # fmt: skip
