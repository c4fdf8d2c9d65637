"""The JSON API (OpenAPI docs at /docs, the spec at /openapi.json):

    GET  /api/events                ?country&since&until&type&actor&near&bbox&source&q&limit&after
                                    -> {"events": [...], "next": CURSOR|null, "total": N,
                                    "total_exact": bool}: one page, by date then id (the export
                                    contract's fields, `contested`, and `sources`); the next page
                                    is ?after=CURSOR with the same filters
    GET  /api/events.geojson        the same page as a GeoJSON FeatureCollection (and `next`)
    GET  /api/map                   ?bbox=W,S,E,N&limit and the filters: the located events of a
                                    map view, at most `limit`, spread evenly over it, as GeoJSON
                                    (`complete`: whether they are all of the view's events)
    GET  /api/events/{event_id}     one event with its claims, quotes and source articles
    GET  /api/articles/{article_id} one stored article's result and the events it produced, by
                                    the article's own id (?hash=PREFIX when two texts share it)
    POST /api/extract               an article in, its result out (the output contract); nothing
                                    is stored; text at most 100,000 characters, html 1,000,000,
                                    body 8 MB (413 over them, checked before any work)

The filters are those of `faultline events` (`store.query.parse_filters` checks both), plus `q`
(free text). Invalid parameters give 422 with a message; unknown ids give 404. No request reads
more rows than it returns plus a constant; `total` is counted up to MAX_COUNT only. Nothing here
writes to the store.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ..errors import FaultlineError, ResourceError
from ..export import geojson_feature_of
from ..parallel import ARTICLE_ERRORS
from ..store import EventFilter, Store
from ..store.query import FilterError, parse_filters
from ..text.read import article_from_record, encodable_article, encodable_text
from .reading import AmbiguousArticle, find_article, find_event

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
MAX_MAP = 5_000
MAX_COUNT = 10_000


def store_of(request: Request) -> Store:
    return request.app.state.store


def _text(description: str, **more: Any) -> Any:
    """A filter parameter: `parse_filters` alone checks it (its form is in the description), so
    that the API and `faultline events` refuse the same values with the same message."""
    return Query(description=description, **more)


def event_query(
    country: Annotated[str | None, _text("ISO 3166-1 alpha-2 code.")] = None,
    since: Annotated[str | None, _text("First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, _text("Last day (YYYY-MM-DD), not before `since`.")] = None,
    type: Annotated[str | None, _text("Part of the (sub-)event type, any case.")] = None,
    actor: Annotated[str | None, _text("Part of an actor's name, any case.")] = None,
    near: Annotated[str | None, _text("LAT,LON,KM: within KM of a point.",
                                      examples=["33.5,36.3,25"])] = None,
    bbox: Annotated[str | None, _text("WEST,SOUTH,EAST,NORTH: inside a box (degrees; WEST > "
                                      "EAST crosses the antimeridian).",
                                      examples=["29,-3,31,2"])] = None,
    source: Annotated[str | None, _text("Part of a source name or URL, any case.")] = None,
    q: Annotated[str | None, _text("Free text: part of an actor, type, place, note, claimant "
                                   "or source title, any case.")] = None,
) -> EventFilter:  # fmt: skip
    """The filters of one request, checked as `faultline events` checks its options."""
    try:
        return parse_filters(country=country, since=since, until=until, type=type, actor=actor,
                             near=near, bbox=bbox, source=source, text=q)  # fmt: skip
    except FilterError as error:
        raise invalid(error) from None


def invalid(error: FilterError) -> RequestValidationError:
    """A 422 shaped as FastAPI's own (`detail`: [{loc, msg, type}]), naming the parameter."""
    return RequestValidationError([{"loc": ("query", error.parameter), "msg": str(error),
                                    "type": "value_error", "input": None}])  # fmt: skip


