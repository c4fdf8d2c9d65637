"""Rebuild the folder of real-article texts that `faultline evaluate articles` reads.

The gold in faultline/evaluate/data/articles/real.jsonl covers 36 wire stories published by
others (Reuters, AP, AFP, Xinhua, PTI, Al Jazeera, RFE/RL, Radio Free Asia, local outlets, often
as syndicated copies; each record's `source` says which). Their texts are third-party and are
never committed: this script fetches each record's `url` and writes `<id>.txt`, the headline on
the first line (the record's `title`), a blank line, then the article text.

Where the texts came from: the gold was written from the opening part of each page as a search
index had stored it, cleaned by hand of site navigation, photo captions, "related article" links
and share buttons, and cut where the page stopped being about the events (a stored page often
ended mid-sentence). Where the stored page began below its headline, the record says so in
`title_source` and its first line was written from the lead. A page fetched today may be
longer, updated, moved or gone; `--check` compares each text with the gold's evidence quotes and
says which records no longer line up, so that a changed page is noticed, not silently scored.

    python scripts/build_article_texts.py [DIR]        fetch the texts DIR lacks
    python scripts/build_article_texts.py DIR --force  fetch every record again
    python scripts/build_article_texts.py --check DIR  which ids are missing or no longer match

Needs network access (trafilatura.fetch_url); nothing else in the project does, and no test or
CI job runs this script.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from faultline.evaluate.articles import DATA, TEXTS_ENV, load_gold

GOLD = DATA / "real.jsonl"


def fetch_text(record: dict[str, Any]) -> str | None:
    """The headline and the main text of the record's page; None when it cannot be had."""
    import trafilatura  # only here: fetching is the one thing that needs it and the network

    downloaded = trafilatura.fetch_url(record["url"])
    if not downloaded:
        return None
    body = trafilatura.extract(downloaded, include_comments=False, include_tables=False)
    if not body:
        return None
    title = record["title"].strip()
    body = body.strip()
    if body.splitlines()[0].strip() == title:
        return body + "\n"
    return f"{title}\n\n{body}\n"


def build(folder: Path, gold: list[dict[str, Any]], force: bool) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    failed = []
    for record in gold:
        path = folder / f"{record['id']}.txt"
        if path.is_file() and not force:
            continue
        print(f"{record['id']}: {record['url']}")
        try:
            text = fetch_text(record)
        except Exception as exc:  # reported below and in the exit status
            print(f"  failed: {type(exc).__name__}: {exc}")
            text = None
        if text is None:
            failed.append(record["id"])
            continue
        path.write_text(text, encoding="utf-8")
    if failed:
        print(f"{len(failed)} not fetched: {', '.join(failed)}")
    return check(folder, gold) or (1 if failed else 0)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def check(folder: Path, gold: list[dict[str, Any]]) -> int:
    """0 when every id has a text whose evidence quotes are all found in it."""
    missing, drifted = [], []
    for record in gold:
        path = folder / f"{record['id']}.txt"
        if not path.is_file():
            missing.append(record["id"])
            continue
        text = _words(path.read_text(encoding="utf-8"))
        quotes = [e["evidence"] for e in record["events"]] + [q["text"] for q in record["quotes"]]
        lost = [q for q in quotes for piece in q.split(" ... ") if _words(piece) not in text]
        if lost:
            drifted.append(f"{record['id']} ({len(lost)} of {len(quotes)} quotes not found)")
    print(f"{folder}: {len(gold) - len(missing)} of {len(gold)} texts present")
    if missing:
        print(f"missing: {', '.join(missing)}")
    if drifted:
        print("text differs from the one the gold was written on: " + "; ".join(drifted))
    return 1 if missing or drifted else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help=f"texts folder (default ${TEXTS_ENV})")
    parser.add_argument("--check", type=Path, metavar="DIR", help="only check DIR, fetch nothing")
    parser.add_argument("--force", action="store_true", help="fetch texts that are already there")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default real.jsonl)")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if args.check is not None:
        return check(args.check, gold)
    folder = args.folder or (Path(os.environ[TEXTS_ENV]) if os.environ.get(TEXTS_ENV) else None)
    if folder is None:
        parser.error(f"name a folder or set ${TEXTS_ENV}")
    return build(folder, gold, args.force)


if __name__ == "__main__":
    sys.exit(main())
