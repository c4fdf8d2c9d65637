"""Speakers and claimants across whole articles: back-references ("he", "the ministry", "the
statement", "the governor"), definite bodies that name themselves ("the army"), reported speech in
its less common shapes, and the claimant / background flag of each count. Short wire stories
written for these tests (model); the bundled example article (model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.claims.counts import count_casualties
from faultline.dates.timeline import resolve_dates
from faultline.quotes.attribution import find_quotes
from faultline.records import Claim, Quote
from faultline.text.clean import clean_text

pytestmark = pytest.mark.model

NIGERIA = """MAIDUGURI, Nigeria (Reuters) - Gunmen killed 23 villagers in an attack on a farming community in Borno state on Saturday, police said, but the state governor put the toll at more than 40.

Police spokesman Daso Nahum said in a statement that the attackers arrived on motorcycles and opened fire on farmers harvesting rice near the village of Kwatandashi. "Our men have been deployed to the area and the situation is now under control," he said.

Borno Governor Babagana Zulum, who visited the village on Sunday, told reporters that 43 people had been killed and that many more were missing. "I counted the bodies myself," the governor said.

The police said five suspects had been arrested. Local residents accused the military of failing to respond to distress calls, a charge the army denied.

A vigilante leader in the area, who gave his name only as Ibrahim, said the fighters belonged to the Islamic State West Africa Province (ISWAP). "They came from the forest and left the same way," he said.

The insurgency has killed more than 35,000 people in the northeast since it began in 2009, and some two million people have been displaced so far.
"""  # noqa: E501

COLOMBIA = """BOGOTA (AFP) - Two soldiers were killed and seven wounded when ELN guerrillas attacked a military base in the northeastern department of Arauca on Tuesday, Colombia's defence minister said.

"We reject this cowardly attack by the ELN against our soldiers," Defence Minister Pedro Sanchez wrote on X, formerly Twitter. He said troops had repelled the assault after a two-hour firefight.

The mayor of Saravena, Ana Ortiz, told Caracol Radio that the explosions had damaged a school and several homes near the base. "The children are terrified," she said.

The ELN, which is in peace talks with the government, did not comment. The army said in a statement that three guerrillas had been captured.

According to the Ombudsman's Office, more than 4,000 people have been displaced in Arauca so far this year.
"""  # noqa: E501

UKRAINE = """KYIV (Reuters) - Russian missiles struck an apartment building in the city of Dnipro overnight, killing at least eight people and wounding 27, the regional governor said on Friday.

"Rescuers are pulling people from the rubble. Among the dead is a 12-year-old girl," Governor Serhiy Lysak wrote on Telegram.

Ukraine's air force said it had shot down 18 of 25 missiles launched overnight. The air force said the rest hit targets in Dnipro and Kharkiv.

Russia's defence ministry said its forces had struck "military-industrial facilities" and denied targeting civilians. The ministry said 40 Ukrainian soldiers had been killed in the Donetsk region.

A resident of the building, Olena Kovalenko, 54, said she had been woken by the blast. "The walls were shaking. I grabbed my son and ran," she told Reuters.
"""  # noqa: E501

ETHIOPIA = """ADDIS ABABA (AP) - Ethiopia's federal government said on Monday its forces had killed more than 300 Fano militia fighters in clashes in the Amhara region, a claim rejected by the militia.

Government spokesman Legesse Tulu told state media that the army had "neutralised" the fighters near the town of Debre Markos and captured 70 others. The government said 12 soldiers were wounded.

A Fano spokesman, Asres Mare, said the figures were "pure propaganda" and that only 15 of its fighters had died. "We still control the countryside," the spokesman said.

The UN humanitarian office, OCHA, said in a report that the fighting had displaced about 25,000 people since August. The report said aid convoys could not reach the area.

