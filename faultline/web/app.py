"""The web application: `create_app(store)` gives a FastAPI app over a store opened read-only.

    store = open_readonly("faultline.db")
    app = create_app(store)                       # serve with uvicorn, or test with TestClient

Routes: the pages (`pages.py`: the map, an event, an article), the JSON API (`api.py`), the API
docs at /docs, and /static (faultline's own script and style, and the vendor files of
`assets.py`). Every response but the docs page carries a Content-Security-Policy that lets a page
load nothing from anywhere but this server.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import StorageError
from ..records import Article, ArticleResult
from ..store import Store
from . import api, pages

STATIC_DIR = Path(__file__).resolve().parent / "static"
_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
           "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
           "form-action 'self'; frame-ancestors 'none'")  # fmt: skip


class LazyPipeline:
    """The extraction pipeline, loaded at the first article (a server that only reads the store
    never loads the model) and run on one article at a time."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._resources: object | None = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> ArticleResult:
        from ..pipeline import extract

        with self._lock:
            if self._resources is None:
                self._resources = self._load()
            return extract(article, self._resources)  # type: ignore[arg-type]


def _load_resources() -> object:
    from ..pipeline import load
    from ..settings import load_settings

    return load(load_settings())


def create_app(store: Store, *, resources: Callable[[], object] | None = None) -> FastAPI:
    """The app over `store` (open it with `web.open_readonly`). `resources` loads the
    pipeline's resources for POST /api/extract (default: `pipeline.load` with the settings)."""
    app = FastAPI(
        title="faultline",
        version=__version__,
        description="Conflict events extracted from news, with the evidence behind every value. "
        "Read-only over the store; POST /api/extract stores nothing.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.pipeline = LazyPipeline(resources or _load_resources)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    app.add_exception_handler(StorageError, _storage_error)
    app.middleware("http")(_security_headers)
    app.middleware("http")(api.limit_body)
    return app


def _docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="faultline API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
    )


async def _storage_error(_request: Request, error: Exception) -> Response:
    return JSONResponse({"detail": f"the store cannot be read: {error}"}, status_code=503)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.url.path != "/docs":  # Swagger UI's page starts itself with an inline script
        response.headers["Content-Security-Policy"] = _POLICY
    return response
