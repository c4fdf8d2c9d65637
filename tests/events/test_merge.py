"""Within-article merge on hand-built events."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.events.merge import distance_km, merge_events
from faultline.records import Event, Span
from tests.builders import event


def make_event(n: int, **changes) -> Event:
    base = event(
        event_id=f"art-e{n}",
        event_date="2024-03-02",
        admin1="Kharkiv",
        location="Kupiansk",
        latitude=49.71,
        longitude=37.61,
        geo_precision=1,
        evidence=(Span(10 * n, 10 * n + 5, "shell"),),
        confidence=0.7,
        place_start=100 * n,
    )
    return dataclasses.replace(base, **changes)


def test_two_mentions_of_one_shelling_become_one_event():
    a = make_event(1, claim_ids=("art-c1",), fatalities=2, fatalities_low=2, fatalities_high=2)
    b = make_event(
        2,
        claim_ids=("art-c2",),
        fatalities=3,
        fatalities_low=3,
        fatalities_high=4,
        confidence=0.9,
        claimant="a local official",
    )
    (merged,) = merge_events((b, a))
    assert merged.event_id == "art-e1"
    assert merged.claim_ids == ("art-c1", "art-c2")
    assert merged.evidence == a.evidence + b.evidence
    assert merged.confidence == 0.9
    assert (merged.fatalities, merged.fatalities_low, merged.fatalities_high) == (3, 2, 4)
    assert merged.claimant == "Ukraine's General Staff; a local official"


def test_places_within_25_km_merge_and_farther_ones_do_not():
    near = make_event(2, location="Kupiansk-Vuzlovyi", latitude=49.65, longitude=37.68)
    far = make_event(3, location="Izium", latitude=49.21, longitude=37.26)
    assert distance_km(49.71, 37.61, 49.65, 37.68) < 25
    assert [e.event_id for e in merge_events((make_event(1), near, far))] == ["art-e1", "art-e3"]


def test_same_geonameid_place_mention_merges_even_without_coordinates():
    a = make_event(1, latitude=None, longitude=None, place_start=5)
    b = make_event(2, latitude=None, longitude=None, place_start=5)
    assert len(merge_events((a, b))) == 1


def test_a_day_apart_merges_only_when_a_date_is_imprecise():
    exact = make_event(2, event_date="2024-03-03")
    fuzzy = make_event(3, event_date="2024-03-03", time_precision=2)
    assert len(merge_events((make_event(1), exact))) == 2
    assert len(merge_events((make_event(1), fuzzy))) == 1
    assert (
        len(merge_events((make_event(1), make_event(4, event_date="2024-03-05", time_precision=2))))
        == 2
    )


def test_different_type_or_incompatible_actors_stay_apart():
    clash = make_event(2, event_type="Battles", sub_event_type="Armed clash")
    other_side = make_event(
        3, actor1="Military Forces of Ukraine (2019-)", actor2="Military Forces of Russia (2000-)"
    )
    assert len(merge_events((make_event(1), clash, other_side))) == 3


def test_an_unknown_actor_is_compatible_and_gets_filled():
    unknown = make_event(1, actor1=None, inter1=None, interaction=None)
    (merged,) = merge_events((unknown, make_event(2)))
    assert merged.actor1 == "Military Forces of Russia (2000-)"
    assert merged.interaction == 18


def test_ids_order_numerically():
    events = tuple(
        make_event(n, location=f"place {n}", latitude=None, longitude=None) for n in (10, 2, 1)
    )
    assert [e.event_id for e in merge_events(events)] == ["art-e1", "art-e2", "art-e10"]


event_strategy = st.builds(
    lambda n, day, lat, kind, actor: make_event(
        n,
        event_date=f"2024-03-0{day}",
        latitude=lat,
        place_start=None,
        location=f"loc{lat}",
        event_type=kind,
        actor1=actor,
    ),
    st.integers(1, 30),
    st.integers(1, 4),
    st.sampled_from([49.70, 49.72, 49.9, 50.5]),
    st.sampled_from(["Battles", "Explosions/Remote violence"]),
    st.sampled_from(
        [None, "Military Forces of Russia (2000-)", "Unidentified Armed Group (Ukraine)"]
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(event_strategy, max_size=8, unique_by=lambda e: e.event_id), st.randoms())
def test_merging_is_order_independent(events, random):
    shuffled = list(events)
    random.shuffle(shuffled)
    assert set(merge_events(tuple(events))) == set(merge_events(tuple(shuffled)))
    assert len(merge_events(tuple(events))) <= len(events)


def _country_level(n: int, **changes) -> Event:
    vague = dict(location="Ukraine", country="Ukraine", admin1=None, latitude=49.0, longitude=32.0,
                 geo_precision=3, place_start=None)  # fmt: skip
    return make_event(n, **{**vague, **changes})


def test_a_country_level_report_folds_into_the_precise_event_inside_it():
    vague = _country_level(1, actor2=None, inter2=None)
    precise = make_event(2)
    (merged,) = merge_events((vague, precise))
    assert merged.event_id == "art-e1" and merged.location == "Kupiansk"
    assert merged.geo_precision == 1 and len(merged.evidence) == 2


def test_shelling_within_a_ground_battle_folds_into_one_battle():
    vague = _country_level(1)
    battle = make_event(2, event_type="Battles", sub_event_type="Armed clash")
    (merged,) = merge_events((vague, battle))
    assert (merged.event_type, merged.sub_event_type) == ("Battles", "Armed clash")


def test_a_vague_report_folds_into_one_precise_event_only():
    vague = _country_level(1)
    a, b = make_event(2), make_event(3, location="Izium", latitude=49.21, longitude=37.26)
    merged = merge_events((vague, a, b))
    assert [e.location for e in merged] == ["Kupiansk", "Izium"]


def test_a_vague_report_of_another_country_or_other_actors_stays_apart():
    elsewhere = _country_level(1, location="Russia", country="Russia", country_code="RU")
    others = _country_level(2, actor1="Military Forces of Belarus (1994-)")
    assert len(merge_events((elsewhere, others, make_event(3)))) == 3


def test_an_unidentified_side_is_compatible_with_the_named_group():
    vague = _country_level(1, actor1="Unidentified Armed Group (Ukraine)", inter1=3, actor2=None)
    (merged,) = merge_events((vague, make_event(2)))
    assert merged.actor1 == "Military Forces of Russia (2000-)"


def test_a_protest_takes_its_gravest_sub_type():
    protest = dict(event_type="Protests", actor1="Protesters (Kenya)", actor2=None)
    a = make_event(1, sub_event_type="Peaceful protest", **protest)
    b = make_event(2, sub_event_type="Excessive force against protesters", **protest)
    (merged,) = merge_events((a, b))
    assert merged.sub_event_type == "Excessive force against protesters"


def test_another_sub_type_at_an_unknown_place_is_another_event():
    protest = dict(event_type="Protests", actor1="Protesters (Kenya)", actor2=None)
    a = make_event(1, sub_event_type="Protest with intervention", **protest)
    b = make_event(2, sub_event_type="Excessive force against protesters",
                   rule="protest:x:unresolved-place", **protest)  # fmt: skip
    assert len(merge_events((a, b))) == 2