Rights groups have accused federal troops of killing civilians in drone strikes, which the government denies.
"""  # noqa: E501

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "article.txt"
ARTICLES = {
    "nigeria": (NIGERIA, dt.date(2024, 10, 7)),
    "colombia": (COLOMBIA, dt.date(2024, 3, 6)),
    "ukraine": (UKRAINE, dt.date(2024, 6, 14)),
    "ethiopia": (ETHIOPIA, dt.date(2024, 9, 2)),
    "example": (None, dt.date(2023, 11, 16)),
}


@pytest.fixture(scope="module")
def analysed(parse_text) -> dict[str, tuple[tuple[Quote, ...], tuple[Claim, ...]]]:  # noqa: ANN001
    out = {}
    for name, (text, published) in ARTICLES.items():
        raw = text if text is not None else EXAMPLE.read_text(encoding="utf-8")
        parse = parse_text(clean_text(raw).text)
        quotes = find_quotes(parse)
        timeline = resolve_dates(parse, published=published)
        claims, _ = count_casualties(
            parse, timeline=timeline, quotes=quotes, events=(), article_id=name
        )
        out[name] = (quotes, claims)
    return out


def _quote(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.text]
    assert matches, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return matches[0]


@pytest.mark.parametrize(
    ("article", "fragment", "speaker", "role"),
    [
        # "..., police said": the clause before a parenthetical speech verb
        ("nigeria", "Gunmen killed 23 villagers", "police", None),
        # "said in a statement that ...": the clause hangs on "statement"
        ("nigeria", "the attackers arrived on motorcycles", "Daso Nahum", "police spokesman"),
        ("nigeria", "Our men have been deployed", "Daso Nahum", "police spokesman"),
        ("nigeria", "43 people had been killed", "Babagana Zulum", "governor"),
        ("nigeria", "I counted the bodies", "Babagana Zulum", "governor"),  # "the governor"
        ("nigeria", "five suspects had been arrested", "police", None),
        # an unnamed person, without the relative clause; "he" is the last person-like speaker
        ("nigeria", "belonged to the Islamic State", "vigilante leader in the area", None),
        ("nigeria", "They came from the forest", "vigilante leader in the area", None),
        ("colombia", "We reject this cowardly attack", "Pedro Sanchez", "defence minister"),
        ("colombia", "troops had repelled the assault", "Pedro Sanchez", "defence minister"),
        ("colombia", "the explosions had damaged", "Ana Ortiz", "mayor"),  # "the mayor of X, Y,"
        ("colombia", "The children are terrified", "Ana Ortiz", "mayor"),
        ("colombia", "three guerrillas had been captured", "army", None),
        ("colombia", "4,000 people have been displaced", "Ombudsman's Office", None),
        ("ukraine", "Rescuers are pulling people", "Serhiy Lysak", "governor"),  # on Telegram
        ("ukraine", "it had shot down 18", "Ukraine's air force", None),
        ("ukraine", "the rest hit targets", "Ukraine's air force", None),  # "the air force"
        ("ukraine", "military-industrial facilities", "Russia's defence ministry", None),
        ("ukraine", "targeting civilians", "Russia's defence ministry", None),  # not "its forces"
        ("ukraine", "40 Ukrainian soldiers", "Russia's defence ministry", None),  # "the ministry"
        ("ukraine", "The walls were shaking", "Olena Kovalenko", "resident"),
        ("ethiopia", "12 soldiers were wounded", "Ethiopia's federal government", None),
        ("ethiopia", "We still control", "Asres Mare", "spokesman"),  # "the spokesman"
        ("ethiopia", "displaced about 25,000", "OCHA", None),
        ("ethiopia", "aid convoys could not reach", "OCHA", None),  # "the report" said
        ("example", "The assault on the post", "armed forces", None),  # a statement from X
        ("example", "14 soldiers were killed and 20", "army", None),  # not the last body
        ("example", "the death toll was likely", "local official in Douentza", "local official"),
        ("example", "Some of the wounded", "local official in Douentza", "local official"),
        ("example", "security situation is improving", "junta", None),
    ],
)
def test_speakers(analysed, article: str, fragment: str, speaker: str, role: str | None) -> None:  # noqa: ANN001
    quote = _quote(analysed[article][0], fragment)
    assert quote.speaker == speaker
    if role is not None:
        assert quote.speaker_role == role


def test_no_participle_or_dateline_is_a_quote(analysed) -> None:  # noqa: ANN001
    """ "said in the statement read on state television": "read ..." is not what was said."""
    texts = [q.text for quotes, _ in analysed.values() for q in quotes]
    assert not any(t.startswith("read on state television") for t in texts)
    assert not any(t.startswith(("MAIDUGURI", "BOGOTA", "KYIV")) for t in texts)


@pytest.mark.parametrize(
    ("article", "kind", "count", "claimant", "background"),
    [
        ("nigeria", "killed", 23, "police", False),
        ("nigeria", "killed", 40, "state governor", False),  # "put the toll at more than 40"
        ("nigeria", "killed", 43, "Babagana Zulum", False),
        ("nigeria", "arrested", 5, "police", False),
        ("nigeria", "accusation", None, "Local residents", False),
        ("nigeria", "denial", None, "army", False),
        ("nigeria", "killed", 35000, None, True),
        ("nigeria", "displaced", 2000000, None, True),  # "so far"
        ("colombia", "killed", 2, "Colombia's defence minister", False),
        ("colombia", "injured", 7, "Colombia's defence minister", False),
        ("colombia", "arrested", 3, "army", False),  # "captured"
        ("colombia", "displaced", 4000, "Ombudsman's Office", True),  # "so far this year"
        ("ukraine", "killed", 8, "regional governor", False),
        ("ukraine", "injured", 27, "regional governor", False),
        ("ukraine", "denial", None, "Russia's defence ministry", False),
        ("ukraine", "killed", 40, "Russia's defence ministry", False),
        ("ethiopia", "killed", 300, "Ethiopia's federal government", False),
        ("ethiopia", "arrested", 70, "Legesse Tulu", False),
        ("ethiopia", "injured", 12, "Ethiopia's federal government", False),
        ("ethiopia", "killed", 15, "Asres Mare", False),
        ("ethiopia", "displaced", 25000, "OCHA", False),
        ("ethiopia", "accusation", None, "Rights groups", False),
        ("ethiopia", "denial", None, "Ethiopia's federal government", False),  # "the government"
        ("example", "killed", 14, "army", False),
        ("example", "injured", 20, "army", False),
        ("example", "killed", 12, "Group to Support Islam and Muslims (JNIM)", False),
        ("example", "displaced", 2000, "UN refugee agency", False),
        ("example", "displaced", 375000, "UN refugee agency", True),  # "already registered"
        ("example", "accusation", None, "Human rights groups", False),
        ("example", "denial", None, "authorities", False),  # "allegations the authorities deny"
    ],
)
def test_claimants(
    analysed, article: str, kind: str, count: int | None, claimant: str | None, background: bool
) -> None:  # noqa: ANN001
    claims = analysed[article][1]
    found = [
        (c.claimant, c.is_background) for c in claims if (c.kind, c.count) == (kind, count)
    ]  # fmt: skip
    assert (claimant, background) in found, [(c.kind, c.count, c.claimant) for c in claims]


def test_a_restated_figure_is_one_claim(analysed) -> None:  # noqa: ANN001
    """ "killing at least 14 soldiers, the army said" ... "The army said 14 soldiers were
    killed": one claim, with the bounds both wordings allow."""
    claims = analysed["example"][1]
    fourteen = [c for c in claims if (c.kind, c.count) == ("killed", 14)]
    assert len(fourteen) == 1
    assert (fourteen[0].count_low, fourteen[0].count_high) == (14, 14)


