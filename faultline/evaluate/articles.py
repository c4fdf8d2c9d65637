"""Whole articles against hand-made ACLED-style gold: one record per incident, nothing from
background or talk (issue 15).

Gold (`data/articles/`, described in its README): `own.jsonl`, wire-style articles written for
the project, texts in `data/articles/synthetic/<id>.txt` (the quality gate); `real.jsonl`, real
wire stories whose texts are third-party and so live outside the repository, in a folder the
user points to (`scripts/build_article_texts.py` rebuilds it). Each record has `split` dev or
test; tune on dev only. Articles whose text is absent are skipped, and said so.

Predictions are the output contract of `faultline extract --format jsonl`, one dict per article
(`article`, `events`, `claims`, `quotes`, ...), so this module reads plain JSON and imports
nothing from the pipeline; `predict_articles` runs any `run(text, published, id) -> dict`.

Matching, per article:
- events: one-to-one, greedy, closest first. A predicted event matches a gold one when the
  sub_event_type is equal, the place lies within 50 km of the gold coordinates (or, when either
  side has no coordinates, the location names are equal with accents, case and hyphens folded),
  and `event_date` lies in [date_start - 1 day, date_end + 1 day]. Precision, recall and F1;
  the same at event_type level; "located" F1 ignores the type.
- duplicates: predicted events left over by the located matching (type ignored) whose place and
  date fit a gold event already matched: the same incident coded twice, whatever its type.
- stale events: predicted events dated more than 30 days before publication.
- place: gold events with coordinates, paired with the prediction that matched them, else (type
  and place ignored) with the nearest leftover prediction in their date window; the share whose
  predicted point lies within 161 km, and within 25 km. A predicted place without coordinates is
  a miss. An unpaired gold event counts in recall, not here (places.py's "acc@161 recognised").
- fatalities: exact, over matched events.
- claims: a gold claim is found by a predicted claim of the same kind and count (one-to-one);
  its claimant is right when the names contain one another (case-insensitive, a leading "the"
  dropped), or both are null. Over gold claims.
- quotes: a predicted quote whose span overlaps the gold quote's words in `article.text` (or,
  when they cannot be located, whose text contains or is contained in them); its speaker is
  right by containment. Over gold quotes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..taxonomy import EVENT_TYPES
from .matching import SAME_TYPE, days_off, fits, folded, match_events, parse_date, place_km, point
from .scoring import Counts, Metric, greedy_pairs, ratio, spread

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "articles"
OWN_TEXTS = DATA / "synthetic"
TEXTS_ENV = "FAULTLINE_ARTICLE_TEXTS"  # folder of the real articles' texts
CORPORA = {  # key -> (label, gold file)
    "own-dev": ("own articles dev", "own.jsonl"),
    "own-test": ("own articles test", "own.jsonl"),
    "real-dev": ("real articles dev", "real.jsonl"),
    "real-test": ("real articles test", "real.jsonl"),
}
ACC_KM = 161.0
NEAR_KM = 25.0
STALE_DAYS = 30
TARGETS = {  # issue 15, printed as anchors
    "event F1": "target 75 (issue 15)",
    "duplicates": "target 0",
    "stale events": "target 0",
    "place within 161 km": "target 90",
    "claims right claimant": "target 80",
}

SUB_EVENT_TYPES = EVENT_TYPES  # sub-event type -> event type (ACLED's 25 and 6)

Run = Callable[[str, str | None, str], dict[str, Any]]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The records of a gold JSON Lines file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_texts(gold: Sequence[Mapping[str, Any]], folder: Path) -> tuple[dict[str, str], list[str]]:
    """id -> text of `<folder>/<id>.txt` for each gold record, and the ids whose file is absent
    (logged, with the command that rebuilds the folder)."""
    texts: dict[str, str] = {}
    missing: list[str] = []
    for record in gold:
        path = folder / f"{record['id']}.txt"
        if path.is_file():
            texts[record["id"]] = path.read_text(encoding="utf-8")
        else:
            missing.append(record["id"])
    if missing:
        log.warning(
            "%d of %d articles have no text in %s and are skipped (%s); rebuild the folder with "
            "`python scripts/build_article_texts.py %s`", len(missing), len(gold), folder,
            ", ".join(missing), folder,
        )  # fmt: skip
    return texts, missing


def predict_articles(
    gold: Iterable[Mapping[str, Any]], run: Run, texts: Mapping[str, str]
) -> dict[str, dict[str, Any]]:
    """id -> `run(text, published, id)` for each gold record that has a text."""
    return {
        g["id"]: run(texts[g["id"]], g.get("published"), g["id"]) for g in gold if g["id"] in texts
    }


# --- one article ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article's counts, to see where the totals come from."""

    id: str
    gold_events: int
    pred_events: int
    matched: int
    duplicates: int
    stale: int


