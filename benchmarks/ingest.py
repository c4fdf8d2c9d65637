"""Ingest throughput (articles/s) beside `extract`, on the first LGL texts, in one run.

    .venv/bin/python benchmarks/ingest.py [--articles 200] [--corpora ../shared/corpora]

Both are the whole CLI process on the same .jsonl (written to a temporary folder, never into the
repository): `faultline extract FILE --format jsonl` (output discarded) and `faultline ingest FILE
--db NEW.db` into a fresh SQLite file. Each is also run on one short article, so the start-up
(model and gazetteer load) can be taken out: articles/s = (N - 1) / (wall(N) - wall(1)). A
warm-up run first builds or opens the place index. Nothing is written anywhere: copy the figures
into BENCHMARKS.md by hand, with this command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import first_lgl_texts  # the same texts as the throughput benchmark

ROOT = Path(__file__).resolve().parent.parent
SHORT_ARTICLE = "Police dispersed a protest in Lyon on Monday, officials said."


def timed(arguments: list[str]) -> float:
    command = [sys.executable, "-m", "faultline.cli", *arguments]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some articles failed, reported on stderr
        raise SystemExit(f"{' '.join(arguments)} failed: {done.stderr[-2000:]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    records = first_lgl_texts(args.corpora, args.articles)
    with tempfile.TemporaryDirectory() as folder:
        texts, short = Path(folder) / "lgl.jsonl", Path(folder) / "short.jsonl"
        texts.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        short.write_text(json.dumps({"id": "short", "text": SHORT_ARTICLE}) + "\n", "utf-8")
        timed(["extract", str(short), "--format", "jsonl"])  # warm-up: the place index
        runs = {
            "extract": lambda path, n: timed(["extract", str(path), "--format", "jsonl"]),
            "ingest": lambda path, n: timed(["ingest", str(path), "--db", f"{folder}/{n}.db"]),
        }
        n = len(records)
        print(f"{n} LGL articles, {sum(len(r['text'].split()) for r in records):,} words")
        for name, run in runs.items():
            one, full = run(short, f"{name}-1"), run(texts, f"{name}-{n}")
            rate = (n - 1) / max(full - one, 1e-9)
            print(
                f"{name:8} whole process {full:6.2f} s ({n / full:5.1f} articles/s), "
                f"start-up {one:5.2f} s, without start-up {rate:5.1f} articles/s",
                flush=True,
            )


if __name__ == "__main__":
    main()
