"""Names the small model cuts, glues or mislabels, and words that make a name no place: hand-built
parses and an in-memory gazetteer."""

from __future__ import annotations

import pytest

from faultline.gazetteer import InMemoryGazetteer
from faultline.places.mentions import find_places

from .test_mentions import make_parse, place

CANDIDATES = [
    place("Boa Vista", "BR", "city", 420_000, "Roraima", 2.8, -60.7),
    place("Roraima", "BR", "admin1", 600_000, "Roraima", 2.0, -61.3),
    place("Santa Cruz de la Sierra", "BO", "city", 1_800_000, "Santa Cruz", -17.8, -63.2),
    place("Santa Cruz", "BO", "admin1", 3_000_000, "Santa Cruz", -17.0, -62.0),
    place("Posadas", "AR", "city", 305_000, "Misiones", -27.4, -55.9),
    place("Turabah", "SA", "city", 23_000, "Makkah", 21.2, 41.6),
    place("Nis", "RS", "city", 250_000, "Nisava", 43.3, 21.9),
    place("Serbia", "RS", "country", 7_000_000, lat=44.0, lon=21.0),
    place("United States", "US", "country", 330_000_000, lat=39.8, lon=-98.6),
    place("Lebanon", "LB", "country", 6_800_000, lat=33.9, lon=35.9),
    place("Bank", "IN", "city", 5_000, "Madhya Pradesh", 23.0, 77.0),
    place("Beirut", "LB", "city", 1_900_000, "Beirut", 33.9, 35.5),
    place("Mato Grosso", "BR", "admin1", 3_500_000, "Mato Grosso", -13.0, -56.0),
    place("Mato Grosso do Sul", "BR", "admin1", 2_800_000, "Mato Grosso do Sul", -20.5, -54.5),
]
GAZETTEER = InMemoryGazetteer(CANDIDATES, aliases={"Ramadan": "Turabah", "US": "United States"})


def names(text: str, entities: dict[str, str]) -> list[tuple[str, str | None]]:
    found = find_places(make_parse(text, entities), gazetteer=GAZETTEER)
    return [(m.text, m.name) for m in found]


def test_a_place_cut_in_two_entities_is_joined():
    text = "In Boa Vista, Roraima, relatives protested."
    assert names(text, {"Boa": "GPE", "Vista": "GPE", "Roraima": "GPE"}) == [
        ("Boa Vista", "Boa Vista"), ("Roraima", "Roraima"),
    ]  # fmt: skip


def test_an_entity_cut_short_is_extended_over_the_rest_of_the_name():
    text = "In Santa Cruz de la Sierra, Santa Cruz, nurses protested."
    got = names(text, {"Santa Cruz de la": "GPE"})
    assert ("Santa Cruz de la Sierra", "Santa Cruz de la Sierra") in got


def test_a_known_name_is_extended_to_the_longer_name_it_begins():
    text = "In Campo Grande, Mato Grosso do Sul, police seized drugs."
    got = names(text, {"Mato Grosso": "PERSON"})
    assert ("Mato Grosso do Sul", "Mato Grosso do Sul") in got


def test_a_place_glued_to_its_country_by_a_comma_is_split():
    text = "Workers protested in Nis, Serbia, on Monday."
    assert names(text, {"Nis, Serbia": "GPE"}) == [("Nis", "Nis"), ("Serbia", "Serbia")]


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        ("Protests in Posadas on Monday.", {"Posadas": "DATE"}, [("Posadas", "Posadas")]),
        ("Shops close early in Ramadan.", {"Ramadan": "DATE"}, []),  # an alternate name only
    ],
)  # fmt: skip
def test_a_large_place_tagged_as_a_date_or_product_is_still_read(text, entities, expected):
    assert names(text, entities) == expected


def test_a_country_named_in_a_currency_is_no_place():
    text = "Protesters against the US dollar exchange rate blocked roads in Lebanon."
    assert names(text, {"US": "GPE", "Lebanon": "GPE"}) == [("Lebanon", "Lebanon")]


def test_a_name_is_not_read_as_a_direction_and_an_english_word():
    """ "Central Bank" is no part of a town called Bank; "northern Lebanon" is Lebanon."""
    text = "Protesters gathered outside the Central Bank in Beirut."
    got = names(text, {"the Central Bank": "ORG", "Beirut": "GPE"})
    assert got == [("Beirut", "Beirut")]
    text = "Protesters gathered in northern Lebanon."
    assert names(text, {"northern Lebanon": "GPE"}) == [("northern Lebanon", "Lebanon")]


def test_a_place_glued_to_its_bracket_is_split():
    text = "In Posadas (Misiones), doctors protested."
    got = names(text, {"Posadas (Misiones": "WORK_OF_ART"})
    assert ("Posadas", "Posadas") in got
