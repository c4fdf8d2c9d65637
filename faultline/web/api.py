"""The JSON API (OpenAPI docs at /docs, the spec at /openapi.json):

    GET  /api/events                ?country&since&until&type&actor&near&source&q&limit&offset
                                    -> {"total": N, "events": [...]} (the export contract's fields,
                                    `contested`, and `sources`, each with the article's `stored_id`)
    GET  /api/events.geojson        the same events as a GeoJSON FeatureCollection
    GET  /api/events/{event_id}     one event with its claims, quotes and source articles
    GET  /api/articles/{stored_id}  one stored article's result and the events it produced
    POST /api/extract               an article in, its result out (the output contract); nothing
                                    is stored; text at most 100,000 characters, html 1,000,000,
                                    body 8 MB (413 over them, checked before any work)

The query parameters are those of `faultline events`, plus `q` (free text) and paging. Invalid
parameters give 422 with a message; unknown ids give 404. Nothing here writes to the store.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ..errors import FaultlineError, ResourceError
from ..export import geojson_feature_of
from ..parallel import ARTICLE_ERRORS
from ..store import EventFilter, Store
from ..text.read import article_from_record, encodable_article, encodable_text
from .reading import find_article, find_event, find_events

logger = logging.getLogger("faultline.web")
router = APIRouter(prefix="/api", tags=["api"])

# POST /api/extract's limits, checked before any work: the body's Content-Length, then the
# fields' lengths (pydantic, 422); a page's extracted text is held to MAX_TEXT_CHARS too. An
# article costs about 0.2 s per 1,000 characters (BENCHMARKS.md): longer ones are for
# `faultline extract`, which reads up to max_input_bytes.
MAX_TEXT_CHARS = 100_000
MAX_HTML_CHARS = 1_000_000
MAX_BODY_BYTES = 8_000_000  # the largest fields, JSON-escaped
MAX_LIMIT = 10_000
MAX_ROW_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key
_NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses NUL in text
# LAT,LON,KM with latitude in -90..90, longitude in -180..180 and km >= 0, so that the spec
# itself says which values are valid.
_LATITUDE = r"-?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\.[0-9]+)?)"
_NEAR = rf"^{_LATITUDE},{_LONGITUDE},[0-9]{{1,5}}(?:\.[0-9]+)?$"


def store_of(request: Request) -> Store:
    return request.app.state.store


def _text(description: str) -> Any:
    return Query(max_length=300, pattern=_NO_NUL, description=description)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of one request for events (those of `faultline events`, and free text)."""

    filters: EventFilter
    text: str | None = None


def event_query(
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$",
                                         description="ISO 3166-1 alpha-2 code.")] = None,
    since: Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD).")] = None,
    type: Annotated[str | None, _text("Part of the (sub-)event type, any case.")] = None,
    actor: Annotated[str | None, _text("Part of an actor's name, any case.")] = None,
    near: Annotated[str | None, Query(pattern=_NEAR,
                                      description="LAT,LON,KM: within KM of a point.",
                                      examples=["33.5,36.3,25"])] = None,
    source: Annotated[str | None, _text("Part of a source name or URL, any case.")] = None,
    q: Annotated[str | None, _text("Free text: part of an actor, type, place, note, claimant "
                                   "or source title, any case.")] = None,
) -> EventQuery:  # fmt: skip
    filters = EventFilter(country=country, since=since, until=until, type=type, actor=actor,
                          near=_near(near), source=source)  # fmt: skip
    return EventQuery(filters=filters, text=q)


def _near(value: str | None) -> tuple[float, float, float] | None:
    """LAT,LON,KM as numbers; the parameter's pattern (`_NEAR`) has already checked its form and
    ranges, so a bad value is a 422 before this runs."""
    if value is None:
        return None
    latitude, longitude, km = (float(part) for part in value.split(","))
    return latitude, longitude, km


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many events.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ROW_ID, description="Skip this many events first.")]


class EventsPage(BaseModel):
    total: int = Field(description="How many events match, before limit and offset.")
    events: list[dict[str, Any]]


