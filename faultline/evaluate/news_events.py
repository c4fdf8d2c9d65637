"""The learned detector and the pipeline on the held-out documents of the mapped news set
(`faultline evaluate events --corpus news`).

The rows are those of `scripts/event_data.py` (WikiEvents, M2E2, PLOVER and NGEC through
`data/event_mappings.tsv`, and the sentences the project wrote), split by DOCUMENT so that no
document is on both sides; the held-out fifth is never trained on
(`scripts/train_event_detector.py`).
Scored: the detector alone (event when P(event) >= its threshold) and the whole pipeline (an event
out, or none), as event-vs-none F1, the "none" rate on sentences that report no event and the miss
rate on sentences that report one; and the pipeline's sub-type weighted F1 on the rows a mapping
types, "none" rows included. The reader lives in the source checkout's `scripts/` (it needs the
corpora), so this corpus is scored only when asked for by name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from ..events.detector import THRESHOLD, event_scores
from ..records import Article
from .scoring import Confusion, Metric, ratio, spread

EVENT_DATA = Path(__file__).resolve().parents[2] / "scripts" / "event_data.py"
SOURCES = ("wikievents", "m2e2", "plover", "ngec", "own")
CORPUS = "mapped news held-out"
NONE = "none"


def evaluate(corpora: Path, limit: int | None, resources: Any) -> list[Metric]:
    from ..pipeline import extract

    rows = [r for r in event_data(corpora).news_rows() if r.source in SOURCES]
    rows = spread([r for r in rows if r.split == "heldout" and r.event is not None], limit)
    if resources.event_detector is None:
        raise FileNotFoundError("faultline/data/event_detector.npz is missing")
    scores = event_scores(resources.event_detector, [r.text for r in rows])
    alone, pipeline, typed = Confusion(), Confusion(), Confusion()
    for row, score in zip(rows, scores, strict=True):
        article = Article(id=f"{row.source}-{row.doc}", text=row.text, source="eval")
        events = extract(article, resources).events
        event = events[0] if events else None
        gold = "event" if row.event else NONE
        alone.add(gold, "event" if score >= THRESHOLD else NONE)
        pipeline.add(gold, "event" if event else NONE)
        if row.sub_event_type or not row.event:
            typed.add(row.sub_event_type or NONE, event.sub_event_type if event else NONE)
    return _metrics(alone, pipeline, typed, len(rows))


def _metrics(alone: Confusion, pipeline: Confusion, typed: Confusion, n: int) -> list[Metric]:
    events, nones = alone.tp["event"] + alone.fn["event"], alone.tp[NONE] + alone.fn[NONE]
    out = []
    for who, tally in (("detector", alone), ("pipeline", pipeline)):
        out += [
            Metric("events", f"{who} event-vs-none F1", CORPUS, n, 100 * tally.label_f1("event"),
                   events, "target 85" if who == "detector" else ""),
            Metric("events", f"{who} none rate (no-event rows)", CORPUS, n,
                   ratio(tally.tp[NONE], nones), nones),
            Metric("events", f"{who} miss rate (event rows)", CORPUS, n,
                   ratio(tally.fn["event"], events), events),
        ]  # fmt: skip
    out.append(Metric("events", "sub_event_type weighted F1 (typed + none rows)", CORPUS, n,
                      typed.weighted_f1, typed.total))  # fmt: skip
    for label in sorted(typed.tp + typed.fn):
        support = typed.tp[label] + typed.fn[label]
        out.append(Metric("events", f"sub-type F1: {label}", CORPUS, n, 100 * typed.label_f1(label),
                          support))  # fmt: skip
    return out


def event_data(corpora: Path) -> ModuleType:
    """`scripts/event_data.py` of the source checkout, reading `corpora`."""
    if not EVENT_DATA.is_file():
        raise FileNotFoundError(f"{EVENT_DATA} is missing: the news corpus needs a source checkout")
    spec = importlib.util.spec_from_file_location("event_data", EVENT_DATA)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{EVENT_DATA} cannot be loaded")
    module = sys.modules.get("event_data") or importlib.util.module_from_spec(spec)
    sys.modules["event_data"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.CORPORA, module.NEWS = corpora, corpora / "news_events"
    return module
