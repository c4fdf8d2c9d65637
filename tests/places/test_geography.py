"""Disambiguation that respects the article's geography: a container written in the text, the
article's countries, and short tokens that are no places; hand-built parses."""

from __future__ import annotations

import pytest

from faultline.gazetteer import InMemoryGazetteer
from faultline.places.mentions import find_places
from faultline.places.rank import Name, inside, plausible
from faultline.places.signals import Context, score
from faultline.places.window import CONTAINER_GAP
from faultline.records import Candidate

from .test_mentions import make_parse, place

CANDIDATES = [
    place("Pakistan", "PK", "country", 220_000_000, lat=30.0, lon=70.0),
    place("Khyber Pakhtunkhwa", "PK", "admin1", 35_000_000, "Khyber Pakhtunkhwa", 34.5, 72.0),
    place("Punjab", "PK", "admin1", 110_000_000, "Punjab", 31.0, 72.5),
    place("Santa Fe", "AR", "city", 391_000, "Santa Fe", -31.6, -60.7),
    place("Santa Fe", "US", "city", 84_000, "New Mexico", 35.7, -105.9),
    place("New Mexico", "US", "admin1", 2_100_000, "New Mexico", 34.5, -106.0),
    place("Mirpur", "PK", "city", 40_000, "Punjab", 33.1, 73.1),
    place("Mirpur", "PK", "city", 9_000, "Khyber Pakhtunkhwa", 34.1, 71.6),
    place("Mirpur", "BD", "city", 1_000_000, "Dhaka", 23.8, 90.35),
    place("Louisiana", "US", "admin1", 4_600_000, "Louisiana", 31.0, -92.0),
    place("Kafr", "EG", "city", 120_000, "Beheira", 31.0, 30.5),
]
GAZETTEER = InMemoryGazetteer(CANDIDATES, aliases={"La.": "Louisiana", "La": "Louisiana"})


def resolved(text: str, mention: str, entities: dict[str, str] | None = None):
    found = [m for m in find_places(make_parse(text, entities), gazetteer=GAZETTEER)]
    return next((m for m in found if m.text == mention), None)


@pytest.mark.parametrize(
    ("between", "container"),
    [
        (",", True),
        ("in", True),
        ("in central", True),
        (", in", True),
        (", in the", True),
        (", a village in northern", True),
        ("in the province of", True),
        (", the capital of", True),
        ("and", False),
        (", near", False),
        ("of", False),
        ("to", False),
    ],
)
def test_container_gap(between, container):
    spaced = "".join(f" {w}" for w in between.split())
    assert bool(CONTAINER_GAP.match(spaced)) is container


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed two men in Mirpur, in Khyber Pakhtunkhwa province.",
        "Gunmen killed two men in Mirpur in Khyber Pakhtunkhwa.",
        "Gunmen killed two men in Mirpur, a village in northern Khyber Pakhtunkhwa.",
    ],
)
def test_a_container_written_in_the_text_beats_larger_namesakes(text):
    """Bangladesh's Mirpur is a city of a million and Punjab's is larger than the one meant."""
    mention = resolved(text, "Mirpur")
    assert (mention.country_code, mention.admin1) == ("PK", "Khyber Pakhtunkhwa")


def test_inside_prefers_the_containing_province():
    mirpurs = [c for c in CANDIDATES if c.name == "Mirpur"]
    kp = CANDIDATES[1]
    assert [c.admin1 for c in inside(mirpurs, kp)] == ["Khyber Pakhtunkhwa"]
    assert {c.country_code for c in inside(mirpurs, CANDIDATES[0])} == {"PK"}


def test_a_namesake_in_a_country_the_article_never_mentions_is_foreign():
    ctx = Context(key="santa fe", named_countries=frozenset({"US"}))
    weights = {"foreign": -2.0}
    argentina, us = CANDIDATES[3], CANDIDATES[4]
    assert score(argentina, ctx, weights) == -2.0
    assert score(us, ctx, weights) == 0.0
    assert score(argentina, Context(key="santa fe"), weights) == 0.0  # no context: no penalty


@pytest.mark.parametrize(
    ("key", "kept"),
    [("La", []), ("La.", ["Louisiana"]), ("LA", ["Louisiana"])],
)
def test_a_short_word_without_its_dot_is_no_abbreviation(key, kept):
    louisiana = [c for c in CANDIDATES if c.name == "Louisiana"]
    assert [c.name for c in plausible(Name(key), louisiana)] == kept