@router.get("/events", response_model=EventsPage)
def list_events(
    query: Annotated[EventQuery, Depends(event_query)],
    store: Annotated[Store, Depends(store_of)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Merged events, by date then id, with the fields of the export contract."""
    found = find_events(store, query.filters, text=query.text)
    return {"total": len(found), "events": found[offset : offset + limit]}


@router.get("/events.geojson", response_class=JSONResponse,
            responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
def events_geojson(
    query: Annotated[EventQuery, Depends(event_query)],
    store: Annotated[Store, Depends(store_of)],
    limit: Limit = MAX_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """The same events as a FeatureCollection (a Point [longitude, latitude] each, or null)."""
    found = find_events(store, query.filters, text=query.text)
    collection = {"type": "FeatureCollection", "total": len(found),
                  "features": [geojson_feature_of(e) for e in found[offset : offset + limit]]}
    return JSONResponse(collection, media_type="application/geo+json")


@router.get("/events/{event_id:path}", responses={404: {"description": "No such event."}})
def get_event(event_id: str, store: Annotated[Store, Depends(store_of)]) -> dict[str, Any]:
    """One merged event: its fields, `claims`, `quotes` and `articles` (each source's text with
    the `evidence` spans behind this event)."""
    found = find_event(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found


@router.get("/articles/{stored_id}", responses={404: {"description": "No such article."}})
def get_article(
    stored_id: Annotated[int, Path(ge=0, le=MAX_ROW_ID, description="The article's row id.")],
    store: Annotated[Store, Depends(store_of)],
) -> dict[str, Any]:
    """One stored article's result (the output contract) and the merged events it reported."""
    found = find_article(store, stored_id)
    if found is None:
        raise HTTPException(404, f"no article {stored_id}")
    return found


class ArticleIn(BaseModel):
    """An article to extract: its raw text (cleaned as `faultline extract` cleans it) or its HTML
    page, read as `faultline extract` reads a JSON line (non-English text is refused)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["html"]}]}
    )

    text: str | None = Field(None, min_length=1, max_length=MAX_TEXT_CHARS, pattern=r"\S")
    html: str | None = Field(None, min_length=1, max_length=MAX_HTML_CHARS, pattern=r"\S")
    id: str = Field("article", min_length=1, max_length=300)
    published: dt.date | None = Field(None, description="Publication day; resolves 'on Tuesday'.")
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=300)
    title: str | None = Field(None, max_length=1000)
    _replaced: int = PrivateAttr(0)  # unencodable code points replaced (see `_encodable`)

    @model_validator(mode="wrap")
    @classmethod
    def _encodable(cls, data: Any, handler: Any) -> ArticleIn:
        """Lone surrogates ("\\ud800" in the JSON) replaced before validation, which cannot
        check them and whose error message could not be sent back: counted, then reported as
        the problem `read.unencodable`, as `faultline extract` does."""
        replaced = 0
        if isinstance(data, dict):
            data = dict(data)
            for key, value in data.items():
                if isinstance(value, str):
                    data[key], count = encodable_text(value)
                    replaced += count
        model = handler(data)
        model._replaced = replaced
        return model


async def limit_body(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: a POST whose body is over MAX_BODY_BYTES, or of unknown length, is refused
    (413, 411) before it is read."""
    if request.method != "POST":
        return await call_next(request)
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return JSONResponse({"detail": "give the body's Content-Length"}, status_code=411)
    if int(length) > MAX_BODY_BYTES:
        detail = f"the body is {int(length):,} bytes, over the limit of {MAX_BODY_BYTES:,}"
        return JSONResponse({"detail": detail}, status_code=413)
    return await call_next(request)


@router.post("/extract", responses={
    413: {"description": f"Body over {MAX_BODY_BYTES:,} bytes, or text over "
                         f"{MAX_TEXT_CHARS:,} characters."},
    422: {"description": "Invalid or unreadable article."}})  # fmt: skip
def extract_article(article: ArticleIn, request: Request) -> dict[str, Any]:
    """Extract one article and return its result; nothing is stored."""
    if article.text is None and article.html is None:
        raise HTTPException(422, "give the article's text or html")
    fields = article.model_dump(exclude_none=True)
    if article.published is not None:
        fields["published"] = article.published.isoformat()
    try:
        record = encodable_article(article_from_record(fields, "request"),
                                   replaced=article._replaced)  # fmt: skip
        if len(record.text) > MAX_TEXT_CHARS:
            raise HTTPException(413, f"the page's text is {len(record.text):,} characters, over "
                                     f"the limit of {MAX_TEXT_CHARS:,}")  # fmt: skip
        return request.app.state.pipeline(record).to_dict()
    except ResourceError as error:  # the model or gazetteer is missing: the server's fault
        raise HTTPException(503, str(error)) from None
    except FaultlineError as error:
        raise HTTPException(422, f"cannot extract this article: {error}") from None
    except ARTICLE_ERRORS as error:  # a stage failed on this text: reported as `extract` does
        logger.warning("extract failed on a posted article", exc_info=True)
        raise HTTPException(422, f"cannot extract this article: {type(error).__name__}: "
                                 f"{error}") from None  # fmt: skip
