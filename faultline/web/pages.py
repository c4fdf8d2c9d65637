"""The HTML pages, rendered by Jinja2 with autoescaping (article text is never trusted):

    /                      the map: markers by event type and fatalities, filters, a timeline,
                           a list (the page's script, static/map.js, reads /api/events)
    /events/{event_id}     every field with its precision, the claims side by side, the quotes,
                           the sources, and each source's text with this event's evidence marked
    /articles/{article_id} the cleaned text with places, dates, claims and quotes marked, and the
                           events it produced, by the article's own id (?hash=PREFIX when two
                           stored texts share it; the page lists them)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..store import Store
from ..taxonomy import FAMILIES
from .api import store_of
from .assets import INSTALL_HINT, missing_assets
from .marks import article_marks, evidence_marks, segment_text
from .reading import AmbiguousArticle, find_article, find_event

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["event_url"] = lambda event_id: "/events/" + quote(str(event_id), safe="")
templates.env.filters["article_url"] = lambda article_id: "/articles/" + quote(str(article_id),
                                                                             safe="")

TIME_PRECISION = {1: "1: the day itself", 2: "2: a day within a week or so",
                  3: "3: a day within the month"}  # fmt: skip
GEO_PRECISION = {1: "1: the place itself", 2: "2: near the place, or a part of a region",
                 3: "3: only the region (admin1) is known"}  # fmt: skip
# The event page's table: (label, fields, what the precision column says)
FIELD_ROWS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Date", ("event_date", "date_end"), "time_precision"),
    ("Event type", ("event_type", "sub_event_type"), ""),
    ("Actor 1", ("actor1", "assoc_actor_1", "inter1"), ""),
    ("Actor 2", ("actor2", "assoc_actor_2", "inter2"), ""),
    ("Interaction", ("interaction", "civilian_targeting"), ""),
    ("Location", ("location", "admin2", "admin1", "country", "country_code", "iso"),
     "geo_precision"),
    ("Coordinates", ("latitude", "longitude"), "geo_precision"),
    ("Fatalities", ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high"),
     "fatalities"),
    ("Claimant", ("claimant",), ""),
    ("Confidence", ("confidence",), ""),
)  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "map.html", {
        "event_types": FAMILIES, "missing": missing_assets(), "hint": INSTALL_HINT,
    })  # fmt: skip


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(
    request: Request, event_id: str, store: Annotated[Store, Depends(store_of)]
) -> HTMLResponse:
    event = find_event(store, event_id)
    if event is None:
        return _not_found(request, f"No event {event_id!r} in this store.")
    articles = [{**a, "segments": segment_text(a["text"], evidence_marks(
        a["evidence"], a["claims"], a["quotes"]))} for a in event["articles"]]  # fmt: skip
    return templates.TemplateResponse(request, "event.html", {
        "event": event, "rows": [_row(event, *row) for row in FIELD_ROWS],
        "articles": articles, "all_fields": _other_fields(event),
    })  # fmt: skip


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    store: Annotated[Store, Depends(store_of)],
    hash: Annotated[str | None, Query(pattern="^[0-9a-f]{8,64}$")] = None,
) -> HTMLResponse:
    try:
        result = find_article(store, article_id, hash)
    except AmbiguousArticle as error:
        return templates.TemplateResponse(request, "error.html", {
            "message": f"{len(error.hashes)} stored articles have the id {article_id!r}; "
                       f"choose one by its text's hash:",
            "choices": [(f"/articles/{quote(article_id, safe='')}?hash={h[:16]}", h[:16])
                        for h in error.hashes]}, status_code=409)  # fmt: skip
    if result is None:
        return _not_found(request, f"No article {article_id!r} in this store.")
    return templates.TemplateResponse(request, "article.html", {
        "result": result, "segments": segment_text(result["article"]["text"],
                                                   article_marks(result)),
    })  # fmt: skip


def _not_found(request: Request, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"message": message},
                                      status_code=404)  # fmt: skip


def _row(event: dict[str, Any], label: str, fields: tuple[str, ...], precision: str) -> dict:
    return {"label": label, "cells": [(name, event.get(name)) for name in fields],
            "precision": _precision(event, precision)}  # fmt: skip


def _precision(event: dict[str, Any], kind: str) -> str:
    if kind == "time_precision":
        return TIME_PRECISION.get(event.get("time_precision"), "unknown")
    if kind == "geo_precision":
        return GEO_PRECISION.get(event.get("geo_precision"), "unknown")
    if kind == "fatalities":
        spread = "contested: the claimants differ" if event.get("contested") else ""
        conservative = "ACLED's conservative figure; low/best/high from the claims"
        return "; ".join(x for x in (conservative, spread) if x)
    return ""


def _other_fields(event: dict[str, Any]) -> list[tuple[str, Any]]:
    shown = {name for _, fields, _ in FIELD_ROWS for name in fields}
    skip = shown | {"evidence", "claims", "quotes", "articles", "sources", "notes"}
    return [(name, value) for name, value in event.items() if name not in skip]
