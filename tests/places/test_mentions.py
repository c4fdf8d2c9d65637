"""The places stage on hand-built parses and an in-memory gazetteer; a few run the real model."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.gazetteer import InMemoryGazetteer
from faultline.places.mentions import find_places
from faultline.records import Candidate, Entity, Parse, Sentence, Token

LEMMAS = {"said": "say", "denied": "deny", "confirmed": "confirm", "shelled": "shell",
          "took": "take"}  # fmt: skip
ADPOSITIONS = {"in", "near", "at", "of", "from", "around", "towards", "outside", "to", "into"}
VERBS = set(LEMMAS) | {"met", "spoke", "fled", "grew", "arrested", "hit", "killed", "rose"}


def make_parse(text: str, entities: dict[str, str] | None = None) -> Parse:
    """A one-sentence Parse: regex tokens, PROPN for capitalised words, a subject (nsubj) before
    each speech verb, and every occurrence of each `entities` surface tagged with its label."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    tokens = []
    for i, (start, end) in enumerate(spans):
        word = text[start:end]
        following = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
        pos = (
            "VERB" if word in VERBS else "ADP" if word in ADPOSITIONS
            else "PROPN" if word[0].isupper() else "PUNCT" if not word.isalnum() else "NOUN"
        )  # fmt: skip
        speech = following in LEMMAS and LEMMAS[following] != "shell"
        dep, head = ("nsubj", i + 1) if speech else ("dep", i)
        tokens.append(
            Token(i, start, end, word, LEMMAS.get(word, word.lower()), pos, "", dep, head, "", 0)
        )
    ents = []
    for surface, label in (entities or {}).items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            first = next(t.i for t in tokens if t.start == m.start())
            last = next(t.i for t in tokens if t.end == m.end())
            ents.append(Entity(m.start(), m.end(), surface, label, first, last + 1))
    sentence = Sentence(0, 0, len(text), 0, len(tokens))
    return Parse(text, tuple(tokens), (sentence,), tuple(sorted(ents, key=lambda e: e.start)))


def place(name, cc, feature, population=0, admin1=None, lat=0.0, lon=0.0, gid=None) -> Candidate:
    return Candidate(gid, name, lat, lon, cc, admin1, None, feature, population)


CANDIDATES = [
    place("United Kingdom", "GB", "country", 66_000_000, lat=54.7, lon=-2.7),
    place("London", "GB", "city", 8_961_989, "England", 51.51, -0.13, 2643743),
    place("London", "CA", "city", 422_324, "Ontario", 42.98, -81.23, 6058560),
    place("Ontario", "CA", "admin1", 13_000_000, "Ontario", 49.0, -84.0),
    place("Ontario", "US", "city", 171_214, "California", 34.06, -117.65),
    place("Georgia", "GE", "country", 3_700_000, lat=42.0, lon=43.5),
    place("Georgia", "US", "admin1", 10_000_000, "Georgia", 32.7, -83.4),
    place("California", "US", "admin1", 39_000_000, "California", 36.8, -119.4),
    place("California", "US", "city", 11_857, "Maryland", 38.3, -76.5),
    place("Atlanta", "US", "city", 498_715, "Georgia", 33.75, -84.39),
    place("Ukraine", "UA", "country", 44_000_000, lat=48.4, lon=31.2),
    place("Kharkiv", "UA", "admin1", 2_700_000, "Kharkiv", 49.5, 36.5),
    place("Kharkiv", "UA", "city", 1_421_125, "Kharkiv", 49.98, 36.25),
    place("Kyiv", "UA", "city", 2_952_301, "Kyiv", 50.45, 30.52),
    place("Russia", "RU", "country", 144_000_000, lat=60.0, lon=100.0),
    place("Moscow", "RU", "city", 10_381_222, "Moscow", 55.75, 37.62),
    place("Syria", "SY", "country", 17_000_000, lat=35.0, lon=38.0),
    place("Aleppo", "SY", "admin1", 4_800_000, "Aleppo", 36.2, 37.5),
    place("Aleppo", "SY", "city", 2_098_210, "Aleppo", 36.2, 37.16),
    place("Pisky", "UA", "village", 0, "Donetsk", 48.1, 37.6),
    place("Of", "TR", "city", 31_951, "Trabzon", 40.94, 40.26),
    place("Mobile", "US", "city", 183_289, "Alabama", 30.69, -88.04),
    place("Victory", "US", "city", 548, "New York", 43.2, -76.65),
    place("New York", "US", "city", 8_804_190, "New York", 40.71, -74.0),
    place("Gaza Strip", "PS", "region", 0, None, 31.42, 34.33),
    place("Upper Silesia", "PL", "region", 0, None, 50.3, 18.7),
    place("Donetsk", "UA", "admin1", 4_100_000, "Donetsk", 48.0, 37.8),
    place("Nigeria", "NG", "country", 200_000_000, lat=9.0, lon=8.0),
    place("Maiduguri", "NG", "city", 1_112_449, "Borno", 11.85, 13.16),
    place("Damboa", "NG", "city", 23_000, "Borno", 11.15, 12.76),
    place("Kaurinen", "FI", "village", 300, "Lapland", 67.0, 26.0),
    place("Beijing", "CN", "city", 18_960_744, "Beijing", 39.9, 116.4),
    place("Hiv", "RU", "village", 1_500, "Dagestan", 42.0, 48.0),
]
GAZETTEER = InMemoryGazetteer(
    CANDIDATES,
    aliases={"Kiev": "Kyiv", "Kauri": "Kaurinen", "Peking": "Beijing"},
    capitals={"RU": "Moscow", "UA": "Kyiv", "GB": "London", "GE": "Tbilisi"},
)


