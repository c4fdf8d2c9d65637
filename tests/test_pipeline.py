"""End-to-end: the whole pipeline on short articles written for these tests (not the seed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.pipeline import extract
from faultline.records import Article

pytestmark = pytest.mark.model

MALI = """BAMAKO (AFP) - Jihadist fighters attacked an army post near the town of
Bandiagara in central Mali on Thursday, killing at least 12 soldiers, the army said
in a statement.

"The terrorists were repelled after intense fighting," army spokesman Souleymane
Dembele said on Friday, adding that 20 assailants had been killed.

The Group to Support Islam and Muslims (JNIM), an al Qaeda affiliate, claimed
the attack and said it had killed 30 soldiers.

Related article: Mali junta extends transition by two years

Residents said hundreds of people had fled to the nearby town of Douentza.

https://example.com/2019/01/01/mali-attack

Mali has been battling a jihadist insurgency that began in the north in 2012.
The conflict has since killed thousands of people and displaced more than
two million.
"""


@pytest.fixture(scope="module")
def mali(resources):
    article = Article(id="mali-1", text=MALI, published=dt.date(2023, 3, 10))
    return extract(article, resources)


def test_cleaning_removes_debris_and_keeps_offsets(mali):
    text = mali.article.text
    assert "Related article" not in text
    assert "https://" not in text
    assert "near the town of Bandiagara" in text  # hard line break unwrapped


def test_every_span_matches_the_cleaned_text(mali):
    text = mali.article.text
    for record in (*mali.places, *mali.dates, *mali.background):
        assert text[record.start : record.end] == record.text
    for quote in mali.quotes:  # a quote split around its attribution: each piece is a slice
        assert all(text[p.start : p.end] == p.text for p in quote.pieces)
        assert quote.text == " ".join(p.text for p in quote.pieces)
    for claim in mali.claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    for event in mali.events:
        for span in event.evidence:
            assert text[span.start : span.end] == span.text


def test_the_attack_is_one_dated_located_event(mali):
    near_town = [e for e in mali.events if e.location and "Bandiagara" in e.location]
    assert near_town, [e.to_dict() for e in mali.events]
    event = near_town[0]
    assert event.event_date == "2023-03-09"  # "on Thursday" in a Friday article
    assert event.country_code == "ML"
    assert event.geo_precision == 2  # "near the town of"
    assert event.event_type in {"Battles", "Explosions/Remote violence"}
    assert all(e.event_date and e.event_date.startswith("2023") for e in mali.events)


def test_each_casualty_claim_is_kept_with_its_claimant(mali):
    killed = {c.count: c for c in mali.claims if c.kind == "killed" and not c.is_background}
    assert {12, 30} <= set(killed), [c.to_dict() for c in mali.claims]
    assert killed[12].count_low == 12
    claimant = killed[30].claimant or ""
    assert "JNIM" in claimant or "Group to Support" in claimant


def test_history_is_background_not_news(mali):
    assert mali.background
    assert any(d.value == "2012" and d.is_background for d in mali.dates)
    history = [c for c in mali.claims if c.is_background]
    assert history, "the insurgency's toll since 2012 is background"
    assert not any(e.event_date and e.event_date.startswith("2012") for e in mali.events)


def test_quote_has_its_speaker(mali):
    direct = [q for q in mali.quotes if q.is_direct and "repelled" in q.text]
    assert direct and direct[0].speaker == "Souleymane Dembele"


def test_result_serialises_to_the_contract(mali):
    record = json.loads(json.dumps(mali.to_dict()))
    assert set(record) == {
        "article", "events", "claims", "quotes", "places", "dates", "background", "problems",
    }  # fmt: skip
    assert set(record["article"]) == {"id", "url", "source", "title", "published", "text"}


def test_no_publication_date_is_a_problem_not_a_guess(resources):
    article = Article(id="undated", text="Gunmen attacked a village near Gao on Tuesday.")
    result = extract(article, resources)
    assert any(p.code == "dates.no_publication_date" for p in result.problems)
    assert all(e.event_date is None for e in result.events)


FRAGMENTS = (
    "Rebels attacked a police station near Goma on Monday, killing three officers.",
    "The governor said at least 12 civilians were killed\nin the market.",
    '"We will not surrender," the group\'s spokesman told reporters.',
    "Related article: Talks collapse in Doha",
    "Protesters marched through Nairobi on Friday; police fired tear gas.",
    "https://example.org/2020/05/01/story",
    "The 1994 war killed hundreds of thousands of people.",
    "An air strike hit a school in Sagaing, the\nNational Unity Government said.",
    "Dozens of families fled to Kaga Bandoro, according to the UN.",
    "(Photo by Jane Roe / Reuters)",
    "Hundreds were displaced by the flood-\nwaters and fighting.",
    "Baku denied shelling the village.",
)


@pytest.mark.model
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
    joiner=st.sampled_from(["\n\n", "\n", " "]),
)
def test_every_span_lies_inside_the_text_and_quotes_its_evidence(resources, parts, joiner):
    article = Article(id="p", text=joiner.join(parts), published=dt.date(2024, 3, 8))
    result = extract(article, resources)
    text = result.article.text
    spans = [*result.places, *result.dates, *result.background]
    spans += [piece for quote in result.quotes for piece in quote.pieces]
    spans += [claim.evidence for claim in result.claims]
    spans += [span for event in result.events for span in event.evidence]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for event in result.events:
        assert set(event.claim_ids) <= {claim.claim_id for claim in result.claims}
        assert event.event_date is None or event.event_date <= "2024-03-08"


def test_the_python_api_takes_a_raw_text_and_a_published_string():
    import faultline

    result = faultline.extract(MALI, published="2023-03-10", id="api")
    assert result.article.id == "api" and result.article.published == dt.date(2023, 3, 10)
    assert any(e.country_code == "ML" for e in result.events)


@pytest.mark.parametrize(
    ("text", "events", "fatalities"),
    [
        (  # a toll sentence after the event is its casualty count, not a second event
            "Two groups of villagers clashed with sticks in Kisumu on Monday over a land dispute. "
            "One person was killed and at least 15 were injured.",
            1,
            1,
        ),
        ("Residents lynched a suspected thief in Eldoret on Sunday night, police said.", 1, 1),
    ],
)
def test_a_toll_sentence_and_a_single_victim_count_for_the_event(
    resources, text, events, fatalities
):
    result = extract(Article(id="toll", text=text, published=dt.date(2024, 5, 15)), resources)
    assert len(result.events) == events
    assert result.events[0].fatalities == fatalities
