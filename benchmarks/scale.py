"""Parallel throughput: `faultline extract` and `faultline ingest` with 1 process, `--workers 2`,
and a 2-worker Dask LocalCluster (`--dask`), on the same LGL texts in one run.

    .venv/bin/python benchmarks/scale.py [--articles 200] [--corpora ../shared/corpora]

Each configuration is one whole `faultline extract` process (start-up included: each worker loads
the pipeline once). Peak memory per process is the largest `ru_maxrss` among the command and the
worker processes it waited for (RUSAGE_CHILDREN, sampled around each run); the Dask workers are
children of this script's LocalCluster, measured the same way when the cluster closes. The outputs
of the three extract runs are compared (they must be identical), and so are the three stores'
exported events.
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
FAULTLINE = [sys.executable, "-m", "faultline.cli"]
PUBLISHED = ["--published", "2010-01-01"]


def write_articles(corpora: Path, count: int, path: Path) -> int:
    records = first_lgl_texts(corpora, count)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return sum(len(r["text"].split()) for r in records)


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*FAULTLINE, *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def measure(
    n: int, label: str, extra: list[str], source: Path, folder: Path
) -> list[tuple[str, float, float]]:
    """`extract` then `ingest` (into a fresh SQLite file, exported for comparison) with `extra`."""
    out, db = folder / f"{n}.jsonl", folder / f"{n}.db"
    seconds = run(["extract", *PUBLISHED, *extra, "-o", str(out), str(source)])
    rows = [(f"extract, {label}", seconds, peak_children_mb())]
    seconds = run(["ingest", *PUBLISHED, *extra, "--db", str(db), str(source)])
    rows.append((f"ingest, {label}", seconds, peak_children_mb()))
    run(["export", "--db", str(db), "--format", "jsonl", "-o", str(folder / f"{n}.ev")])
    return rows


def worker_peaks_mb(corpora: Path, count: int) -> list[float]:
    """Peak resident memory (VmHWM) of each `--workers 2` worker, sampled as results come."""
    import multiprocessing

    from faultline.parallel import extract_parallel
    from faultline.records import Article
    from faultline.settings import load_settings

    articles = [Article(id=r["id"], text=r["text"]) for r in first_lgl_texts(corpora, count)]
    peaks: dict[int, float] = {}
    for _ in extract_parallel(articles, load_settings(), workers=2):
        for child in multiprocessing.active_children():
            status = Path(f"/proc/{child.pid}/status")
            for line in status.read_text().splitlines() if status.exists() else ():
                if line.startswith("VmHWM:"):
                    peaks[child.pid] = max(peaks.get(child.pid, 0), int(line.split()[1]) / 1024)
    return sorted(peaks.values())


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
        rows: list[tuple[str, float, float]] = []
        local = [("1 process", []), ("--workers 2", ["--workers", "2"])]
        for n, (label, extra) in enumerate(local):
            rows += measure(n, label, extra, source, folder)
        # The cluster starts only now, so that its idle workers do not slow the runs above.
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            extra = ["--dask", cluster.scheduler_address]
            rows += measure(len(local), "Dask, 2 workers", extra, source, folder)
        outputs = {(folder / f"{i}.jsonl").read_bytes() for i in range(3)}
        stores = {(folder / f"{i}.ev").read_bytes() for i in range(3)}
    base = {"extract": rows[0][1], "ingest": rows[1][1]}
    print(f"{args.articles} LGL articles, {words:,} words")
    print(f"{'configuration':32} {'wall s':>8} {'articles/s':>11} {'words/s':>9} {'speed-up':>9}")
    for label, seconds, _ in rows:
        print(f"{label:32} {seconds:8.2f} {args.articles / seconds:11.2f} "
              f"{words / seconds:9,.0f} {base[label.split(',')[0]] / seconds:8.2f}x")  # fmt: skip
    print("peak RSS of any one process so far (MB):", ", ".join(f"{r[2]:.0f}" for r in rows))
    peaks = worker_peaks_mb(args.corpora, args.articles)
    print("peak RSS per --workers 2 worker process (MB):", ", ".join(f"{p:.0f}" for p in peaks))
    print("extract outputs identical:", len(outputs) == 1)
    print("stored events identical:", len(stores) == 1)


if __name__ == "__main__":
    main()