def places_in(text: str, entities: dict[str, str] | None = None):
    return find_places(make_parse(text, entities), gazetteer=GAZETTEER)


def only(text: str, entities: dict[str, str] | None = None, mention: str | None = None):
    found = [m for m in places_in(text, entities) if mention is None or m.text == mention]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "entities", "mention", "country_code", "feature"),
    [
        ("Police in London arrested two men.", {"London": "GPE"}, "London", "GB", "city"),
        ("Police in London, Ontario arrested two men.", {"London": "GPE", "Ontario": "GPE"},
         "London", "CA", "city"),
        ("Officials met in Georgia.", {"Georgia": "GPE"}, "Georgia", "GE", "country"),
        ("Officials met in Atlanta, Georgia.", {"Atlanta": "GPE", "Georgia": "GPE"},
         "Georgia", "US", "admin1"),
        ("Fires spread in California.", {"California": "GPE"}, "California", "US", "admin1"),
        ("Snow fell in Ontario.", {"Ontario": "GPE"}, "Ontario", "CA", "admin1"),
        ("Shelling hit Kharkiv.", {"Kharkiv": "GPE"}, "Kharkiv", "UA", "city"),
        ("Fighting spread across the Kharkiv region.", {"Kharkiv": "GPE"}, "Kharkiv", "UA",
         "admin1"),
        ("Protesters gathered in Kiev.", {"Kiev": "GPE"}, "Kiev", "UA", "city"),
        ("Aid reached the Gaza Strip.", {"the Gaza Strip": "LOC"}, "Gaza Strip", "PS", "region"),
    ],
)  # fmt: skip
def test_ambiguous_names_resolve(text, entities, mention, country_code, feature):
    found = only(text, entities, mention)
    assert (found.country_code, found.feature, found.resolved) == (country_code, feature, True)


def test_resolved_mention_carries_the_gazetteer_facts():
    found = only("Police in London arrested two men.", {"London": "GPE"})
    assert (found.name, found.geonameid, found.admin1, found.country) == (
        "London", 2643743, "England", "United Kingdom",
    )  # fmt: skip
    assert (found.latitude, found.longitude) == (51.51, -0.13)
    assert found.rule.startswith("ner:GPE")


def test_person_tagged_village_with_a_locative_is_a_place():
    found = only("Troops shelled positions near Pisky overnight.", {"Pisky": "PERSON"})
    assert (found.name, found.country_code, found.precision) == ("Pisky", "UA", 2)
    assert found.rule.startswith("ner:PERSON")


