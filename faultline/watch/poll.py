"""One poll of `faultline watch`: read every source, fetch each new item, ingest what was fetched.

    summary = poll(["https://agency.example/rss", "drops/"], store, fetcher, ingest)
    print(summary.line())

A fetched page is kept in the store (`watch_items.record`) before it is ingested, and the item is
settled after its outcome is stored: a watch killed at any moment re-fetches nothing it committed,
and a restart ingests what was fetched but not yet ingested (ingest skips an article already
stored by its content hash). A bad source or item is recorded with its reason; the others go on.
"""

from __future__ import annotations

import collections
import datetime as dt
import time
import xml.sax
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser

from ..errors import InputError
from ..records import Article
from ..store.database import Store
from ..store.ingest import Outcome
from ..text.read import InputFailure, _decode, article_from_record, read_inputs
from . import state
from .fetch import Fetcher, FetchError

FOLDER_SUFFIXES = (".html", ".htm", ".txt", ".jsonl")
_NOT_LISTS = (".html", ".htm", ".jsonl", ".json", ".xml")  # a file of these is not a feed list
Ingest = Callable[[Iterable[Article | InputFailure]], Iterator[Outcome]]


@dataclass
class Summary:
    sources: int = 0
    failed_sources: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    items: int = 0  # items listed by the sources
    new: int = 0  # of which not seen before
    counts: collections.Counter = field(default_factory=collections.Counter)  # ingest outcomes
    failed_items: list[tuple[str, str]] = field(default_factory=list)
    fetch_seconds: float = 0.0
    ingest_seconds: float = 0.0

    def line(self) -> str:
        bad = f" ({len(self.failed_sources)} failed)" if self.failed_sources else ""
        return (
            f"faultline: poll: {self.sources} sources{bad}, {self.items} items, {self.new} new; "
            f"{self.counts['stored']} stored, {self.counts['skipped']} already stored, "
            f"{self.counts['failed']} failed; fetch {self.fetch_seconds:.1f} s, "
            f"ingest {self.ingest_seconds:.1f} s"
        )


def expand(sources: Iterable[str]) -> list[str]:
    """Feed URLs and folders, with each file listing sources (one a line, # comments) replaced
    by what it lists; a source that is none of these is kept, to fail with its reason."""
    found: list[str] = []
    for source in sources:
        path = Path(source)
        if _is_url(source) or not path.is_file() or path.suffix.lower() in _NOT_LISTS:
            found.append(source)
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            found.append(f"{source}#unreadable:{error}")
            continue
        found.extend(s for line in lines if (s := line.split("#", 1)[0].strip()))
    return list(dict.fromkeys(found))


def poll(sources: Iterable[str], store: Store, fetcher: Fetcher, ingest: Ingest) -> Summary:
    summary = Summary()
    started = time.perf_counter()
    fetcher.forget_robots()
    for source in expand(sources):
        summary.sources += 1
        try:
            listed, new = _read_feed(source, store, fetcher, summary) if _is_url(source) else (
                _read_folder(source, store)
            )  # fmt: skip
        except _SourceError as error:
            summary.failed_sources.append((source, error.reason))
            state.record_source(store, source, status="failed", message=error.reason)
            continue
        summary.items += listed
        summary.new += new
    summary.fetch_seconds = time.perf_counter() - started
    started = time.perf_counter()
    _ingest_pending(store, ingest, summary, fetcher.max_bytes)
    summary.ingest_seconds = time.perf_counter() - started
    return summary


class _SourceError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


# ---------------------------------------------------------------------------------------- feeds


def _read_feed(source: str, store: Store, fetcher: Fetcher, summary: Summary) -> tuple[int, int]:
    """(items listed, items new) of a feed; its new items fetched and recorded."""
    known = state.source_state(store, source) or {}
    try:
        page = fetcher.get(source, etag=known.get("etag"), last_modified=known.get("last_modified"))
    except FetchError as error:
        raise _SourceError(error.reason) from None
    if page.status == 304:
        state.record_source(store, source, status="ok", message="not modified", items=0, new=0)
        return 0, 0
    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type})
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException) or (problem and not parsed.entries):
        reason = " ".join(str(problem).split())
        raise _SourceError(f"not a valid RSS/Atom feed (invalid XML: {reason})")
    if not parsed.entries and not parsed.version:
        raise _SourceError("not an RSS/Atom feed (no feed element)")
    feed_name = parsed.feed.get("title")
    new = 0
    for entry in parsed.entries:
        item = entry.get("id") or entry.get("link") or entry.get("title")
        if not item:
            continue
        key = state.item_key(source, item)
        seen = state.item_state(store, key)
        if seen is not None and (seen[0] != state.RETRY or seen[1] >= state.MAX_TRIES):
            continue
        new += 1
        tries = (seen[1] + 1) if seen else 1
        _fetch_item(store, fetcher, source, key, item, entry, feed_name, tries, summary)
    state.record_source(store, source, status="ok", message="", etag=page.etag,
                        last_modified=page.last_modified, items=len(parsed.entries),
                        new=new)  # fmt: skip
    return len(parsed.entries), new


