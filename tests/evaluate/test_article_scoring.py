"""The article-level scorer (faultline.evaluate.articles) on hand-built dicts, and the gold files.

Predictions follow the `faultline extract --format jsonl` contract: plain dicts, no pipeline.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from faultline.evaluate import articles
from faultline.evaluate.articles import (
    CORPORA,
    DATA,
    OWN_TEXTS,
    SUB_EVENT_TYPES,
    article_metrics,
    corpus_gold,
    evaluate,
    load_gold,
    load_texts,
    predict_articles,
    same_claimant,
    score_articles,
)

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = "2023-05-14"


def gold_event(**fields: Any) -> dict[str, Any]:
    event = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "date_start": "2023-05-13", "date_end": "2023-05-13", "location": "Omdurman",
        "admin1": "Khartoum", "country": "Sudan", "latitude": 15.64, "longitude": 32.48,
        "geo_precision": 1, "actor1": "Military Forces of Sudan (2019-)",
        "actor2": "Civilians (Sudan)", "fatalities": 22, "evidence": "an air strike",
    }  # fmt: skip
    return {**event, **fields}


def pred_event(**fields: Any) -> dict[str, Any]:
    event = {
        "event_id": "e1", "event_date": "2023-05-13", "date_end": None,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "location": "Omdurman", "latitude": 15.64, "longitude": 32.48, "fatalities": 22,
        "actor1": "Military Forces of Sudan (2019-)", "actor2": "Civilians (Sudan)",
        "claimant": None,
    }  # fmt: skip
    return {**event, **fields}


def gold_article(events: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    record = {
        "id": "a1", "url": None, "source": "faultline", "title": "t", "published": PUBLISHED,
        "split": "dev", "country": "Sudan", "events": events, "claims": [], "quotes": [],
    }  # fmt: skip
    return {**record, **fields}


def prediction(events: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"article": {"id": "a1", "text": ""}, "events": events, "claims": [], "quotes": [],
            **fields}  # fmt: skip


def figures(gold: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {m.name: m.value for m in article_metrics(score_articles(gold, predicted), "t")}


def oracle(record: dict[str, Any], text: str) -> dict[str, Any]:
    """What a perfect extractor would output for a gold record (the extract JSON contract)."""
    quotes = []
    for q in record["quotes"]:
        span = articles.quote_span(q["text"], text)
        assert span is not None, (record["id"], q["text"])
        quotes.append(
            {"speaker": q["speaker"], "text": q["text"], "start": span[0], "end": span[1]}
        )
    events = [
        {"event_date": e["date_start"], "date_end": e["date_end"], "event_type": e["event_type"],
         "sub_event_type": e["sub_event_type"], "location": e["location"],
         "latitude": e["latitude"], "longitude": e["longitude"], "fatalities": e["fatalities"],
         "actor1": e["actor1"], "actor2": e["actor2"]}
        for e in record["events"]
    ]  # fmt: skip
    claims = [{k: c.get(k) for k in ("kind", "count", "claimant")} for c in record["claims"]]
    article = {"id": record["id"], "text": text, "published": record["published"]}
    return {"article": article, "events": events, "claims": claims, "quotes": quotes}


# --- the scorer ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["own-dev", "own-test"])
def test_a_perfect_prediction_scores_full_marks(key: str) -> None:
    gold = corpus_gold(key)
    texts, missing = load_texts(gold, OWN_TEXTS)
    assert not missing
    got = figures(gold, {g["id"]: oracle(g, texts[g["id"]]) for g in gold})
    for name in ("event precision", "event recall", "event F1", "event_type F1", "located F1",
                 "place within 161 km", "place within 25 km", "fatalities exact", "claims found",
                 "claims right claimant", "quote speaker"):  # fmt: skip
        assert got[name] == pytest.approx(100.0), name
    assert got["duplicates"] == 0 and got["stale events"] == 0


def test_the_same_incident_coded_twice_is_a_duplicate() -> None:
    gold = [gold_article([gold_event()])]
    copy = pred_event(event_type="Violence against civilians", sub_event_type="Attack",
                      latitude=15.70, longitude=32.45)  # fmt: skip
    got = figures(gold, {"a1": prediction([pred_event(), copy])})
    assert got["duplicates"] == 1
    assert got["duplicates per article"] == 1
    assert got["event precision"] == pytest.approx(50.0)
    assert got["event recall"] == pytest.approx(100.0)


def test_an_extra_event_elsewhere_is_not_a_duplicate() -> None:
    gold = [gold_article([gold_event()])]
    elsewhere = pred_event(location="El Fasher", latitude=13.63, longitude=25.35)
    got = figures(gold, {"a1": prediction([pred_event(), elsewhere])})
    assert got["duplicates"] == 0
    assert got["event precision"] == pytest.approx(50.0)


def test_an_event_dated_more_than_30_days_before_publication_is_stale() -> None:
    gold = [gold_article([gold_event()])]
    old = pred_event(event_date="2023-04-13")  # 31 days before 2023-05-14
    recent = pred_event(event_date="2023-04-15", location="Bahri", latitude=15.65, longitude=32.54)
    got = figures(gold, {"a1": prediction([pred_event(), old, recent])})
    assert got["stale events"] == 1


@pytest.mark.parametrize(
    ("latitude", "matched"),
    [(15.64, True), (15.64 + 40 / 111.2, True), (15.64 + 60 / 111.2, False)],
    ids=["same place", "40 km off", "60 km off"],
)
def test_a_place_matches_within_50_km(latitude: float, matched: bool) -> None:
    got = figures(
        [gold_article([gold_event()])], {"a1": prediction([pred_event(latitude=latitude)])}
    )
    assert got["event F1"] == pytest.approx(100.0 if matched else 0.0)
    assert got["place within 161 km"] == pytest.approx(100.0)  # paired by date, type ignored


@pytest.mark.parametrize(
    ("event_date", "matched"),
    [("2023-05-08", False), ("2023-05-09", True), ("2023-05-10", True), ("2023-05-12", True),
     ("2023-05-13", True), ("2023-05-14", False), (None, False), ("2023-05", False)],
)  # fmt: skip
def test_a_date_matches_within_the_gold_range_plus_or_minus_one_day(
    event_date: str | None, matched: bool
) -> None:
    gold = [gold_article([gold_event(date_start="2023-05-10", date_end="2023-05-12")])]
    got = figures(gold, {"a1": prediction([pred_event(event_date=event_date)])})
    assert got["event F1"] == pytest.approx(100.0 if matched else 0.0)


def test_the_type_levels_differ() -> None:
    gold = [gold_article([gold_event()])]
    shelling = pred_event(sub_event_type="Shelling/artillery/missile attack")
    got = figures(gold, {"a1": prediction([shelling])})
    assert got["event F1"] == 0.0
    assert got["event_type F1"] == pytest.approx(100.0)
    assert got["located F1"] == pytest.approx(100.0)


def test_without_coordinates_the_location_name_decides() -> None:
    gold = [gold_article([gold_event(location="Pétion-Ville", latitude=None, longitude=None)])]
    named = pred_event(location="Petion ville", latitude=18.51, longitude=-72.29)
    other = pred_event(location="Delmas", latitude=18.55, longitude=-72.30)
    assert figures(gold, {"a1": prediction([named])})["event F1"] == pytest.approx(100.0)
    assert figures(gold, {"a1": prediction([other])})["event F1"] == 0.0


def test_place_accuracy_pairs_a_wrongly_typed_event_by_date() -> None:
    gold = [gold_article([gold_event()])]
    far = pred_event(sub_event_type="Attack", latitude=15.64 + 100 / 111.2)
    got = figures(gold, {"a1": prediction([far])})
    assert got["place within 161 km"] == pytest.approx(100.0)
    assert got["place within 25 km"] == 0.0
    unplaced = pred_event(sub_event_type="Attack", latitude=None, longitude=None)
    assert figures(gold, {"a1": prediction([unplaced])})["place within 161 km"] == 0.0


def test_fatalities_are_compared_on_matched_events() -> None:
    gold = [gold_article([gold_event(), gold_event(location="Bahri", latitude=15.65 + 1,
                                                   fatalities=3)])]  # fmt: skip
    wrong = pred_event(location="Bahri", latitude=15.65 + 1, fatalities=30)
    got = figures(gold, {"a1": prediction([pred_event(), wrong])})
    assert got["fatalities exact"] == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [("Sudan's health ministry", "health ministry", True),
     ("the health ministry", "Sudan's Health Ministry", True),
     ("The army", "army", True),
     ("Lionel Lazarre", "Lazarre", True),
     (None, None, True),
     (None, "", True),
     ("police", None, False),
     (None, "police", False),
     ("Reuters", "police", False)],
)  # fmt: skip
def test_claimants_match_by_containment(gold: str | None, pred: str | None, same: bool) -> None:
    assert same_claimant(gold, pred) is same


def test_claims_need_the_same_kind_and_count_and_then_the_claimant() -> None:
    claims = [{"kind": "killed", "count": 22, "claimant": "Sudan's health ministry"},
              {"kind": "killed", "count": 30, "claimant": "The RSF"},
              {"kind": "injured", "count": 40, "claimant": "the ministry"}]  # fmt: skip
    gold = [gold_article([gold_event()], claims=claims)]
    pred = prediction([], claims=[
        {"kind": "killed", "count": 22, "claimant": "health ministry", "is_background": False},
        {"kind": "killed", "count": 30, "claimant": "army"},
        {"kind": "killed", "count": 40, "claimant": "the ministry"},
    ])  # fmt: skip
    got = figures(gold, {"a1": pred})
    assert got["claims found"] == pytest.approx(200 / 3)
    assert got["claims right claimant"] == pytest.approx(100 / 3)


def test_quote_speakers_by_span_overlap_or_by_text() -> None:
    text = 'Police said. "We are on their trail," said Mohammed Shehu.'
    quotes = [{"speaker": "Mohammed Shehu", "text": "We are on their trail"}]
    gold = [gold_article([], quotes=quotes)]
    start = text.index("We")
    by_span = {"speaker": "Shehu", "text": "We are on their", "start": start, "end": start + 15}
    pred = prediction([], article={"id": "a1", "text": text}, quotes=[by_span])
    assert figures(gold, {"a1": pred})["quote speaker"] == pytest.approx(100.0)
    wrong = {**by_span, "speaker": "Police"}
    pred = prediction([], article={"id": "a1", "text": text}, quotes=[wrong])
    assert figures(gold, {"a1": pred})["quote speaker"] == 0.0
    by_text = {"speaker": "mohammed shehu", "text": "we are on their trail", "start": None,
               "end": None}  # fmt: skip
    assert figures(gold, {"a1": prediction([], quotes=[by_text])})["quote speaker"] == 100.0


def test_articles_without_a_prediction_are_not_scored() -> None:
    gold = [gold_article([gold_event()]), gold_article([gold_event()], id="a2")]
    tally = score_articles(gold, {"a1": prediction([pred_event()])})
    assert tally.articles == 1
    assert [row.id for row in tally.rows] == ["a1"]


def test_metric_keys_and_anchors_follow_the_other_tasks() -> None:
    metrics = article_metrics(score_articles([], {}), "own articles dev")
    keys = {m.key for m in metrics}
    assert "articles.own articles dev.event f1" in keys
    anchors = {m.name: m.anchor for m in metrics}
    assert anchors["event F1"].startswith("target 75")
    assert anchors["claims right claimant"] == "target 80"
    assert all(m.value is None for m in metrics if m.unit == "%")  # nothing to measure is not 0%


def test_predict_articles_runs_each_text_and_skips_absent_ones() -> None:
    gold = [gold_article([]), gold_article([], id="a2", published="2024-01-02")]
    calls = []

    def run(text: str, published: str | None, article_id: str) -> dict[str, Any]:
        calls.append((text, published, article_id))
        return prediction([])

    assert list(predict_articles(gold, run, {"a2": "text two"})) == ["a2"]
    assert calls == [("text two", "2024-01-02", "a2")]


def test_load_texts_names_the_missing_ids(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a1.txt").write_text("one", encoding="utf-8")
    gold = [gold_article([]), gold_article([], id="a2")]
    with caplog.at_level(logging.WARNING, logger="faultline.evaluate.articles"):
        texts, missing = load_texts(gold, tmp_path)
    assert texts == {"a1": "one"} and missing == ["a2"]
    assert "a2" in caplog.text and "build_article_texts.py" in caplog.text


def test_evaluate_scores_the_own_articles_and_skips_real_ones_without_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(articles.TEXTS_ENV, raising=False)
    by_id = {g["id"]: g for g in load_gold(DATA / "own.jsonl")}

    def run(text: str, published: str | None, article_id: str) -> dict[str, Any]:
        return oracle(by_id[article_id], text)

    metrics = evaluate(run, limit=3)
    assert {m.corpus for m in metrics} == {"own articles dev", "own articles test"}
    assert all(m.items == 3 for m in metrics)
    assert {m.value for m in metrics if m.name == "event F1"} == {100.0}


# --- the gold files ------------------------------------------------------------------------

REAL = load_gold(DATA / "real.jsonl")
OWN = load_gold(DATA / "own.jsonl")
RECORD_KEYS = {"id", "url", "source", "title", "published", "split", "country", "events",
               "claims", "quotes"}  # fmt: skip
EVENT_KEYS = {"event_type", "sub_event_type", "date_start", "date_end", "location", "admin1",
              "country", "latitude", "longitude", "geo_precision", "actor1", "actor2",
              "fatalities", "evidence"}  # fmt: skip
CLAIM_KINDS = {"killed", "injured", "displaced", "abducted", "arrested", "accusation", "denial"}


def iso(value: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    return dt.date.fromisoformat(value)


@pytest.mark.parametrize("record", REAL + OWN, ids=lambda r: r["id"])
def test_every_gold_record_is_well_formed(record: dict[str, Any]) -> None:
    assert RECORD_KEYS <= set(record)
    assert record["split"] in {"dev", "test"}
    published = iso(record["published"])
    assert record["events"], "every article reports at least one event"
    for event in record["events"]:
        assert EVENT_KEYS <= set(event)
        assert SUB_EVENT_TYPES[event["sub_event_type"]] == event["event_type"]
        start, end = iso(event["date_start"]), iso(event["date_end"])
        assert start <= end <= published
        assert (published - start).days <= 30, "gold holds no background events"
        assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180
        assert event["geo_precision"] in {1, 2, 3}
        assert isinstance(event["fatalities"], int) and event["fatalities"] >= 0
        assert event["location"] and event["country"] and event["actor1"] and event["evidence"]
    for claim in record["claims"]:
        assert claim["kind"] in CLAIM_KINDS
        assert claim["count"] is None or (isinstance(claim["count"], int) and claim["count"] >= 0)
        assert "claimant" in claim and claim["evidence"]
    for quote in record["quotes"]:
        assert quote["speaker"] and quote["text"]


def test_ids_are_unique_and_named_by_corpus() -> None:
    ids = [r["id"] for r in REAL + OWN]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"real-\d{3}", r["id"]) and r["url"] for r in REAL)
    assert all(re.fullmatch(r"own-\d{3}", r["id"]) and r["url"] is None for r in OWN)
    assert all(r["source"] == "faultline" for r in OWN)


def test_the_corpora_are_large_and_varied_enough() -> None:
    assert len(REAL) >= 32 and len(OWN) >= 16
    assert len({r["country"] for r in REAL}) >= 12
    assert len({r["country"] for r in OWN}) >= 10
    assert len({r["country"] for r in REAL + OWN}) >= 12
    for corpus in (REAL, OWN):
        splits = [r["split"] for r in corpus]
        assert abs(splits.count("dev") - splits.count("test")) <= 2
    assert sum(len(r["events"]) >= 2 for r in OWN) == len(OWN)
    assert set(CORPORA) == {"own-dev", "own-test", "real-dev", "real-test"}


def test_every_own_article_has_its_text_and_the_text_backs_the_gold() -> None:
    texts, missing = load_texts(OWN, OWN_TEXTS)
    assert not missing
    for record in OWN:
        words = " ".join(re.findall(r"\w+", texts[record["id"]].lower()))
        assert texts[record["id"]].splitlines()[0] == record["title"]
        quoted = [e["evidence"] for e in record["events"]] + [q["text"] for q in record["quotes"]]
        for piece in (p for q in quoted for p in q.split(" ... ")):
            assert " ".join(re.findall(r"\w+", piece.lower())) in words, (record["id"], piece)


def _repository_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.split("\n")  # fmt: skip
        return [REPO / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "node_modules"}
        return [p for p in REPO.rglob("*") if p.is_file() and not skip & set(p.parts)]


def test_no_real_article_text_is_in_the_repository() -> None:
    files = _repository_files()
    assert not [p for p in files if re.fullmatch(r"real-\d+\.txt", p.name)]
    assert {p.name for p in OWN_TEXTS.iterdir()} == {f"{r['id']}.txt" for r in OWN}
    # a whole real paragraph would only be there if a text had been copied in
    leads = [r["events"][0]["evidence"] for r in REAL if len(r["events"][0]["evidence"]) > 60]
    for path in files:
        if path.suffix in {".txt", ".md"} and path.is_file():
            content = path.read_text(encoding="utf-8", errors="ignore")
            assert not [lead for lead in leads if lead in content], path
