"""Ingest articles into a store: skip those already stored, extract the others, store each result
in its own transaction, record failures with their reason.

    for outcome in ingest_articles(read_inputs(paths, ...), store, resources=lambda: load()):
        ...  # Outcome(input_name, status, message, article_id)

status: "stored"; "skipped" (this text and metadata are stored already: a rerun); "duplicate"
(a text met before in this run, or stored with other metadata, which is then added as another
source of the stored article); "failed" (recorded once per input: a rerun updates the row).

Resources are loaded only when an article needs extracting, so a run that has nothing new to do
does not load the model. Articles are parsed a batch at a time (spaCy's `pipe`).

`ingest_extracted` is the same with the extraction done elsewhere, by worker processes or a dask
cluster (`parallel.extract_parallel`, `cluster.extract_dask`): stored articles are skipped before
they are sent, and this process stays the one writer, storing results in input order, so the
store ends as a single-process run leaves it.
"""

from __future__ import annotations

import collections
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import FaultlineError, InputError, StorageError
from ..parallel import WorkFailure
from ..records import Article, ArticleResult, Parse
from ..text.read import InputFailure
from .database import Store, content_hash

if TYPE_CHECKING:
    from ..pipeline import Resources

logger = logging.getLogger("faultline")
BATCH_SIZE = 16
# Errors a stage may raise on one article's odd text: that article fails, the batch goes on.
_ARTICLE_ERRORS = (FaultlineError, ValueError, TypeError, LookupError, AttributeError,
                   ArithmeticError, AssertionError, RuntimeError)  # fmt: skip


# What `ingest_extracted` is given: articles in, their results (or failures) out, in input order.
Extractor = Callable[[Iterable[Article]], Iterable[ArticleResult | InputFailure | WorkFailure]]


@dataclass(frozen=True, slots=True)
class Outcome:
    input_name: str
    status: str  # stored | skipped | duplicate | failed
    message: str = ""
    article_id: int | None = None


class _Seen:
    """The texts this run has met (content hash -> the first input that had it), so that a
    second record with a text met before is a duplicate, not a second article."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def triage(self, item: Article | InputFailure, store: Store) -> str | None:
        """The content hash `item` is to be extracted under; None when it is not to be
        (an input failure, a text met before in this run or already stored)."""
        if isinstance(item, InputFailure):
            return None
        key = content_hash(item.text)
        if key in self.first or store.has_article(key):
            return None
        self.first[key] = item.input_name
        return key

    def settle(self, item: Article | InputFailure, store: Store) -> Outcome:
        """The outcome of an item that is not extracted: a failure, or a text stored already."""
        if isinstance(item, InputFailure):
            store.add_failure(item.input_name, item.message)
            return Outcome(item.input_name, "failed", item.message)
        key = content_hash(item.text)
        first = self.first.get(key)
        stored = store.stored_article(key)
        if stored is None:  # the first record with this text failed
            message = f"same text as {first}, which failed"
            store.add_failure(item.input_name, message, key)
            return Outcome(item.input_name, "failed", message)
        metadata = _metadata(item)
        known = [{name: stored[name] for name in metadata}, *stored["sources"]]
        if metadata in known and (first is None or first == item.input_name):
            return Outcome(item.input_name, "skipped", "already stored", stored["id"])
        if metadata not in known:
            store.add_source(stored["id"], metadata, item.input_name)
        what = f"{first}" if first else f"stored article {stored['name']!r}"
        added = "; added as another source of it" if metadata not in known else ""
        return Outcome(item.input_name, "duplicate", f"same text as {what}{added}", stored["id"])


def _metadata(article: Article) -> dict[str, str | None]:
    """An article's metadata as the store keeps it (see `Store.stored_article`)."""
    published = article.published.isoformat() if article.published else None
    return {"name": article.id, "url": article.url, "source": article.source,
            "title": article.title, "published": published}  # fmt: skip


