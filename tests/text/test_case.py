"""True-casing of text written in one case."""

from __future__ import annotations

import pytest

from faultline.text.case import single_case, truecase

NAMES = {"zamfara", "zamfara state", "nigeria", "khartoum", "north kivu"}


def is_name(phrase: str) -> bool:
    return phrase in NAMES


LOWER = (
    "gunmen killed nine people in maru town in nigeria's zamfara state on wednesday, police said."
)


def test_lower_case_text_gets_capitals_for_names_sentences_and_days():
    cased = truecase(LOWER, is_name)
    assert len(cased) == len(LOWER)
    assert cased.lower() == LOWER
    assert cased.startswith("Gunmen killed")
    for word in ("Maru", "Nigeria's", "Zamfara State", "Wednesday"):
        assert word in cased
    assert " police said" in cased  # an English word in mid-sentence stays lower case


def test_upper_case_text_is_lowered_then_cased():
    shouted = "FIGHTING ERUPTED IN NORTH KIVU ON MONDAY. REBELS SEIZED TWO VILLAGES."
    cased = truecase(shouted, is_name)
    assert cased == "Fighting erupted in North Kivu on Monday. Rebels seized two villages."


def test_mixed_case_text_is_left_as_it_is():
    text = "Gunmen killed nine people in Maru on Wednesday, police said in a statement."
    assert single_case(text) is None
    assert truecase(text, is_name) is text


@pytest.mark.parametrize("text", ["İSTANBUL POLICE DETAINED PROTESTERS ON SUNDAY NIGHT", "ß" * 30])
def test_the_length_never_changes(text):
    assert len(truecase(text, is_name)) == len(text)


@pytest.mark.model
def test_a_lower_case_article_gives_its_place_and_event(resources):
    from faultline.pipeline import extract
    from faultline.records import Article

    text = (
        "gunmen on motorcycles killed nine people in a village in zamfara state, nigeria, on "
        "wednesday, residents said.\n"
    )
    result = extract(Article(id="lc", text=text), resources)
    assert any(p.name == "Zamfara" or p.admin1 == "Zamfara" for p in result.places)
    assert result.events and result.events[0].country == "Nigeria"
