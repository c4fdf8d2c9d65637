"""The store's commands, added to the `faultline` app by `register(app)`:

    faultline ingest INPUT... [--db URL] [--published DATE] [--url URL] [--source NAME]
                     [--workers N | --dask tcp://HOST:8786]
    faultline events [--db URL] [--country ISO2] [--since DATE] [--until DATE] [--type TEXT]
                     [--actor TEXT] [--near LAT,LON,KM] [--bbox W,S,E,N] [--source TEXT]
                     [--text TEXT] [--limit N] [--format table|jsonl]
    faultline export [--db URL] --format acled-csv|geojson|jsonl|parquet [-o FILE]
    faultline migrate [--db URL]

`--db` is a path or a URL (sqlite:///PATH, postgresql://USER@HOST:PORT/NAME); the default is
faultline.db in the current directory. Only `ingest` and `migrate` create or migrate a store:
`events` and `export` (like `serve`) refuse one that does not exist or lacks a migration, with a
message, and never write.
With `--workers N` or `--dask ADDRESS` articles are extracted
in parallel, and this process alone writes the store, in input order.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .. import export
from ..errors import FaultlineError
from ..text.published import parse_published
from ..text.read import read_inputs
from .database import Store, open_readonly, open_store
from .ingest import Extractor, Outcome, ingest_articles, ingest_extracted
from .query import parse_filters

if TYPE_CHECKING:
    from ..settings import Settings

DEFAULT_DB = "faultline.db"
Db = Annotated[
    str, typer.Option("--db", help="Database: a path, sqlite:///PATH or postgresql://...")
]


def register(app: typer.Typer) -> None:
    """Add `ingest`, `events`, `export` and `migrate` to the app."""
    app.command()(ingest)
    app.command()(events)
    app.command("export")(export_events)
    app.command()(migrate)


def migrate(db: Db = DEFAULT_DB) -> None:
    """Create the store or bring it up to date: apply the migrations it lacks (what `serve`,
    `events` and `export` need after an upgrade), and say which."""
    with _open(db) as store:
        if store.migrated:
            typer.echo(f"applied {len(store.migrated)} migration(s): {', '.join(store.migrated)}")
        else:
            typer.echo("the store is up to date")


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT", help="Files (.txt, .html, .jsonl, .json) or -.")
    ],
    db: Db = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs without one.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL for inputs that do not carry one.")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for inputs.")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes extracting articles (one writer).")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(metavar="ADDRESS", help="Extract on a dask.distributed cluster (tcp://...)."),
    ] = None,
) -> None:
    """Extract articles into a database; skip those already stored (resumable)."""
    from ..settings import load_settings

    try:
        settings = load_settings()
        day = parse_published(published, input_name="--published") if published else None
    except FaultlineError as error:
        _fail(str(error), code=2)
    items = read_inputs(inputs, published=day, url=url, source=source,
                        max_bytes=settings.max_input_bytes)  # fmt: skip
    counts = {"stored": 0, "skipped": 0, "duplicate": 0, "failed": 0}
    failed: list[Outcome] = []
    with _open(db) as store, _progress() as progress:
        task = progress.add_task("ingest", total=None)
        outcomes = _ingest(items, store, settings, _extractor(settings, workers, dask))
        for outcome in _guarded(outcomes):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                failed.append(outcome)
            elif outcome.status == "duplicate":
                typer.echo(f"faultline: duplicate: {outcome.input_name}: {outcome.message}",
                           err=True)  # fmt: skip
            progress.advance(task)
    duplicates = counts["duplicate"]
    typer.echo(f"faultline: {counts['stored']} stored, {counts['skipped']} already stored, "
               f"{counts['failed']} failed"
               + (f", {duplicates} duplicate{'s' * (duplicates != 1)}" if duplicates else ""),
               err=True)  # fmt: skip
    for outcome in failed:
        typer.echo(f"faultline: error: {outcome.input_name}: {outcome.message}", err=True)
    if failed:
        raise typer.Exit(1)


def events(
    db: Db = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code.")] = None,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Part of the (sub-)event type.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name.")] = None,
    near: Annotated[str | None, typer.Option(help="LAT,LON,KM: within KM of a point.")] = None,
    bbox: Annotated[
        str | None, typer.Option(help="WEST,SOUTH,EAST,NORTH: inside a box (degrees).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Part of a source name or URL.")] = None,
    text: Annotated[
        str | None, typer.Option(help="Part of an actor, type, place, note or source title.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """List the merged events of a database (read a page at a time: any size streams)."""
    if format not in ("table", "jsonl"):
        _fail(f"--format must be table or jsonl, not {format!r}", code=2)
    try:  # the API's own validation (store.query.parse_filters): what one refuses, both do
        filters = parse_filters(country=country, since=since, until=until, type=type,
                                actor=actor, near=near, bbox=bbox, source=source, text=text,
                                prefix="--")  # fmt: skip
    except FaultlineError as error:
        _fail(str(error), code=2)
    with _open_readonly(db) as store:
        found = _guarded(itertools.islice(store.events(filters), limit))
        if format == "jsonl":
            for event in found:
                sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
            return
        Console(highlight=False).print(_table(list(found)))


def export_events(
    format: Annotated[
        str, typer.Option("--format", "-f", help="acled-csv, geojson, jsonl or parquet.")
    ],
    db: Db = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Export the merged events of a database."""
    if format not in export.EVENT_FORMATS:
        _fail(f"--format must be one of {', '.join(export.EVENT_FORMATS)}, not {format!r}", code=2)
    if format == "parquet" and output is None:
        _fail("parquet is binary: give an output file with -o FILE", code=2)
    with _open_readonly(db) as store:
        try:
            count = export.write_events(format, _guarded(store.events()), _path(output))
        except OSError as error:
            _fail(f"{output}: cannot write: {error.strerror or error}")
    typer.echo(f"faultline: {count} events exported", err=True)


