"""faultline: conflict news into structured, sourced ACLED-style event data.

>>> import faultline
>>> result = faultline.extract(text, published="2022-09-14")
>>> result.events[0].sub_event_type
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import TYPE_CHECKING

from .errors import FaultlineError, InputError, ResourceError, SettingsError, StorageError
from .records import Article, ArticleResult, Claim, DateMention, Event, PlaceMention, Quote

if TYPE_CHECKING:
    from .pipeline import Resources

__all__ = [
    "extract",
    "Article",
    "ArticleResult",
    "Claim",
    "DateMention",
    "Event",
    "PlaceMention",
    "Quote",
    "FaultlineError",
    "InputError",
    "ResourceError",
    "SettingsError",
    "StorageError",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(
    text: str,
    published: str | dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    id: str = "article-1",
) -> ArticleResult:
    """Extract events, claims, quotes, places and dates from one article's raw text."""
    from .pipeline import extract as run
    from .text.published import parse_published

    if isinstance(published, str):
        published = parse_published(published, input_name="published")
    article = Article(id=id, text=text, url=url, source=source, title=title, published=published)
    return run(article, _resources())


@functools.cache
def _resources() -> Resources:
    """The pipeline's resources, loaded on first use and kept for the process."""
    from .pipeline import load

    return load()
