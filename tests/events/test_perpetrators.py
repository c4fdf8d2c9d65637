"""The group that claimed an attack names its unidentified perpetrator."""

from __future__ import annotations

import dataclasses

import pytest

from faultline.actors.dictionary import load_actors
from faultline.events.perpetrators import attribute_claims, claiming_groups
from faultline.records import Event, Quote, Span

ACTORS = load_actors()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al Shabaab claimed responsibility for the attack.", ["Al Shabaab"]),
        ("The attack was claimed by Al Shabaab.", ["Al Shabaab"]),
        ("No group has claimed responsibility, but Al Shabaab is active in the area.", []),
        ("Al Shabaab denied responsibility for the blast.", []),
        ("Police claimed that the gunmen fled.", []),
    ],
)
def test_who_claims(parse_text, text, expected):
    groups = claiming_groups(parse_text(text), quotes=(), actors=ACTORS)
    assert [g.name for g in groups] == expected


@pytest.mark.model
def test_a_group_quoted_reporting_violence_claims(parse_text):
    text = "JNIM said its fighters had killed dozens of soldiers."
    quote = Quote("JNIM", None, "its fighters had killed dozens of soldiers", 10, 52, False)
    groups = claiming_groups(parse_text(text), quotes=(quote,), actors=ACTORS)
    assert [g.name for g in groups] == ["JNIM: Group for Support of Islam and Muslims"]


def _event(n: int, date: str, actor1: str | None, event_type: str = "Battles") -> Event:
    return Event(
        f"a-e{n}", date, None, 1, event_type, "Armed clash", actor1, None, 3,
        "Military Forces of Mali (2013-)", None, 1, 13, None, "Mali", "ML", 466, None, None, "Mali",
        17.0, -4.0, 3, 0, None, None, None, None, (), None, (Span(0, 1, "x"),), 0.8,
    )  # fmt: skip


@pytest.mark.model
def test_the_claiming_group_names_the_unidentified_side_of_the_lead_day(parse_text):
    parse = parse_text("Al Shabaab claimed responsibility for the attack.")
    events = (
        _event(1, "2024-05-01", "Unidentified Armed Group (Mali)"),
        _event(2, "2024-04-20", "Unidentified Armed Group (Mali)"),
        _event(3, "2024-05-01", "Military Forces of Mali (2013-)"),
    )
    named = attribute_claims(events, parse, quotes=(), actors=ACTORS)
    assert [e.actor1 for e in named] == ["Al Shabaab", events[1].actor1, events[2].actor1]
    assert named[0].inter1 == 2 and named[0].interaction == 12
    assert dataclasses.replace(named[0], actor1=None, inter1=None, interaction=None) == (
        dataclasses.replace(events[0], actor1=None, inter1=None, interaction=None)
    )
