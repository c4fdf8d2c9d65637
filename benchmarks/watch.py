"""A poll of `faultline watch`: a feed of 50 items of which 10 are new, beside `faultline ingest` of
the same 10 pages, in one run (issue 20's target: ingest's rate plus the fetch time).

    .venv/bin/python benchmarks/watch.py [--items 50] [--new 10] [--corpora ../shared/corpora]

The first LGL texts are served as HTML pages by a loopback HTTP server (tests/watch/server.py),
with one RSS feed listing them. A first `watch --once` sees the feed with items - new of them
(and stores them); the feed then lists all the items and a second `watch --once`, timed, fetches
and ingests the new ones. `faultline ingest` of the same new pages (as .html files) into a fresh
SQLite file is timed beside it. All runs are whole CLI processes; the watch's own summary line
gives its fetch and ingest seconds. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throughput import first_lgl_texts  # noqa: E402

from tests.watch.server import Route, Server, page, rss  # noqa: E402


def run(arguments: list[str]) -> tuple[float, str]:
    command = [sys.executable, "-m", "faultline.cli", *arguments]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(arguments)} failed: {done.stderr[-2000:]}")
    return wall, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    records = first_lgl_texts(args.corpora, args.items)
    server = Server()
    try:
        items = []
        for record in records:
            server.routes[f"/p/{record['id']}"] = Route(page(record["id"], record["text"]))
            items.append((record["id"], f"{server.url}/p/{record['id']}", record["id"]))
        old = len(records) - args.new
        server.routes["/feed.xml"] = Route(rss("LGL", items[:old]), content_type="text/xml")
        with tempfile.TemporaryDirectory() as folder:
            db = f"{folder}/watch.db"
            feed = server.url + "/feed.xml"
            run(["watch", feed, "--once", "--db", db])  # the items already seen
            server.routes["/feed.xml"] = Route(rss("LGL", items), content_type="text/xml")
            server.requests.clear()
            wall, summary = run(["watch", feed, "--once", "--db", db])
            pages = [p for p in server.paths() if p.startswith("/p/")]
            for record in records[old:]:
                Path(folder, f"{record['id']}.html").write_bytes(page(record["id"], record["text"]))
            html = [str(Path(folder, f"{r['id']}.html")) for r in records[old:]]
            ingest_wall, ingest_summary = run(["ingest", *html, "--db", f"{folder}/ingest.db"])
    finally:
        server.close()
    words = sum(len(r["text"].split()) for r in records[old:])
    print(f"feed of {len(records)} items, {args.new} new ({words:,} words); pages fetched: "
          f"{len(pages)}")  # fmt: skip
    print(f"watch --once (whole process): {wall:.2f} s  | {summary}")
    print(f"ingest of the same pages:     {ingest_wall:.2f} s  | {ingest_summary}")


if __name__ == "__main__":
    main()
