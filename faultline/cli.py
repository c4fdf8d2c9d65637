"""The `faultline` command: thin, it parses options and calls library functions.

    faultline extract [--published DATE] [--url URL] [--source NAME] [--format FORMAT] [-o FILE]
                      [--summary] INPUT...
    faultline evaluate [TASK...] [--corpora PATH] [--limit N]
    faultline watch SOURCE... [--db URL] [--every 15m] [--once] [--workers N | --dask ADDRESS]
    faultline --version

`extract` prints one line per input that failed ("faultline: error: FILE[:LINE]: message") on
standard error, goes on with the others, and exits 1 if any failed.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from . import __version__, export
from .errors import FaultlineError, InputError
from .parallel import ARTICLE_ERRORS, WorkFailure, extract_parallel
from .records import Article, ArticleResult, Parse
from .settings import Settings, load_settings
from .summary import summarised
from .text.published import parse_published
from .text.read import InputFailure, read_inputs

if TYPE_CHECKING:
    from .pipeline import Resources

logger = logging.getLogger("faultline")
app = typer.Typer(
    name="faultline",
    help="Conflict news into structured, sourced ACLED-style event data, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "acled-csv",
                   ".geojson": "geojson"}  # fmt: skip
# Errors a stage may raise on one article's odd text (a bug, but one article's): that article fails,
# is reported with its input named, and the batch goes on. Anything else stops the command.
_ARTICLE_ERRORS = ARTICLE_ERRORS
_DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faultline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log details and tracebacks.")
    ] = False,
) -> None:
    """Conflict news into structured, sourced ACLED-style event data, offline."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="faultline: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    route_library_logs()


# Libraries whose own log lines ("ERROR: parsed tree length: 0", "discarding data: None") would
# reach the terminal beside faultline's message for the same input.
LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability",
                   "charset_normalizer", "dateparser", "py3langid")  # fmt: skip


class _ToFaultline(logging.Handler):
    """Re-logs a library's record on faultline's logger at DEBUG: shown only with -v."""

    def emit(self, record: logging.LogRecord) -> None:
        logger.debug("%s: %s", record.name, record.getMessage())


def route_library_logs() -> None:
    """Send the log records of `LIBRARY_LOGGERS` through faultline's logger, at DEBUG level."""
    handler = _ToFaultline()
    for name in LIBRARY_LOGGERS:
        library = logging.getLogger(name)
        library.handlers = [h for h in library.handlers if not isinstance(h, _ToFaultline)]
        library.addHandler(handler)
        library.propagate = False


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help=("Files (.txt, .html, .jsonl, .json) or - for standard input.")
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help=("Publication date for inputs without one (2022-09-14, '14 September 2022').")
        ),
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL for inputs that do not carry one.")] = None,
    source: Annotated[
        str | None, typer.Option(help="Source name (AFP, Reuters) for inputs.")
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=(
                f"Output format: {', '.join(export.FORMATS)} (default: -o's suffix, else jsonl)."
            ),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=("Write here instead of standard output."))
    ] = None,
    summary: Annotated[
        bool,
        typer.Option(
            help=("Print a readable summary of each article (to stderr, or stdout with -o).")
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Worker processes, each loading the pipeline once (output order kept)."
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Run on a dask.distributed cluster (tcp://scheduler:8786) instead of here.",
        ),
    ] = None,
) -> None:
    """Extract events, claims, quotes, places and dates from articles (no database)."""
    output_format = _output_format(format, output)
    try:
        settings = load_settings()
        day = parse_published(published, input_name="--published") if published else None
    except FaultlineError as error:
        _fail_usage(str(error))
    items = read_inputs(inputs, published=day, url=url, source=source,
                        max_bytes=settings.max_input_bytes)  # fmt: skip
    failures: list[str] = []
    summary_stream = sys.stdout if output else sys.stderr
    with _open_output(output) as stream:
        if dask:
            from .cluster import extract_dask

            results = _reported(extract_dask(items, settings, dask), failures)
        elif workers > 1:
            results = _reported(extract_parallel(items, settings, workers), failures)
        else:
            results = _extract_all(items, settings, failures)
        if summary:
            results = summarised(results, summary_stream)
        try:
            count = export.write(output_format, results, stream)
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
    if failures:
        typer.echo(f"faultline: {len(failures)} of {len(failures) + count} inputs failed", err=True)
        raise typer.Exit(1)


@app.command()
def evaluate(
    tasks: Annotated[
        list[str] | None,
        typer.Argument(metavar="TASK", help=("Tasks to score (all when none is given).")),
    ] = None,
    corpora: Annotated[Path, typer.Option(help="The corpora folder.")] = _DEFAULT_CORPORA,
    limit: Annotated[int | None, typer.Option(help="At most this many documents per task.")] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write scores here.")
    ] = None,
    corpus: Annotated[
        list[str] | None,
        typer.Option(
            help="Only these corpora of the chosen tasks: lgl, geovirus (places), tempeval,"
            " meantime (dates), acled, news-dev, news-test, news (events) (repeatable; default"
            " all but news)."
        ),
    ] = None,
) -> None:
    """Score faultline against the gold corpora and print a table."""
    from .evaluate import run

    raise typer.Exit(
        run(list(tasks or []), corpora, limit, json_path=json_path, corpus=list(corpus or []))
    )


