"""Scorers of faultline.evaluate on tiny hand-made gold and predictions (no model, no corpus)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.evaluate import run
from faultline.evaluate.dates import DateTally, GoldTimex, read_meantime, read_timeml, score_dates
from faultline.evaluate.events import (
    EventTally,
    GoldNote,
    event_metrics,
    fatality_cause,
    parse_event_date,
    score_fatality_cause,
    score_fields,
    score_note,
)
from faultline.evaluate.places import (
    GoldPlace,
    PlaceTally,
    patch_place,
    read_patches,
    read_places,
    score_places,
)  # fmt: skip
from faultline.evaluate.quotes import (
    QuoteTally,
    read_brat,
    score_quotes,
    speaker_correct,
    speaker_span_correct,
)
from faultline.evaluate.report import format_value, write_json
from faultline.evaluate.scoring import (
    Confusion,
    Counts,
    Metric,
    f1,
    haversine_km,
    match_spans,
    overlaps,
    spread,
)  # fmt: skip
from faultline.records import DateMention, PlaceMention, Quote, Span
from tests.builders import event

# ------------------------------------------------------------------------------------------ scoring


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((0, 5), (4, 9), True),
        ((0, 5), (5, 9), False),  # half-open: touching is not overlapping
        ((3, 4), (0, 10), True),
        ((0, 2), (7, 9), False),
    ],
)
def test_overlaps(a, b, expected):
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


def test_match_spans_is_one_to_one_and_prefers_larger_overlap():
    gold = [(0, 10), (12, 20)]
    pred = [(8, 14), (0, 9), (30, 35)]
    assert match_spans(gold, pred) == [(0, 1), (1, 0)]
    assert match_spans(gold, [(0, 10), (12, 19)], exact=True) == [(0, 0)]


spans = st.lists(
    st.tuples(st.integers(0, 50), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1])), max_size=8
)


@given(spans, spans)
def test_match_spans_pairs_overlap_and_are_unique(gold, pred):
    pairs = match_spans(gold, pred)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(overlaps(gold[g], pred[p]) for g, p in pairs)
    assert len(pairs) <= min(len(gold), len(pred))


def test_counts_precision_recall_f1():
    counts = Counts()
    counts.add(matched_pred=3, pred=4, matched_gold=3, gold=6)
    assert counts.precision == pytest.approx(75.0)
    assert counts.recall == pytest.approx(50.0)
    assert counts.f1 == pytest.approx(60.0)
    assert Counts().f1 is None  # nothing measured is not 0
    assert f1(0.0, 0.0) == 0.0


@pytest.mark.parametrize(
    "a, b, km",
    [
        ((48.8566, 2.3522), (51.5074, -0.1278), 343.5),  # Paris - London
        ((0.0, 0.0), (0.0, 1.0), 111.2),  # one degree of longitude on the equator
        ((-33.87, 151.21), (-33.87, 151.21), 0.0),
    ],
)
def test_haversine_km(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


def test_weighted_f1_matches_hand_computation():
    confusion = Confusion()
    for gold, pred in [("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("C", "none")]:
        confusion.add(gold, pred)
    # F1(A) = 2*1*(2/3)/(1+2/3) = 0.8; F1(B) = 2*0.5*1/1.5 = 2/3; F1(C) = 0
    expected = 100 * (3 * 0.8 + 1 * (2 / 3) + 1 * 0.0) / 5
    assert confusion.weighted_f1 == pytest.approx(expected)
    assert confusion.accuracy == pytest.approx(60.0)


@pytest.mark.parametrize(
    "n, limit, expected",
    [(10, None, list(range(10))), (10, 3, [0, 3, 6]), (4, 9, [0, 1, 2, 3]), (5, 0, [])],
)
def test_spread(n, limit, expected):
    assert spread(list(range(n)), limit) == expected


# ------------------------------------------------------------------------------------------- places

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Floods hit Lyon and Bordeaux.]]></text>
<toponyms><toponym><start>11</start><end>15</end><phrase>Lyon</phrase>
<gaztag geonameid="2996944"><name>Lyon</name><lat>45.75</lat><lon>4.85</lon></gaztag></toponym>
<toponym><start>20</start><end>28</end><phrase>Bordeaux</phrase></toponym></toponyms></article>
</articles>"""

