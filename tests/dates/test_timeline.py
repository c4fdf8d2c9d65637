"""The dates stage: sentence event times, the news date, background, the missing-date problem."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.dates.timeline import clause_tenses, is_history, resolve_dates
from faultline.evaluate.dates import canonical_value
from faultline.records import DateMention, Parse, Sentence, Token

WED = dt.date(2022, 9, 14)
FRI = dt.date(2023, 4, 21)


def hand_parse(text: str) -> Parse:
    """A Parse without the model: sentences end at . ! ? and paragraphs at blank lines; each
    sentence's first token is its root (a past-tense verb) and every other token hangs from it."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    for match in re.finditer(r"[^.!?\s][^.!?]*[.!?]*", text):
        first = len(tokens)
        for word in re.finditer(r"\w+|[^\w\s]", match.group()):
            start = match.start() + word.start()
            root = len(tokens) == first
            tokens.append(Token(len(tokens), start, start + len(word.group()), word.group(),
                                word.group().lower(), "VERB" if root else "X",
                                "VBD" if root else "XX", "ROOT" if root else "dep", first, "",
                                len(sentences)))  # fmt: skip
        paragraph = sum(1 for p in paragraph_starts if p <= match.start()) - 1
        end = match.start() + len(match.group().rstrip())
        sentences.append(
            Sentence(len(sentences), match.start(), end, first, len(tokens), paragraph)
        )
    return Parse(text, tuple(tokens), tuple(sentences), ())


def times_by_text(parse: Parse, timeline) -> dict[str, tuple]:
    return {
        parse.text[s.start : s.end]: (t.date, t.date_end, t.time_precision, t.is_background)
        for s, t in zip(parse.sentences, timeline.sentences, strict=True)
    }


def test_sentences_take_their_own_date_or_the_news_date():
    parse = hand_parse(
        "Gunmen killed nine people on Thursday in a market town. "
        "Police arrested two suspects on Wednesday. Residents fled."
    )
    times = times_by_text(parse, resolve_dates(parse, published=FRI))
    assert times["Gunmen killed nine people on Thursday in a market town."] == (
        "2023-04-20", None, 1, False)  # fmt: skip
    assert times["Police arrested two suspects on Wednesday."] == ("2023-04-19", None, 1, False)
    # no date of its own: the news date, the latest current day set in the lead (Thursday)
    assert times["Residents fled."] == ("2023-04-20", None, 1, False)


def test_without_a_date_in_the_lead_the_publication_day_is_the_news_date():
    parse = hand_parse("Protesters blocked the main road. Police used tear gas.")
    timeline = resolve_dates(parse, published=FRI)
    assert [t.date for t in timeline.sentences] == ["2023-04-21", "2023-04-21"]
    assert {t.time_precision for t in timeline.sentences} == {1}


def test_ranges_weeks_and_months_give_coarser_precision():
    parse = hand_parse(
        "Strikes ran from Monday to Wednesday. Raids went on last week. Talks stalled earlier "
        "this month."
    )
    timeline = resolve_dates(parse, published=WED)
    assert [(t.date, t.date_end, t.time_precision) for t in timeline.sentences] == [
        ("2022-09-12", "2022-09-14", 2),
        ("2022-09-05", "2022-09-11", 2),
        ("2022-09-01", "2022-09-30", 3),
    ]  # fmt: skip


def test_history_sentences_are_background_and_the_story_goes_on():
    parse = hand_parse(
        "Militias attacked a convoy on Tuesday. "
        "The region broke away from the republic in 1994. The ensuing war killed thousands.\n\n"
        "Aid workers returned to the area."
    )
    timeline = resolve_dates(parse, published=WED)
    flags = [t.is_background for t in timeline.sentences]
    assert flags == [False, True, True, False]
    assert [(b.text, b.when) for b in timeline.background] == [
        ("The region broke away from the republic in 1994.", "1994"),
        ("The ensuing war killed thousands.", "1994"),
    ]
    assert timeline.sentences[1].date is None  # a year has no day
    assert [m.is_background for m in timeline.dates] == [False, True]