@dataclass(slots=True)
class ArticleTally:
    """Running totals over articles; only numbers are kept."""

    events: Counts = field(default_factory=Counts)
    event_types: Counts = field(default_factory=Counts)
    located: Counts = field(default_factory=Counts)
    duplicates: int = 0
    stale: int = 0
    places: int = 0  # gold events with coordinates and a paired prediction
    within_161: int = 0
    within_25: int = 0
    fatalities: int = 0  # matched events with gold fatalities
    fatalities_exact: int = 0
    claims: int = 0
    claims_found: int = 0
    claims_right: int = 0
    quotes: int = 0
    quotes_right: int = 0
    rows: list[ArticleRow] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len(self.rows)


def score_articles(
    gold: Iterable[Mapping[str, Any]], predicted: Mapping[str, Mapping[str, Any]]
) -> ArticleTally:
    """Totals over the gold articles that have a prediction (the others are not scored)."""
    tally = ArticleTally()
    for record in gold:
        if record["id"] in predicted:
            score_article(record, predicted[record["id"]], tally)
    return tally


def score_article(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], tally: ArticleTally
) -> None:
    """Add one article's events, places, fatalities, claims and quotes to `tally`."""
    g_events = list(gold.get("events") or [])
    p_events = list(predicted.get("events") or [])
    pairs = match_events(g_events, p_events, SAME_TYPE["sub_event_type"])
    tally.events.add(len(pairs), len(p_events), len(pairs), len(g_events))
    typed = match_events(g_events, p_events, SAME_TYPE["event_type"])
    tally.event_types.add(len(typed), len(p_events), len(typed), len(g_events))
    located = match_events(g_events, p_events, SAME_TYPE["located"])
    tally.located.add(len(located), len(p_events), len(located), len(g_events))
    duplicates = count_duplicates(g_events, p_events, located)
    stale = count_stale(p_events, parse_date(gold.get("published")))
    tally.duplicates += duplicates
    tally.stale += stale
    score_places(g_events, p_events, pairs, tally)
    for gi, pi in pairs:
        if g_events[gi].get("fatalities") is not None:
            tally.fatalities += 1
            tally.fatalities_exact += p_events[pi].get("fatalities") == g_events[gi]["fatalities"]
    score_claims(gold.get("claims") or [], predicted.get("claims") or [], tally)
    text = (predicted.get("article") or {}).get("text") or ""
    score_quotes(gold.get("quotes") or [], predicted.get("quotes") or [], text, tally)
    tally.rows.append(
        ArticleRow(gold["id"], len(g_events), len(p_events), len(pairs), duplicates, stale)
    )


def count_duplicates(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    located: Sequence[tuple[int, int]],
) -> int:
    """Predictions left over by the located matching whose place and date fit a matched gold
    event (a maximal matching leaves no fitting pair of two leftovers)."""
    matched_gold = {gi for gi, _ in located}
    used = {pi for _, pi in located}
    same = SAME_TYPE["located"]
    return sum(
        any(fits(gold[gi], p, same) is not None for gi in matched_gold)
        for pi, p in enumerate(pred)
        if pi not in used
    )


def count_stale(pred: Iterable[Mapping[str, Any]], published: dt.date | None) -> int:
    """Predicted events dated more than STALE_DAYS before publication."""
    if published is None:
        return 0
    limit = published - dt.timedelta(days=STALE_DAYS)
    return sum((day := parse_date(p.get("event_date"))) is not None and day < limit for p in pred)


def score_places(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    pairs: Sequence[tuple[int, int]],
    tally: ArticleTally,
) -> None:
    """Matched pairs, then leftovers paired in their date window alone (nearest first)."""
    used_gold, used_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    leftovers = greedy_pairs(
        (-(km if (km := place_km(g, p)) is not None else 2 * 20039.0), gi, pi)
        for gi, g in enumerate(gold)
        if gi not in used_gold
        for pi, p in enumerate(pred)
        if pi not in used_pred and days_off(g, p) is not None
    )
    for gi, pi in [*pairs, *leftovers]:
        if point(gold[gi]) is None:
            continue
        km = place_km(gold[gi], pred[pi])
        tally.places += 1
        tally.within_161 += km is not None and km <= ACC_KM
        tally.within_25 += km is not None and km <= NEAR_KM


def claimant_key(name: object) -> str:
    """A name as compared: case, accents and hyphens folded, a leading "the" dropped."""
    text = folded(str(name)) if name else ""
    return re.sub(r"^the ", "", text)


def same_claimant(gold: object, pred: object) -> bool:
    """Both null, or one name contained in the other."""
    a, b = claimant_key(gold), claimant_key(pred)
    if not a or not b:
        return not a and not b
    return a in b or b in a


