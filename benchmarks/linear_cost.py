"""Does the cost of one article grow linearly with its length? Time and peak memory of
`pipeline.extract` on one text of 10 KB, 100 KB, 1 MB and 5 MB, and the log-log slope.

    .venv/bin/python benchmarks/linear_cost.py [--sizes 10000,100000,1000000,5000000]
    .venv/bin/python benchmarks/linear_cost.py --profile 1000000   # cProfile, top 30 by cumtime

The text is built from realistic paragraphs repeated (the seed article and the dev-split synthetic
articles of faultline/evaluate/data/articles, never a test item), cut at a paragraph boundary at
the size asked. Each size runs in its own process, so its peak resident memory (ru_maxrss of that
child, read with os.wait4) is its own; the time is that of `extract` alone (the model and place
index are loaded, and one short article extracted, before timing), as CPU time of the process
(the slope's basis: on a shared machine wall time measures the neighbours too) and wall time.
The slope between two sizes is log(t2 / t1) / log(n2 / n1): 1 is linear, 2 quadratic.
Acceptance (issue 14): slope at most 1.15 between 100 KB and 5 MB, peak memory for 5 MB under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "faultline" / "evaluate" / "data" / "articles"
SEED = ROOT.parent / "shared" / "corpora" / "seed" / "article.txt"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000, 5_000_000)


def paragraphs() -> list[str]:
    """Paragraphs of the seed article and of the dev-split synthetic articles."""
    texts = [SEED.read_text(encoding="utf-8")] if SEED.is_file() else []
    for line in (ARTICLES / "own.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = ARTICLES / "synthetic" / f"{record['id']}.txt"
        if record.get("split") == "dev" and path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    found = [" ".join(p.split()) for text in texts for p in text.split("\n\n")]
    return [p for p in found if len(p.split()) >= 8]


def build_text(size: int) -> str:
    """Paragraphs repeated up to `size` characters, separated by blank lines."""
    pool, parts, total, i = paragraphs(), [], 0, 0
    while total < size:
        paragraph = pool[i % len(pool)]
        parts.append(paragraph)
        total += len(paragraph) + 2
        i += 1
    return "\n\n".join(parts)


def run_one(size: int) -> None:
    """In the child: load, warm up, time one extract, print JSON."""
    import time

    from faultline import pipeline
    from faultline.records import Article

    resources = pipeline.load()
    pipeline.extract(Article(id="warm", text="Police dispersed a protest in Lyon."), resources)
    text = build_text(size)
    start, cpu = time.perf_counter(), time.process_time()
    result = pipeline.extract(Article(id="long", text=text), resources)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"chars": len(text), "seconds": seconds, "cpu": cpu,
                      "events": len(result.events)}))  # fmt: skip


def measure(size: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--child", str(size)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"size {size}: child failed with status {status}")
    row = json.loads(output.strip().splitlines()[-1])
    row["peak_mb"] = usage.ru_maxrss / 1024
    return row


def slope(a: dict, b: dict, key: str = "cpu") -> float:
    return math.log(b[key] / a[key]) / math.log(b["chars"] / a["chars"])


def profile(size: int) -> None:
    import cProfile
    import pstats

    from faultline import pipeline
    from faultline.records import Article

    resources = pipeline.load()
    article = Article(id="long", text=build_text(size))
    profiler = cProfile.Profile()
    profiler.runcall(pipeline.extract, article, resources)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--profile", type=int, metavar="CHARS")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child)
        return
    if args.profile:
        profile(args.profile)
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows.append(measure(size))
        row = rows[-1]
        print(f"{row['chars']:>10,} chars  {row['seconds']:8.2f} s wall  {row['cpu']:8.2f} s CPU  "
              f"{row['peak_mb']:6.0f} MB peak  {row['events']:6} events", flush=True)  # fmt: skip
    pairs = list(zip(rows, rows[1:], strict=False))
    if len(rows) > 2:
        pairs.append((rows[1], rows[-1]))
    for a, b in pairs:
        print(
            f"slope {a['chars']:,} -> {b['chars']:,}: CPU {slope(a, b):.2f}, "
            f"wall {slope(a, b, 'seconds'):.2f}"
        )


if __name__ == "__main__":
    main()
