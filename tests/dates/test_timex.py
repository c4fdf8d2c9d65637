"""The temporal-expression grammar: one line per expression, resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.dates.timex import find_timexes

WED = dt.date(2022, 9, 14)  # a Wednesday
FRI = dt.date(2023, 4, 21)  # a Friday
JAN = dt.date(2021, 1, 5)
NOV = dt.date(2022, 11, 10)

# (text, published, the expression as found, value, granularity, date_end)
CASES = [
    # absolute days, odd formats, ranges
    ("Talks opened on 14 September 2022.", WED, "14 September 2022", "2022-09-14", "day", None),
    ("The vote was held on Sept. 14.", WED, "Sept. 14", "2022-09-14", "day", None),
    ("Riots began on March 3, 2019.", WED, "March 3, 2019", "2019-03-03", "day", None),
    ("The report is dated 9/14/2022.", WED, "9/14/2022", "2022-09-14", "day", None),
    ("The decree of 14.09.2022 was annulled.", WED, "14.09.2022", "2022-09-14", "day", None),
    ("The file is stamped 2021-11-02.", WED, "2021-11-02", "2021-11-02", "day", None),
    ("The file is stamped 2021/11/02.", WED, "2021/11/02", "2021-11-02", "day", None),
    ("The order of 14-09-2022 was annulled.", WED, "14-09-2022", "2022-09-14", "day", None),
    ("Talks are on Sept. 22-23.", WED, "Sept. 22-23", "2022-09-22", "day", "2022-09-23"),
    ("From Monday to Wednesday.", WED, "Monday", "2022-09-12", "day", "2022-09-14"),
    ("From Monday to Wednesday.", WED, "Wednesday", "2022-09-14", "day", None),
    ("Shelling resumed on Dec. 30.", JAN, "Dec. 30", "2020-12-30", "day", None),
    # weekdays: the most recent such day on or before publication
    ("Rebels attacked on Tuesday.", WED, "Tuesday", "2022-09-13", "day", None),
    ("Police said on Wednesday that ...", WED, "Wednesday", "2022-09-14", "day", None),
    ("Wednesday's statement said ...", WED, "Wednesday", "2022-09-14", "day", None),
    ("Crowds gathered on Tuesday night.", WED, "Tuesday night", "2022-09-13TNI", "day", None),
    ("He spoke later on Wednesday.", WED, "Wednesday", "2022-09-14", "day", None),
    ("Troops withdrew on Sunday.", FRI, "Sunday", "2023-04-16", "day", None),
    ("The envoy will arrive on Monday.", FRI, "Monday", "2023-04-24", "day", None),
    ("Voting ends next Monday.", WED, "next Monday", "2022-09-19", "day", None),
    ("It began at 10 p.m. Tuesday.", WED, "10 p.m. Tuesday", "2022-09-13T22:00", "time", None),
    # deictic days and relative periods
    ("Two soldiers were killed today.", WED, "today", "2022-09-14", "day", None),
    ("Protesters marched yesterday.", WED, "yesterday", "2022-09-13", "day", None),
    ("Drones struck the port overnight.", WED, "overnight", "2022-09-13TNI", "day", None),
    ("A rally is planned tonight.", WED, "tonight", "2022-09-14TNI", "day", None),
    ("Gunmen raided a village last night.", WED, "last night", "2022-09-13TNI", "day", None),
    ("The army said last week that ...", WED, "last week", "2022-W36", "week", None),
    ("Clashes erupted earlier this month.", WED, "earlier this month", "2022-09", "month", None),
    ("Prices rose last year.", WED, "last year", "2021", "year", None),
    ("The camp opened two years ago.", WED, "two years ago", "2020", "year", None),
    ("The group formed three days ago.", WED, "three days ago", "2022-09-11", "day", None),
    # months, seasons, quarters, years, decades, centuries
    ("Talks took place in May and April.", WED, "May", "2022-05", "month", None),
    ("Talks took place in May and April.", WED, "April", "2022-04", "month", None),
    ("Elections are due in November.", WED, "November", "2022-11", "month", None),
    ("The siege began in March 2014.", WED, "March 2014", "2014-03", "month", None),
    ("Fighting in autumn 2020 ended.", WED, "autumn 2020", "2020-FA", "season", None),
    ("Floods came in the spring.", WED, "spring", "2022-SP", "season", None),
    ("Output fell in the third quarter.", WED, "the third quarter", "2022-Q3", "quarter", None),
    ("The two fought a war in 2020.", WED, "2020", "2020", "year", None),
    ("The republic broke away in 1991.", WED, "1991", "1991", "year", None),
    ("A ceasefire held since mid-2019.", WED, "mid-2019", "2019", "year", None),
    ("They fought in the 1990s.", WED, "1990s", "199", "decade", None),
    ("A feud dating from the '80s.", WED, "'80s", "198", "decade", None),
    ("Borders drawn in the 19th century.", WED, "19th century", "18", "century", None),
    # anchored on the text's last day
    ("Fighting began on March 3, 2021. The next day, talks failed.", WED, "The next day",
     "2021-03-04", "day", None),
    ("Rebels took the town on Monday. Two days later, troops returned.", WED, "Two days later",
     "2022-09-14", "day", None),
    ("Rebels took the town on Monday. Later that day, troops fled.", WED, "Later that day",
     "2022-09-12", "day", None),
    ("Villages were shelled over the weekend.", WED, "the weekend", "2022-W36-WE", "week", None),
    ("Villages were shelled over the weekend.", dt.date(2022, 9, 11), "the weekend", "2022-W36-WE",
     "week", None),
    # present reference and durations (a duration is not a date)
    ("Tensions are now high.", WED, "now", "PRESENT_REF", "unknown", None),
    ("The road is currently closed.", WED, "currently", "PRESENT_REF", "unknown", None),
    ("The six weeks of fighting ended.", WED, "six weeks", "P6W", "duration", None),
    ("Land it had held for decades was ceded.", WED, "decades", "PXY", "duration", None),
    ("A decades-long feud ended.", WED, "decades-long", "PXY", "duration", None),
    ("Envoys left a day-long meeting.", WED, "day-long", "P1D", "duration", None),
    ("Troops will deploy within weeks.", WED, "weeks", "PXW", "duration", None),
    ("Over the years the town grew.", WED, "the years", "PXY", "duration", None),
    ("Sales may fall in the weeks ahead.", WED, "the weeks ahead", "PXW", "duration", None),
    ("Crime fell through the nineties.", WED, "the nineties", "199", "decade", None),
    ("He served five years in prison.", WED, "five years", "P5Y", "duration", None),
    ("Aid was cut in the last twenty-four hours.", WED, "the last twenty-four hours", "PT24H",
     "duration", None),
    ("A 48-hour truce was agreed.", WED, "48-hour", "PT48H", "duration", None),
    ("Two decades of war left the town in ruins.", WED, "Two decades", "P20Y", "duration", None),
    ("The wall stood for a century.", WED, "a century", "P100Y", "duration", None),
    ("The peace held for less than a decade ago.", WED, "a decade ago", "2012", "year", None),
    ("Officers were purged in the late 1970s.", WED, "late 1970s", "197", "decade", None),
    # the future, read from the words around a month or a weekday
    ("Elections are expected in March.", WED, "March", "2023-03", "month", None),
    ("The handover is planned for early March.", WED, "early March", "2023-03", "month", None),
    ("Rebels took the town in March.", WED, "March", "2022-03", "month", None),
    ("Mr. Ruto will visit the border Friday.", WED, "Friday", "2022-09-16", "day", None),
    ("A vote in March will decide the issue.", WED, "March", "2023-03", "month", None),
    # quarters: the one the text is about, and a year before it
    ("Profit rose in the third quarter.", WED, "the third quarter", "2022-Q3", "quarter", None),
    ("Sales fell in the 2021 second quarter.", WED, "the 2021 second quarter", "2021-Q2",
     "quarter", None),
    ("Losses grew in the first quarter of last year.", WED,
     "the first quarter of last year", "2021-Q1", "quarter", None),
    ("Output fell in this year's second quarter.", WED, "this year's second quarter", "2022-Q2",
     "quarter", None),
    ("Output fell in the quarter.", WED, "the quarter", "2022-Q2", "quarter", None),
    ("Exports fell in the second quarter. The quarter was weak.", WED, "The quarter", "2022-Q2",
     "quarter", None),
    ("Oil output fell in the second quarter, against 2 million barrels a year earlier.", WED,
     "a year earlier", "2021-Q2", "quarter", None),
    ("Wheat exports in the second quarter fell below the year-ago quarter.", WED,
     "the year-ago quarter", "2021-Q2", "quarter", None),
    ("The mine reopened a year ago.", WED, "a year ago", "2021", "year", None),
    # that day, references, holidays, years read out on air
    ("The index fell 3% to end the day at 7,100.", WED, "the day", "2022-09-14", "day", None),
    ("Talks may resume in the near future.", WED, "the near future", "FUTURE_REF", "unknown",
     None),
    ("The current government fell.", WED, "current", "PRESENT_REF", "unknown", None),
    ("Shops closed on Christmas Eve.", JAN, "Christmas Eve", "2020-12-24", "day", None),
    ("Rockets fell on Easter Sunday.", FRI, "Easter Sunday", "2023-04-09", "day", None),
    ("Crowds gathered on Thanksgiving Day, 2021.", WED, "Thanksgiving Day, 2021", "2021-11-25",
     "day", None),
    ("It began in nineteen ninety-six.", WED, "nineteen ninety-six", "1996", "year", None),
    ("Rebels took the port in June last year.", WED, "June last year", "2021-06", "month", None),
    ("Sales will rise in the current quarter.", WED, "the current quarter", "2022-Q3",
     "quarter", None),
    ("Over the weekend, troops crossed the river.", WED, "the weekend", "2022-W36-WE", "week",
     None),
    ("Fighting eased over the summer.", WED, "summer", "2022-SU", "season", None),
    ("Losses grew in the past two quarters.", WED, "the past two quarters", "P2Q", "duration",
     None),
    ("Shares hit their lowest level since '82.", WED, "'82", "1982", "year", None),
    ("Profit fell in the final quarter of 2021.", WED, "the final quarter of 2021", "2021-Q4",
     "quarter", None),
    ("Talks failed on 9 September. The previous Monday, envoys met.", WED, "The previous Monday",
     "2022-09-05", "day", None),
    ("Sales rose in the third quarter, after a loss in the 2021 period.", WED,
     "the 2021 period", "2021-Q3", "quarter", None),
    ("Rebels struck the convoy next to the market on Friday.", WED, "Friday", "2022-09-09", "day",
     None),
    # the year a report is about; a span of a year that ends on a date
    ("Revenue for the full year rose 4%.", WED, "the full year", "2022", "year", None),
    ("Net income in the year ended June 30 fell.", WED, "the year", "P1Y", "duration", None),
    ("Aid deliveries rose over the past year.", WED, "the past year", "2021", "year", None),
    ("The militia was founded in June 2011 and split later that year.", WED, "later that year",
     "2011", "year", None),
    # the same period a year before the one the text is about
    ("Diesel sales fell in March, against the same month a year ago.", WED,
     "the same month a year ago", "2021-03", "month", None),
    ("Exports rose in the second quarter, unlike the corresponding period last year.", WED,
     "the corresponding period last year", "2021-Q2", "quarter", None),
    ("Imports fell in the third quarter. For the quarter a year ago, they rose.", WED,
     "the quarter a year ago", "2021-Q3", "quarter", None),
    ("Losses will continue through the third quarter of 2023. A year ago, the firm made a "
     "profit.", WED, "A year ago", "2021", "year", None),  # a forecast's quarter frames nothing
    # weeks named by a day or a month
    ("A ceasefire is planned for the week of October 3.", WED, "the week of October 3",
     "2022-W40", "week", None),
    ("Shelling intensified in the last week of August.", WED, "the last week of August",
     "2022-W34", "week", None),
    # the coming month when it is close; cue words that look ahead, and one that does not
    ("Parliament reconvenes in January.", NOV, "January", "2023-01", "month", None),
    ("The minister is to visit the camp Tuesday.", WED, "Tuesday", "2022-09-20", "day", None),
    ("Relatives were given until 9 a.m. Friday to leave.", WED, "9 a.m. Friday",
     "2022-09-16T09:00", "time", None),
    ("Shares fell on lower-than-expected sales Tuesday.", WED, "Tuesday", "2022-09-13", "day",
     None),
    # counted spans: "more", "straight", "trading" between the number and the unit; halves
    ("Fighting resumed after two more weeks.", WED, "two more weeks", "P2W", "duration", None),
    ("Markets fell for six straight days.", WED, "six straight days", "P6D", "duration", None),
    ("The siege lasted 2 1/2 years.", WED, "2 1/2 years", "P2Y6M", "duration", None),
    ("Negotiators talked for two and a half hours.", WED, "two and a half hours", "PT2H30M",
     "duration", None),
    ("Losses followed several quarters of growth.", WED, "several quarters", "PXQ", "duration",
     None),
    ("For the day, the index fell 2%.", WED, "the day", "2022-09-14", "day", None),
    # a day after "last" is still a day; vague counts and terms are references
    ("The doctor was shot last Oct. 23 at his home.", dt.date(2023, 4, 19), "Oct. 23",
     "2022-10-23", "day", None),
    ("The camp was built several years ago.", WED, "several years ago", "PAST_REF", "unknown",
     None),
    ("Prices will stay high in the near term.", WED, "the near term", "FUTURE_REF", "unknown",
     None),
    ("Sales rose in the third quarter. Exports for last year's quarter were weak.", WED,
     "last year's quarter", "2021-Q3", "quarter", None),
    ("Markets to stay shut until Friday\n\nSeptember 14, 2022\n\nTrading stopped.", WED,
     "Friday", "2022-09-16", "day", None),  # a title's weekday is not the dateline's
    # what recurs
    ("A convoy leaves each Thursday.", WED, "each Thursday", "XXXX-WXX-4", "set", None),
    ("Pilgrims march every July.", WED, "every July", "XXXX-07", "set", None),
    ("Interest is paid every quarter.", WED, "every quarter", "P1Q", "set", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "found", "value", "granularity", "date_end"), CASES)
def test_expression_is_found_and_normalised(text, published, found, value, granularity, date_end):
    by_text = {m.text: m for m in find_timexes(text, published=published)}
    assert found in by_text, list(by_text)
    mention = by_text[found]
    assert (mention.value, mention.granularity, mention.date_end) == (value, granularity, date_end)


NOT_DATES = [
    "Maria Lopez, 66, told reporters the village was empty.",
    "The six-month-old war shows no sign of ending.",
    "A 30-year-old man was arrested.",
    "Read more at https://example.com/2024/05/01/clashes-in-the-north",
    "About 2000 people fled and some 1,500 troops were deployed.",
    "Officials may visit the site, he said.",
    "The march reached the square.",
    "China Eastern Airlines ordered twenty jets.",
    "Christmas sales were weak.",
    "Jan Novak, the mayor, resigned.",
    "It was a second attack on the base.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_ages_adjectives_urls_and_counts_are_not_dates(text):
    dates = [m for m in find_timexes(text, published=WED) if m.granularity != "duration"]
    assert dates == []


def test_without_publication_date_relative_values_stay_unresolved():
    text = (
        "Rebels attacked on Tuesday, a year after the coup of 5 July 2021. Talks began yesterday."
    )
    values = {m.text: m.value for m in find_timexes(text, published=None)}
    assert values["Tuesday"] is None
    assert values["yesterday"] is None
    assert values["5 July 2021"] == "2021-07-05"


def test_next_day_without_any_anchor_is_unresolved():
    (mention,) = find_timexes("The next day, talks failed.", published=None)
    assert mention.value is None


@pytest.mark.parametrize(
    "text",
    ["He told CBS's 60 Minutes the war was over.", "The film High Noon was shown in the camp.",
     "This is VOA Today.", "The minister spoke on ABC's This Week about the war.",
     "The long-term lot was closed.", "A man in his nineties was hurt.",
     "The country imports three-quarters of its grain.", "Rebels hold a quarter of the territory."],
)  # fmt: skip
def test_titles_and_shares_are_not_times(text):
    assert find_timexes(text, published=WED) == ()


def test_the_past_tense_of_the_clause_keeps_a_close_month_behind():
    text = "Talks held in January failed."
    start = text.index("January")
    (ahead,) = find_timexes(text, published=NOV)
    (behind,) = find_timexes(text, published=NOV, tenses={start: "participle"})
    assert (ahead.value, behind.value) == ("2023-01", "2022-01")


def test_a_future_tense_looks_ahead_and_a_past_tense_overrides_by():
    future = "Envoys said they would meet Monday."
    past = "Police had sealed the roads by Monday."
    (meet,) = find_timexes(future, published=WED, tenses={future.index("Monday"): "future"})
    (sealed,) = find_timexes(past, published=WED, tenses={past.index("Monday"): "past"})
    (no_tense,) = find_timexes(past, published=WED)
    assert (meet.value, sealed.value, no_tense.value) == ("2022-09-19", "2022-09-12", "2022-09-19")


WORDS = st.sampled_from(
    "on Tuesday Sept. 14 2020 the 1990s six weeks -month-old , . 66 last week May and April "
    "in since autumn https://x.org/2021/05/ 9/14/2022 from to next day later now 10 p.m. ( ) "
    "overnight quarter third".split()
)


@pytest.mark.parametrize(
    "text",
    ["The plant costs $5 million a year to run.", "Four flights a week now land there.",
     "Guards stand watch 24 hours a day."],
)  # fmt: skip
def test_a_rate_is_not_a_duration(text):
    assert [m.text for m in find_timexes(text, published=WED) if m.text.startswith("a ")] == []


@given(st.lists(WORDS, max_size=30).map(" ".join), st.sampled_from([WED, FRI, None]))
def test_every_mention_lies_inside_the_text(text, published):
    for mention in find_timexes(text, published=published):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    find_timexes(text, published=WED)