def test_a_current_date_keeps_a_sentence_current_whatever_history_it_mentions():
    parse = hand_parse("On Tuesday troops clashed in the worst fighting since 2016.")
    timeline = resolve_dates(parse, published=WED)
    assert timeline.sentences[0] == timeline.sentences[0].__class__(0, "2022-09-13", None, 1, False)
    assert [m.is_background for m in timeline.dates] == [False, True]
    assert timeline.background == ()


def test_a_dateline_date_wins_over_a_gmt_time_in_brackets():
    parse = hand_parse(
        "NAIROBI, April 20 (Reuters) - Gunmen stormed a hotel late on Wednesday (0100 GMT "
        "Thursday), officials said. Guests were freed."
    )
    timeline = resolve_dates(parse, published=FRI)
    assert [t.date for t in timeline.sentences] == ["2023-04-20", "2023-04-20"]


def test_without_publication_date_one_problem_and_no_guessing():
    parse = hand_parse("Rebels attacked on Tuesday. They struck again yesterday. Talks failed.")
    timeline = resolve_dates(parse, published=None)
    assert [p.code for p in timeline.problems] == ["dates.no_publication_date"]
    assert all(m.value is None for m in timeline.dates)
    assert [t.date for t in timeline.sentences] == [None, None, None]


def test_without_publication_date_absolute_dates_still_resolve():
    parse = hand_parse("Rebels attacked on 3 May 2021. The next day, troops returned.")
    timeline = resolve_dates(parse, published=None)
    assert [m.value for m in timeline.dates] == ["2021-05-03", "2021-05-04"]
    assert [t.date for t in timeline.sentences] == ["2021-05-03", "2021-05-04"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "word", "tense"),
    [
        ("The envoy said the talks would resume on Friday.", "Friday", "future"),
        ("Troops will withdraw on Monday.", "Monday", "future"),
        ("On Tuesday, the league plans to hold a rally.", "Tuesday", "future"),
        ("Police had sealed the roads by Monday.", "Monday", "past"),
        ("Rebels shelled the town on Sunday.", "Sunday", "past"),
        ("Talks held in June failed.", "June", "participle"),
        ("Friday's attack killed nine people.", "Friday", None),  # names a thing: no tense
    ],
)
def test_clause_tenses(parse_text, sentence, word, tense):
    assert clause_tenses(parse_text(sentence)).get(sentence.index(word)) == tense


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [("2000-W7", "2000-W07", True), ("2000-w07", "2000-W07", True), ("2000-W17", "2000-W07", False),
     ("P1W", "P1W", True), ("2000-07", "2000-W07", False)],
)  # fmt: skip
def test_evaluation_compares_values_not_spellings(gold, predicted, same):
    assert (canonical_value(gold) == canonical_value(predicted)) is same


@pytest.mark.parametrize(
    ("value", "granularity", "expected"),
    [
        ("2020", "year", True),
        ("199", "decade", True),
        ("2022-05", "month", True),
        ("2022-08", "month", False),
        ("2022-09-13", "day", False),
        ("PRESENT_REF", "unknown", False),
        ("P6W", "duration", False),
    ],
)
def test_history_is_more_than_sixty_days_before_publication(value, granularity, expected):
    mention = DateMention("x", 0, 1, value, granularity, False)
    assert is_history(mention, WED) is expected


SENTENCES = st.sampled_from([
    "Troops shelled the town on Tuesday.", "The war ended in 1994.", "Talks resumed.",
    "In May and April, envoys met.", "Six weeks of fighting followed in autumn 2020.",
    "Ali Hassan, 66, said it was calm now.", "The next day, a truce held.", "Prices rose.\n\n",
])  # fmt: skip


@given(st.lists(SENTENCES, max_size=8).map(" ".join), st.sampled_from([WED, FRI, None]))
def test_one_time_per_sentence_and_every_span_inside_the_text(text, published):
    parse = hand_parse(text)
    timeline = resolve_dates(parse, published=published)
    assert [t.sentence for t in timeline.sentences] == [s.index for s in parse.sentences]
    for span in (*timeline.dates, *timeline.background):
        assert text[span.start : span.end] == span.text
    assert len(timeline.problems) == (published is None)


# ------------------------------------------------------------------------- with the spaCy model

