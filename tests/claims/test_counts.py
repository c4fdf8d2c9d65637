"""Counts & claims stage: linking and fatalities (hand-built records), kinds, counts, claimants,
victims, background and allegations (model), and the seed article (model)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.claims.counts import count_casualties
from faultline.claims.fatalities import coded_fatalities, link_claims
from faultline.quotes.attribution import find_quotes
from faultline.records import (
    Claim,
    DateMention,
    Event,
    Parse,
    Sentence,
    SentenceTime,
    Span,
    Timeline,
)

# ------------------------------------------------------------------------------- hand-built records

TEXT = "Gunmen attacked two villages.\nThe army said 7 died.\nThe 1990s war killed 500."


def _parse() -> Parse:
    sentences = (
        Sentence(0, 0, 29, 0, 0, 0),
        Sentence(1, 30, 51, 0, 0, 1),
        Sentence(2, 52, 77, 0, 0, 2),
    )
    return Parse(TEXT, (), sentences, ())


def _claim(
    kind: str,
    count: int | None,
    low: int | None,
    high: int | None,
    start: int = 30,
    background: bool = False,
    claimant: str | None = "army",
) -> Claim:
    return Claim(
        claim_id=f"x-{kind}-{count}-{claimant}",
        kind=kind,
        count=count,
        count_low=low,
        count_high=high,
        victims=None,
        claimant=claimant,
        is_background=background,
        date=None,
        evidence=Span(start, start + 5, TEXT[start : start + 5]),
    )


def _event(event_id: str, sentence: int) -> Event:
    blank = {name: None for name in Event.__dataclass_fields__}
    blank.update(
        event_id=event_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        claim_ids=(),
        evidence=(),
        confidence=0.5,
        rule="",
        sentence=sentence,
    )
    return Event(**blank)


def test_a_total_is_split_evenly_with_the_extra_on_the_first_event() -> None:
    events = (_event("e1", 1), _event("e2", 1), _event("e3", 1))
    claims, new = link_claims(_parse(), [_claim("killed", 7, 7, 7)], events)
    assert [e.fatalities for e in new] == [3, 2, 2]
    assert claims[0].event_ids == ("e1", "e2", "e3")
    assert all(claims[0].claim_id in e.claim_ids for e in new)


def test_figures_of_one_clause_for_different_victims_add_up() -> None:
    volunteers = dataclasses.replace(_claim("killed", 9, 9, 9), victims="volunteers")
    soldiers = dataclasses.replace(_claim("killed", 4, 4, 4), victims="soldiers", claim_id="s")
    _, (event,) = link_claims(_parse(), [volunteers, soldiers], (_event("e1", 1),))
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (13, 13, 13)
    again = dataclasses.replace(soldiers, count=6, count_low=6, count_high=6, claim_id="t")
    _, (event,) = link_claims(_parse(), [soldiers, again], (_event("e1", 1),))
    assert event.fatalities == 4  # the same victims counted twice: the lower figure


def test_a_closing_fatalities_figure_restates_the_victims_counted_before() -> None:
    civilians = dataclasses.replace(_claim("killed", 6, 6, 6), victims="civilians")
    closing = dataclasses.replace(
        _claim("killed", 6, 6, 6), evidence=Span(40, 51, "6 fatalities"), claim_id="t"
    )
    claims, (event,) = link_claims(_parse(), [civilians, closing], (_event("e1", 1),))
    assert [c.event_ids for c in claims] == [("e1",), ("e1",)]
    assert event.fatalities == 6  # not 12


@pytest.mark.parametrize(
    ("note", "coded"),
    [
        ("Fatalities coded as 0 (Taliban sources reported 1).", 0),
        ("Unknown fatalities coded as 10.", 10),
        ("One soldier was killed [1 fatality split among 12 events].", 0),
        ("[25 fatalities split between 2 events]", 12),
        ("Unclear fatalites coded as 10 and split between 3 locations.", 3),
        ("Six fatalities reported.", None),
    ],
)
def test_acled_coding_stated_in_a_note(note: str, coded: int | None) -> None:
    assert coded_fatalities(note) == coded


def test_disagreeing_claimants_give_the_lowest_figure_and_ucdp_bounds() -> None:
    claims = [
        _claim("killed", 12, 12, None),
        _claim("killed", 40, 40, 40, claimant="rebels"),
        _claim("killed", 20, 20, 25, claimant="UN"),
    ]
    _, (event,) = link_claims(_parse(), claims, (_event("e1", 1),))
    assert (
        event.fatalities,
        event.fatalities_low,
        event.fatalities_best,
        event.fatalities_high,
    ) == (12, 12, 20, 40)


def test_no_killed_claim_means_zero_fatalities_and_no_bounds() -> None:
    _, (event,) = link_claims(_parse(), [_claim("injured", 9, 9, 9)], (_event("e1", 1),))
    assert (
        event.fatalities,
        event.fatalities_low,
        event.fatalities_best,
        event.fatalities_high,
    ) == (0, None, None, None)
    assert event.claim_ids == ("x-injured-9-army",)


@pytest.mark.parametrize(
    ("claim", "linked"),
    [
        (_claim("killed", 7, 7, 7, start=30), True),
        (_claim("killed", 7, 7, 7, start=0), False),  # another sentence: no event there
        (_claim("killed", 500, 500, 500, start=52, background=True), False),
        (_claim("displaced", 70, 70, None, start=30), False),
        (_claim("accusation", None, None, None, start=30), False),
    ],
)
def test_which_claims_link_to_the_event_of_their_sentence(claim: Claim, linked: bool) -> None:
    events = (_event("e1", 1), _event("e2", 1))  # two: a note's only event takes any toll
    claims, _ = link_claims(_parse(), [claim], events)
    assert bool(claims[0].event_ids) == linked


def test_linking_never_mutates_its_inputs() -> None:
    events = (_event("e1", 1),)
    claim = _claim("killed", 7, 7, 7)
    before = (dataclasses.replace(events[0]), dataclasses.replace(claim))
    link_claims(_parse(), [claim], events)
    assert (events[0], claim) == before


# -------------------------------------------------------------------------------- with the model


def _timeline(
    parse: Parse, date: str = "2024-03-05", background: dict[int, str] | None = None
) -> Timeline:
    """One SentenceTime per sentence; `background`: sentence index -> TIMEX3 value of its past."""
    background = background or {}
    sentences = tuple(
        SentenceTime(
            s.index, None if s.index in background else date, None, 1, s.index in background
        )
        for s in parse.sentences
    )
    mentions = tuple(
        DateMention(parse.text[s.start : s.end], s.start, s.end, background[s.index], "year", True)
        for s in parse.sentences
        if s.index in background
    )
    return Timeline(dates=mentions, sentences=sentences, background=())


def _claims(parse_text, text: str, **timeline) -> tuple[Claim, ...]:  # noqa: ANN001, ANN003
    parse = parse_text(text)
    claims, _ = count_casualties(
        parse,
        timeline=_timeline(parse, **timeline),
        quotes=find_quotes(parse),
        events=(),
        article_id="t",
    )
    return claims


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "count", "low", "high"),
    [
        ("Police said 12 protesters were killed in Nairobi.", "killed", 12, 12, 12),
        ("Gunmen killed at least 20 villagers near Gao.", "killed", 20, 20, None),
        ("The blast wounded dozens of people.", "injured", 12, 12, None),
        ("More than 6,400 people fled their homes.", "displaced", 6400, 6400, None),
        ("Some 300 families were displaced by the fighting.", "displaced", 300, 300, 300),
        ("Between 10 and 15 soldiers died in the ambush.", "killed", 10, 10, 15),
        ("Rebels abducted several aid workers on Monday.", "abducted", 3, 3, None),
        ("Police arrested 45 demonstrators in Dhaka.", "arrested", 45, 45, 45),
        ("Five fishermen are still missing after the raid.", "missing", 5, 5, 5),
        ("The army recovered the bodies of 16 civilians.", "killed", 16, 16, 16),
        ("The attack claimed hundreds of lives.", "killed", 100, 100, None),
        ("The army reported the death of 8 soldiers.", "killed", 8, 8, 8),
        ("A soldier was killed in the clash.", "killed", 1, 1, 1),
        ("A suspect was shot and died.", "killed", 1, 1, 1),  # the subject of "shot"
        ("A man was attacked and beaten to death by a mob.", "killed", 1, 1, 1),
        ("The raid caused casualties, officials said.", "killed", 0, 0, None),
        ("The raid caused 14 casualties.", "killed", 0, 0, 14),
        ("Six of our men were martyred.", "killed", 6, 6, 6),
        ("Suicide attack on tea shop kills at least seven", "killed", 7, 7, None),  # an advmod
        ("The victim died in hospital.", "killed", 1, 1, 1),
        ("A member of the security forces was found killed.", "killed", 1, 1, 1),
        ("Gunmen shot dead a former bodyguard.", "killed", 1, 1, 1),
        ("Shells landed on homes, killing three members of one family.", "killed", 3, 3, 3),
    ],
)
def test_kinds_and_counts(
    parse_text, text: str, kind: str, count: int, low: int | None, high: int | None
) -> None:  # noqa: ANN001
    counted = [c for c in _claims(parse_text, text) if c.kind not in ("accusation", "denial")]
    assert [(c.kind, c.count, c.count_low, c.count_high) for c in counted] == [
        (kind, count, low, high)
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The convoy of 40 trucks reached Goma.",
        "Five years ago the town was quiet.",
        "He is 66 years old.",
        "A mob attempted to kill a suspect.",
    ],
)
def test_no_casualty_no_claim(parse_text, text: str) -> None:  # noqa: ANN001
    assert _claims(parse_text, text) == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "claimant", "victims", "side"),
    [
        (
            "Bamako confirmed on Monday that 14 of its soldiers were killed.",
            "Bamako",
            "Malian soldiers",
            "ML",
        ),
        (
            "Niger's army reported the death of 9 of its troops.",
            "Niger's army",
            "Nigerien troops",
            "NE",
        ),
        (
            'The rebel spokesman Ali Mahamat said "we killed 30 soldiers."',
            "Ali Mahamat",
            "soldiers",
            None,
        ),
        (
            "According to the UN, 200 Sudanese civilians were killed.",
            "UN",
            "Sudanese civilians",
            "SD",
        ),
        (
            "Kenya offered to return the bodies of 12 Somali fighters.",
            "Kenya",
            "Somali fighters",
            "SO",
        ),
        ("Gunmen killed 12 villagers near Gao.", None, "villagers", None),
    ],
)
def test_claimants_and_victims(
    parse_text, text: str, claimant: str | None, victims: str, side: str | None
) -> None:  # noqa: ANN001
    (claim,) = _claims(parse_text, text)
    assert (claim.claimant, claim.victims, claim.victim_side) == (claimant, victims, side)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "claimant", "written"),
    [
        ("Bamako confirmed on Monday that 14 of its soldiers were killed.", "Bamako", "Bamako"),
        ('The rebel spokesman Ali Mahamat said "we killed 30 soldiers."', "Ali Mahamat",
         "Ali Mahamat"),
        ('Ali Mahamat is the rebel spokesman. "We killed 30 soldiers," he said.', "Ali Mahamat",
         "he"),
        ("Gunmen killed 12 villagers near Gao.", None, None),
        # counting and mentioning verbs name their source too (the verb-frame table)
        ("A journalist counted 14 bodies at the morgue.", "journalist", "A journalist"),
        ("Local sources mention a toll of 30 dead.", "Local sources", "Local sources"),
        # a noun that stands for the toll ("the number of dead") set by its claimant
        ("The health ministry put the number of dead at 11.", "health ministry",
         "The health ministry"),
        ("The governor put the death toll at 40.", "governor", "The governor"),
        ("Police fired on the crowd near the ministry, killing four people, said agency "
         "spokesman Omar Diallo.", "Omar Diallo", "Omar Diallo"),
    ],
)  # fmt: skip
def test_a_claim_carries_the_words_naming_its_claimant(
    parse_text, text: str, claimant: str | None, written: str | None
) -> None:  # noqa: ANN001
    claims = [c for c in _claims(parse_text, text) if c.kind == "killed"]
    span = claims[0].claimant_span
    assert claims[0].claimant == claimant
    assert (text[span.start : span.end] if span else None) == written
    row = claims[0].to_dict()
    assert (row["claimant_start"], row["claimant_end"]) == ((span.start, span.end) if span
                                                             else (None, None))  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [("Medics put the number of dead at 11 and said 40 others were wounded.",
      [("killed", 11), ("injured", 40)]),
     ("The death toll rose to 23.", [("killed", 23)]),
     ("The number of dead rose to 23.", [("killed", 23)]),
     ("The toll stood at 12 on Monday.", [("killed", 12)]),
     ("The number of dead reached 40, officials said.", [("killed", 40)]),
     ("The number of protesters rose to 2,000.", []),
     ("A number of people were killed, and 12 houses burned.", [])],
)  # fmt: skip
def test_a_number_of_dead_is_a_toll(parse_text, text: str, expected: list) -> None:  # noqa: ANN001
    found = [(c.kind, c.count) for c in _claims(parse_text, text) if c.count is not None]
    assert found == expected


@pytest.mark.model
def test_background_tolls_are_kept_but_not_current(parse_text) -> None:  # noqa: ANN001
    text = (
        "The civil war of the 1990s killed around 40,000 people.\n"
        "On Monday, three soldiers died in Gao."
    )
    claims = _claims(parse_text, text, background={0: "199X"})
    assert [(c.count, c.is_background, c.date) for c in claims] == [
        (40000, True, "199X"),
        (3, False, "2024-03-05"),
    ]


@pytest.mark.model
def test_a_number_joined_to_a_counted_casualty_counts_the_next_one(parse_text) -> None:  # noqa: ANN001
    claims = _claims(parse_text, "3 fatalities and 4 injured.")
    assert [(c.kind, c.count) for c in claims] == [("killed", 3), ("injured", 4)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("The attack came a day after five civilians were killed.", True),
        ("Students rallied over the death of a student.", True),
        ("Traders protested following the death of a shopkeeper.", True),
        ("Relatives rioted over the death of a woman who died in labour.", True),
        ("Five civilians were killed after gunmen stormed the village.", False),
    ],
)
def test_the_toll_of_an_earlier_incident_is_background(parse_text, text, background) -> None:  # noqa: ANN001
    claims = _claims(parse_text, text)
    assert claims and all(c.is_background == background for c in claims)


@pytest.mark.model
def test_a_casualty_word_modifying_a_noun_is_no_death(parse_text) -> None:  # noqa: ANN001
    claims = _claims(parse_text, "Police arrested a murder suspect.")
    assert [(c.kind, c.count) for c in claims] == [("arrested", 1)]
    assert _claims(parse_text, "Dozens of youths chased a murder suspect.") == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("A seventh person died.", "count.ordinal_victim"),
        ("One of the men who died was a cartel leader.", "count.exact+part"),
        ("A man died.", "count.single_victim"),
    ],
)
def test_a_victim_counted_before_is_marked(parse_text, text: str, rule: str) -> None:  # noqa: ANN001
    assert [(c.count, c.rule.split(";")[0]) for c in _claims(parse_text, text)] == [(1, rule)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("The conflict has since killed thousands of people.", True),
        ("The insurgency has killed more than 5,000 civilians.", True),
        ("The violence killed 12 people on Tuesday.", False),
    ],
)
def test_a_wars_running_toll_is_background(parse_text, text: str, background: bool) -> None:  # noqa: ANN001
    parse = parse_text(text)
    dates = tuple(
        DateMention("Tuesday", parse.text.index("Tuesday"), parse.text.index("Tuesday") + 7,
                    "2024-03-05", "day", False)
        for _ in [0] if "Tuesday" in parse.text
    )  # fmt: skip
    timeline = dataclasses.replace(_timeline(parse), dates=dates)
    claims, _ = count_casualties(
        parse, timeline=timeline, quotes=find_quotes(parse), events=(), article_id="w"
    )
    assert [c.is_background for c in claims] == [background]


@pytest.mark.model
def test_accusation_and_denial(parse_text) -> None:  # noqa: ANN001
    text = (
        "Both sides accused each other of breaking the truce.\n"
        "The army denied having shelled the market."
    )
    claims = _claims(parse_text, text)
    assert [(c.kind, c.claimant, c.target, c.count) for c in claims] == [
        ("accusation", "both sides", "each other", None),
        ("denial", "army", "having shelled the market", None),
    ]


MALI = (
    "Mali's defence ministry said on Tuesday that 14 soldiers were killed when rebels attacked a "
    "base near Kidal, while the rebels said they had killed 40 soldiers.\n\n"
    "The Coordination of Azawad Movements accused the army of shelling civilians.\n\n"
    "According to local officials, about 2,000 residents fled their homes.\n"
)


@pytest.mark.model
def test_mali_claim_and_counter_claim_fill_the_event(parse_text) -> None:  # noqa: ANN001
    parse = parse_text(MALI)
    events = (_event("m1", 0),)
    claims, (event,) = count_casualties(
        parse,
        timeline=_timeline(parse),
        quotes=find_quotes(parse),
        events=events,
        article_id="mali",
    )
    table = [(c.claim_id, c.kind, c.count, c.claimant) for c in claims]
    assert table == [
        ("mali-c1", "killed", 14, "Mali's defence ministry"),
        ("mali-c2", "killed", 40, "rebels"),
        ("mali-c3", "accusation", None, "Coordination of Azawad Movements"),
        ("mali-c4", "displaced", 2000, "local officials"),
    ]
    assert (
        event.fatalities,
        event.fatalities_low,
        event.fatalities_best,
        event.fatalities_high,
    ) == (14, 14, 14, 40)
    assert event.claim_ids == ("mali-c1", "mali-c2")
    for claim in claims:
        assert parse.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


@pytest.mark.model
@pytest.mark.skipif(
    importlib.util.find_spec("faultline.dates") is None, reason="dates stage not there"
)
def test_seed_article_claims(corpora, parse_text) -> None:  # noqa: ANN001
    from faultline.dates.timeline import resolve_dates
    from faultline.text.clean import clean_text

    text = clean_text((corpora / "seed" / "article.txt").read_text(encoding="utf-8")).text
    parse = parse_text(text)
    timeline = resolve_dates(parse, published=dt.date(2022, 9, 14))
    claims, _ = count_casualties(
        parse, timeline=timeline, quotes=find_quotes(parse), events=(), article_id="s"
    )
    killed = [
        (c.count, c.count_low, c.count_high, c.claimant, c.is_background)
        for c in claims
        if c.kind == "killed"
    ]
    assert killed == [
        (100, 100, 100, "Azerbaijan's commission on prisoners of war", False),
        (105, 105, 105, "Yerevan", False),
        (50, 50, 50, "Baku", False),
        (6500, 6500, None, None, True),
        (30000, 30000, 30000, None, True),
    ]
    victims = {c.count: c.victims for c in claims if c.kind == "killed"}
    assert victims[105] == "Armenian troops" and victims[50] == "Azerbaijani servicemen"
    (displaced,) = [c for c in claims if c.kind == "displaced"]
    assert (displaced.count, displaced.count_low, displaced.claimant) == (
        2750,
        2750,
        "Kristina Grigoryan",
    )
    denials = [(c.claimant, c.target) for c in claims if c.kind == "denial"]
    assert denials == [("Baku", "having targeted Armenia's civilian infrastructure")]
    assert [c.claim_id for c in claims] == [f"s-c{n}" for n in range(1, len(claims) + 1)]


FRAGMENTS = [
    'Chad\'s army said "12 soldiers were killed near Bol."',
    "According to residents, dozens of people fled.",
    "The rebels claimed they had killed at least 40 troops, while the army denied losses.",
    '"We will respond," he said, adding that "the attackers fled."',
    "Police arrested 30 protesters on Friday.",
    "The 2015 war claimed around 2,000 lives.",
    "'Heading in quotes'",
    "A soldier was killed.",
    'Spokesman Idriss Kone told AFP that "two hostages were kidnapped."',
]


@pytest.mark.model
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=5), st.sampled_from([" ", "\n\n"]))
def test_every_claim_and_quote_span_lies_inside_the_text(parse_text, parts, glue) -> None:  # noqa: ANN001
    parse = parse_text(glue.join(parts))
    quotes = find_quotes(parse)
    claims, _ = count_casualties(
        parse, timeline=_timeline(parse), quotes=quotes, events=(), article_id="p"
    )
    spans = [c.evidence for c in claims] + [q.speaker_span for q in quotes if q.speaker_span]
    spans += [piece for q in quotes for piece in q.pieces]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(parse.text)
        assert parse.text[span.start : span.end] == span.text


@pytest.mark.model
def test_a_running_toll_stays_background_beside_recent_or_now(parse_text):
    from faultline.dates.timeline import resolve_dates

    text = "The recent fighting in the region has since killed 300 people, officials say."
    parse = parse_text(text)
    timeline = resolve_dates(parse, published=dt.date(2024, 3, 8))
    claims, _ = count_casualties(
        parse, timeline=timeline, quotes=find_quotes(parse), events=(), article_id="t"
    )
    killed = [c for c in claims if c.kind == "killed"]
    assert killed and killed[0].count == 300 and killed[0].is_background
