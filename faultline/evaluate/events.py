"""Events against ACLED's own rows (held-out folds) and against news-style passages we wrote.

`acled`: every row of ../shared/corpora/acled (acled-2020-dev.csv and acled-extra.csv) falls in
one of FOLDS random folds (seed 0, the split of `scripts/train_event_model.py`). The rows of
acled-2020-dev.csv (106 countries) are scored, each with an event model trained on the other
folds only (cached per fold in the cache dir); with `--limit N`, N rows spread over the first
fold's dev rows (one model to train); the rules and the actor dictionary are not trained
per fold (the dictionary holds ACLED's actor names, these rows' included: say so beside actor1).
Each row's `notes` is the text (ACLED's trailing "[size=...]" tag dropped), published on the row's
`event_date`; the whole pipeline runs on it and its FIRST event is the prediction.

`news-dev` / `news-test`: wire-style passages written for this project (faultline/evaluate/data;
25 sub-types x 7 + 32 non-events in each file); the shipped model. Dev was used for tuning; test
was not. A non-event is right when no event comes out.

Metrics: sub_event_type weighted F1 (scikit-learn's "weighted"; "none" is a label: a missed event
or an invented one costs), event_type accuracy, share with an event, actor1 (ACLED's name with
the government's years ignored), place (ACLED: within 25 km of the row's coordinates; news: the
location's name, accents and hyphens folded), date exact (ACLED rows), fatalities exact. Field
metrics count every row whose gold has the field; a row with no predicted event is wrong on all.
The misses of fatalities exact are reported by cause (`fatality_cause`): "fatalities miss: too
low" and the like, each a share of the rows scored for fatalities, so the causes and the exact
figure add up to 100.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..records import Article, Event
from . import news_events
from .scoring import Confusion, Metric, haversine_km, ratio, spread

ANCHOR = "CASE 2021 best weighted F1 83.9 (sub-event)"
TARGETS = {  # the targets, printed as anchors
    "event_type accuracy": "target 95",
    "actor1": "target 80",
    "place within 25 km": "target 80",
    "at a centre, the note naming a smaller place": "target at most 10 (issue 17)",
    "date exact": "target 95",
    "fatalities exact": "target 94",
}
CORPORA = {
    "acled": "ACLED 2020 dev (held-out folds)",
    "news-dev": "news passages dev",
    "news-test": "news passages test",
    "news": "mapped news held-out",  # see news_events.py
}
DEFAULT = ("acled", "news-dev", "news-test")  # "news" needs a source checkout: asked for by name
NEWS = Path(__file__).resolve().parent / "data"
FILES = ("acled-2020-dev.csv", "acled-extra.csv")
FOLDS = 5
NONE = "none"
SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*$")
YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)")


@dataclass(frozen=True, slots=True)
class GoldNote:
    id: str
    text: str
    published: dt.date | None
    event_type: str
    sub_event_type: str
    actor1: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    event_date: str = ""
    fatalities: int | None = None
    fold: int = 0
    geo_precision: int | None = None  # ACLED's: 1 the place itself, 2 near it, 3 its region


def parse_event_date(value: str) -> dt.date | None:
    """ACLED's `9-May-20` (or ISO `2020-05-09`) as a date; None when it is neither."""
    for pattern in ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read_acled(folder: Path) -> list[dict[str, str]]:
    """All rows with notes of both ACLED files, in file order, with their fold in `_fold`."""
    rows = []
    for name in FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            rows += [
                {**r, "_file": name}
                for r in csv.DictReader(handle)
                if r["notes"].strip() and r["sub_event_type"]
            ]
    folds = np.random.default_rng(0).permutation(len(rows)) % FOLDS
    return [{**r, "_fold": str(f)} for r, f in zip(rows, folds, strict=True)]


def acled_notes(rows: list[dict[str, str]], limit: int | None) -> Iterator[GoldNote]:
    """The dev file's rows; with a `limit`, that many spread over the first fold's dev rows only
    (one model to train, for quick runs and the quality gate)."""
    scored = [r for r in rows if r["_file"] == FILES[0] and (limit is None or r["_fold"] == "0")]
    for r in spread(scored, limit):
        published = parse_event_date(r["event_date"])
        yield GoldNote(
            r["data_id"], SIZE_TAG.sub("", r["notes"]).strip(), published, r["event_type"],
            r["sub_event_type"], r["actor1"], r["location"], _number(r["latitude"]),
            _number(r["longitude"]), published.isoformat() if published else "",
            int(r["fatalities"]) if r["fatalities"].isdigit() else None, int(r["_fold"]),
            int(r["geo_precision"]) if r.get("geo_precision", "").isdigit() else None,
        )  # fmt: skip