GEOVIRUS = """<articles><article><source>x</source><text>Rain in Lima today.</text><locations>
<location><name>Lima</name><start>9</start><end>13</end><lat>-12.04</lat><lon>-77.03</lon>
<page>https://en.wikipedia.org/wiki/Lima</page></location></locations></article></articles>"""


def place(start, end, lat=None, lon=None, resolved=True, role="place"):
    return PlaceMention("x", start, end, "x", None, lat, lon, None, None, None, resolved, role=role)


def test_read_lgl_and_apply_patch(tmp_path: Path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (tmp_path / "p.tsv").write_text("Lyon \t 45.75 , 4.85 \t 45.76 , 4.84\n", encoding="utf-8")
    [doc] = read_places(tmp_path / "lgl.xml", read_patches(tmp_path / "p.tsv"))
    lyon, bordeaux = doc.places
    assert doc.id == "7" and doc.text[lyon.start : lyon.end] == "Lyon"
    assert (lyon.latitude, lyon.longitude) == (45.76, 4.84)
    assert bordeaux.latitude is None  # a toponym without a gazetteer entry


def test_read_geovirus_offsets_count_from_one(tmp_path: Path):
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS, encoding="utf-8")
    [doc] = read_places(tmp_path / "GeoVirus.xml")
    [lima] = doc.places
    assert doc.text[lima.start : lima.end] == "Lima"


def test_patch_needs_the_old_coordinates():
    gold = GoldPlace(0, 4, "Lyon", 10.0, 10.0, ("Lyon",))
    assert patch_place(gold, {"Lyon": [(45.75, 4.85, 45.76, 4.84)]}) == gold


def test_score_places_recognition_and_distance():
    gold = [
        GoldPlace(0, 4, "Lyon", 45.75, 4.85),
        GoldPlace(10, 18, "Bordeaux", 44.84, -0.58),
        GoldPlace(20, 25, "Rhone", None, None),
        GoldPlace(30, 34, "Nice", 43.70, 7.27),
    ]
    pred = [
        place(0, 4, 45.76, 4.84),  # right, ~1 km
        place(10, 18, 48.85, 2.35),  # Paris: ~500 km off
        place(20, 25, resolved=False),  # recognised, no coordinates in gold
        place(40, 45, 0.0, 0.0, role="demonym"),  # spurious
    ]
    tally = PlaceTally()
    score_places(gold, pred, tally)
    assert (tally.recognition.precision, tally.recognition.recall) == (75.0, 75.0)
    assert (tally.resolvable, tally.recognised, tally.hits) == (3, 2, 1)
    assert len(tally.errors_km) == 2 and tally.errors_km[0] < 5 < 400 < tally.errors_km[1]


# -------------------------------------------------------------------------------------------- dates

TIMEML = """<?xml version="1.0" ?>
<TimeML><DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2011-03-04"
functionInDocument="CREATION_TIME">20110304</TIMEX3></DCT>
<TEXT>
Rebels &amp; troops <EVENT eid="e1">fought</EVENT> <TIMEX3 tid="t1" type="DATE"
value="2011-03-03">on Thursday</TIMEX3> near the <EVENT eid="e2">port</EVENT>; talks <TIMEX3
tid="t2" type="DATE" value="2011-03">this month</TIMEX3>.
</TEXT></TimeML>"""


def test_read_timeml_strips_tags_and_keeps_offsets():
    doc = read_timeml(TIMEML)
    assert doc.published == dt.date(2011, 3, 4)
    assert doc.text.strip().startswith("Rebels & troops fought on Thursday near the port;")
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("on Thursday", "2011-03-03"), ("this month", "2011-03"),
    ]  # fmt: skip
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