def test_person_tagged_village_taken_over_is_a_place():
    found = only("Rebels took over Pisky overnight.", {"Pisky": "PERSON"})
    assert (found.name, found.country_code) == ("Pisky", "UA")


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("Mr Pisky said the talks failed.", {"Pisky": "PERSON"}),
        ("Pisky spoke to reporters.", {"Pisky": "PERSON"}),
        ("Anna Pisky arrived. Later Pisky spoke to reporters in Kyiv.",
         {"Anna Pisky": "PERSON", "Pisky": "PERSON"}),
    ],
)  # fmt: skip
def test_person_looking_names_are_not_places(text, entities):
    assert all(m.name != "Pisky" for m in places_in(text, entities))


@pytest.mark.parametrize(
    "text",
    [
        "Of the dead, two were children.",
        "Mobile phone networks went down.",
        "Victory was declared by the rebels.",
        "The mobile clinic moved to Mobile.",
    ],
)
def test_common_words_are_not_places(text):
    assert [m.text for m in places_in(text)] == []


def test_multi_word_names_match_as_one_mention():
    found = places_in("Flights to New York and the Gaza Strip were cancelled.")
    assert [m.text for m in found] == ["New York", "Gaza Strip"]


@pytest.mark.parametrize("qualifier", ["Upper", "Nizhny", "Verkhny", "Novyi", "Lower"])
def test_positional_prefix_places_near_the_base_name(qualifier):
    name = f"{qualifier} Kharkiv"
    found = only(f"Residents of {name} fled.", {name: "PERSON"})
    assert (found.text, found.name, found.precision) == (name, "Kharkiv", 2)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Shells fell in Kharkiv.", 1),
        ("Shells fell near Kharkiv.", 2),
        ("Shells fell on the outskirts of Kharkiv.", 2),
        ("Troops advanced in the direction of Kharkiv.", 2),
        ("Shells fell around Kharkiv.", 2),
        ("Shells fell in the Kharkiv area.", 2),
        ("Shells fell in the Kharkiv region.", 3),
        ("Shells fell in Ukraine.", 3),
    ],
)
def test_geo_precision(text, precision):
    entities = {"Kharkiv": "GPE", "Ukraine": "GPE"}
    assert only(text, entities).precision == precision


@pytest.mark.parametrize(
    ("text", "entities", "mention", "role"),
    [
        ("Moscow said the drone was shot down.", {"Moscow": "GPE"}, "Moscow", "metonym"),
        ("Russia denied the report.", {"Russia": "GPE"}, "Russia", "metonym"),
        ("Kyiv confirmed the strike.", {"Kyiv": "GPE"}, "Kyiv", "metonym"),
        ("A train left Moscow.", {"Moscow": "GPE"}, "Moscow", "place"),
        ("Kharkiv said the strike hit a school.", {"Kharkiv": "GPE"}, "Kharkiv", "place"),
        ("Ukrainian troops shelled the town.", {"Ukrainian": "NORP"}, "Ukrainian", "demonym"),
    ],
)  # fmt: skip
def test_roles(text, entities, mention, role):
    assert only(text, entities, mention).role == role


def test_demonym_resolves_to_its_country():
    found = only("Russian forces withdrew.", {"Russian": "NORP"})
    assert (found.country_code, found.feature, found.precision) == ("RU", "country", 3)


def test_unknown_place_entity_is_kept_unresolved():
    found = only("Clashes erupted in Xanadu.", {"Xanadu": "GPE"})
    assert found.resolved is False
    assert (found.name, found.latitude, found.longitude, found.country_code) == (None,) * 4


def test_article_context_overturns_the_default_reading():
    alone = only("Snow fell in Ontario.", {"Ontario": "GPE"})
    assert (alone.country_code, alone.feature) == ("CA", "admin1")
    text = "Wildfires in California reached Ontario."
    found = only(text, {"California": "GPE", "Ontario": "GPE"}, "Ontario")
    assert (found.country_code, found.feature) == ("US", "city")


def test_mentions_are_in_text_order_and_spans_match():
    text = "Moscow said Ukrainian units left Kharkiv for Kyiv."
    found = places_in(text, {"Moscow": "GPE", "Ukrainian": "NORP", "Kharkiv": "GPE"})
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(text[m.start : m.end] == m.text for m in found)


