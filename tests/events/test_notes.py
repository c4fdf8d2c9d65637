"""ACLED-style notes written from hand-built events."""

from __future__ import annotations

import dataclasses

import pytest

from faultline.events.notes import note, write_notes
from faultline.records import Claim, Span
from tests.builders import event

BASE = event()


def test_shelling_note_says_when_who_where_and_who_claims():
    assert note(BASE) == (
        "On 5 November 2023, Military Forces of Russia (2000-) shelled positions of Military "
        "Forces of Ukraine (2019-) near Beryslav (Kherson, Ukraine). "
        "Claimed by Ukraine's General Staff. Fatalities: 0."
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"time_precision": 2}, "Around 5 November 2023, "),
        ({"time_precision": 3}, "In November 2023, "),
        (
            {"date_end": "2023-11-07", "time_precision": 2},
            "Between 5 November 2023 and 7 November 2023, ",
        ),
        ({"event_date": None}, "On an unreported date, "),
        ({"geo_precision": 1}, " in Beryslav (Kherson, Ukraine)."),
        ({"claimant": None}, "Claimant not identified."),
        ({"fatalities": 4}, "Fatalities: 4."),
        (
            {
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "actor1": "Protesters (Ukraine)",
                "actor2": None,
                "inter1": 6,
                "inter2": None,
            },
            "Protesters (Ukraine) held a peaceful protest near Beryslav",
        ),
        (
            {
                "event_type": "Violence against civilians",
                "sub_event_type": "Abduction/forced disappearance",
                "actor1": None,
                "actor2": "Civilians (Ukraine)",
                "inter1": None,
                "inter2": 7,
            },
            "an unidentified armed group abducted Civilians (Ukraine)",
        ),
        (
            {
                "event_type": "Strategic developments",
                "sub_event_type": "Arrests",
                "actor1": None,
                "actor2": None,
                "inter1": None,
                "inter2": None,
            },
            "unidentified actors arrested unidentified targets",
        ),
        (
            {"event_type": "Battles", "sub_event_type": "Armed clash", "actor2": None},
            "Military Forces of Russia (2000-) clashed with unidentified targets",
        ),
    ],
)
def test_note_wording(changes, expected):
    assert expected in note(dataclasses.replace(BASE, **changes))


def test_write_notes_adds_linked_counts_and_keeps_other_fields():
    claim = Claim(
        claim_id="a-c1",
        kind="killed",
        count=2,
        count_low=2,
        count_high=2,
        victims="civilians",
        claimant="the regional governor",
        is_background=False,
        date="2023-11-05",
        evidence=Span(10, 20, "two killed"),
        event_ids=("a-e1",),
    )
    unrelated = dataclasses.replace(claim, claim_id="a-c2", event_ids=("a-e9",), count=50)
    (event,) = write_notes((BASE,), claims=(claim, unrelated))
    assert "The regional governor reported 2 civilians killed." in event.notes
    assert "50" not in event.notes
    assert dataclasses.replace(event, notes=None) == BASE