def score_claims(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], tally: ArticleTally
) -> None:
    """Same kind and count, one-to-one; pairs with the right claimant are taken first."""
    pairs = greedy_pairs(
        (int(same_claimant(g.get("claimant"), p.get("claimant"))), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if g.get("kind") == p.get("kind") and g.get("count") == p.get("count")
    )
    tally.claims += len(gold)
    tally.claims_found += len(pairs)
    tally.claims_right += sum(
        same_claimant(gold[gi].get("claimant"), pred[pi].get("claimant")) for gi, pi in pairs
    )


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", folded(text)))


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """Where the gold quote's words are in the article text (spacing and quote marks ignored)."""
    words = re.findall(r"\w+", quote)
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    found = re.search(pattern, text, flags=re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def quote_overlap(gold: Mapping[str, Any], pred: Mapping[str, Any], text: str) -> int:
    """Characters shared by the gold quote and a predicted one (1 for a match by text)."""
    span = quote_span(str(gold.get("text") or ""), text) if text else None
    start, end = pred.get("start"), pred.get("end")
    if span is not None and isinstance(start, int) and isinstance(end, int):
        return max(0, min(span[1], end) - max(span[0], start))
    a, b = _words(str(gold.get("text") or "")), _words(str(pred.get("text") or ""))
    return int(bool(a and b and (a in b or b in a)))


def score_quotes(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    text: str,
    tally: ArticleTally,
) -> None:
    pairs = greedy_pairs(
        (overlap, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (overlap := quote_overlap(g, p, text)) > 0
    )
    tally.quotes += len(gold)
    tally.quotes_right += sum(
        same_claimant(gold[gi].get("speaker"), pred[pi].get("speaker")) for gi, pi in pairs
    )


# --- figures -------------------------------------------------------------------------------


def article_metrics(tally: ArticleTally, corpus: str) -> list[Metric]:
    n, ev, ty, lo = tally.articles, tally.events, tally.event_types, tally.located
    per_article = round(tally.duplicates / n, 2) if n else None
    return [
        Metric("articles", "event precision", corpus, n, ev.precision, ev.pred),
        Metric("articles", "event recall", corpus, n, ev.recall, ev.gold),
        Metric("articles", "event F1", corpus, n, ev.f1, ev.gold, TARGETS["event F1"]),
        Metric("articles", "event_type F1", corpus, n, ty.f1, ty.gold),
        Metric("articles", "located F1", corpus, n, lo.f1, lo.gold, "type ignored"),
        Metric("articles", "duplicates", corpus, n, float(tally.duplicates), ev.pred,
               TARGETS["duplicates"], unit=""),
        Metric("articles", "duplicates per article", corpus, n, per_article, n, unit=""),
        Metric("articles", "stale events", corpus, n, float(tally.stale), ev.pred,
               TARGETS["stale events"], unit=""),
        Metric("articles", "place within 161 km", corpus, n, ratio(tally.within_161, tally.places),
               tally.places, TARGETS["place within 161 km"]),
        Metric("articles", "place within 25 km", corpus, n, ratio(tally.within_25, tally.places),
               tally.places),
        Metric("articles", "fatalities exact", corpus, n,
               ratio(tally.fatalities_exact, tally.fatalities), tally.fatalities),
        Metric("articles", "claims found", corpus, n, ratio(tally.claims_found, tally.claims),
               tally.claims, "same kind and count"),
        Metric("articles", "claims right claimant", corpus, n,
               ratio(tally.claims_right, tally.claims), tally.claims,
               TARGETS["claims right claimant"]),
        Metric("articles", "quote speaker", corpus, n, ratio(tally.quotes_right, tally.quotes),
               tally.quotes),
    ]  # fmt: skip


def corpus_gold(key: str) -> list[dict[str, Any]]:
    """The gold records of one corpus key ("own-dev", "real-test", ...)."""
    _, name = CORPORA[key]
    split = key.split("-", 1)[1]
    return [g for g in load_gold(DATA / name) if g.get("split") == split]


def evaluate(
    run: Run, *, corpus: Sequence[str] = (), texts: Path | None = None, limit: int | None = None
) -> list[Metric]:
    """Run and score the chosen corpora (keys of CORPORA; all when empty). The real articles
    are read from `texts` (or $FAULTLINE_ARTICLE_TEXTS); without a folder they are skipped, and
    said so. `limit` caps the articles per corpus (spread evenly)."""
    import os

    folder = texts or (Path(os.environ[TEXTS_ENV]) if os.environ.get(TEXTS_ENV) else None)
    metrics: list[Metric] = []
    for key in corpus or CORPORA:
        label, _ = CORPORA[key]
        gold = corpus_gold(key)
        source = OWN_TEXTS if key.startswith("own") else folder
        if source is None:
            log.warning("%s: skipped, no texts folder (pass one or set $%s)", label, TEXTS_ENV)
            continue
        found, _ = load_texts(gold, source)
        chosen = spread([g for g in gold if g["id"] in found], limit)
        predicted = predict_articles(chosen, run, found)
        metrics += article_metrics(score_articles(chosen, predicted), label)
    return metrics