def news_notes(path: Path, limit: int | None) -> Iterator[GoldNote]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in spread(rows, limit):
        yield GoldNote(
            r["id"], r["text"], dt.date.fromisoformat(r["published"]), r["event_type"],
            r["sub_event_type"], r["actor1"], r["location"],
            fatalities=int(r["fatalities"]) if r["fatalities"].isdigit() else None,
        )  # fmt: skip


@dataclass(slots=True)
class Share:
    right: int = 0
    total: int = 0


@dataclass(slots=True)
class EventTally:
    sub_event_type: Confusion = field(default_factory=Confusion)
    event_type: Confusion = field(default_factory=Confusion)
    found: int = 0
    fields: dict[str, Share] = field(default_factory=dict)
    fatality_causes: dict[str, int] = field(default_factory=dict)  # misses by cause

    def field(self, name: str, right: bool) -> None:
        share = self.fields.setdefault(name, Share())
        share.total += 1
        share.right += right


def score_note(gold: GoldNote, predicted: tuple[str, str] | None, tally: EventTally) -> None:
    """`predicted` is (event_type, sub_event_type) of the first event, None when there was none."""
    event_type, sub_event_type = predicted or (NONE, NONE)
    tally.found += predicted is not None
    tally.event_type.add(gold.event_type, event_type)
    tally.sub_event_type.add(gold.sub_event_type, sub_event_type)


def score_fields(gold: GoldNote, event: Event | None, tally: EventTally) -> None:
    """actor1, place, date and fatalities of the first event against the row's."""
    if gold.actor1:
        tally.field("actor1", event is not None and same_actor(event.actor1, gold.actor1))
    if gold.latitude is not None and gold.longitude is not None:
        near = (
            event is not None
            and event.latitude is not None
            and event.longitude is not None
            and haversine_km(event.latitude, event.longitude, gold.latitude, gold.longitude) <= 25
        )
        tally.field("place within 25 km", near)
        if event is not None and event.geo_precision in (1, 2, 3):
            tally.field(f"place within 25 km, geo_precision {event.geo_precision}", near)
        if event is not None and gold.geo_precision in (1, 2):
            tally.field("at a centre, the note naming a smaller place", at_centre(event))
    elif gold.location:
        named = event is not None and folded(event.location or "") == folded(gold.location)
        tally.field("place named", named)
    if gold.event_date:
        tally.field("date exact", event is not None and event.event_date == gold.event_date)
    if gold.fatalities is not None and gold.sub_event_type != NONE:
        tally.field("fatalities exact", event is not None and event.fatalities == gold.fatalities)


def at_centre(event: Event) -> bool:
    """Placed at a province's or a country's point rather than at a named place."""
    return event.geo_precision == 3 or event.location in (event.admin1, event.country)
FATALITY_CAUSES = (
    "no event", "toll on another event", "toll split across events", "toll missed",
    "toll invented", "too low", "too high",
)  # fmt: skip


def fatality_cause(gold: int, events: Sequence[Event]) -> str | None:
    """Why the first event's fatalities are not the row's `gold` figure (None when they are):
    no event at all; the figure landed on another event of the note; the events' figures add up
    to it (one incident made into several events); none given though there is one; one given
    where ACLED has 0; too low (a victim or a victim group not counted); too high (a double
    count, an earlier death or a crowd size read as a toll)."""
    if not events:
        return "no event"
    predicted = events[0].fatalities or 0
    if predicted == gold:
        return None
    if gold and any((e.fatalities or 0) == gold for e in events[1:]):
        return "toll on another event"
    if gold and len(events) > 1 and sum(e.fatalities or 0 for e in events) == gold:
        return "toll split across events"
    if predicted == 0:
        return "toll missed"
    if gold == 0:
        return "toll invented"
    return "too low" if predicted < gold else "too high"


def score_fatality_cause(gold: GoldNote, events: Sequence[Event], tally: EventTally) -> None:
    if gold.fatalities is None or gold.sub_event_type == NONE:
        return
    cause = fatality_cause(gold.fatalities, events)
    if cause is not None:
        tally.fatality_causes[cause] = tally.fatality_causes.get(cause, 0) + 1


