"""Actor naming: the packaged dictionary, ACLED's formula names, and the phrase rules."""

from __future__ import annotations

import re

import pytest

from faultline.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    Country,
    load_actors,
)
from faultline.taxonomy import interaction


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actors()


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 1, 11), (1, 7, 17), (7, 1, 17), (6, None, 60), (6, 0, 60), (1, 8, 18), (None, 7, None)],
)
def test_interaction_puts_the_lower_code_first(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("phrase", "where", "name", "inter"),
    [
        ("Ukrainian forces", "UA", "Military Forces of Ukraine (2019-)", 1),
        ("the Russian army", "UA", "Military Forces of Russia (2000-)", 8),
        ("Kenyan police officers", "KE", "Police Forces of Kenya (2013-)", 1),
        ("the police", "KE", "Police Forces of Kenya (2013-)", 1),
        ("soldiers", "SO", "Military Forces of Somalia (2022-)", 1),
        ("villagers", "NG", "Civilians (Nigeria)", 7),
        ("a civilian car", "YE", "Civilians (Yemen)", 7),
        ("two Palestinians", "PS", "Civilians (Palestine)", 7),
        ("hundreds of protesters", "CL", "Protesters (Chile)", 6),
        ("a mob of youths", "IN", "Rioters (India)", 5),
        ("unidentified gunmen", "CO", "Unidentified Armed Group (Colombia)", 3),
        ("armed men", "MX", "Unidentified Armed Group (Mexico)", 3),
        ("Al Shabaab militants", "SO", "Al Shabaab", 2),
        (
            "suspected Boko Haram fighters",
            "NG",
            "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
            2,
        ),
        ("JNIM", "ML", "JNIM: Group for Support of Islam and Muslims", 2),
    ],
)
def test_name_phrase_follows_acled_naming(actors, phrase, where, name, inter):
    actor = actors.name_phrase(phrase, where=where)
    assert actor is not None
    assert (actor.name, actor.inter) == (name, inter)


def test_islamic_state_resolves_to_the_branch_of_the_events_country(actors):
    assert actors.name_phrase("Islamic State fighters", where="SY").name == "Islamic State (Syria)"
    assert actors.name_phrase("Islamic State fighters", where="EG").name == "Islamic State (Egypt)"


def test_the_enemy_is_the_military_of_the_given_opponent(actors):
    actor = actors.name_phrase("the enemy", where="UA", enemy="RU")
    assert actor.name == "Military Forces of Russia (2000-)" and actor.inter == 8
    assert actors.name_phrase("the enemy", where="UA") is None


def test_a_country_name_as_subject_means_its_forces(actors):
    assert actors.name_phrase("Russia", where="UA").name == "Military Forces of Russia (2000-)"


def test_phrases_that_name_no_actor(actors):
    assert actors.name_phrase("the border", where="AM") is None
    assert actors.name_phrase("weather", where=None) is None


def test_country_without_a_regime_in_the_dictionary_gets_a_plain_name():
    small = ActorDictionary([], [Country("MM", "MMR", 104, "Myanmar")], {"Burmese": "MM"})
    assert small.name_phrase("Burmese troops", where="MM").name == "Military Forces of Myanmar"
    assert small.name_phrase("troops", where=None).name == "Military Forces"


def test_named_group_aliases_are_case_sensitive():
    entry = ActorEntry("AA: Arakan Army", 2, "MM", "group", 10, ("AA", "Arakan Army"))
    small = ActorDictionary([entry], [Country("MM", "MMR", 104, "Myanmar")], {})
    assert small.named("fighters of the AA attacked") is not None
    assert small.named("a baa sound") is None
    assert small.named("aa") is None


def test_countries_and_iso_numeric(actors):
    assert actors.isonumeric("AM") == 51
    assert actors.country_name("CD") == "Democratic Republic of Congo"
    assert actors.country_in("Armenia's defense ministry") == "AM"
    assert actors.country_in("the Azerbaijani defense ministry") == "AZ"
    assert actors.country_in("a ministry") is None


