"""Held-out scores of the typer alone (no rules) on the ACLED rows in ../shared/corpora/acled,
trained on notes only (the shipped `faultline/data/event_model.npz` also learns from news rows and
is written by `scripts/train_event_detector.py`):

- `--folds K` (default 5): K random folds; each row is scored by the model trained without its fold.
- by source: each file (and, in acled-extra.csv, each country) held out in turn, trained on the rest
  (validation across countries and periods).

    .venv/bin/python scripts/train_event_model.py            # 5-fold and per-source scores

The text is `note_text(notes)`: ACLED's bookkeeping removed so the words are those a news sentence
would carry. Weighted F1 is scikit-learn's "weighted" (per-label F1 weighted by gold support).
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from faultline.evaluate.scoring import Confusion
from faultline.events.model import EventModel, note_text, train_event_model

ACLED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "acled"
FILES = ("acled-2020-dev.csv", "acled-extra.csv")


def read_rows(folder: Path) -> list[dict[str, str]]:
    rows = []
    for name in FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["notes"].strip() and row["sub_event_type"]:
                    row["_source"] = "2020-dev" if name.endswith("dev.csv") else row["country"]
                    rows.append(row)
    return rows


def score(model: EventModel, texts: Sequence[str], gold: Sequence[str], tally: Confusion) -> None:
    for text, label in zip(texts, gold, strict=True):
        probabilities = model.probabilities(text)
        tally.add(label, max(probabilities, key=probabilities.__getitem__))


def held_out(
    texts: list[str], labels: list[str], groups: np.ndarray, scored: Sequence[int] | None = None
) -> Confusion:
    """Rows of each group in `scored` (all groups when None) scored by a model trained on the
    other groups."""
    tally = Confusion()
    for group in np.unique(groups) if scored is None else scored:
        train = np.flatnonzero(groups != group)
        test = np.flatnonzero(groups == group)
        model = train_event_model([texts[i] for i in train], [labels[i] for i in train])
        score(model, [texts[i] for i in test], [labels[i] for i in test], tally)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--acled", type=Path, default=ACLED)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-sources", action="store_true")
    args = parser.parse_args()
    rows = read_rows(args.acled)
    texts = [note_text(r["notes"]) for r in rows]
    labels = [r["sub_event_type"] for r in rows]
    folds = np.random.default_rng(0).permutation(len(rows)) % args.folds
    started = time.perf_counter()
    tally = held_out(texts, labels, folds)
    print(f"{args.folds}-fold CV on {len(rows)} rows: sub_event_type weighted F1 "
          f"{tally.weighted_f1:.1f}, accuracy {tally.accuracy:.1f} "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    if not args.skip_sources:
        sources = np.array([r["_source"] for r in rows])
        for source in np.unique(sources):
            tally = held_out(texts, labels, np.where(sources == source, 1, 0), scored=[1])
            print(f"  {source} held out ({tally.total} rows): weighted F1 {tally.weighted_f1:.1f},"
                  f" accuracy {tally.accuracy:.1f}")


if __name__ == "__main__":
    main()