Filters = Annotated[EventFilter, Depends(event_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many events.")]
After = Annotated[str | None, Query(max_length=2000, description="The `next` cursor of the "
                                                                  "previous page.")]  # fmt: skip


class EventsPage(BaseModel):
    events: list[dict[str, Any]]
    next: str | None = Field(description="Cursor of the next page (?after=...); null at the end.")
    total: int = Field(description=f"How many events match, counted up to {MAX_COUNT}.")
    total_exact: bool = Field(description=f"False when more than {MAX_COUNT} match.")


def _page(store: Store, filters: EventFilter, limit: int, after: str | None) -> dict[str, Any]:
    try:
        found, following = store.page(filters, limit=limit, after=after)
    except FilterError as error:
        raise invalid(error) from None
    total = store.count_events(filters, cap=MAX_COUNT)
    return {"events": found, "next": following, "total": min(total, MAX_COUNT),
            "total_exact": total <= MAX_COUNT}  # fmt: skip


@router.get("/events", response_model=EventsPage)
def list_events(
    filters: Filters, store: Annotated[Store, Depends(store_of)], limit: Limit = 100,
    after: After = None,
) -> dict[str, Any]:  # fmt: skip
    """One page of merged events, by date then id, with the fields of the export contract."""
    return _page(store, filters, limit, after)


@router.get("/events.geojson", response_class=JSONResponse,
            responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
def events_geojson(
    filters: Filters, store: Annotated[Store, Depends(store_of)], limit: Limit = 1000,
    after: After = None,
) -> JSONResponse:  # fmt: skip
    """The same page as a FeatureCollection (a Point [longitude, latitude] each, or null)."""
    page = _page(store, filters, limit, after)
    collection = {"type": "FeatureCollection", "total": page["total"],
                  "total_exact": page["total_exact"], "next": page["next"],
                  "features": [geojson_feature_of(e) for e in page["events"]]}  # fmt: skip
    return JSONResponse(collection, media_type="application/geo+json")


@router.get("/map", response_class=JSONResponse,
            responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
def map_view(
    filters: Filters, store: Annotated[Store, Depends(store_of)],
    limit: Annotated[int, Query(ge=1, le=MAX_MAP, description="At most this many.")] = 2000,
) -> JSONResponse:  # fmt: skip
    """The located events of a map view (`bbox`, and any filter), at most `limit`, spread evenly
    over the view rather than the first by date: zoom in for all of them (`complete`)."""
    found, complete = store.map_events(filters, limit=limit)
    features = [{"type": "Feature", "id": e["event_id"],
                 "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
                 "properties": {**{k: v for k, v in e.items() if k != "sort_date"},
                                "event_date": e["sort_date"] or None}}
                for e in found]  # fmt: skip
    collection = {"type": "FeatureCollection", "complete": complete, "features": features}
    return JSONResponse(collection, media_type="application/geo+json")


@router.get("/events/{event_id:path}", responses={404: {"description": "No such event."}})
def get_event(event_id: str, store: Annotated[Store, Depends(store_of)]) -> dict[str, Any]:
    """One merged event: its fields, `claims`, `quotes` and `articles` (each source's text with
    the `evidence` spans behind this event)."""
    found = find_event(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found


ContentHash = Annotated[str | None, Query(pattern="^[0-9a-f]{8,64}$", description=(
    "The start of the article's content hash, when several stored texts share its id."))]


@router.get("/articles/{article_id:path}",
            responses={404: {"description": "No such article."},
                       409: {"description": "Several stored articles have this id."}})  # fmt: skip
def get_article(
    article_id: str, store: Annotated[Store, Depends(store_of)], hash: ContentHash = None
) -> dict[str, Any]:
    """One stored article's result (the output contract) and the merged events it reported."""
    try:
        found = find_article(store, article_id, hash)
    except AmbiguousArticle as error:
        raise HTTPException(409, f"{error}: add ?hash= and the start of one of their content "
                                 f"hashes: {', '.join(h[:12] for h in error.hashes)}") from None
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
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
