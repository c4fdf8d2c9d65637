"""One toll per incident: which assembled event a claim belongs to, and how its figures add up
(hand-built records, no model)."""

from __future__ import annotations

import dataclasses

import pytest

from faultline.claims.fatalities import link_claims
from faultline.records import Claim, Event, Parse, PlaceMention, Sentence, Span
from tests import builders

# A headline (its own paragraph), a lead that reports a strike, a body sentence with no date of
# its own, a sentence about a clash elsewhere, dated, and another with no date.
PARTS = (
    "Air raid kills 17 in the capital",  # 0 (headline)
    "An air strike hit a market in the city on Saturday, killing 17 people.",  # 1
    "The ministry said 17 people were killed and 40 wounded.",  # 2 (no date of its own)
    "In Cauca, soldiers clashed with rebels on Saturday, killing three rebels.",  # 3
    "Residents said 17 people died.",  # 4 (no date of its own)
)
TEXT = "\n\n".join(PARTS)


def _sentences() -> tuple[Sentence, ...]:
    out, start = [], 0
    for n, part in enumerate(PARTS):
        out.append(Sentence(n, start, start + len(part), 0, 0, n))
        start += len(part) + 2
    return tuple(out)


PARSE = Parse(TEXT, (), _sentences(), ())
DATED = frozenset({1, 3})


def at(sentence: int, words: str) -> Span:
    start = TEXT.index(words, PARSE.sentences[sentence].start)
    return Span(start, start + len(words), words)


def claim(count: int, sentence: int, words: str, victims: str | None, **changes: object) -> Claim:
    made = Claim(
        claim_id=f"c-{sentence}-{count}", kind="killed", count=count, count_low=count,
        count_high=count, victims=victims, claimant=None, is_background=False,
        date="2024-03-02", evidence=at(sentence, words), rule="count.exact",
    )  # fmt: skip
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def event(event_id: str, sentence: int, words: str, **changes: object) -> Event:
    fields = dict(
        event_id=event_id, event_date="2024-03-02", sentence=sentence,
        sub_event_type="Air/drone strike", civilian_targeting="Civilian targeting",
        evidence=(at(sentence, words),), location="Khartoum", admin1="Khartoum",
        country_code="SD", latitude=15.55, longitude=32.53,
    )  # fmt: skip
    return builders.event(**(fields | changes))


STRIKE = event("e1", 1, "An air strike hit a market")
HEADLINE = claim(17, 0, "Air raid kills 17", None)
LEAD = claim(17, 1, "killing 17 people", "people")
BODY = claim(17, 2, "17 people were killed", "people")
REBELS = claim(3, 3, "killing three rebels", "rebels")


def linked(claims: list[Claim], events: tuple[Event, ...], **kwargs: object) -> dict[str, tuple]:
    found, _ = link_claims(PARSE, claims, events, dated=DATED, **kwargs)  # type: ignore[arg-type]
    return {c.claim_id: c.event_ids for c in found}


def test_a_toll_with_no_victims_named_fits_any_incident_of_its_sentence() -> None:
    soldiers = claim(17, 1, "killing 17 people", None)
    battle = dataclasses.replace(STRIKE, sub_event_type="Armed clash", civilian_targeting=None)
    assert linked([soldiers], (battle,)) == {soldiers.claim_id: ("e1",)}


def test_a_restated_toll_goes_to_the_incident_of_the_first_telling_and_is_not_added() -> None:
    other = event("e2", 3, "soldiers clashed")  # reported last before the restatement
    again = claim(17, 4, "17 people died", "people")
    found, events = link_claims(PARSE, [LEAD, BODY, again], (STRIKE, other), dated=DATED)
    assert [c.event_ids for c in found] == [("e1",), ("e1",), ("e1",)]
    assert [e.fatalities for e in events] == [17, 0]


def test_the_headline_toll_counts_for_the_incident_the_article_leads_with() -> None:
    later = event("e2", 3, "soldiers clashed", latitude=15.6)
    headline = claim(12, 0, "Air raid kills 17", None)  # restating no figure of the body
    assert linked([headline], (later, STRIKE))[headline.claim_id] == ("e1",)


def test_a_sentence_with_no_date_of_its_own_tells_the_toll_of_the_incident_before_it() -> None:
    wounded = claim(40, 2, "40 wounded", None, kind="injured")
    later = event("e2", 3, "soldiers clashed")  # reported after the claim
    assert linked([wounded], (STRIKE, later))[wounded.claim_id] == ("e1",)


def test_a_toll_whose_sentence_names_another_place_does_not_go_to_the_days_incident() -> None:
    cauca = PlaceMention(
        text="Cauca", start=at(3, "Cauca").start, end=at(3, "Cauca").end, name="Cauca",
        geonameid=1, latitude=2.4, longitude=-76.8, country_code="CO", admin1="Cauca",
        feature="admin1", resolved=True,
    )  # fmt: skip
    battle = dataclasses.replace(STRIKE, civilian_targeting=None)
    assert linked([REBELS], (battle,), places=(cauca,))[REBELS.claim_id] == ()
    assert linked([REBELS], (battle,))[REBELS.claim_id] == ("e1",)  # no place named: its day's