WORDS = ["London", "in", "near", "Kharkiv", "Of", "said", ",", "and", "Mobile", "the", "Kyiv", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_spans_always_lie_in_the_text(words):
    text = " ".join(words)
    for mention in places_in(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.precision in (1, 2, 3)
        assert mention.resolved == (mention.latitude is not None)


def test_small_place_abroad_known_only_by_an_alternate_name_loses():
    text = "Bandits raided Kauri, on the road between Maiduguri and Damboa, Nigerian police said."
    entities = {"Kauri": "GPE", "Maiduguri": "GPE", "Damboa": "GPE", "Nigerian": "NORP"}
    found = {m.text: m for m in places_in(text, entities)}
    assert found["Kauri"].resolved is False  # not the Finnish hamlet that also goes by "Kauri"
    assert (found["Damboa"].country_code, found["Maiduguri"].country_code) == ("NG", "NG")


@pytest.mark.parametrize(
    ("text", "entities", "mention", "name"),
    [
        ("Tourists visited Kauri.", {"Kauri": "GPE"}, "Kauri", "Kaurinen"),  # no context yet
        ("Nigerian officials flew to Peking.", {"Peking": "GPE", "Nigerian": "NORP"}, "Peking",
         "Beijing"),  # a large city keeps its alternate names
        ("Nigerian officials flew to London.", {"London": "GPE", "Nigerian": "NORP"}, "London",
         "London"),  # its own name abroad
    ],
)  # fmt: skip
def test_alternate_names_that_still_resolve(text, entities, mention, name):
    assert only(text, entities, mention).name == name


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Gunmen burned the village of Ndakoro overnight.", "Ndakoro"),
        ("Troops entered Ndakoro village on Monday.", "Ndakoro"),
        ("Rebels seized the town of Kel Essouk after a siege.", "Kel Essouk"),
        ("Two farmers died in the hamlet of Tinzana.", "Tinzana"),
        ("Aid reached the district of Tinzana.", "Tinzana"),
    ],
)
def test_unknown_settlement_named_as_such_is_an_unresolved_mention(text, mention):
    found = only(text, mention=mention)
    assert (found.resolved, found.role, found.latitude) == (False, "place", None)


def test_unknown_name_tagged_org_is_a_settlement_when_the_text_says_so():
    found = only("Gunmen burned the village of Ndakoro.", {"Ndakoro": "ORG"})
    assert (found.text, found.resolved) == ("Ndakoro", False)


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of Islamic State claimed the attack.",
        "The company Ndakoro Holdings said profits rose.",
        "The village of the damned was a film.",
    ],
)
def test_settlement_cue_needs_an_unknown_name_in_the_right_place(text):
    assert [m.text for m in places_in(text)] == []


@pytest.mark.parametrize(
    ("text", "feature", "precision"),
    [
        ("Shelling hit the northeastern province of Kharkiv.", "admin1", 3),
        ("Shelling hit the region of Aleppo.", "admin1", 3),
        ("Shelling hit the Aleppo province.", "admin1", 3),
        ("Shelling hit the city of Aleppo.", "city", 1),
        ("Shelling hit the northern city of Kharkiv.", "city", 1),
    ],
)
def test_region_word_before_the_name_means_the_subdivision(text, feature, precision):
    found = only(text, {"Kharkiv": "GPE", "Aleppo": "GPE"})
    assert (found.feature, found.precision) == (feature, precision)


def test_name_glued_to_its_container_by_the_tagger_is_split():
    text = "Two soldiers died near the town of Pisky in Donetsk province."
    found = {m.text: m for m in places_in(text, {"Pisky in Donetsk": "ORG"})}
    assert (found["Pisky"].country_code, found["Pisky"].precision) == ("UA", 2)
    assert found["Donetsk"].feature == "admin1"


def test_a_common_word_the_text_calls_a_town_is_a_place():
    text = "The rebels said victory was near. Militants then attacked the town of Victory."
    found = only(text, mention="Victory")
    assert (found.country_code, found.resolved) == ("US", True)


