"""Event detection: typing rules without the model, and sentences from other conflicts with it.

The model tests build the places and the timeline by hand (the places and dates stages are tested on
their own), so they check only what the events stage decides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from faultline.actors.dictionary import load_actors
from faultline.events.detection import detect_events
from faultline.events.triggers import Hit, classify, find_hits, load_lexicon, resolve_generic
from faultline.records import DateMention, PlaceMention, Quote, SentenceTime, Timeline, Token
from faultline.taxonomy import EVENT_TYPES
from tests.builders import fixed_model

# name -> (ISO2, feature, latitude, longitude); the tests' own tiny gazetteer
PLACES = {
    "Bambari": ("CF", "city", 5.76, 20.68),
    "Bunia": ("CD", "city", 1.56, 30.25),
    "Kabul": ("AF", "city", 34.53, 69.17),
    "Kandahar": ("AF", "city", 31.61, 65.71),
    "Tbilisi": ("GE", "city", 41.69, 44.83),
    "Kupiansk": ("UA", "city", 49.71, 37.61),
    "Izium": ("UA", "city", 49.21, 37.26),
    "Kharkiv": ("UA", "city", 49.99, 36.23),
    "Donetsk": ("UA", "city", 48.0, 37.8),
    "Baidoa": ("SO", "city", 3.11, 43.65),
    "Mogadishu": ("SO", "city", 2.04, 45.34),
    "Kidal": ("ML", "city", 18.44, 1.41),
    "Mopti": ("ML", "city", 14.49, -4.2),
    "Gao": ("ML", "city", 16.27, -0.04),
    "Menaka": ("ML", "city", 15.92, 2.4),
    "Maiduguri": ("NG", "city", 11.85, 13.16),
    "Zamfara": ("NG", "admin1", 12.1, 6.2),
    "Kaduna": ("NG", "city", 10.52, 7.44),
    "Lagos": ("NG", "city", 6.45, 3.39),
    "Bujumbura": ("BI", "city", -3.38, 29.36),
    "Santiago": ("CL", "city", -33.45, -70.66),
    "Bogota": ("CO", "city", 4.61, -74.08),
    "Tame": ("CO", "city", 6.46, -71.74),
    "Nairobi": ("KE", "city", -1.28, 36.82),
    "Mandera": ("KE", "city", 3.94, 41.86),
    "Kampala": ("UG", "city", 0.35, 32.58),
    "Yangon": ("MM", "city", 16.8, 96.16),
    "Sagaing": ("MM", "admin1", 22.0, 95.5),
    "Khartoum": ("SD", "city", 15.5, 32.56),
    "Jeddah": ("SA", "city", 21.5, 39.2),
    "Goma": ("CD", "city", -1.68, 29.22),
    "Ituri": ("CD", "admin1", 1.5, 29.5),
    "Kigali": ("RW", "city", -1.95, 30.06),
    "Tripoli": ("LY", "city", 32.89, 13.19),
    "Sudan": ("SD", "country", 15.0, 30.0),
}
DEMONYMS = {"Russian": "RU", "Ukrainian": "UA", "Malian": "ML", "Kenyan": "KE", "Ukraine": "UA"}


def mentions(text: str, near: tuple[str, ...] = ()) -> tuple[PlaceMention, ...]:
    out = []
    for name, (code, feature, lat, lon) in PLACES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            out.append(
                PlaceMention(
                    name,
                    m.start(),
                    m.end(),
                    name,
                    abs(hash(name)) % 100000,
                    lat,
                    lon,
                    code,
                    None,
                    feature,
                    True,
                    precision=2 if name in near else 1,
                )
            )
    for word, code in DEMONYMS.items():
        for m in re.finditer(rf"\b{word}\b", text):
            out.append(
                PlaceMention(
                    word,
                    m.start(),
                    m.end(),
                    None,
                    None,
                    None,
                    None,
                    code,
                    None,
                    "country",
                    True,
                    role="demonym",
                )
            )
    return tuple(sorted(out, key=lambda p: p.start))


def run(
    parse_text,
    text: str,
    *,
    background: tuple[int, ...] = (),
    quotes: tuple[Quote, ...] = (),
    near: tuple[str, ...] = (),
    detector=None,
    model=None,
):
    parse = parse_text(text)
    timeline = Timeline(
        (),
        tuple(
            SentenceTime(s.index, "2024-05-10", None, 1, s.index in background)
            for s in parse.sentences
        ),
        (),
    )
    return detect_events(
        parse,
        places=mentions(text, near),
        timeline=timeline,
        quotes=quotes,
        actors=ACTORS,
        article_id="t",
        detector=detector,
        model=model,
    )


ACTORS = load_actors()


# ------------------------------------------------------------------------------ without the model


def test_every_acled_sub_event_type_has_its_event_type():
    assert len(EVENT_TYPES) == 25
    assert len(set(EVENT_TYPES.values())) == 6
    labels = {e.label for e in load_lexicon()}
    assert {lab for lab in labels if not lab.startswith(("@", "cue:"))} <= set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("label", "inter1", "inter2", "expected"),
    [
        ("@attack", 3, 7, "Attack"),
        ("@attack", 2, 1, "Armed clash"),
        ("@attack", 1, None, "Armed clash"),
        ("@attack", 3, None, "Attack"),
        ("@attack", 7, 7, "Mob violence"),
        ("@capture", 1, 2, "Government regains territory"),
        ("@capture", 2, 1, "Non-state actor overtakes territory"),
        ("Looting/property destruction", 7, None, "Violent demonstration"),
        ("Arrests", 1, 7, "Arrests"),
        ("Armed clash", 7, None, "Mob violence"),
        ("Armed clash", 5, 5, "Mob violence"),
        ("Armed clash", 7, 1, "Armed clash"),
        ("Armed clash", 2, None, "Armed clash"),
    ],
)
def test_generic_triggers_are_typed_from_their_actors(label, inter1, inter2, expected):
    assert resolve_generic(label, inter1, inter2) == expected


def _hit(
    label: str, lemma: str, weight: float = 0.9, pos: str = "NOUN", rejected: str | None = None
) -> Hit:
    token = Token(0, 0, len(lemma), lemma, lemma, pos, "NN", "ROOT", 0, "", 0)
    return Hit(token, label, weight, 0, len(lemma), rejected)


@pytest.mark.parametrize(
    ("hits", "expected"),
    [
        (
            [_hit("Armed clash", "clash"), _hit("Shelling/artillery/missile attack", "shell")],
            "Armed clash",
        ),
        (
            [_hit("@attack", "attack"), _hit("cue:shelling", "artillery")],
            "Shelling/artillery/missile attack",
        ),
        ([_hit("@attack", "attack"), _hit("cue:air", "drone")], "Air/drone strike"),
        (
            [_hit("Peaceful protest", "protest"), _hit("cue:intervention", "disperse", pos="VERB")],
            "Protest with intervention",
        ),
        (
            [_hit("Peaceful protest", "protest"), _hit("cue:intervention", "arrest")],
            "Peaceful protest",
        ),
        (
            [_hit("Peaceful protest", "protest"), _hit("cue:violent", "stone")],
            "Violent demonstration",
        ),
        (
            [_hit("Peaceful protest", "protest"), _hit("cue:excessive", "kill", pos="VERB")],
            "Excessive force against protesters",
        ),
        (
            [_hit("Abduction/forced disappearance", "kidnap"), _hit("@attack", "kill")],
            "Abduction/forced disappearance",
        ),
        ([_hit("Arrests", "arrest", rejected="denial")], None),
        ([_hit("@gathering", "gather")], None),
    ],
)
def test_classify_follows_the_acled_hierarchy(hits, expected):
    typing = classify(hits)
    assert (typing.label if typing else None) == expected


# ------------------------------------------------------------------------------ with the model

EVENT_CASES = [
    (
        "Russian forces shelled Ukrainian positions near Kupiansk on Friday.",
        [
            (
                "Shelling/artillery/missile attack",
                "Military Forces of Russia (2000-)",
                "Military Forces of Ukraine (2019-)",
                "Kupiansk",
            )
        ],
    ),
    (
        "Russian forces shelled Kupiansk and Izium overnight.",
        [
            (
                "Shelling/artillery/missile attack",
                "Military Forces of Russia (2000-)",
                "Military Forces of Ukraine (2019-)",
                "Kupiansk",
            ),
            (
                "Shelling/artillery/missile attack",
                "Military Forces of Russia (2000-)",
                "Military Forces of Ukraine (2019-)",
                "Izium",
            ),
        ],
    ),
    (
        "Al Shabaab militants attacked a military base in Baidoa, killing four soldiers.",
        [("Armed clash", "Al Shabaab", "Military Forces of Somalia (2022-)", "Baidoa")],
    ),
    (
        "Malian army drones carried out an airstrike near Kidal on Tuesday.",
        [("Air/drone strike", "Military Forces of Mali", None, "Kidal")],
    ),
    (
        "A roadside bomb killed three soldiers near Mopti.",
        [
            (
                "Remote explosive/landmine/IED",
                "Unidentified Armed Group (Mali)",
                "Military Forces of Mali",
                "Mopti",
            )
        ],
    ),
    (
        "A suicide bomber killed 12 civilians at a market in Maiduguri.",
        [
            (
                "Suicide bomb",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Maiduguri",
            )
        ],
    ),
    (
        "Unidentified men threw a grenade at a bar in Bujumbura.",
        [("Grenade", None, None, "Bujumbura")],
    ),
    (
        "Gunmen killed nine villagers in Zamfara on Sunday.",
        [("Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", "Zamfara")],
    ),
    (
        "Gunmen abducted 20 students from a school in Kaduna.",
        [
            (
                "Abduction/forced disappearance",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Kaduna",
            )
        ],
    ),
    (
        "Hundreds of students protested in Santiago against rising fares.",
        [("Peaceful protest", "Protesters (Chile)", None, "Santiago")],
    ),
    (
        "Thousands of teachers marched in Bogota to demand higher pay. "
        "Police dispersed them with tear gas.",
        [("Protest with intervention", "Protesters (Colombia)", None, "Bogota")],
    ),
    (
        "Rioters set fire to a police station in Nairobi.",
        [("Violent demonstration", "Rioters (Kenya)", None, "Nairobi")],
    ),
    (
        "A mob lynched a suspected thief in Kampala.",
        [("Mob violence", "Rioters (Uganda)", None, "Kampala")],
    ),
    (
        "Police arrested 15 opposition activists in Yangon.",
        [("Arrests", "Police Forces of Myanmar", None, "Yangon")],
    ),
    (
        "Fighting broke out between the army and ELN rebels near Tame.",
        [("Armed clash", None, None, "Tame")],
    ),
    (
        "Rebels took control of the town of Menaka.",
        [("Non-state actor overtakes territory", None, None, "Menaka")],
    ),
    ("Heavy fighting was reported in Sudan on Monday.", [("Armed clash", None, None, "Sudan")]),
    (
        "Jihadists attacked an army post near Gao in Mali.",
        [("Armed clash", None, "Military Forces of Mali", "Gao")],
    ),
    (
        "On 7 March 2024, Taliban snipers shot and killed two policemen in Kabul.",
        [("Armed clash", None, None, "Kabul")],
    ),
    (
        "Investigators found a mass grave holding 40 bodies outside Kidal, the UN said.",
        [("Other", None, None, "Kidal")],
    ),
    (
        "A suicide bomber blew himself up at an election rally in Kabul, killing 12 people.",
        [("Suicide bomb", None, None, "Kabul")],
    ),
    (
        "Rebels entered Kidal on Sunday without a fight after the army withdrew, residents said.",
        [("Non-violent transfer of territory", None, None, "Kidal")],
    ),
    ("Rebels entered Kidal on Sunday, residents said.", []),
    # wire phrasings of the rarer sub-types
    (
        "Gunmen raped two women near Bambari on Sunday, a UN spokesperson said.",
        [("Sexual violence", None, None, "Bambari")],
    ),
    (
        "Militiamen ransacked a clinic in Bunia on Friday and carted away medicines.",
        [("Looting/property destruction", None, None, "Bunia")],
    ),
    (
        "A suicide bomber wearing an explosive vest blew himself up at a checkpoint in Kabul.",
        [("Suicide bomb", None, None, "Kabul")],
    ),
    (
        "Army engineers defused a roadside bomb found near a school in Kandahar on Monday.",
        [("Disrupted weapons use", None, None, "Kandahar")],
    ),
    (
        "Rebels took control of the town of Kidal without a fight on Sunday.",
        [("Non-violent transfer of territory", None, None, "Kidal")],
    ),
    (
        "Riot police fired water cannon at demonstrators outside parliament in Tbilisi.",
        [("Protest with intervention", None, None, "Tbilisi")],
    ),
    (
        "The insurgents have set up a new base in the hills outside Baidoa, elders said.",
        [("Headquarters or base established", None, None, "Baidoa")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), EVENT_CASES, ids=[c[0][:40] for c in EVENT_CASES])
def test_events_from_other_conflicts(parse_text, text, expected):
    events = run(parse_text, text)
    assert [e.sub_event_type for e in events] == [x[0] for x in expected]
    assert [e.location for e in events] == [x[3] for x in expected]
    for event, (_, actor1, actor2, _) in zip(events, expected, strict=True):
        if actor1 is not None:
            assert event.actor1 is not None and event.actor1.startswith(actor1)
        if actor2 is not None:
            assert event.actor2 is not None and event.actor2.startswith(actor2)
        assert event.event_type == EVENT_TYPES[event.sub_event_type]
        assert 0 < event.confidence <= 1 and event.fatalities == 0 and event.claim_ids == ()
        assert event.event_date == "2024-05-10" and event.iso is not None


NON_EVENTS = [
    ("denial", "Moscow denied shelling Kharkiv on Friday."),
    ("call", "The UN called for an end to the fighting in Khartoum."),
    ("offer", "The army offered to stop its attacks on Mogadishu."),
    ("threat", "Al Shabaab threatened to attack Mogadishu."),
    ("modality", "Officials said militants could strike Gao at any time."),
    ("modality", "Rebels may attack Goma next week."),
    ("commemoration", "Hundreds gathered in Kigali to commemorate the victims of the massacre."),
    ("trial", "A court in Nairobi convicted two men over the attack on a shopping mall."),
    ("concern", "The EU expressed concern over the clashes in Tripoli."),
    ("negotiation", "Talks on ending the fighting in Khartoum resumed in Jeddah."),
    ("generic", "The militia attacks villages in Ituri every week."),
    ("generic", "The army continues to attack villages in Sagaing."),
    ("negation", "Police did not open fire on anyone in Lagos."),
    ("reference", "An analyst in Nairobi said the clashes have hardened opinion."),
    ("modifier", "Relatives of wounded soldiers gathered outside a hospital in Kharkiv."),
]


@pytest.mark.model
@pytest.mark.parametrize(("kind", "text"), NON_EVENTS, ids=[f"{k}:{t[:30]}" for k, t in NON_EVENTS])
def test_non_events_give_nothing(parse_text, kind, text):
    assert run(parse_text, text) == ()


@pytest.mark.model
def test_an_event_with_no_place_in_the_article_is_kept_at_country_level(parse_text):
    (event,) = run(parse_text, "Nigerian troops ambushed militants on Monday, killing 12.")
    assert (event.event_type, event.location, event.latitude) == ("Battles", None, None)
    assert (event.country_code, event.geo_precision) == ("NG", 3)
    assert event.rule.endswith(":no-place")


@pytest.mark.model
def test_an_event_with_no_place_needs_the_detector_to_agree(parse_text):
    text = "The opposition leader attacked the government's budget plans on Monday."
    assert len(run(parse_text, text, detector=fixed_model("event", 0.9))) == 1
    assert run(parse_text, text, detector=fixed_model("event", 0.1)) == ()


@pytest.mark.model
def test_an_event_with_no_place_is_dropped_beside_a_placed_one(parse_text):
    text = "Militants attacked a convoy on Monday. Gunmen attacked a village in Maiduguri on Monday"
    assert [e.location for e in run(parse_text, text + ".")] == ["Maiduguri"]


@pytest.mark.model
def test_background_sentences_give_no_event(parse_text):
    text = "In 2014, rebels attacked Donetsk. On Friday, Russian forces shelled Kharkiv."
    events = run(parse_text, text, background=(0,))
    assert [e.location for e in events] == ["Kharkiv"]


@pytest.mark.model
def test_a_sentence_without_place_falls_back_to_the_paragraph(parse_text):
    events = run(
        parse_text,
        "Heavy fighting was reported in Goma on Monday. Rebels also shelled the airport.",
    )
    assert [(e.sub_event_type, e.location) for e in events] == [
        ("Armed clash", "Goma"),
        ("Shelling/artillery/missile attack", "Goma"),
    ]
    assert events[1].geo_precision == 2 and "paragraph-place" in events[1].rule
    assert events[1].confidence < 0.9  # the same trigger with a place in its own sentence


@pytest.mark.model
def test_claimant_from_reported_speech_and_from_quotes(parse_text):
    text = "Kenyan police said Al Shabaab fighters attacked a police post in Mandera."
    (event,) = run(parse_text, text)
    assert event.claimant == "Kenyan police"
    assert event.actor1 == "Al Shabaab" and event.actor2.startswith("Police Forces of Kenya")
    start = text.index("Al Shabaab")
    quote = Quote("Ali Hassan", "village elder", text[start:-1], start, len(text) - 1, False)
    (quoted,) = run(parse_text, text, quotes=(quote,))
    assert quoted.claimant == "Ali Hassan (village elder)"


@pytest.mark.model
def test_the_enemy_is_the_opponent_of_the_claimants_country(parse_text):
    text = (
        "Russian troops attacked Ukrainian positions near Izium on Thursday. "
        "Ukraine's army said the enemy shelled positions near Kupiansk."
    )
    events = [e for e in run(parse_text, text, near=("Kupiansk",)) if e.location == "Kupiansk"]
    assert len(events) == 1
    assert events[0].actor1 == "Military Forces of Russia (2000-)"
    assert events[0].geo_precision == 2
    assert events[0].evidence[0].text in text


@pytest.mark.model
def test_event_ids_number_the_events_in_text_order(parse_text):
    events = run(
        parse_text, "Russian forces shelled Kupiansk. Gunmen killed nine villagers in Zamfara."
    )
    assert [e.event_id for e in events] == ["t-e1", "t-e2"]
    assert all(e.evidence and e.sentence is not None for e in events)


def _place(name: str, feature: str, code: str, admin1: str | None) -> PlaceMention:
    return PlaceMention(name, 0, 1, name, None, 0.0, 0.0, code, admin1, feature, True)


def test_a_country_or_region_gives_way_to_a_finer_place_inside_it():
    from faultline.events.location import finest as _finest

    town = _place("Gao", "city", "ML", "Gao")
    region = _place("Gao", "admin1", "ML", None)
    other_region = _place("Kidal", "admin1", "ML", None)
    country = _place("Mali", "country", "ML", None)
    assert _finest([town, region, other_region, country]) == [town, other_region]
    assert _finest([country]) == [country]


# ------------------------------------------------------------ whole articles, through the pipeline

BURKINA = """OUAGADOUGOU (Reuters) - At least 11 soldiers were killed on Sunday when their
convoy hit a roadside bomb near Djibo in northern Burkina Faso, security sources said.

