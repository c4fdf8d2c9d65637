"""Event place choice: the most specific place the clause names, not the container the text
writes after it; hand-built mentions."""

from __future__ import annotations

import dataclasses

import pytest

from faultline.events.containers import holds, without_containers
from faultline.records import PlaceMention


def mention(text: str, written: str, feature: str, code: str, admin1: str | None,
            name: str | None = None, resolved: bool = True) -> PlaceMention:  # fmt: skip
    start = text.index(written)
    return PlaceMention(
        written, start, start + len(written), name or written, None, 0.0, 0.0,
        code if resolved else None, admin1, feature if resolved else None, resolved,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "town", "container", "feature"),
    [
        ("fired mortars near Kamianka, Donetsk.", "Kamianka", "Donetsk", "city"),
        ("in Sao Jose, Santa Catarina, police arrested two", "Sao Jose", "Santa Catarina",
         "admin1"),
        ("attacked Karakai (Zamfara) to rustle cows", "Karakai", "Zamfara", "admin1"),
        ("in Mirpur, in Punjab province, gunmen", "Mirpur", "Punjab", "admin1"),
        ("shelled Kinda village in central Idlib", "Kinda", "Idlib", "admin1"),
    ],
)  # fmt: skip
def test_the_container_written_after_a_place_is_not_a_place_of_its_own(
    text, town, container, feature
):
    inner = mention(text, town, "village", "XX", container)
    outer = mention(text, container, feature, "XX", container)
    assert holds(text, inner, outer)
    assert without_containers(text, [inner, outer]) == [inner]


@pytest.mark.parametrize(
    "text",
    [
        "clashes in Kamianka, Avdiivka and Opytne",  # a list of towns of one province
        "clashes in Kamianka and Donetsk",  # two places
        "clashes in Donetsk near Kamianka",  # the province first
    ],
)
def test_a_list_or_another_order_keeps_both_places(text):
    first, second = sorted(
        [w for w in ("Kamianka", "Avdiivka", "Donetsk") if w in text], key=text.index
    )[:2]
    places = [
        mention(text, first, "village", "UA", "Donetsk"),
        mention(text, second, "city" if second == "Donetsk" else "village", "UA", "Donetsk"),
    ]
    assert without_containers(text, places) == places


def test_a_container_in_another_country_or_province_is_not_one():
    text = "near Lozove, Donetsk."
    outer = mention(text, "Donetsk", "admin1", "UA", "Donetsk")
    elsewhere = mention(text, "Lozove", "village", "UA", "Khmelnytskyi")
    abroad = dataclasses.replace(elsewhere, country_code="RU", admin1="Donetsk")
    assert not holds(text, elsewhere, outer)
    assert not holds(text, abroad, outer)


def test_an_unresolved_place_keeps_its_container_as_the_event_place():
    text = "regime forces shelled Kinda in Idleb."
    unknown = mention(text, "Kinda", "village", "SY", None, resolved=False)
    idlib = mention(text, "Idleb", "city", "SY", "Idlib", name="Idlib")
    assert without_containers(text, [unknown, idlib]) == [unknown, idlib]


@pytest.mark.parametrize(
    ("text", "outer", "feature", "precision"),
    [
        ("shelled Shewan area of Bala Buluk district, Farah", "Bala Buluk", "admin2", 2),
        ("attacked Karakai (Zamfara) to rustle cows", "Zamfara", "admin1", 3),
        ("attacked Karakai near Gusau", "Gusau", "city", None),  # "near" is no container
    ],
)
def test_an_unknown_place_is_coded_to_the_container_written_after_it(
    text, outer, feature, precision
):
    from faultline.events.containers import written_container

    unknown = mention(text, text.split()[1], "village", "XX", None, resolved=False)
    container = mention(text, outer, feature, "XX", outer)
    where = written_container(text, [unknown], (unknown, container))
    assert (where.precision if where else None) == precision


def test_a_container_written_after_another_container_is_not_a_place_of_its_own():
    text = "fired at Hays district in western Yemen (Al Hudaydah) on Monday"
    hays = mention(text, "Hays district", "admin2", "YE", "Al Hudaydah")
    yemen = mention(text, "Yemen", "country", "YE", None)
    province = mention(text, "Al Hudaydah", "city", "YE", "Al Hudaydah")
    assert without_containers(text, [hays, yemen, province]) == [hays]


def test_a_place_named_in_an_organisation_gives_way_to_the_clause_s_other_place():
    from faultline.events.location import organisation_named

    text = "dock workers of the Maritime Workers Union demonstrated in Port Harcourt"
    union = dataclasses.replace(
        mention(text, "Maritime", "admin1", "TG", "Maritime"), rule="ner:ORG-prefix"
    )
    town = mention(text, "Port Harcourt", "city", "NG", "Rivers")
    assert organisation_named(union) and not organisation_named(town)