def test_two_letter_words_are_not_places_on_their_own():
    assert resolved("Fighters entered La Xantera on Monday.", "La") is None


def test_the_first_word_of_an_unknown_multiword_name_is_not_a_place():
    assert resolved("Fighters shelled Kafr Nabl on Monday.", "Kafr") is None
    assert resolved("Fighters shelled Kafr on Monday.", "Kafr") is not None


@pytest.mark.parametrize(
    ("between", "container"),
    [(" (", True), (" village, ", True), (" area of ", True), (" town (", True),
     (" in the southern countryside of ", True), (" of ", False), (" and ", False)],
)  # fmt: skip
def test_container_gap_as_written(between, container):
    from faultline.places.window import container_gap

    assert container_gap(between) is container


def test_a_city_named_like_its_province_is_written_for_the_province():
    """ "Mirpur, Peshawar": the Mirpur of Peshawar's province (a city named like it)."""
    from faultline.places.rank import in_seat_province

    mirpurs = [c for c in CANDIDATES if c.name == "Mirpur" and c.country_code == "PK"]
    seat = place("Khyber Pakhtunkhwa", "PK", "city", 2_000_000, "Khyber Pakhtunkhwa", 34.0, 71.5)
    london = place("London", "GB", "city", 9_000_000, "England", 51.5, -0.1)
    assert [c.admin1 for c in in_seat_province(mirpurs, seat)] == ["Khyber Pakhtunkhwa"]
    assert in_seat_province(mirpurs, london) == mirpurs  # no province's namesake: a list
    dhaka = place("Dhaka", "BD", "city", 10_000_000, "Dhaka", 23.8, 90.4)
    every = [c for c in CANDIDATES if c.name == "Mirpur"]
    assert in_seat_province(every, dhaka) == every  # a city of a million may be a list's peer


def test_a_container_keeps_its_own_choice_when_the_contained_name_misleads_it():
    """Bara alone is Nigeria's; "Idleb" (an alternate name of Idlib) would then be dropped as an
    alternate name abroad, and with it the container that puts Bara in Syria."""
    gazetteer = InMemoryGazetteer(
        [
            place("Bara", "NG", "city", 11_000, "Gombe", 10.4, 10.7),
            place("Bara", "SY", "village", 0, "Idlib", 35.7, 36.5),
            place("Idlib", "SY", "city", 128_000, "Idlib", 35.9, 36.6),
        ],
        aliases={"Idleb": "Idlib"},
    )
    parse = make_parse("Regime forces shelled Bara in the southern countryside of Idleb.")
    found = {m.text: m for m in find_places(parse, gazetteer=gazetteer)}
    assert (found["Bara"].country_code, found["Idleb"].name) == ("SY", "Idlib")


def test_a_province_seat_container_leaves_a_namesake_abroad_unresolved():
    from faultline.places.rank import in_seat_province

    idlib = place("Idlib", "SY", "city", 128_000, "Idlib", 35.9, 36.6)
    bara = [place("Bara", "NG", "city", 11_000, "Gombe", 10.4, 10.7)]
    assert in_seat_province(bara, idlib) == []


def test_pro_and_anti_demonyms_name_their_country():
    gazetteer = InMemoryGazetteer(
        [place("Ukraine", "UA", "country", 44_000_000), place("Odesa", "UA", "city", 1_000_000)],
        demonyms={"Ukrainian": "UA"},
    )
    parse = make_parse("Pro-Ukrainian activists marched in Odesa.", {"Pro-Ukrainian": "NORP"})
    roles = [(m.text, m.role, m.country_code) for m in find_places(parse, gazetteer=gazetteer)]
    assert ("Pro-Ukrainian", "demonym", "UA") in roles


def test_a_place_acled_coded_beats_a_small_namesake_the_article_does_not_point_to():
    from faultline.places.rank import prefer_conflict_sites

    front = Candidate(None, "Lozove", 48.3, 37.9, "UA", "Donetsk", None, "village", 0, "acled")
    far = place("Lozove", "UA", "city", 1_500, "Khmelnytskyi", 49.3, 27.2)
    big = place("Lozove", "UA", "city", 50_000, "Kharkiv", 49.8, 36.3)
    ctx = Context(key="lozove")
    assert prefer_conflict_sites([front, far, big], ctx) == [front, big]
    pointed = Context(key="lozove", admin1_shares={("UA", "Khmelnytskyi"): 1.0})
    assert prefer_conflict_sites([front, far], pointed) == [front, far]
    assert prefer_conflict_sites([far, big], ctx) == [far, big]  # no ACLED place: nothing dropped