The explosive device detonated as the convoy was travelling on the road between Djibo and
Namsiguia, the sources said.

No group has claimed responsibility, but militants linked to al Qaeda and Islamic State are
active in the area.

Burkina Faso has been fighting a jihadist insurgency since 2015.
"""
MYANMAR = """YANGON (AP) - A Myanmar military airstrike on a village in the central Sagaing
region killed at least 17 civilians, including four children, on Friday, a local resistance
group said on Saturday.

Jets bombed the village of Let Yet Kone during a religious ceremony, destroying a school and
several houses, the People's Defense Force said in a statement.

The military government did not respond to requests for comment. It has repeatedly denied
targeting civilians.

Myanmar has been in turmoil since the army seized power in February 2021.
"""
KENYA = """NAIROBI (AFP) - Kenyan police fired tear gas and arrested dozens of people on
Tuesday as thousands of demonstrators marched in Nairobi against new taxes.

Protesters chanting anti-government slogans were dispersed with water cannon near parliament,
witnesses said. Police later opened fire on protesters in the Kibera area, killing two people,
according to a rights group.

Interior minister Kithure Kindiki said officers had acted with restraint and warned that
further protests would not be tolerated.

Opposition leaders have called for more demonstrations next week.
"""
SOMALIA = """MOGADISHU (Reuters) - A suicide car bomb exploded at a checkpoint near the
presidential palace in Mogadishu on Saturday, killing at least eight people, police said.