MEANTIME = """<?xml version="1.0" ?><Document doc_id="9">
<token sentence="0" t_id="1">Port</token><token sentence="0" t_id="2">reopens</token>
<token sentence="1" t_id="3">May</token><token sentence="1" t_id="4">2</token>
<token sentence="1" t_id="5">,</token><token sentence="1" t_id="6">2010</token>
<token sentence="2" t_id="7">It</token><token sentence="2" t_id="8">shut</token>
<token sentence="2" t_id="9">yesterday</token><token sentence="2" t_id="10">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2010-05-02">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/>
<token_anchor t_id="6"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2010-05-01">
<token_anchor t_id="9"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="XXXX"/>
</Markables></Document>"""


def test_read_meantime_rebuilds_text_from_tokens():
    doc = read_meantime(MEANTIME)
    assert doc.text == "Port reopens\n\nMay 2, 2010\n\nIt shut yesterday."
    assert doc.published == dt.date(2010, 5, 2)
    assert [t.text for t in doc.timexes] == ["May 2, 2010", "yesterday"]  # the empty one is skipped


def date(start, end, value):
    return DateMention("x", start, end, value, "day", False)


def test_score_dates_strict_relaxed_and_value():
    gold = [
        GoldTimex(0, 10, "x", "2011-03-03", "DATE"),
        GoldTimex(20, 30, "x", "2011-03", "DATE"),
        GoldTimex(40, 45, "x", "P1W", "DURATION"),
    ]
    pred = [date(0, 10, "2011-03-03"), date(22, 30, "2011-02"), date(50, 55, "2011")]
    tally = DateTally()
    score_dates(gold, pred, tally)
    assert tally.strict.f1 == pytest.approx(100 / 3)
    assert tally.relaxed.f1 == pytest.approx(200 / 3)
    assert tally.value.f1 == pytest.approx(100 / 3)  # only the first has the right value
    assert tally.value.f1 <= tally.relaxed.f1


# ------------------------------------------------------------------------------------------- quotes

