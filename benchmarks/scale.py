"""Parallel throughput: `faultline extract` with 1 process, `--workers 2`, and a 2-worker Dask
LocalCluster (`--dask`), on the same LGL texts in one run.

    .venv/bin/python benchmarks/scale.py [--articles 200] [--corpora ../shared/corpora]

Each configuration is one whole `faultline extract` process (start-up included: each worker loads
the pipeline once). Peak memory per process is the largest `ru_maxrss` among the command and the
worker processes it waited for (RUSAGE_CHILDREN, sampled around each run); the Dask workers are
children of this script's LocalCluster, measured the same way when the cluster closes. The outputs
of the three runs are compared: they must be identical.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import first_lgl_texts  # the same texts as the throughput benchmark

ROOT = Path(__file__).resolve().parent.parent
FAULTLINE = [sys.executable, "-m", "faultline.cli", "extract", "--published", "2010-01-01"]


def write_articles(corpora: Path, count: int, path: Path) -> int:
    records = first_lgl_texts(corpora, count)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return sum(len(r["text"].split()) for r in records)


def run(extra: list[str], source: Path, output: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*FAULTLINE, *extra, "-o", str(output), str(source)], check=True, cwd=ROOT)
    return time.perf_counter() - start


def peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "articles.jsonl"
        words = write_articles(args.corpora, args.articles, source)
        rows = []
        for label, extra in (("1 process", []), ("--workers 2", ["--workers", "2"])):
            seconds = run(extra, source, folder / f"{len(rows)}.jsonl")
            rows.append((label, seconds, peak_children_mb()))
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            seconds = run(["--dask", cluster.scheduler_address], source, folder / "2.jsonl")
        rows.append(("Dask LocalCluster, 2 workers", seconds, peak_children_mb()))
        outputs = {(folder / f"{i}.jsonl").read_bytes() for i in range(3)}
    base = rows[0][1]
    print(f"{args.articles} LGL articles, {words:,} words")
    print(f"{'configuration':32} {'wall s':>8} {'articles/s':>11} {'words/s':>9} {'speed-up':>9}")
    for label, seconds, _ in rows:
        print(f"{label:32} {seconds:8.2f} {args.articles / seconds:11.2f} "
              f"{words / seconds:9,.0f} {base / seconds:8.2f}x")  # fmt: skip
    print("peak RSS of any one process so far (MB):", ", ".join(f"{r[2]:.0f}" for r in rows))
    print("outputs identical:", len(outputs) == 1)


if __name__ == "__main__":
    main()