def ingest_articles(
    items: Iterable[Article | InputFailure],
    store: Store,
    *,
    resources: Callable[[], Resources],
    batch_size: int = BATCH_SIZE,
) -> Iterator[Outcome]:
    """Store the result of every new article of `items`, in input order, one outcome each.
    `resources()` returns the pipeline's `Resources` (called only when needed)."""
    iterator, seen = iter(items), _Seen()
    while batch := list(itertools.islice(iterator, batch_size)):
        keys = [seen.triage(item, store) for item in batch]
        todo = [(item, key) for item, key in zip(batch, keys, strict=True) if key is not None]
        stored = iter(_extract_and_store(todo, store, resources()) if todo else ())
        for item, key in zip(batch, keys, strict=True):
            yield next(stored) if key is not None else seen.settle(item, store)


def ingest_extracted(
    items: Iterable[Article | InputFailure], store: Store, *, extract: Extractor
) -> Iterator[Outcome]:
    """Like `ingest_articles`, with `extract` computing the results of the new articles, e.g.
    `lambda articles: extract_parallel(articles, settings, workers)`. It is not called (no worker
    starts) while nothing needs extracting."""
    seen = _Seen()
    entries = ((item, seen.triage(item, store)) for item in items)
    for item, key in entries:
        if key is None:
            yield seen.settle(item, store)
        else:
            yield from _extract_rest((item, key), entries, store, extract, seen)
            return


def _extract_rest(
    first: tuple[Article, str],
    entries: Iterator[tuple[Article | InputFailure, str | None]],
    store: Store,
    extract: Extractor,
    seen: _Seen,
) -> Iterator[Outcome]:
    """Outcomes of `first` and `entries` (item, content hash if it needs extracting), in order."""
    pending = collections.deque([first])  # entries read, their outcome not yet given

    def to_extract() -> Iterator[Article]:
        yield first[0]
        for entry in entries:
            pending.append(entry)
            if entry[1] is not None:
                yield entry[0]  # type: ignore[misc]

    for result in extract(to_extract()):
        while (entry := pending.popleft())[1] is None:
            yield seen.settle(entry[0], store)
        yield _stored(entry, result, store)  # type: ignore[arg-type]
    yield from (seen.settle(item, store) for item, _ in pending)


def _stored(
    entry: tuple[Article, str], result: ArticleResult | InputFailure | WorkFailure, store: Store
) -> Outcome:
    article, key = entry
    if isinstance(result, ArticleResult):
        return _store(store, article.input_name, result, key)
    return _failed(store, article.input_name, result.message, key)


def _store(store: Store, input_name: str, result: ArticleResult, key: str) -> Outcome:
    article_id = store.add_result(result, content_hash=key)
    store.clear_failure(input_name)
    return Outcome(input_name, "stored", "", article_id)


def _extract_and_store(
    todo: list[tuple[Article, str]], store: Store, resources: Resources
) -> Iterator[Outcome]:
    from .. import pipeline

    articles = [pipeline.prepare(article) for article, _ in todo]
    parses = _parse_all(articles, resources)
    for (raw, key), article, parse in zip(todo, articles, parses, strict=True):
        try:
            result = _analyse(article, parse, resources)
        except StorageError:
            raise
        except InputError as error:
            yield _failed(store, raw.input_name, error.message, key)
            continue
        except _ARTICLE_ERRORS as error:
            logger.debug("%s: traceback", raw.input_name, exc_info=True)
            yield _failed(store, raw.input_name, f"{type(error).__name__}: {error}", key)
            continue
        yield _store(store, raw.input_name, result, key)


def _analyse(article: Article, parse: Parse | None, resources: Resources) -> ArticleResult:
    from .. import pipeline

    if parse is None:  # a long article (windows), or its batch failed
        return pipeline.extract_prepared(article, resources)
    return pipeline.analyse(article, parse, resources)


def _parse_all(articles: list[Article], resources: Resources) -> list[Parse | None]:
    """A parse per article; None for a long article (parsed in windows later) and for all when
    the batch fails (each is then parsed alone)."""
    from ..pipeline import is_long

    short = [a for a in articles if not is_long(a)]
    try:
        parsed = iter(list(resources.nlp.pipe(a.text for a in short)) if short else [])
    except _ARTICLE_ERRORS:
        logger.debug("batch parse failed; parsing one article at a time", exc_info=True)
        return [None] * len(articles)
    return [None if is_long(a) else next(parsed) for a in articles]


def _failed(store: Store, input_name: str, message: str, key: str) -> Outcome:
    store.add_failure(input_name, message, key)
    return Outcome(input_name, "failed", message)
