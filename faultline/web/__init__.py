"""The read-only web view of a store: `faultline serve`.

    reading.py   the store opened read-only; events, one event with its evidence, one article
    marks.py     an article's text cut into marked segments (places, dates, claims, quotes)
    api.py       the JSON API (/api/...), documented by OpenAPI at /docs
    pages.py     the HTML pages (templates/), escaped by Jinja2
    app.py       `create_app(store)`: the FastAPI app
    assets.py    the map's vendor files (npm), copied into static/vendor/ by `make assets`
    commands.py  the `serve` command
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "open_readonly"]


def __getattr__(name: str) -> Any:
    """Import FastAPI only when the app is wanted: `faultline extract` never pays for it."""
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "open_readonly":
        from ..store.database import open_readonly

        return open_readonly
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