Al Shabaab claimed responsibility for the attack in a statement on its Andalus radio station.

"A vehicle loaded with explosives rammed into the checkpoint and the driver blew himself up,"
police officer Abdi Ahmed told Reuters.

The al Qaeda-linked group has been fighting Somalia's central government since 2006.
"""
COLOMBIA = """BOGOTA (Reuters) - Colombian soldiers clashed with ELN rebels in the northeastern
province of Arauca on Wednesday, leaving three rebels and one soldier dead, the army said.

The fighting broke out near the town of Tame when troops on patrol came under fire, the army
said in a statement. The National Liberation Army did not comment.

President Gustavo Petro's government has been holding peace talks with the ELN since 2022.
"""
DIPLOMACY = """GENEVA (Reuters) - Sudan's warring parties resumed talks in Jeddah on Monday, as
the United Nations called for an immediate ceasefire and an end to attacks on civilians.

The UN Secretary-General condemned the recent fighting in Khartoum and urged both sides to
protect hospitals. The African Union said it feared a new offensive on El Fasher.

In The Hague, a trial opened of a former militia leader accused of ordering massacres in Darfur
in 2003 and 2004.

Hundreds gathered in Kigali on Sunday to commemorate the victims of the 1994 genocide.
"""
MALI = Path(__file__).resolve().parents[2] / "examples" / "article.txt"
ARTICLES = [  # (id, text, published, [(sub_event_type, location, actor1, actor2, event_date)])
    ("burkina-ied", BURKINA, "2024-05-15", [
        ("Remote explosive/landmine/IED", "Djibo", "Unidentified Armed Group (Burkina Faso)",
         "Military Forces of Burkina Faso", "2024-05-12"),
    ]),
    ("myanmar-air", MYANMAR, "2024-05-15", [
        ("Air/drone strike", "Sagaing", "Military Forces of Myanmar", "Civilians (Myanmar)",
         "2024-05-10"),
    ]),
    ("kenya-protest", KENYA, "2024-05-15", [
        ("Protest with intervention", "Nairobi", "Protesters (Kenya)", "Police Forces of Kenya",
         "2024-05-14"),
        ("Excessive force against protesters", "Kibera", "Protesters (Kenya)",
         "Police Forces of Kenya", "2024-05-14"),
    ]),
    ("somalia-svbied", SOMALIA, "2024-05-15", [
        ("Suicide bomb", "Mogadishu", "Al Shabaab", "Military Forces of Somalia", "2024-05-11"),
    ]),
    ("colombia-eln", COLOMBIA, "2024-05-15", [
        ("Armed clash", "Tame", "Military Forces of Colombia", "ELN: National Liberation Army",
         "2024-05-15"),
    ]),
    ("sudan-diplomacy", DIPLOMACY, "2024-05-15", []),
    ("mali-example", None, "2023-11-16", [
        ("Armed clash", "Mali", "JNIM: Group for Support of Islam and Muslims",
         "Military Forces of Mali", "2023-11-14"),
        ("Attack", "Mali", "JNIM: Group for Support of Islam and Muslims", "Civilians (Mali)",
         "2023-11-14"),
    ]),
]  # fmt: skip


@pytest.fixture(scope="module")
def extracted(resources):
    from faultline.pipeline import extract
    from faultline.records import Article

    def run_article(article_id: str, text: str | None, published: str):
        text = text if text is not None else MALI.read_text(encoding="utf-8")
        article = Article(id=article_id, text=text, published=dt.date.fromisoformat(published))
        return extract(article, resources)

    return run_article


@pytest.mark.model
@pytest.mark.parametrize(("article_id", "text", "published", "expected"), ARTICLES,
                         ids=[a[0] for a in ARTICLES])  # fmt: skip
def test_articles_give_the_events_an_acled_coder_would(
    extracted, article_id, text, published, expected
):
    result = extracted(article_id, text, published)
    got = [(e.sub_event_type, e.location, e.actor1, e.actor2, e.event_date) for e in result.events]
    assert len(got) == len(expected), got
    for event, want in zip(got, expected, strict=True):
        assert event[:2] == want[:2] and event[4] == want[4], got
        assert event[2] is not None and event[2].startswith(want[2]), got
        assert event[3] is not None and event[3].startswith(want[3]), got
    for event in result.events:
        assert event.event_type == EVENT_TYPES[event.sub_event_type]
        assert event.interaction == (
            min(event.inter1, event.inter2) * 10 + max(event.inter1, event.inter2)
        )
        civilians = event.inter2 == 7
        assert (event.civilian_targeting == "Civilian targeting") == civilians


@pytest.mark.model
def test_the_lead_is_located_in_the_country_not_at_the_dateline(extracted):
    events = extracted("mali-example", None, "2023-11-16").events
    assert events[0].geo_precision == 3 and events[0].country == "Mali"
    assert all(e.location != "Bamako" for e in events)
    assert not any(e.sub_event_type == "Grenade" for e in events)  # rocket-propelled grenades


@pytest.mark.model
def test_a_country_level_report_folds_into_the_precise_one(extracted):
    (event,) = extracted("colombia-eln", COLOMBIA, "2024-05-15").events
    assert event.event_id == "colombia-eln-e1" and len(event.evidence) == 2
    assert event.geo_precision == 2


# ------------------------------------------------------------------ where: landmarks and fallbacks


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("on the road between ", "between"),
        ("on the road between Douma and ", "between"),
        ("clashes between soldiers and rebels in ", None),
        ("the road to ", "route"),
        ("families fled towards ", "route"),
        ("30 km north of ", "distance"),
        ("about 10 kilometres east of the town of ", "distance"),
        ("militants attacked ", None),
    ],
)
def test_landmarks_are_told_by_the_words_before_them(before, kind):
    from faultline.events.location import landmark

    place = _place("Gao", "city", "ML", "Gao")
    text = before + "Gao"
    place = dataclasses.replace(place, start=len(before), end=len(text))
    assert landmark(text, place) == kind


def test_a_town_written_as_a_province_counts_as_the_region():
    from faultline.events.location import as_written, finest

    text = "near Tame in the province of Arauca"
    town = dataclasses.replace(_place("Tame", "city", "CO", "Arauca"), start=5, end=9)
    namesake = dataclasses.replace(_place("Arauca", "city", "CO", "Arauca"), start=29, end=35)
    assert finest(as_written(text, [town, namesake])) == [town]


@pytest.mark.parametrize(
    ("lemmas", "expected"),
    [
        (["attack", "mortar", "rocket - propel grenade"], "@attack"),
        (["fire", "grenade"], "Grenade"),
    ],
)
def test_weapons_of_a_ground_assault_are_not_explosions(lemmas, expected):
    labels = {
        "attack": ("@attack", 0.8),
        "fire": ("@attack", 0.5),
        "mortar": ("Shelling/artillery/missile attack", 0.5),
        "grenade": ("Grenade", 0.9),
        "rocket - propel grenade": ("cue:ground", 1.0),
    }
    hits = [
        Hit(Token(k, 10 * k, 10 * k + 5, w, w, "NOUN", "NN", "dobj", 0, "", 0), *labels[w],
            10 * k, 10 * k + 5)
        for k, w in enumerate(lemmas)
    ]  # fmt: skip
    if "rocket - propel grenade" in lemmas:  # the grenade inside the RPG phrase
        hits.append(Hit(hits[-1].anchor, "Grenade", 0.9, hits[-1].start + 2, hits[-1].end))
    typing = classify(hits)
    assert typing is not None and typing.label == expected


@pytest.mark.model
def test_an_unresolved_village_falls_back_to_the_lead_place_not_a_landmark(parse_text):
    text = (
        "Gunmen attacked a village in Zamfara on Monday. "
        "The raid on the village of Dutsen Gari, on the road between Kaduna and Lagos, began "
        "at dawn."
    )
    events = run(parse_text, text)
    assert {e.location for e in events} == {"Zamfara"}
    assert all(e.location not in ("Kaduna", "Lagos") for e in events)


@pytest.mark.model
def test_civilians_killed_at_a_place_of_their_own_are_a_separate_attack(parse_text):
    text = (
        "Militants attacked an army base in Gao on Monday. "
        "The army said four soldiers were killed in the fighting, and that six civilians died when "
        "the attackers burned houses in the village of Tin Hama."
    )
    events = run(parse_text, text)
    subs = [(e.sub_event_type, e.actor2) for e in events]
    assert ("Armed clash", "Military Forces of Mali (2013-)") in subs
    assert ("Attack", "Civilians (Mali)") in subs


@pytest.mark.model
def test_a_clause_dated_in_the_background_is_no_event(parse_text):
    text = "Rebels who shelled Goma in 2012 returned to Kigali on Monday."
    parse = parse_text(text)
    start = text.index("2012")
    timeline = Timeline(
        (DateMention("2012", start, start + 4, "2012", "year", True),),
        tuple(SentenceTime(s.index, "2024-05-10", None, 1, False) for s in parse.sentences),
        (),
    )
    events = detect_events(
        parse, places=mentions(text), timeline=timeline, quotes=(), actors=ACTORS, article_id="t"
    )
    assert events == ()


@pytest.mark.parametrize(
    ("place_precision", "clause", "expected"),
    [
        (1, "forces shelled a nearby military base", 2),
        (1, "gunmen attacked the market", 1),
        (3, "troops raided surrounding villages", 3),
        (1, "militants torched neighbouring hamlets", 2),
    ],
)
def test_a_nearby_target_is_near_the_place_not_at_it(place_precision, clause, expected):
    from faultline.events.detection import _precision

    assert _precision(place_precision, clause) == expected


def test_a_place_the_gazetteer_lacks_keeps_its_name_and_no_coordinates():
    from faultline.events.location import as_named

    unknown = PlaceMention("Koumbri", 40, 47, None, None, None, None, None, None, None, False)
    known = PlaceMention(
        "Ouahigouya", 0, 10, "Ouahigouya", 1, 13.58, -2.42, "BF", "Nord", "city", True,
        country="Burkina Faso",
    )  # fmt: skip
    place = as_named(unknown, (known, unknown))
    assert (place.name, place.latitude, place.longitude) == ("Koumbri", None, None)
    assert (place.country_code, place.country) == ("BF", "Burkina Faso")
    assert as_named(unknown, (unknown,)).country_code is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Mortar rounds fired by the rebels landed in the camp.", "rebels"),
        ("Fighting between the army and the militia broke out at dawn.", "army"),
        ("Warplanes struck the market, killing twelve people.", "Warplanes"),
        ("The rebels fired mortar rounds at the camp.", "rebels"),
        ("Shells fired by the rebels landed on the camp, killing six people.", "rebels"),
    ],
)
def test_the_agent_of_a_participle_or_a_between_phrase(parse_text, text, agent):
    from faultline.events import roles

    parse = parse_text(text)
    anchor = next(
        t for t in parse.tokens if t.lemma.lower() in ("mortar", "fighting", "fight", "kill")
    )
    assert anchor is not None
    found = roles.agent(parse, anchor)
    assert found is not None and found.text == agent


def test_the_first_event_with_no_place_falls_back_to_the_area_then_the_dateline():
    from faultline.events.location import _last_resort
    from faultline.records import Sentence

    sentence = Sentence(1, 30, 120, 0, 0, 0)
    dateline = PlaceMention(
        "KABUL", 0, 5, "Kabul", 1, 34.5, 69.2, "AF", "Kabul", "city", True, role="dateline"
    )
    country = PlaceMention(
        "Afghanistan", 60, 71, "Afghanistan", 2, 33.0, 65.0, "AF", None, "country", True
    )
    abroad = PlaceMention("Pakistani", 40, 49, None, None, None, None, "PK", None, None, True,
                          role="demonym")  # fmt: skip
    assert _last_resort((dateline, country), sentence)[0].place.precision == 3
    located = _last_resort((dateline,), sentence)[0]
    assert (located.place.name, located.place.precision, located.how) == ("Kabul", 2, "dateline")
    assert _last_resort((dateline, abroad), sentence) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "rejected"),
    [
        ("Residents said the army carried out what activists called a chemical attack.", None),
        ("The opposition called for an end to the attacks on villages.", "call"),
    ],
)
def test_calling_something_an_attack_is_no_call_for_one(parse_text, text, rejected):
    from faultline.events.nonevents import rejection

    parse = parse_text(text)
    anchor = next(t for t in parse.tokens if t.lemma.lower() == "attack")
    assert rejection(parse, anchor) == rejected


def test_an_unresolved_mention_inside_an_actor_name_is_no_place():
    from faultline.events.location import not_actor_names

    text = "Islamic State fighters set up a base near Ras Kamboni."
    islamic = PlaceMention("Islamic", 0, 7, None, None, None, None, None, None, None, False)
    village = PlaceMention("Ras Kamboni", 42, 53, None, None, None, None, None, None, None, False)
    kept = not_actor_names((islamic, village), ACTORS.name_spans(text))
    assert kept == (village,)


@pytest.mark.model
def test_a_detector_sure_of_no_event_vetoes_a_trigger(parse_text):
    text = "The opposition leader attacked the government's budget plans in Lagos on Monday."
    assert len(run(parse_text, text, detector=fixed_model("event", 0.5))) == 1
    assert run(parse_text, text, detector=fixed_model("event", 0.05)) == ()


@pytest.mark.model
def test_a_nominal_trigger_s_modifiers_name_who_acted(parse_text):
    (russian,) = run(parse_text, "Russian airstrikes hit Kharkiv on Monday, killing five people.")
    assert russian.actor1 == ACTORS.state_forces("military", "RU", "UA").name
    (named,) = run(parse_text, "Two Al Shabaab mortar attacks hit Mogadishu on Monday.")
    assert named.actor1 == "Al Shabaab"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Police fired tear gas at traders in Lagos on Monday, a day after gunmen killed six.",
        "Hours after the attack on Kaduna, police arrested two men in Lagos.",
    ],
)
def test_an_event_a_while_before_is_a_reference_not_the_report(parse_text, text):
    parse = parse_text(text)
    hits = find_hits(parse, parse.sentences[0], load_lexicon())
    earlier = {h.anchor.text for h in hits if h.rejected == "earlier"}
    assert earlier and not earlier & {"fired", "arrested"}


@pytest.mark.model
def test_the_detector_anchors_a_reported_event_at_its_own_verb(parse_text):
    text = "The bomber rammed a car into a police van in Kaduna on Sunday, police said."
    typer = fixed_model("Suicide bomb", 0.9)
    (event,) = run(parse_text, text, detector=fixed_model("event", 0.95), model=typer)
    assert ":ram" in event.rule and event.actor1 != ACTORS.state_forces("police", "NG").name