TEXT = 'The mayor said "we will rebuild the bridge," and police said roads were open.'
ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 30;31 43\t"we will rebuild the bridge,"
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 61 76\troads were open
T6\tCue 56 60\tsaid
T7\tAttribution-no-source 56 60\tsaid
E2\tAttribution-no-source:T7 Content:T5 Cue:T6
"""


def test_read_brat_attributions():
    first, second = read_brat(TEXT, ANN)
    assert first.content == (15, 43) and first.source_text == "The mayor" and first.is_direct
    assert second.source is None and not second.is_direct


def quote(start, end, speaker=None, speaker_span=None, direct=False):
    return Quote(speaker, None, "x", start, end, direct, speaker_span=speaker_span)


def test_doubled_apostrophes_make_a_direct_attribution():
    text = "''We will rebuild,'' the mayor said."
    ann = "T1\tContent 2 17\tWe will rebuild\nE1\tAttribution:T1 Content:T1\n"
    (gold,) = read_brat(text, ann)
    assert gold.is_direct


def test_speaker_by_span_or_name():
    gold, _ = read_brat(TEXT, ANN)
    assert speaker_correct(gold, quote(15, 43, "Mayor", Span(4, 9, "mayor")))
    assert speaker_correct(gold, quote(15, 43, "the mayor"))
    assert not speaker_correct(gold, quote(15, 43, "police", Span(48, 54, "police")))


def test_speaker_by_span_needs_the_words_of_the_source():
    gold, no_source = read_brat(TEXT, ANN)
    assert speaker_span_correct(gold, quote(15, 43, "Mayor", Span(4, 9, "mayor")))
    assert not speaker_span_correct(gold, quote(15, 43, "the mayor"))  # right name, no words
    assert not speaker_span_correct(gold, quote(15, 43, "The mayor", Span(48, 54, "police")))
    assert speaker_span_correct(no_source, quote(61, 76))
    assert not speaker_span_correct(no_source, quote(61, 76, "police", Span(48, 54, "police")))
    tally = QuoteTally()
    score_quotes(read_brat(TEXT, ANN), [quote(16, 42, "The mayor", direct=True)], tally)
    assert tally.speaker.f1 > 0 and tally.speaker_span.f1 == 0.0  # name matches, span absent


def test_score_quotes():
    gold = read_brat(TEXT, ANN)
    pred = [quote(16, 42, "The mayor", direct=True), quote(61, 76, "police", Span(48, 54, "x"))]
    tally = QuoteTally()
    score_quotes(gold, pred, tally)
    assert tally.detection.f1 == 100.0
    assert tally.speaker.f1 == 50.0  # the second gold has no source but a speaker was named
    assert tally.direct.f1 == 100.0
    assert tally.direct_speaker.f1 == 100.0


def test_direct_speaker_f1():
    gold = read_brat(TEXT, ANN)
    pred = [
        quote(16, 42, "police", Span(48, 54, "police"), direct=True),  # found, wrong speaker
        quote(61, 76, "police", direct=True),  # a direct quote where gold has an indirect one
    ]
    tally = QuoteTally()
    score_quotes(gold, pred, tally)
    assert tally.direct.precision == 50.0 and tally.direct.recall == 100.0
    assert tally.direct_speaker.pred == 2 and tally.direct_speaker.gold == 1
    assert tally.direct_speaker.f1 == 0.0
    score_quotes(gold, [quote(15, 43, "the mayor", direct=True)], tally)
    assert tally.direct_speaker.precision == pytest.approx(100 / 3)
    assert tally.direct_speaker.recall == 50.0


# ------------------------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("gold", "figures", "cause"),
    [
        (4, [4], None),
        (4, [], "no event"),
        (4, [0, 4], "toll on another event"),
        (4, [2, 2], "toll split across events"),
        (4, [0], "toll missed"),
        (0, [1], "toll invented"),
        (13, [9], "too low"),
        (1, [2], "too high"),
    ],
)
def test_fatality_misses_have_a_cause(gold: int, figures: list[int], cause: str | None) -> None:
    events = [event(event_id=f"e{k}", fatalities=f) for k, f in enumerate(figures)]
    assert fatality_cause(gold, events) == cause


def test_fatality_causes_and_the_exact_figure_add_up_to_all_rows() -> None:
    tally = EventTally()
    for gold, figures in ((3, [3]), (3, [1]), (0, [2]), (5, [])):
        note = GoldNote("n", "text", None, "Battles", "Armed clash", "", "", fatalities=gold)
        events = [event(event_id=f"e{k}", fatalities=f) for k, f in enumerate(figures)]
        score_fields(note, events[0] if events else None, tally)
        score_fatality_cause(note, events, tally)
    shares = {m.name: m.value for m in event_metrics(tally, "test")}
    misses = [v for name, v in shares.items() if name.startswith("fatalities miss")]
    assert shares["fatalities exact"] == 25.0 and sum(misses) == 75.0
    assert shares["fatalities miss: too low"] == 25.0


def test_events_are_reported_per_sub_type_none_included() -> None:
    tally = EventTally()
    for gold, predicted in (("Armed clash", "Armed clash"), ("Armed clash", "Attack"),
                            ("none", "none"), ("Attack", None)):  # fmt: skip
        note = GoldNote("n", "text", None, "", gold, "", "")
        score_note(note, ("", predicted) if predicted else None, tally)
    shares = {m.name: (m.value, m.support) for m in event_metrics(tally, "test")}
    assert shares["sub-type F1: Armed clash"] == (pytest.approx(200 / 3), 2)
    assert shares["sub-type F1: Attack"] == (0.0, 1)
    assert shares["sub-type F1: none"][1] == 1


@pytest.mark.parametrize(
    "text, expected",
    [("9-May-20", dt.date(2020, 5, 9)), ("2025-06-01", dt.date(2025, 6, 1)), ("soon", None)],
)
def test_parse_event_date(text, expected):
    assert parse_event_date(text) == expected


def test_score_note_counts_missing_events_as_none():
    tally = EventTally()
    note = GoldNote("1", "x", None, "Battles", "Armed clash")
    score_note(note, ("Battles", "Armed clash"), tally)
    score_note(note, None, tally)
    assert tally.found == 1
    assert tally.sub_event_type.accuracy == 50.0
    assert tally.event_type.fp["none"] == 1


# ------------------------------------------------------------------------------------ report & run


def test_format_and_json(tmp_path: Path):
    metrics = [
        Metric("places", "acc@161 all", "LGL", 3, 71.25, 40, "CamCoder 76"),
        Metric("places", "mean error", "LGL", 3, None, unit="km"),
    ]
    assert [format_value(m) for m in metrics] == ["71.2", "—"]
    write_json(metrics, tmp_path / "s.json", limit=3)
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["limit"] == 3 and data["metrics"][0]["key"] == "places.lgl.acc@161 all"


def test_run_refuses_unknown_task_and_missing_corpora(tmp_path: Path):
    assert run(["weather"], tmp_path, None) == 2
    assert run(["places"], tmp_path / "absent", None) == 2


def test_read_meantime_cuts_after_the_annotated_sentences():
    tokens = "".join(f'<token sentence="{i}" t_id="{i + 1}">S{i}</token>' for i in range(9))
    doc = read_meantime(f'<Document doc_id="1">{tokens}<Markables/></Document>')
    assert doc.text.split()[-1] == "S5"


@pytest.mark.model
def test_run_scores_a_tiny_timeml_corpus_end_to_end(tmp_path: Path):
    folder = tmp_path / "temporal" / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    (folder / "demo.tml").write_text(TIMEML, encoding="utf-8")
    assert run(["dates"], tmp_path, None, json_path=tmp_path / "scores.json") == 0
    scores = json.loads((tmp_path / "scores.json").read_text())["metrics"]
    by_key = {m["key"]: m for m in scores}
    assert by_key["dates.tempeval-3 tbaq.relaxed f1"]["items"] == 1
    assert by_key["dates.tempeval-3 tbaq.relaxed f1"]["support"] == 2


def test_event_fields_are_scored_against_the_gold_row():
    gold = GoldNote(
        "1", "x", None, "Battles", "Armed clash", actor1="Military Forces of Mali (2021-)",
        latitude=14.5, longitude=-4.2, event_date="2024-05-10", fatalities=3,
    )  # fmt: skip
    tally = EventTally()
    near = event(
        actor1="Military Forces of Mali (2013-)", latitude=14.6, longitude=-4.2,
        event_date="2024-05-10", fatalities=3,
    )  # fmt: skip
    score_fields(gold, near, tally)
    score_fields(gold, None, tally)
    shares = {name: (s.right, s.total) for name, s in tally.fields.items()}
    assert shares == {
        "actor1": (1, 2), "place within 25 km": (1, 2), "date exact": (1, 2),
        "fatalities exact": (1, 2),
        "place within 25 km, geo_precision 2": (1, 1),  # by the event's precision
    }  # fmt: skip


def test_an_event_at_a_centre_is_counted_when_the_note_names_a_smaller_place():
    gold = GoldNote("1", "x", None, "Battles", "Armed clash", latitude=14.5, longitude=-4.2,
                    geo_precision=1)  # fmt: skip
    tally = EventTally()
    score_fields(gold, event(latitude=14.6, longitude=-4.2, geo_precision=3), tally)
    score_fields(gold, event(latitude=14.6, longitude=-4.2, geo_precision=1), tally)
    share = tally.fields["at a centre, the note naming a smaller place"]
    assert (share.right, share.total) == (1, 2)


def test_place_names_match_without_accents_or_hyphens():
    from faultline.evaluate.events import folded

    assert folded("Jalālābād") == folded("Jalalabad")
    assert folded("Cap-Haïtien") == folded("cap haitien")
    assert folded("Goma") != folded("Bukavu")