def test_a_list_of_countries_is_not_one_inside_the_next():
    text = "Envoys from Russia, Ukraine and the United Kingdom met."
    entities = {"Russia": "GPE", "Ukraine": "GPE", "the United Kingdom": "GPE"}
    found = {m.text: (m.country_code, m.feature) for m in places_in(text, entities)}
    assert found == {
        "Russia": ("RU", "country"), "Ukraine": ("UA", "country"),
        "United Kingdom": ("GB", "country"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "entities", "found"),
    [
        ("She studied at the University of Kharkiv.", {"the University of Kharkiv": "ORG"},
         ["Kharkiv"]),
        ("A spokesman for the Pisky Fire Department spoke.", {"the Pisky Fire Department": "ORG"},
         ["Pisky"]),
        ("Shares in Pisky Holdings rose.", {"Pisky Holdings": "ORG"}, []),
        ("Pisky Fire Chief Ivan Bondar said.", {"Pisky Fire Chief Ivan Bondar": "PERSON"},
         ["Pisky"]),
        ("Pisky Bondar scored twice.", {"Pisky Bondar": "PERSON"}, []),
        ("Flights left Kharkiv Airport.", {"Kharkiv Airport": "FAC"}, ["Kharkiv"]),
        ("They met on Kharkiv Drive.", {"Kharkiv Drive": "FAC"}, []),
        ("The Front for the Liberation of Ukraine claimed it.",
         {"The Front for the Liberation of Ukraine": "ORG"}, []),
    ],
)  # fmt: skip
def test_places_inside_organisation_names(text, entities, found):
    assert [m.text for m in places_in(text, entities)] == found


def test_a_name_that_speaks_as_a_person_is_not_a_place_elsewhere():
    text = "Pisky said the vote was fair. Later Pisky thanked voters. Shells fell in Pisky."
    parse = make_parse(text, {"Pisky": "GPE"})
    first, *rest = parse.entities  # the tagger calls the speaker a person, the others places
    parse = replace(parse, entities=(replace(first, label="PERSON"), *rest))
    found = find_places(parse, gazetteer=GAZETTEER)
    assert [m.start for m in found] == [text.rindex("Pisky")]  # only "in Pisky"


# ------------------------------------------------------------------------ with the real model


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "country_code", "precision", "role"),
    [
        ("Russian forces shelled villages near Kharkiv overnight, Ukraine's military said.",
         "Kharkiv", "UA", 2, "place"),
        ("Moscow said the drone was shot down over the Black Sea.", "Moscow", "RU", 1, "metonym"),
        ("Rebels attacked Goma in North Kivu province and fighters fled to Beni.",
         "Goma", "CD", 1, "place"),
        ("Clashes were reported in the outskirts of Aleppo, Syrian state media reported.",
         "Aleppo", "SY", 2, "place"),
        ("Azerbaijani troops advanced towards the village of Pisky, the ministry said.",
         "Azerbaijani", "AZ", 3, "demonym"),
        ("Police in London, Ontario arrested two men on Friday.", "London", "CA", 1, "place"),
        ("Gunmen attacked a post near the town of Bandiagara in central Mali.",
         "Bandiagara", "ML", 2, "place"),
        ("Troops shelled positions near Kidal and Gao.", "Gao", "ML", 2, "place"),
        ("Fighting spread to Tovuz, the ministry said.", "Tovuz", "AZ", 1, "place"),
        ("Guerrillas attacked a base in the eastern department of Arauca on Sunday.", "Arauca",
         "CO", 3, "place"),
        ("Two soldiers died near the town of Saravena in Arauca province, officials said.",
         "Saravena", "CO", 2, "place"),
    ],
)  # fmt: skip
def test_real_sentences(parse_text, gazetteer, text, mention, country_code, precision, role):
    found = [m for m in find_places(parse_text(text), gazetteer=gazetteer) if m.text == mention]
    assert found, f"{mention!r} not found"
    assert (found[0].country_code, found[0].precision, found[0].role) == (
        country_code, precision, role,
    )  # fmt: skip