ARTICLE = """Fighters loyal to a rebel commander on Thursday attacked an army base near the \
border, killing at least 12 soldiers, in the deadliest assault since the 2019 peace deal.

The army said on Friday that it had retaken the base. Villagers, 66-year-old Amina Yusuf among \
them, fled east.

The conflict erupted in 2012, when separatists seized the north. The fighting that followed \
displaced two million people.

Talks held in June and July failed, and the six-month-old truce is now in tatters.
"""


@pytest.mark.model
def test_article_end_to_end(parse_text):
    parse = parse_text(ARTICLE)
    timeline = resolve_dates(parse, published=FRI)
    values = {m.text: (m.value, m.is_background) for m in timeline.dates}
    assert values["Thursday"] == ("2023-04-20", False)
    assert values["Friday"] == ("2023-04-21", False)
    assert values["2019"] == ("2019", True)
    assert values["2012"] == ("2012", True)
    assert values["June"] == ("2022-06", True)
    assert not any("old" in text or text == "66" for text in values)
    by_text = times_by_text(parse, timeline)
    lead = next(k for k in by_text if k.startswith("Fighters"))
    assert by_text[lead] == ("2023-04-20", None, 1, False)  # "since the 2019 peace deal" is not it
    assert by_text["Villagers, 66-year-old Amina Yusuf among them, fled east."][:2] == (
        "2023-04-20", None)  # fmt: skip
    history = [b.text for b in timeline.background]
    assert any(text.startswith("The conflict erupted in 2012") for text in history)
    assert any(text.startswith("The fighting that followed") for text in history)


@pytest.mark.model
def test_history_in_a_relative_clause_leaves_the_sentence_current(parse_text):
    parse = parse_text(
        "The country, which fought a civil war in the 1990s, is holding elections. "
        "Turnout was higher than in 2015. It was the worst unrest since their war in 2016."
    )
    timeline = resolve_dates(parse, published=WED)
    assert [t.is_background for t in timeline.sentences] == [False, False, False]
    assert [m.is_background for m in timeline.dates] == [True, True, True]
    assert [(b.text, b.when) for b in timeline.background] == [
        ("which fought a civil war in the 1990s", "199")
    ]


@pytest.mark.model
def test_the_event_date_beats_the_date_of_the_statement(parse_text):
    parse = parse_text("Police said on Friday that gunmen killed nine people on Thursday.")
    (time,) = resolve_dates(parse, published=FRI).sentences
    assert (time.date, time.time_precision) == ("2023-04-20", 1)


@pytest.mark.model
def test_a_history_clause_is_trimmed_of_its_dashes(parse_text):
    parse = parse_text(
        "Turkey — which sent troops to the island in 1974 — is calling for new talks."
    )
    timeline = resolve_dates(parse, published=FRI)
    assert [(b.text, b.when) for b in timeline.background] == [
        ("which sent troops to the island in 1974", "1974")
    ]
    assert timeline.sentences[0].is_background is False


# ------------------------------------------------------------------------ evaluation corpora

_TML = (
    '<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-02" '
    'functionInDocument="CREATION_TIME">05/02/2001</TIMEX3></DCT><TEXT>Troops left '
    '<TIMEX3 tid="t1" type="DATE" value="2001-05-01">yesterday</TIMEX3>.</TEXT></TimeML>'
)
_MEANTIME = (
    '<Document doc_id="m1"><token t_id="1" sentence="0">Rain</token>'
    '<token t_id="2" sentence="0">today</token><Markables/></Document>'
)


@pytest.mark.parametrize(
    "chosen, expected",
    [
        ((), ["TempEval-3 TBAQ", "MEANTIME"]),
        (("tempeval",), ["TempEval-3 TBAQ"]),
        (("meantime",), ["MEANTIME"]),
        (("meantime", "tempeval"), ["TempEval-3 TBAQ", "MEANTIME"]),
    ],
)
def test_evaluation_reads_only_the_chosen_corpora(tmp_path, chosen, expected):
    from faultline.evaluate.dates import documents

    timebank = tmp_path / "temporal" / "TBAQ-cleaned" / "TimeBank"
    meantime = tmp_path / "temporal" / "meantime_english" / "intra-doc_annotation" / "news"
    timebank.mkdir(parents=True)
    meantime.mkdir(parents=True)
    (timebank / "d1.tml").write_text(_TML, encoding="utf-8")
    (meantime / "m1.xml").write_text(_MEANTIME, encoding="utf-8")
    assert [name for name, _ in documents(tmp_path, None, chosen)] == expected