def test_every_regime_is_a_country_s_whole_forces(actors):
    for (_, code), entries in actors._regimes.items():
        for entry in entries:
            assert re.search(r"\(\d{4}-(\d{4})?\)$", entry.name), entry.name
            assert entry.inter == 1 and entry.country_code == code
        current = actors.regime("military", code, None)
        assert current is None or current.name.endswith("-)")


def test_an_aircraft_is_a_countrys_forces_only_when_the_country_is_written(actors):
    turkish = actors.name_phrase("a Turkish drone", where="IQ")
    assert turkish is not None and turkish.name.startswith("Military Forces of Turkey")
    assert turkish.inter == 8
    assert actors.name_phrase("a drone", where="IQ") is None


@pytest.mark.parametrize(
    ("phrase", "where", "name"),
    [
        ("the paramilitary Rapid Support Forces", "SD", "Rapid Support Forces"),
        ("M23 rebels", "CD", "M23: March 23 Movement"),
        ("the Arakan Army", "MM", "ULA/AA: United League of Arakan/Arakan Army"),
        ("ISWAP fighters", "NG", "Islamic State (West Africa)"),
    ],
)
def test_the_supplement_names_groups_the_acled_rows_lack(actors, phrase, where, name):
    actor = actors.name_phrase(phrase, where=where)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(
    ("phrase", "where", "name"),
    [
        ("Kurdistan Worker’s Party militants", "TR", "PKK: Kurdistan Workers Party"),
        (
            "fighters of Jamaat Nusrat al-Islam wal-Muslimin",
            "ML",
            "JNIM: Group for Support of Islam and Muslims",
        ),
        ("the Balochistan Liberation Army", "PK", "BLA: Baloch Liberation Army"),
    ],
)
def test_ucdp_and_phoenix_names_reach_acled_names(actors, phrase, where, name):
    actor = actors.name_phrase(phrase, where=where)
    assert actor is not None and actor.name == name


def test_a_descriptive_alias_inside_a_longer_name_is_not_that_group(actors):
    assert actors.named("the Ta'ang National Liberation Army said") is None
    assert actors.named("National Liberation Army rebels attacked").name.startswith("ELN")
    assert actors.named("Somali Al Shabaab fighters").name == "Al Shabaab"
    assert actors.named("On 4 May 2020, the Mayi Mayi UPLC attacked").name.startswith("UPLC")


def test_an_unnamed_gang_is_acled_s_unidentified_gang(actors):
    gang = actors.name_phrase("suspected gang members", where="MX")
    assert gang.name == "Unidentified Gang (Mexico)"
    assert actors.name_phrase("gunmen", where="MX").name == "Unidentified Armed Group (Mexico)"


def test_pro_x_forces_are_x_s_own_and_anti_x_are_not(actors):
    houthi = "Military Forces of Yemen (2016-) Supreme Political Council"
    assert actors.name_phrase("pro-Houthi forces", where="YE").name == houthi
    assert actors.name_phrase("anti-Houthi forces", where="YE").name != houthi


def test_state_forces_take_the_regime_of_the_event_s_year():
    from faultline.actors.dictionary import ActorDictionary, ActorEntry, Country

    entries = [
        ActorEntry("Military Forces of Mali (2012-2020)", 1, "ML", "military", 5),
        ActorEntry("Military Forces of Mali (2020-2021)", 1, "ML", "military", 2),
        ActorEntry("Military Forces of Mali (2021-)", 1, "ML", "military", 9),
        ActorEntry("Military Forces of Mali (2021-) Special Forces", 1, "ML", "group", 1),
    ]
    actors = ActorDictionary(entries, [Country("ML", "MLI", 466, "Mali")], {})
    army = actors.state_forces("military", "ML")
    assert army.name == "Military Forces of Mali (2021-)"
    assert actors.dated(army, "2016-03-01").name == "Military Forces of Mali (2012-2020)"
    assert actors.dated(army, "2024-03-01").name == "Military Forces of Mali (2021-)"
    assert actors.dated(army, None) == army
    unit = actors.name_phrase("Military Forces of Mali (2021-) Special Forces", where="ML")
    assert unit is None or actors.dated(unit, "2016-03-01") == unit