def _fetch_item(
    store: Store, fetcher: Fetcher, source: str, key: str, item: str, entry: Any,
    feed_name: str | None, tries: int, summary: Summary,
) -> None:  # fmt: skip
    link = entry.get("link")
    record: dict[str, Any] = {"url": link, "title": entry.get("title"), "source": feed_name}
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        record["published"] = dt.date(*when[:3]).isoformat()
    name = link or item
    try:
        if link:
            page = fetcher.get(link)
            text = _decode(page.body, link)
            kind = "text" if page.content_type == "text/plain" else "html"
            record.update({kind: text, "url": page.url})
        elif entry.get("content"):
            record["html"] = entry["content"][0].get("value", "")
        else:
            raise InputError(item, "feed item has no link and no content")
    except FetchError as error:
        status = state.RETRY if error.transient and tries < state.MAX_TRIES else "failed"
        state.record_item(store, key, source, name, status, message=error.reason, tries=tries)
        if status == "failed":
            store.add_failure(name, error.reason)
            summary.failed_items.append((name, error.reason))
            summary.counts["failed"] += 1
        return
    except InputError as error:
        state.record_item(store, key, source, name, "failed", message=error.message, tries=tries)
        store.add_failure(name, error.message)
        summary.failed_items.append((name, error.message))
        summary.counts["failed"] += 1
        return
    record = {k: v for k, v in record.items() if v is not None}
    state.record_item(store, key, source, name, state.PENDING, record=record, tries=tries)


# -------------------------------------------------------------------------------------- folders


def _read_folder(source: str, store: Store) -> tuple[int, int]:
    """(files listed, files new) of a folder; each new file recorded as pending."""
    if "#unreadable:" in source:
        raise _SourceError("cannot read the list of sources: " + source.split("#unreadable:")[1])
    folder = Path(source)
    if not folder.exists():
        raise _SourceError("no such feed list or folder (a feed must be an http(s) URL)")
    if not folder.is_dir():
        raise _SourceError(
            "a single file is not a source: give a feed URL, a file listing"
            " sources or a folder (or `faultline ingest` the file)"
        )
    try:
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES
                       and p.is_file())  # fmt: skip
    except OSError as error:
        raise _SourceError(f"cannot list the folder: {error.strerror or error}") from None
    new = 0
    for path in files:
        stat = path.stat()
        item = f"{path}@{stat.st_size}:{stat.st_mtime_ns}"  # a file rewritten is new again
        key = state.item_key(source, item)
        if state.item_state(store, key) is None:
            new += 1
            state.record_item(store, key, source, str(path), state.PENDING,
                              record={"path": str(path)})  # fmt: skip
    state.record_source(store, source, status="ok", message="", items=len(files), new=new)
    return len(files), new


# --------------------------------------------------------------------------------------- ingest


def _ingest_pending(store: Store, ingest: Ingest, summary: Summary, max_bytes: int) -> None:
    """Ingest every pending item, in the order fetched; settle each once its outcomes are in."""
    groups: collections.deque[list] = collections.deque()  # [key, articles left, outcomes]

    def articles() -> Iterator[Article | InputFailure]:
        for key, item, record in state.pending_items(store):
            found = list(_articles(item, record, max_bytes))
            groups.append([key, len(found), []])
            yield from found

    for outcome in ingest(articles()):
        group = groups[0]
        group[1] -= 1
        group[2].append(outcome)
        summary.counts[outcome.status] += 1
        if outcome.status == "failed":
            summary.failed_items.append((outcome.input_name, outcome.message))
        if group[1] == 0:
            groups.popleft()
            state.settle_item(store, group[0], *_item_outcome(group[2]))


def _articles(
    item: str, record: dict[str, Any], max_bytes: int
) -> Iterator[Article | InputFailure]:
    if "path" in record:  # a file of a folder: read as `faultline ingest` reads it
        yield from read_inputs([record["path"]], published=None, url=None, source=None,
                               max_bytes=max_bytes)  # fmt: skip
        return
    try:
        yield article_from_record(record, item, default_id=_article_id(item))
    except InputError as error:
        yield InputFailure(error.input_name, error.message)


def _article_id(url: str) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail.rsplit(".", 1)[0] or "article"


def _item_outcome(outcomes: list[Outcome]) -> tuple[str, str]:
    statuses = {o.status for o in outcomes}
    status = "stored" if "stored" in statuses else "failed" if "failed" in statuses else "skipped"
    messages = [o.message for o in outcomes if o.status == "failed"]
    return status, "; ".join(messages)[:2000]