def test_evaluation_refuses_an_unknown_corpus(tmp_path):
    from faultline.evaluate import run
    from faultline.evaluate.dates import documents

    with pytest.raises(ValueError, match="timebank"):
        list(documents(tmp_path, None, ("timebank",)))
    assert run(["dates"], tmp_path, None, corpus=["timebank"]) == 2


# ---------------------------------------------------------------- background or current: a table

CURRENT = [
    "Shelling on Tuesday was the worst fighting since 2020.",
    "It was the first attack on the town since 2019.",
    "Protesters gathered on Tuesday, a year after the coup.",
    "Crowds marched in the capital on the anniversary of the 2011 uprising.",
    "The clashes are the deadliest since the 2016 truce collapsed.",
    "Troops fired on a crowd in Mopti, the worst violence there since 2012.",
    "Rebels, who seized the north in 2012, attacked a convoy on Monday.",
    "More people fled this month than in all of 2018.",
    "The army shelled the port, which rebels have held since 2015.",
    "Fighting resumed in the valley for the first time since 1999.",
    "The talks are the first between the two sides since the 1994 genocide.",
    "Officials said the blast was the largest since the 2013 attack on the mall.",
    "Aid reached the town, which was first besieged in 2016.",
    "Fighting erupted in the district captured after the 2020 war.",
    "Rebels overran the base within hours, the army said on Tuesday.",
    "Gunmen killed 12 people in the worst attack since the 2015 ceasefire.",
    "On the tenth anniversary of the 2012 massacre, mourners gathered in the square.",
    "The protests, the largest since 1989, spread to three more cities.",
    "Troops retook the village, which rebels had seized in 2019.",
]
HISTORY = [
    "In 2014, rebels seized the eastern provinces.",
    "The 1994 genocide killed some 800,000 people.",
    "Thousands died during the civil war of the 1990s.",
    "Since the war began in 2011, more than 300,000 people have died.",
    "The junta took power in a coup in 2021.",
    "Back in 2008, the two armies fought a five-day war.",
    "Rebels captured the city in March 2019 after a long siege.",
    "The militia was founded in the 1980s by farmers.",
    "During the 2003 invasion, looters emptied the museum.",
    "In the late 1970s the country was ruled by a military council.",
    "A ceasefire signed in 2015 collapsed within weeks.",
    "The region was annexed in 2014 and has been disputed ever since.",
    "Between 1975 and 1990, the civil war killed 150,000 people.",
    "The country gained independence from France in 1960.",
    "In the 1990s, the militia controlled the border crossings.",
    "Rebels held the city from 2014 to 2017.",
    "The massacre took place in July 1995.",
]


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence, background", [(s, False) for s in CURRENT] + [(s, True) for s in HISTORY]
)
def test_background_or_current(parse_text, sentence, background):
    timeline = resolve_dates(parse_text(sentence), published=WED)
    assert [t.is_background for t in timeline.sentences] == [background]


def test_three_days_after_counts_from_the_day_reported_before():
    parse = hand_parse(
        "Rebels attacked the town on Monday. Three days after the attack, troops retook it."
    )
    times = [t.date for t in resolve_dates(parse, published=FRI).sentences]
    assert times == ["2023-04-17", "2023-04-20"]


@pytest.mark.parametrize(
    "text",
    [
        "The 23 March Movement seized the town on Monday.",
        "The 2023 Finance Bill was debated on Monday.",
        "Members of the April 6 Youth Movement marched on Monday.",
    ],
)
def test_a_date_inside_the_name_of_a_body_or_a_bill_is_a_name(text):
    timeline = resolve_dates(hand_parse(text), published=FRI)
    assert [m.text for m in timeline.dates] == ["Monday"]
    assert timeline.sentences[0].date == "2023-04-17" and not timeline.sentences[0].is_background