def folded(name: str) -> str:
    """A place name without accents, case, hyphens or "al-" spelling differences ("Jalālābād" is
    "Jalalabad", "Cap-Haïtien" is "Cap Haitien")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-‐'’`]", " ", bare.lower()).split())


def same_actor(predicted: str | None, gold: str) -> bool:
    """ACLED's actor name, the government's years ignored ("Military Forces of Mali (2021-)")."""
    return predicted is not None and YEARS.sub("", predicted).strip() == YEARS.sub("", gold).strip()


def event_metrics(tally: EventTally, corpus: str, actor_note: str = "") -> list[Metric]:
    n, sub, top = tally.sub_event_type.total, tally.sub_event_type, tally.event_type
    metrics = [
        Metric("events", "sub_event_type weighted F1", corpus, n, sub.weighted_f1, n, ANCHOR),
        Metric("events", "sub_event_type accuracy", corpus, n, sub.accuracy, n),
        Metric("events", "event_type accuracy", corpus, n, top.accuracy, n,
               TARGETS["event_type accuracy"]),
        Metric("events", "event_type weighted F1", corpus, n, top.weighted_f1, n),
        Metric("events", "with an event", corpus, n, ratio(tally.found, n), n),
    ]  # fmt: skip
    for name, share in tally.fields.items():
        anchor = TARGETS.get(name, "")
        if name == "actor1" and actor_note:
            anchor = f"{anchor}; {actor_note}" if anchor else actor_note
        value = ratio(share.right, share.total)
        metrics.append(Metric("events", name, corpus, n, value, share.total, anchor))
    scored = tally.fields.get("fatalities exact")
    if scored is not None and scored.total:
        for cause in FATALITY_CAUSES:  # the misses of "fatalities exact", by cause (issue 18)
            value = ratio(tally.fatality_causes.get(cause, 0), scored.total)
            metrics.append(Metric("events", f"fatalities miss: {cause}", corpus, n, value,
                                  scored.total, "share of the rows scored for fatalities"))
    for label in sorted(set(sub.tp + sub.fn)):  # per sub-type, "none" included (diagnostics)
        support = sub.tp[label] + sub.fn[label]
        metrics.append(Metric("events", f"sub-type F1: {label}", corpus, n,
                              100 * sub.label_f1(label), support))  # fmt: skip
    return metrics


def _first(events: Sequence[Event]) -> Event | None:
    return events[0] if events else None


def score_corpus(notes: Iterator[GoldNote], resources_for: Any) -> EventTally:
    """Run the pipeline on each note (`resources_for(note)` gives the resources to use)."""
    from ..pipeline import extract

    tally = EventTally()
    for note in notes:
        article = Article(id=note.id, text=note.text, published=note.published, source="eval")
        events = extract(article, resources_for(note)).events
        event = _first(events)
        score_note(note, (event.event_type, event.sub_event_type) if event else None, tally)
        score_fields(note, event, tally)
        score_fatality_cause(note, events, tally)
    return tally


def _without_fold(gazetteer: Any, rows: list[dict[str, str]], fold: int) -> Any:
    """The gazetteer without the ACLED locations that only the held-out fold's rows attest, so
    no row is resolved with its own coordinates (a gazetteer without an ACLED layer as it is)."""
    if not hasattr(gazetteer, "without_events"):
        return gazetteer
    return gazetteer.without_events({r["event_id_cnty"] for r in rows if r["_fold"] == str(fold)})


def fold_models(
    rows: list[dict[str, str]], cache: Path, needed: Sequence[GoldNote] = ()
) -> dict[int, Any]:
    """One event model per fold of the `needed` notes, trained on the other folds' rows; cached
    by the data's and the trainer's hash."""
    from ..events import model as eventmodel

    digest = hashlib.sha1()
    for r in rows:
        digest.update(f"{r['notes']}\t{r['sub_event_type']}\t{r['_fold']}\n".encode())
    digest.update(Path(eventmodel.__file__).read_bytes())
    models = {}
    for fold in sorted({note.fold for note in needed}):
        path = cache / f"event-fold-{digest.hexdigest()[:12]}-{fold}.npz"
        if not path.is_file():
            train = [r for r in rows if r["_fold"] != str(fold)]
            model = eventmodel.train_event_model(
                [eventmodel.note_text(r["notes"]) for r in train],
                [r["sub_event_type"] for r in train],
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            model.save(path)
        models[fold] = eventmodel.load_event_model(path)
    return models


def evaluate(
    corpora: Path, limit: int | None, *, resources: Any, corpus: Sequence[str] = (),
    cache: Path | None = None,
) -> list[Metric]:  # fmt: skip
    """Score the chosen corpora (keys of CORPORA; all when empty)."""
    metrics: list[Metric] = []
    for name in corpus or DEFAULT:
        if name == "news":
            metrics += news_events.evaluate(corpora, limit, resources)
        elif name == "acled":
            rows = read_acled(corpora / "acled")
            notes = list(acled_notes(rows, limit))
            models = fold_models(rows, cache or Path(_cache_dir()), notes)
            variants = {
                k: dataclasses.replace(
                    resources, event_model=m, gazetteer=_without_fold(resources.gazetteer, rows, k)
                )
                for k, m in models.items()
            }
            tally = score_corpus(iter(notes), lambda note, v=variants: v[note.fold])
            note = "actor dictionary includes these rows' actor names"
            metrics += event_metrics(tally, CORPORA[name], note)
        else:
            path = NEWS / f"news_events_{name.split('-')[1]}.tsv"
            tally = score_corpus(news_notes(path, limit), lambda note: resources)
            metrics += event_metrics(tally, CORPORA[name])
    return metrics


def _cache_dir() -> str:
    from ..settings import load_settings

    return load_settings().cache_dir