@pytest.mark.parametrize("sub", ["Arrests", "Peaceful protest"])
def test_an_incident_without_fatalities_of_its_own_takes_a_toll_only_when_nothing_else_does(
    sub: str,
) -> None:
    calm = event("e2", 1, "hit a market in the city", sub_event_type=sub, civilian_targeting=None)
    assert linked([LEAD], (STRIKE, calm))[LEAD.claim_id] == ("e1",)
    assert linked([LEAD], (calm,))[LEAD.claim_id] == ("e2",)


def test_background_tolls_link_to_nothing() -> None:
    earlier = claim(600, 1, "killing 17 people", "people", is_background=True)
    assert linked([earlier], (STRIKE,))[earlier.claim_id] == ()


def fatalities(claims: list[Claim]) -> int | None:
    _, (incident,) = link_claims(PARSE, claims, (STRIKE,), dated=DATED)
    return incident.fatalities


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # the headline's toll with no victims, then the lead's: one toll, not 34
        ([(17, None, "exact", 0), (17, "civilians", "exact", 1)], 17),
        # the whole toll beside its parts: "kills 9", "nine volunteers and four soldiers died"
        ([(9, None, "exact", 0), (9, "volunteers", "exact", 1), (4, "soldiers", "exact", 1)], 13),
        # a vague toll for both sides gives way to each side's figure
        ([(20, None, "vague.scores", 0), (20, "soldiers", "vague.scores", 1),
          (105, "Armenian soldiers", "exact", 2), (50, "Azerbaijani servicemen", "exact", 3)],
         155),
        # "no word on casualties" gives way to a figure
        ([(0, None, "casualties_unspecified", 0), (3, "members", "exact", 1)], 3),
        ([(0, None, "casualties_unspecified", 0)], 0),
        # "Three men died. One of the men who died was ...", "A seventh person died": told already
        ([(3, "men", "exact", 0), (1, "men", "exact+part", 1)], 3),
        ([(1, "policeman", "exact", 0), (8, "gunmen", "exact", 0), (1, "seventh person",
          "ordinal_victim", 1)], 9),
        # "one of these was killed" after two named victims
        ([(2, "people", "exact", 0), (1, "these", "exact", 1)], 2),
    ],
)  # fmt: skip
def test_one_toll_per_incident(figures: list[tuple], expected: int) -> None:
    sides = {"Armenian soldiers": "AM", "Azerbaijani servicemen": "AZ"}
    start = PARSE.sentences[1].start
    claims = [  # each figure in its clause (figures of one clause for different victims add up)
        claim(count, 1, "killing 17 people", victims, rule=f"count.{rule}", claim_id=f"c{n}",
              victim_side=sides.get(victims or ""),
              evidence=Span(start + clause, start + 20, TEXT[start + clause : start + 20]))
        for n, (count, victims, rule, clause) in enumerate(figures)
    ]  # fmt: skip
    assert fatalities(claims) == expected


def test_victims_choose_among_incidents_and_a_battle_never_targets_civilians() -> None:
    militants = claim(2, 1, "killing 17 people", "militants")
    battle = event("e2", 1, "hit a market", sub_event_type="Armed clash", event_type="Battles",
                   civilian_targeting=None)  # fmt: skip
    assert linked([militants], (STRIKE, battle))[militants.claim_id] == ("e2",)
    tagged = dataclasses.replace(battle, civilian_targeting="Civilian targeting")
    assert linked([militants], (STRIKE, tagged))[militants.claim_id] == ("e2",)
    own = claim(6, 1, "killing 17 people", "our men")  # a police chief's "six of our men"
    assert linked([own], (STRIKE, battle))[own.claim_id] == ("e2",)


def test_a_toll_after_the_report_of_one_incident_is_its_toll_whatever_the_victims() -> None:
    prisoners = claim(9, 2, "17 people were killed", "prisoners")
    later = event("e2", 3, "soldiers clashed")  # reported after the toll
    assert linked([prisoners], (STRIKE, later))[prisoners.claim_id] == ("e1",)


def test_copies_of_one_report_at_nested_places_take_the_toll_once() -> None:
    """ "five militants were killed in a firefight in Bulan, Sorsogon", made at the town and at
    its province: the town takes the toll whole; two villages of one raid share it."""
    town = event("e1", 1, "An air strike hit a market", location="Bulan", admin1="Sorsogon")
    province = event("e2", 1, "An air strike hit a market", location="Sorsogon",
                     admin1="Sorsogon", geo_precision=3)  # fmt: skip
    _, events = link_claims(PARSE, [LEAD], (town, province), dated=DATED)
    assert [e.fatalities for e in events] == [17, 0]
    village = event("e3", 1, "An air strike hit a market", location="Kwatas", latitude=9.3)
    _, events = link_claims(PARSE, [LEAD], (town, village), dated=DATED)
    assert [e.fatalities for e in events] == [9, 8]


def test_a_notes_only_incident_takes_a_toll_no_strategy_placed() -> None:
    looting = event(
        "e1", 1, "hit a market in the city", sub_event_type="Looting/property destruction"
    )
    closing = claim(1, 2, "17 people were killed", None, date=None)
    assert linked([closing], (looting,))[closing.claim_id] == ("e1",)
