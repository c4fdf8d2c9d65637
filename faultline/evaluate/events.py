"""Event typing against ACLED's own notes (acled-2020-dev.csv), in the manner of CASE 2021 Task 2.

Each row's `notes` is the text (its opening "On 9 May 2020," kept; ACLED's trailing bookkeeping tag
"[size=...]" dropped, as it is not news prose), published on the row's `event_date`. The whole
pipeline runs on it; the first event it returns is the prediction, "none" when it returns none.
Scores are weighted F1 (per-label F1 weighted by gold support, scikit-learn's "weighted") of
`sub_event_type` and of `event_type` against the row's labels, and the share of notes with an event.
`limit` rows are spread evenly over the file (it is ordered by date).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article
from .scoring import Confusion, Metric, ratio, spread

ANCHOR = "CASE 2021 best weighted F1 83.9 (sub-event)"
CORPUS = "ACLED 2020 dev"
NONE = "none"
SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*$")


@dataclass(frozen=True, slots=True)
class GoldNote:
    id: str
    text: str
    published: dt.date | None
    event_type: str
    sub_event_type: str


def parse_event_date(value: str) -> dt.date | None:
    """ACLED's `9-May-20` (or ISO `2020-05-09`) as a date; None when it is neither."""
    for pattern in ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_notes(path: Path, limit: int | None) -> Iterator[GoldNote]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            (r["data_id"], r["notes"], r["event_date"], r["event_type"], r["sub_event_type"])
            for r in csv.DictReader(handle)
        ]
    for data_id, notes, event_date, event_type, sub_event_type in spread(rows, limit):
        text = SIZE_TAG.sub("", notes).strip()
        yield GoldNote(data_id, text, parse_event_date(event_date), event_type, sub_event_type)


@dataclass(slots=True)
class EventTally:
    sub_event_type: Confusion = field(default_factory=Confusion)
    event_type: Confusion = field(default_factory=Confusion)
    found: int = 0


def score_note(gold: GoldNote, predicted: tuple[str, str] | None, tally: EventTally) -> None:
    """`predicted` is (event_type, sub_event_type) of the first event, None when there was none."""
    event_type, sub_event_type = predicted or (NONE, NONE)
    tally.found += predicted is not None
    tally.event_type.add(gold.event_type, event_type)
    tally.sub_event_type.add(gold.sub_event_type, sub_event_type)


def event_metrics(tally: EventTally) -> list[Metric]:
    n, sub, top = tally.sub_event_type.total, tally.sub_event_type, tally.event_type
    return [
        Metric("events", "sub_event_type weighted F1", CORPUS, n, sub.weighted_f1, n, ANCHOR),
        Metric("events", "sub_event_type accuracy", CORPUS, n, sub.accuracy, n),
        Metric("events", "event_type weighted F1", CORPUS, n, top.weighted_f1, n),
        Metric("events", "notes with an event", CORPUS, n, ratio(tally.found, n), n),
    ]


def evaluate(corpora: Path, limit: int | None, *, resources: Any) -> list[Metric]:
    """Run the whole pipeline on each note and score its first event's types."""
    from ..pipeline import extract

    tally = EventTally()
    for note in read_notes(corpora / "acled" / "acled-2020-dev.csv", limit):
        article = Article(id=note.id, text=note.text, published=note.published, source="ACLED")
        events = extract(article, resources).events
        first = (events[0].event_type, events[0].sub_event_type) if events else None
        score_note(note, first, tally)
    return event_metrics(tally)
