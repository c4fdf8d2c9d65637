"""The living event dataset: articles and their results in SQLite or PostgreSQL, with reports of
the same event merged across articles.

    from faultline.store import EventFilter, open_store
    with open_store("faultline.db") as store:
        for event in store.events(EventFilter(country="SD")):
            ...
"""

from __future__ import annotations

from .database import Store, content_hash, open_store
from .query import EventFilter

__all__ = ["EventFilter", "Store", "content_hash", "open_store"]
