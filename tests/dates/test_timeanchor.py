"""What an expression is resolved against: the cue words and tenses that look ahead, and the
quarter, month and year the text is about as it is read."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.dates.timeanchor import Reading, looks_ahead, sentence_start
from faultline.records import DateMention

WED = dt.date(2022, 9, 14)


@pytest.mark.parametrize(
    ("text", "tense", "ahead"),
    [
        ("Troops must leave by Friday.", None, True),
        ("Troops had left by Friday.", "past", False),
        ("The envoy arrives Friday.", "future", True),
        ("Residents have until 9 a.m. Friday to leave.", None, True),  # "a.m." ends no sentence
        ("A vote is scheduled for Friday.", None, True),
        ("A vote was scheduled for Friday.", "past", True),  # a cue word other than "by" stands
        ("Shares fell on lower-than-expected sales Friday.", None, False),
        ("Rebels attacked the town on Friday.", None, False),
    ],
)
def test_looks_ahead(text, tense, ahead):
    start = text.index("Friday")
    assert looks_ahead(text, start, start + len("Friday"), tense) is ahead


def test_sentence_start_skips_abbreviations_and_clock_times():
    text = "Gen. Ali spoke. At 9 a.m. Friday, Mr. Said left."
    assert sentence_start(text, text.index("Said")) == text.index("At")


def mention(text: str, start: int, value: str, granularity: str) -> DateMention:
    return DateMention(text, start, start + len(text), value, granularity, False, None, "test")


def test_reading_keeps_the_quarter_a_report_is_about():
    text = "Profit rose in the third quarter. " + "Costs grew. " * 50 + "The quarter was strong."
    reading = Reading(text, WED, {})
    reading.note(mention("the third quarter", 14, "2022-Q3", "quarter"), sets_quarter=True)
    later = text.index("The quarter")
    assert reading.anchor(later, later + 11).quarter == "2022-Q3"  # named again in the sentence
    assert reading.anchor(560, 565).quarter is None  # far, in a sentence not about quarters


def test_reading_ignores_a_forecast_quarter_and_follows_named_years():
    reading = Reading("...", WED, {})
    reading.note(mention("the third quarter of 2023", 0, "2023-Q3", "quarter"), sets_quarter=True)
    reading.note(mention("June 2011", 40, "2011-06", "month"), sets_quarter=False)
    anchor = reading.anchor(60, 70)
    assert (anchor.quarter, anchor.month, anchor.year) == (None, "2011-06", "2011")


def test_reading_moves_the_reference_day_but_not_on_a_clock_time():
    reading = Reading("...", WED, {})
    reading.note(mention("March 3, 2021", 0, "2021-03-03", "day"), sets_quarter=False)
    clock = DateMention("10 p.m.", 20, 27, "2021-03-03T22:00", "time", False, None, "time.clock")
    reading.note(clock, sets_quarter=False)
    assert reading.anchor(40, 45).reference == dt.date(2021, 3, 3)