@pytest.mark.model
def test_real_sentence_keeps_common_words_and_people_out(parse_text, gazetteer):
    text = "Mobile networks failed, President Jordan said, as Victory Day parades began in Kyiv."
    found = [m.text for m in find_places(parse_text(text), gazetteer=gazetteer)]
    assert "Mobile" not in found and "Victory" not in found and "Jordan" not in found
    assert "Kyiv" in found


@pytest.mark.model
def test_a_name_the_text_puts_in_a_country_never_resolves_outside_it(parse_text, gazetteer):
    """ "Boni in central Mali": the gazetteer has no Boni in Mali, so no Bonn in Germany either."""
    parse = parse_text("Jihadists stormed Boni in central Mali.")
    mentions = find_places(parse, gazetteer=gazetteer)
    boni = next(m for m in mentions if m.text == "Boni")
    assert not boni.resolved or boni.country_code == "ML"


@pytest.mark.model
def test_a_village_in_a_malian_story_does_not_jump_continents(parse_text, gazetteer):
    text = (
        "Militants ambushed a patrol at Boni, on the road between Douentza and Gao, the army said."
    )
    mentions = find_places(parse_text(f"{text} Malian troops withdrew."), gazetteer=gazetteer)
    boni = next(m for m in mentions if m.text == "Boni")
    assert not boni.resolved or boni.country_code == "ML"


@pytest.mark.model
def test_a_country_named_only_in_the_background_does_not_bring_its_hamlets(parse_text, gazetteer):
    text = (
        "Militants ambushed a patrol at Boni, on the road between Douentza and Gao, the army said."
        " The junta broke with France and turned to Russia."
    )
    mentions = find_places(parse_text(text), gazetteer=gazetteer)
    boni = next(m for m in mentions if m.text == "Boni")
    assert not boni.resolved or boni.country_code == "ML"


@pytest.mark.model
def test_a_village_the_gazetteer_lacks_is_still_a_mention(parse_text, gazetteer):
    text = "Gunmen killed nine people in the village of Ndiakoro, near Bandiagara, officials said."
    found = {m.text: m for m in find_places(parse_text(text), gazetteer=gazetteer)}
    assert found["Ndiakoro"].resolved is False
    assert found["Bandiagara"].country_code == "ML"


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("BAMAKO (AFP) - Gunmen attacked", "BAMAKO (AFP) -"),
        ("KYIV, Ukraine (Reuters) - Russian drones", "KYIV, Ukraine (Reuters) -"),
        ("NAIROBI, Kenya, Sept. 14 (AP) \u2014 Police", "NAIROBI, Kenya, Sept. 14 (AP) \u2014"),
        ("US - China talks resumed", ""),
        ("Azerbaijan on Wednesday offered", ""),
        ("Mayor quits after vote. KANO \u2014 The mayor of", "KANO \u2014"),
        ("Rebels said the talks failed. In Goma - the city", ""),
    ],
)  # fmt: skip
def test_dateline_is_where_the_story_was_filed(text, dateline):
    from faultline.places.window import dateline_span

    start, end = dateline_span(text)
    assert text[start:end] == dateline


def test_a_dateline_after_a_headline_names_a_place():
    found = only("Mayor quits after vote. PISKY \u2014 The mayor resigned on Monday.")
    assert (found.text, found.name, found.role) == ("PISKY", "Pisky", "dateline")


def test_a_disease_named_after_a_place_is_not_a_place():
    text = "Health workers fought the Aleppo virus and Kharkiv fever in Kyiv."
    found = places_in(text, {"Aleppo": "GPE", "Kharkiv": "GPE", "Kyiv": "GPE"})
    assert [m.text for m in found] == ["Kyiv"]


def test_an_acronym_is_not_a_village_named_like_it():
    assert [m.text for m in places_in("Cases of HIV rose in Kyiv.")] == ["Kyiv"]


@pytest.mark.model
def test_a_dateline_place_is_not_an_event_place(parse_text, gazetteer):
    text = "BAMAKO (AFP) - Gunmen attacked a village near Gao on Tuesday."
    roles = {m.text: m.role for m in find_places(parse_text(text), gazetteer=gazetteer)}
    assert roles == {"BAMAKO": "dateline", "Gao": "place"}
