"""Train the learned event decisions (issue 16) on CPU, NumPy only, and report held-out figures:

- the DETECTOR (`faultline/data/event_detector.npz`): does a news sentence report an event of
  ACLED's kind? Labels "event" / "none". Rows: the mapped news sources' train documents
  (WikiEvents, M2E2, PLOVER, NGEC; talk, background and captions are "none" by the mappings), the
  project's own sentences (train documents) and news passages (dev split), and ACLED notes of
  `acled-extra.csv` as further positives (never the notes of `acled-2020-dev.csv`, which
  `faultline evaluate events --corpus acled` scores).
- the TYPER (`faultline/data/event_model.npz`, read by `events/model.py`): which of ACLED's 25
  sub-types. Rows: every ACLED note (`note_text`), plus the news rows that a documented mapping
  types (`data/event_mappings.tsv`) and the project's own sentences, each news row weighing
  NEWS_WEIGHT notes. (`faultline evaluate events --corpus acled` trains its own typer per fold,
  on the other folds' notes and the same news rows.)

Both are `EventModel`s: tf-idf word unigrams and bigrams and a multinomial logistic regression
fitted by `train_event_model` (deterministic for a seed).

    .venv/bin/python scripts/train_event_detector.py            # figures, then writes both models
    .venv/bin/python scripts/train_event_detector.py --no-write # figures only
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_data  # noqa: E402

from faultline.evaluate.scoring import Confusion  # noqa: E402
from faultline.events.detector import DETECTOR_PATH, THRESHOLD  # noqa: E402
from faultline.events.model import MODEL_PATH, EventModel, train_event_model  # noqa: E402

NEWS_SOURCES = ("wikievents", "m2e2", "plover", "ngec", "own")
ACLED_POSITIVES = 2000  # notes of acled-extra.csv sampled as detector positives
NEWS_WEIGHT = 5.0  # a news-register typer row weighs as much as this many ACLED notes
SEED = 0


def detector_rows(rows: list[event_data.Row]) -> tuple[list, list]:
    """(training rows, held-out rows) of the detector."""
    extra = [r for r in rows if r.source == "acled" and r.acled_file == "acled-extra.csv"]
    chosen = np.random.default_rng(SEED).choice(len(extra), ACLED_POSITIVES, replace=False)
    train = [
        r for r in rows
        if r.event is not None
        and ((r.source in NEWS_SOURCES and r.split == "train") or r.source == "news-dev")
    ] + [extra[i] for i in sorted(chosen)]  # fmt: skip
    heldout = [r for r in rows if r.source in NEWS_SOURCES and r.split == "heldout"]
    return train, [r for r in heldout if r.event is not None]


def news_typer_rows(rows: list[event_data.Row]) -> list[event_data.Row]:
    """The typer's news-register rows: mapped train documents, own sentences, news passages dev."""
    return [
        r for r in rows
        if r.sub_event_type and r.source != "acled"
        and (r.source in ("own", "news-dev") or r.split == "train")
    ]  # fmt: skip


def train_detector(train: list[event_data.Row]) -> EventModel:
    labels = ["event" if r.event else "none" for r in train]
    return train_event_model([r.text for r in train], labels, balance=1.0, l2=3e-5)


def train_typer(notes: list[tuple[str, str]], news: list[event_data.Row]) -> EventModel:
    texts = [t for t, _ in notes] + [r.text for r in news]
    labels = [label for _, label in notes] + [r.sub_event_type for r in news]
    weights = [1.0] * len(notes) + [NEWS_WEIGHT] * len(news)
    return train_event_model(texts, labels, weights=weights)


def event_probability(model: EventModel, texts: list[str]) -> np.ndarray:
    return np.array([model.probabilities(text)["event"] for text in texts])


def report_detector(model: EventModel, heldout: list[event_data.Row]) -> None:
    scores = event_probability(model, [r.text for r in heldout])
    gold = np.array([bool(r.event) for r in heldout])
    print(f"detector on held-out news documents ({len(heldout)} sentences, {gold.sum()} events)")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        said = scores >= threshold
        tp, fp, fn = (said & gold).sum(), (said & ~gold).sum(), (~said & gold).sum()
        f1 = 200 * tp / max(1, 2 * tp + fp + fn)
        mark = " <- shipped threshold" if threshold == THRESHOLD else ""
        print(f"  P(event) >= {threshold}: F1 {f1:.1f}, precision {100 * tp / max(1, tp + fp):.1f},"
              f" recall {100 * tp / max(1, tp + fn):.1f}{mark}")
    for source in NEWS_SOURCES:
        mine = np.array([r.source == source for r in heldout])
        said = (scores >= THRESHOLD) & mine
        tp, fp = (said & gold).sum(), (said & ~gold).sum()
        fn = (~said & gold & mine).sum()
        print(f"    {source:10} F1 {200 * tp / max(1, 2 * tp + fp + fn):5.1f} "
              f"({mine.sum()} sentences, {(gold & mine).sum()} events)")


def report_typer(rows: list[event_data.Row], news: list[event_data.Row], fold: int) -> None:
    """The typer alone on one ACLED fold of the dev file, trained without that fold."""
    acled = [r for r in rows if r.source == "acled"]
    train = [(r.text, r.sub_event_type) for r in acled if r.split != f"fold{fold}"]
    scored = [r for r in acled if r.split == f"fold{fold}" and r.acled_file == "acled-2020-dev.csv"]
    started = time.perf_counter()
    for name, extra in (("notes only", []), ("notes + news rows", news)):
        model = train_typer(train, extra)
        tally = Confusion()
        for r in scored:
            probabilities = model.probabilities(r.text)
            tally.add(r.sub_event_type, max(probabilities, key=probabilities.__getitem__))
        print(f"typer alone, {name}, ACLED dev fold {fold} ({tally.total} notes): weighted F1 "
              f"{tally.weighted_f1:.1f} ({time.perf_counter() - started:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-typer-check", action="store_true")
    args = parser.parse_args()
    rows = event_data.load()
    train, heldout = detector_rows(rows)
    started = time.perf_counter()
    detector = train_detector(train)
    print(f"detector: {len(train)} training rows, {len(detector.vocabulary)} features "
          f"({time.perf_counter() - started:.0f} s)")
    report_detector(detector, heldout)
    news = news_typer_rows(rows)
    if not args.skip_typer_check:
        report_typer(rows, news, fold=0)
    if args.no_write:
        return
    detector.save(DETECTOR_PATH)
    notes = [(r.text, r.sub_event_type) for r in rows if r.source == "acled"]
    train_typer(notes, news).save(MODEL_PATH)
    for path in (DETECTOR_PATH, MODEL_PATH):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
