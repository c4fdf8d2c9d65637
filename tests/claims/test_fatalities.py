"""Linking casualty claims to events and adding up fatalities (hand-built records, no model)."""

from __future__ import annotations

import dataclasses

import pytest

from faultline.claims.fatalities import link_claims, victim_group
from faultline.records import Claim, Event, Parse, Sentence, Span
from tests import builders

TEXT = (
    "Gunmen attacked a base and a village on Tuesday. "  # 0..48
    "The army said 14 soldiers were killed in the fighting. "  # 49..103
    "Residents said nine villagers died."  # 104..139
)
SENTENCES = (
    Sentence(0, 0, 48, 0, 0, 0),
    Sentence(1, 49, 103, 0, 0, 0),
    Sentence(2, 104, 139, 0, 0, 0),
)
PARSE = Parse(TEXT, (), SENTENCES, ())


def claim(
    count: int,
    victims: str,
    start: int,
    *,
    rule: str = "count.number",
    date: str = "2024-03-05",
    claimant: str = "army",
) -> Claim:
    return Claim(
        claim_id=f"c-{count}-{victims}-{claimant}", kind="killed", count=count, count_low=count,
        count_high=None, victims=victims, claimant=claimant, is_background=False, date=date,
        evidence=Span(start, start + 5, TEXT[start : start + 5]), rule=rule,
    )  # fmt: skip


def event(event_id: str, *, civilians: bool, sentence: int = 0) -> Event:
    return builders.event(
        event_id=event_id, event_date="2024-03-05", sentence=sentence,
        sub_event_type="Attack" if civilians else "Armed clash",
        civilian_targeting="Civilian targeting" if civilians else None,
        evidence=(Span(0, 6, TEXT[0:6]),),
    )  # fmt: skip


BATTLE, MASSACRE = event("e1", civilians=False), event("e2", civilians=True)


@pytest.mark.parametrize(
    ("victims", "group"),
    [("soldiers", "forces:"), ("nine civilians", "civilians"), ("women and children", "civilians"),
     ("31 attackers", "attackers"), ("militants", "attackers"), (None, "forces:")],
)  # fmt: skip
def test_victim_groups(victims, group):
    assert victim_group(dataclasses.replace(claim(1, "x", 0), victims=victims)) == group


def test_a_claim_with_no_event_in_its_sentence_goes_to_the_one_matching_event_of_its_day():
    claims, events = link_claims(
        PARSE, [claim(14, "soldiers", 63), claim(9, "villagers", 119)], (BATTLE, MASSACRE)
    )
    assert [c.event_ids for c in claims] == [("e1",), ("e2",)]
    assert [e.fatalities for e in events] == [14, 9]


def test_a_claim_of_another_day_stays_an_aggregate_toll():
    (linked,), (battle,) = link_claims(
        PARSE, [claim(14, "soldiers", 63, date="2024-03-01")], (BATTLE,)
    )
    assert linked.event_ids == () and battle.fatalities == 0 and battle.fatalities_best is None


def test_victim_groups_add_up_and_a_vague_word_gives_way_to_a_figure():
    claims = [
        claim(14, "soldiers", 63),
        claim(12, "soldiers", 63, rule="count.vague.dozens", claimant="rebels"),
        claim(31, "attackers", 63),
    ]
    _, (battle,) = link_claims(PARSE, claims, (BATTLE,))
    assert battle.fatalities == 14 + 31
    assert (battle.fatalities_low, battle.fatalities_best, battle.fatalities_high) == (
        12 + 31,
        14 + 31,
        14 + 31,
    )