# ------------------------------------------------------------------------------------ helpers


def _extractor(settings: Settings, workers: int, dask: str | None) -> Extractor | None:
    """How `ingest` extracts: on a dask cluster, in worker processes, or None (here)."""
    if dask:
        from ..cluster import extract_dask

        return lambda articles: extract_dask(articles, settings, dask)
    if workers > 1:
        from ..parallel import extract_parallel

        return lambda articles: extract_parallel(articles, settings, workers)
    return None


def _ingest(items, store: Store, settings: Settings, extract: Extractor | None):  # noqa: ANN001, ANN202
    """The outcomes of ingesting `items`; a cluster that cannot be reached ends the command."""
    if extract is None:
        from .. import pipeline

        yield from ingest_articles(items, store, resources=lambda: pipeline.load(settings))
        return
    try:
        yield from ingest_extracted(items, store, extract=extract)
    except OSError as error:  # dask: the scheduler cannot be reached (TimeoutError included)
        _fail(f"cannot extract: {error}")


def _open(db: str) -> Store:
    try:
        return open_store(db)
    except FaultlineError as error:
        _fail(str(error))


def _open_readonly(db: str) -> Store:
    """An existing store for a command that only reads: never created, never migrated."""
    try:
        return open_readonly(db)
    except FaultlineError as error:
        _fail(str(error))


def _guarded(iterable):  # noqa: ANN001, ANN202 - any iterator of the store
    """The items of `iterable`, a storage error ending the command with its message."""
    try:
        yield from iterable
    except FaultlineError as error:
        _fail(str(error))


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"faultline: error: {message}", err=True)
    raise typer.Exit(code)


def _path(output: Path | None) -> str | None:
    return str(output) if output is not None else None


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0.0:.1f} articles/s", style="progress.data.speed")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=False,
    )  # fmt: skip


def _table(found: list[dict]) -> Table:
    table = Table(title=f"Events ({len(found)})", title_justify="left")
    for column in ("id", "date", "place", "type", "actors", "deaths", "sources"):
        table.add_column(column)
    for event in found:
        place = ", ".join(dict.fromkeys(x for x in (event["location"], event["admin1"],
                                                    event["country"]) if x)) or "?"  # fmt: skip
        actors = " vs ".join(x for x in (event["actor1"], event["actor2"]) if x) or "?"
        deaths = "-" if event["fatalities"] is None else str(event["fatalities"])
        if event.get("contested"):
            deaths += " (contested)"
        table.add_row(
            escape(event["event_id"]), escape(event["event_date"] or "?"), escape(place),
            escape(event["sub_event_type"]), escape(actors), deaths,
            str(len(event.get("sources", []))),
        )  # fmt: skip
    return table
