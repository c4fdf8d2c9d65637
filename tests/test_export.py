from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from faultline.export import ACLED_COLUMNS, FORMATS, acled_row, geojson_feature, write
from faultline.records import EVENT_FIELDS, Article, ArticleResult, Claim, Event, Span

ACLED_DEV = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "acled" / "acled-2020-dev.csv"
)


def make_event(event_id: str, **fields: object) -> Event:
    values: dict[str, object] = {name: None for name in EVENT_FIELDS}
    values.update(
        event_id=event_id, event_type="Battles", sub_event_type="Armed clash", claim_ids=(),
        evidence=(Span(0, 8, "Fighting"),), confidence=0.8,
    )  # fmt: skip
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def make_result(article_id: str, *events: Event) -> ArticleResult:
    article = Article(id=article_id, text="Fighting in El Geneina.", source="Radio Dabanga",
                      published=dt.date(2023, 5, 2))  # fmt: skip
    claim = Claim("c1", "killed", 12, 12, 12, "civilians", "local officials", False, "2023-05-01",
                  Span(0, 8, "Fighting"))  # fmt: skip
    return ArticleResult(article=article, events=events, claims=(claim,))


GENEINA = make_event(
    "a1-e1", event_date="2023-05-01", time_precision=1, actor1="Military Forces of Sudan (2019-)",
    inter1=1, actor2="Rapid Support Forces", inter2=2, interaction=12, country="Sudan",
    country_code="SD", iso=729, admin1="West Darfur", location="El Geneina", latitude=13.45262,
    longitude=22.44725, geo_precision=1, fatalities=12, notes="On 1 May 2023, SAF and RSF clashed.",
)  # fmt: skip
NOWHERE = make_event("a2-e1", event_date="2023-05-02", fatalities=None)
RESULTS = [make_result("a1", GENEINA), make_result("a2", NOWHERE), make_result("a3")]


def written(format: str, results: list[ArticleResult]) -> str:
    stream = io.StringIO()
    assert write(format, results, stream) == len(results)
    return stream.getvalue()


def test_jsonl_round_trip() -> None:
    lines = written("jsonl", RESULTS).splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in RESULTS]


def test_json_is_one_list() -> None:
    assert json.loads(written("json", RESULTS)) == [r.to_dict() for r in RESULTS]
    assert json.loads(written("json", [])) == []


def test_acled_csv_columns_and_rows() -> None:
    rows = list(csv.DictReader(io.StringIO(written("acled-csv", RESULTS))))
    assert len(rows) == 2  # one per event; the article without events has no row
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    first = rows[0]
    assert (first["event_id_cnty"], first["event_date"], first["year"]) == (
        "a1-e1",
        "2023-05-01",
        "2023",
    )
    assert (first["iso"], first["iso3"], first["country"]) == ("729", "SDN", "Sudan")
    assert (first["latitude"], first["longitude"], first["fatalities"]) == (
        "13.4526",
        "22.4473",
        "12",
    )
    assert (first["source"], first["interaction"]) == ("Radio Dabanga", "12")
    assert rows[1]["fatalities"] == "" and rows[1]["latitude"] == "" and rows[1]["year"] == "2023"


def test_acled_columns_match_the_acled_export() -> None:
    if not ACLED_DEV.is_file():
        pytest.skip("../shared/corpora is not beside the repository")
    with ACLED_DEV.open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == ACLED_COLUMNS


def test_acled_row_leaves_unknowns_empty() -> None:
    row = acled_row(NOWHERE, RESULTS[1].article)
    assert row["region"] == row["admin3"] == row["timestamp"] == row["iso3"] == ""


def test_geojson() -> None:
    collection = json.loads(written("geojson", RESULTS))
    assert collection["type"] == "FeatureCollection"
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [22.44725, 13.45262]}
    assert first["properties"]["article_id"] == "a1"
    assert first["properties"]["location"] == "El Geneina"
    assert second["geometry"] is None
    assert geojson_feature(GENEINA, "a1")["properties"]["event_id"] == "a1-e1"


@pytest.mark.parametrize("format", FORMATS)
def test_streaming_keeps_what_was_written(format: str) -> None:
    """A failure in the middle of a batch leaves the earlier articles written out."""

    def failing() -> Iterator[ArticleResult]:
        yield RESULTS[0]
        raise RuntimeError("boom")

    stream = io.StringIO()
    with pytest.raises(RuntimeError):
        write(format, failing(), stream)
    assert "a1-e1" in stream.getvalue()


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write("parquet", RESULTS, io.StringIO())