@pytest.mark.parametrize(
    ("article", "kind", "target"),
    [
        ("example", "accusation", "the army and the jihadists"),
        ("nigeria", "accusation", "the military"),
        ("ethiopia", "accusation", "federal troops"),
        ("ukraine", "denial", "targeting civilians"),
    ],
)
def test_allegation_targets(analysed, article: str, kind: str, target: str) -> None:  # noqa: ANN001
    claims = analysed[article][1]
    assert target in [c.target for c in claims if c.kind == kind]


# ------------------------------------------------------------------- the words naming the speaker


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "written"),
    [
        # "it said": the body that spoke before, never the quote's own first words
        ('The army said it had repelled the attack. "Our forces killed 20 fighters," it said.',
         "Our forces", "army", "it"),
        # she / he respect the gender the text shows ("Ms." / "Mr." before the surname)
        ('Ms. Roe spoke first. Mr. Smith said the talks had failed. "We will stay," she said.',
         "We will stay", "Roe", "she"),
        ('Ms. Roe spoke first. Mr. Smith said the talks had failed. "We will stay," he said.',
         "We will stay", "Smith", "he"),
        # "X condemned what he called ...": the source is X, where X is written
        ('Ban Ki-moon condemned what he called a "brazen breach" of the resolutions.',
         "brazen breach", "Ki-moon", "Ki-moon"),
        # a statement that X issued is X's
        ('The Security Council issued a statement calling the test "a clear violation".',
         "a clear violation", "Security Council", "The Security Council"),
        # a relative clause after the name does not hide the speaker
        ("Ali Hassan, who was trying to enter parliament, told reporters that police fired.",
         "police fired", "Ali Hassan", "Ali Hassan"),
        # inverted at the end of a long sentence
        ("Police fired on the crowd, killing four people and wounding dozens of others who had "
         "gathered near the ministry, said agency spokesman Omar Diallo.",
         "Police fired", "Omar Diallo", "Omar Diallo"),
        # a colon-introduced statement
        ('The ministry issued a statement and reported:\n"Twelve soldiers were killed."',
         "Twelve soldiers", "ministry", "The ministry"),
    ],
)  # fmt: skip
def test_a_quote_carries_the_words_naming_its_speaker(
    parse_text, text: str, fragment: str, speaker: str, written: str
) -> None:  # noqa: ANN001
    quote = _quote(find_quotes(parse_text(text)), fragment)
    span = quote.speaker_span
    assert quote.speaker == speaker
    assert span is not None and text[span.start : span.end] == written
    assert (quote.to_dict()["speaker_start"], quote.to_dict()["speaker_end"]) == (span.start,
                                                                                   span.end)
