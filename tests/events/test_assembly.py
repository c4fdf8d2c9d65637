"""Article assembly: the reports of one incident become one event (hand-built reports)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.dates import resolve_dates
from faultline.events.assembly import assemble, own_dates
from faultline.records import Quote, Span
from tests.builders import event

STRIKE = event(
    event_id="a-e2",
    event_date="2023-06-17",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    actor1="Military Forces of Sudan (2019-)",
    actor2="Civilians (Sudan)",
    country="Sudan",
    country_code="SD",
    admin1="Khartoum",
    location="Khartoum",
    latitude=15.55,
    longitude=32.53,
    geo_precision=1,
    evidence=(Span(100, 150, "The bombing hit the Yarmouk neighbourhood on Saturday"),),
    place_start=120,
    sentence=2,
)
HEADLINE = event(  # "Air raid kills 17 in Sudan", dated by the publication day
    event_id="a-e1",
    event_date="2023-06-18",
    event_type="Violence against civilians",
    sub_event_type="Attack",
    actor1="Unidentified Armed Group (Sudan)",
    actor2="Civilians (Sudan)",
    country="Sudan",
    country_code="SD",
    admin1=None,
    location="Sudan",
    latitude=15.0,
    longitude=30.0,
    geo_precision=3,
    evidence=(Span(0, 26, "Air raid kills 17 in Sudan"),),
    place_start=20,
    sentence=0,
)
KILLING = event(  # "..., killing 17 people": the toll clause typed as an attack of its own
    event_id="a-e3",
    event_date="2023-06-17",
    event_type="Violence against civilians",
    sub_event_type="Attack",
    actor1=None,
    actor2="Civilians (Sudan)",
    country="Sudan",
    country_code="SD",
    admin1="Khartoum",
    location="Khartoum",
    latitude=15.56,
    longitude=32.52,
    geo_precision=2,
    evidence=(Span(160, 190, "killing 17 people"),),
    place_start=170,
    sentence=2,
)
DATED = frozenset({2})


def test_headline_body_and_killing_clause_are_one_incident():
    (one,), problems = assemble((HEADLINE, STRIKE, KILLING), DATED)
    assert problems == ()
    assert one.event_id == "a-e1"  # the first report's id
    assert (one.sub_event_type, one.location, one.event_date) == (
        "Air/drone strike",
        "Khartoum",
        "2023-06-17",
    )
    assert one.actor1 == "Military Forces of Sudan (2019-)"  # named beats unidentified
    assert len(one.evidence) == 3  # every report kept as evidence


def test_a_country_level_report_beside_a_placed_incident_is_a_statement_not_an_event():
    elsewhere = replace(HEADLINE, event_id="a-e4", event_date="2023-06-10", sentence=5)
    events, (problem,) = assemble((STRIKE, elsewhere), DATED | {5})
    assert events == (STRIKE,)
    assert problem.code == "events.country-level" and problem.start == 0


def test_an_article_whose_only_incident_is_country_level_keeps_it_with_a_problem():
    events, (problem,) = assemble((HEADLINE,), DATED)
    assert events == (HEADLINE,) and problem.code == "events.country-level"


def test_two_named_places_are_two_events_even_when_near():
    village = replace(STRIKE, event_id="a-e4", location="Bahri", latitude=15.64, place_start=300)
    events, _ = assemble((STRIKE, village), DATED)
    assert len(events) == 2


def test_two_named_perpetrators_are_two_incidents():
    other = replace(STRIKE, event_id="a-e5", actor1="Rapid Support Forces", place_start=400)
    events, _ = assemble((STRIKE, other), DATED)
    assert len(events) == 2


def test_protest_and_strike_do_not_merge():
    march = replace(
        STRIKE, event_id="a-e6", event_type="Protests", sub_event_type="Peaceful protest",
        actor1="Protesters (Sudan)", actor2=None,
    )  # fmt: skip
    assert len(assemble((STRIKE, march), DATED)[0]) == 2


def test_complete_linkage_does_not_chain_two_incidents_through_a_vague_report():
    # a province-level summary fits both strikes; the two strikes are apart (two named places)
    summary = replace(HEADLINE, event_id="a-e7", admin1="Khartoum", location="Khartoum State")
    bahri = replace(STRIKE, event_id="a-e8", location="Bahri", latitude=15.64, place_start=300)
    events, _ = assemble((summary, STRIKE, bahri), DATED)
    assert len(events) == 2
    assert sum(len(e.evidence) for e in events) == 3


def test_dates_written_far_apart_are_two_incidents():
    later = replace(STRIKE, event_id="a-e9", event_date="2023-06-10", place_start=500, sentence=3)
    assert len(assemble((STRIKE, later), DATED | {3})[0]) == 2


@settings(max_examples=30, deadline=None)
@given(st.permutations([HEADLINE, STRIKE, KILLING]))
def test_the_result_does_not_depend_on_the_order_of_reports(reports):
    assert assemble(tuple(reports), DATED) == assemble((HEADLINE, STRIKE, KILLING), DATED)


def test_an_incident_dated_weeks_before_publication_is_background():
    old = replace(STRIKE, event_date="2023-05-20")
    events, (problem,) = assemble((old,), DATED, published=dt.date(2023, 6, 18))
    assert events == () and problem.code == "events.background"
    assert assemble((STRIKE,), DATED, published=dt.date(2023, 6, 18))[0] == (STRIKE,)


def test_talk_inside_a_quote_with_no_place_of_its_own_is_not_an_event():
    talk = replace(KILLING, geo_precision=3, location="Khartoum State", admin1="Khartoum")
    quote = Quote(speaker="the mayor", speaker_role=None, text="x" * 40, start=150, end=200,
                  is_direct=True)  # fmt: skip
    events, (problem,) = assemble((talk,), DATED, quotes=(quote,))
    assert events == () and problem.code == "events.talk"


@pytest.mark.model
def test_a_dateline_date_and_a_date_of_saying_are_not_the_event_s_own(parse_text):
    text = (
        "ABUJA, Jan. 27 (Xinhua) -- Gunmen killed 14 people in a village, police said on Monday."
        "\n\nThe attack took place late on Sunday in Bokkos."
    )
    parse = parse_text(text)
    timeline = resolve_dates(parse, published=dt.date(2020, 1, 27))
    assert own_dates(parse, timeline) == frozenset({1})