def _output_format(format: str | None, output: Path | None) -> str:
    if format is None:
        return _SUFFIX_FORMATS.get(output.suffix.lower(), "jsonl") if output else "jsonl"
    if format not in export.FORMATS:
        _fail_usage(f"--format must be one of {', '.join(export.FORMATS)}, not {format!r}")
    return format


def _fail_usage(message: str) -> NoReturn:
    typer.echo(f"faultline: error: {message}", err=True)
    raise typer.Exit(2)


@contextlib.contextmanager
def _open_output(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle = output.open("w", encoding="utf-8", newline="")
    except OSError as error:
        _fail_usage(f"{output}: cannot write: {error.strerror or error}")
    with handle:
        yield handle


def _extract_all(
    items: Iterable[Article | InputFailure], settings: Settings, failures: list[str]
) -> Iterator[ArticleResult]:
    """Run the pipeline on each article, parsing a batch at a time (spaCy's `pipe` is faster than
    one call per text); report each failed input (appended to `failures`). Output keeps input
    order."""
    from . import pipeline

    iterator = iter(items)
    while batch := list(itertools.islice(iterator, BATCH_SIZE)):
        articles = [pipeline.prepare(item) for item in batch if isinstance(item, Article)]
        parsed = iter(_parse_all(articles, settings))
        for item in batch:
            if isinstance(item, InputFailure):
                _report(item.input_name, item.message, failures)
                continue
            article, parse = next(parsed)
            try:
                resources = _resources(settings)
                if parse is None:  # a long article (windows), or its batch failed
                    yield pipeline.extract_prepared(article, resources)
                else:
                    yield pipeline.analyse(article, parse, resources)
            except InputError as error:
                _report(error.input_name, error.message, failures)
            except _ARTICLE_ERRORS as error:
                logger.debug("%s: traceback", item.input_name, exc_info=True)
                _report(item.input_name, f"{type(error).__name__}: {error}", failures)


BATCH_SIZE = 16


def _reported(
    outcomes: Iterable[ArticleResult | InputFailure | WorkFailure], failures: list[str]
) -> Iterator[ArticleResult]:
    """The results of a parallel run; its failures reported as `_extract_all` reports them."""
    for outcome in outcomes:
        if isinstance(outcome, InputFailure | WorkFailure):
            _report(outcome.input_name, outcome.message, failures)
        else:
            yield outcome


def _parse_all(articles: list[Article], settings: Settings) -> list[tuple[Article, Parse | None]]:
    """Each article with its parse; None where the batch failed, so that the article is parsed
    (and fails, if it must) on its own."""
    from .pipeline import is_long

    short = [a for a in articles if not is_long(a)]  # a long one is parsed in windows later
    if not short:
        return [(a, None) for a in articles]
    try:
        parsed = iter(list(_resources(settings).nlp.pipe(a.text for a in short)))
    except _ARTICLE_ERRORS:
        logger.debug("batch parse failed; parsing one article at a time", exc_info=True)
        return [(a, None) for a in articles]
    return [(a, None if is_long(a) else next(parsed)) for a in articles]


@functools.cache
def _resources(settings: Settings) -> Resources:
    """Resources loaded once per process (and only when an article needs them)."""
    from .pipeline import load

    return load(settings)


def _report(input_name: str, message: str, failures: list[str]) -> None:
    failures.append(input_name)
    typer.echo(f"faultline: error: {input_name}: {message}", err=True)


# ------------------------------------------------------------------------------------- watch


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="RSS/Atom feed URLs, files listing them (one a line), folders of .html, .txt and"
            " .jsonl files.",
        ),
    ],
    db: Annotated[
        str, typer.Option("--db", help="Database: a path, sqlite:///PATH or postgresql://...")
    ] = "faultline.db",
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds to wait for a server, per request.")
    ] = 20.0,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes extracting articles (one writer).")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(metavar="ADDRESS", help="Extract on a dask.distributed cluster (tcp://...)."),
    ] = None,
) -> None:
    """Follow feeds and folders: fetch each new item and ingest it into a database, every poll."""
    from .store import commands as store_commands
    from .watch import Fetcher, parse_interval, run

    try:
        settings = load_settings()
        interval = parse_interval(every)
    except FaultlineError as error:
        _fail_usage(str(error))
    extract = store_commands._extractor(settings, workers, dask)

    def ingest(items):  # noqa: ANN001, ANN202 - as `faultline ingest` does, the model loaded once
        if extract is None:
            from .store.ingest import ingest_articles

            return ingest_articles(items, store, resources=lambda: _resources(settings))
        return store_commands._ingest(items, store, settings, extract)

    with (
        store_commands._open(db) as store,
        Fetcher(timeout=timeout, max_bytes=settings.max_input_bytes) as fetcher,
    ):
        try:
            code = run(sources, store, fetcher, ingest, every=interval, once=once,
                       echo=lambda line: typer.echo(line, err=True))  # fmt: skip
        except KeyboardInterrupt:
            code = 0
        except FaultlineError as error:
            typer.echo(f"faultline: error: {error}", err=True)
            code = 1
    raise typer.Exit(code)


# The store's commands (ingest, events, export) live with the store.
from .store.commands import register as _register_store  # noqa: E402

_register_store(app)
from .web.commands import register as _register_web  # noqa: E402

_register_web(app)

if __name__ == "__main__":
    app(prog_name="faultline")
