"""Temporal expressions against TempEval-3 (TBAQ-cleaned TimeML) and MEANTIME.

Gold: TIMEX3 spans with their normalised `value`; each document is resolved against its creation
time (the TIMEX3 with `functionInDocument="CREATION_TIME"`), given as `published`.

Scores, as in the TempEval-3 scorer (UzZaman et al. 2013):
- strict detection: precision/recall/F1 of predicted spans identical to a gold span;
- relaxed detection: spans that overlap (one-to-one matching);
- value F1: value precision = relaxed matches whose value equals the gold value / predictions,
  value recall = the same count / gold expressions, value F1 their harmonic mean. A value counts
  only for a matched expression, so value F1 <= relaxed F1; value accuracy = the same count /
  relaxed matches. Values are compared as upper-cased strings, a week number padded to two
  digits ("2000-W7" is "2000-W07"); an unresolved prediction (value None) never matches.

TimeML text is inline XML: `read_timeml` strips the tags and keeps offsets into the stripped text
of `<TEXT>` (the creation time sits outside it and is not scored, as in TempEval-3). MEANTIME is
tokenised: `read_meantime` rebuilds the text from its tokens (title and dateline on their own lines)
and maps each TIMEX3's token anchors to character offsets; its creation time is written in the
dateline and is scored like any other expression there. MEANTIME annotates only the title, the
dateline and the first sentences (sentence index <= 5 in 117 of 120 files): the text is cut after
the last sentence that holds an annotation (index 5 at least), so unannotated prose is not scored.

`faultline evaluate dates --corpus tempeval` (or `meantime`; repeatable, both by default) scores
one of them (the keys of `CORPORA`).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import DateMention
from .scoring import Counts, Metric, match_spans, ratio, spread

ANCHOR = "HeidelTime 77.6, SUTime 67.4 (value F1, TempEval-3 test)"
CORPORA = {"tempeval": "TempEval-3 TBAQ", "meantime": "MEANTIME"}  # --corpus name -> label


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class GoldDateDocument:
    id: str
    text: str
    published: dt.date | None
    timexes: tuple[GoldTimex, ...]


def _creation_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def strip_tags(element: ET.Element) -> tuple[str, list[GoldTimex]]:
    """The text inside `element` without its tags, and its TIMEX3s with offsets into that text."""
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3" and node is not element:
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(start, length, text, node.get("value", ""), node.get("type", ""))
            )

    walk(element)
    return "".join(parts), sorted(timexes, key=lambda t: t.start)


def read_timeml(source: str | Path) -> GoldDateDocument:
    """One TimeML document (a path or the XML): the stripped `<TEXT>`, its TIMEX3s, its DCT."""
    if isinstance(source, Path):
        root, name = ET.parse(source).getroot(), source.stem
    else:
        root, name = ET.fromstring(source), "timeml"
    creation = next(
        (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    body = root.find("TEXT")
    text, timexes = strip_tags(body) if body is not None else ("", [])
    doc_id = root.findtext("DOCID") or name
    published = _creation_date(creation.get("value") if creation is not None else None)
    return GoldDateDocument(doc_id.strip(), text, published, tuple(timexes))


NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    ")",
    "]",
    "%",
    "'s",
    "n't",
    "'",
    "'re",
    "'ve",
    "'ll",
}
NO_SPACE_AFTER = {"(", "[", "$"}
MEANTIME_ANNOTATED_SENTENCES = 5
_UNPADDED_WEEK = re.compile(r"(?<=-)W(\d)(?!\d)")  # the last sentence index MEANTIME annotates


def _detokenise(tokens: Sequence[tuple[str, str, int]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """(t_id, text, sentence) tokens -> text, t_id -> (start, end); title and dateline own lines."""
    out, offsets = "", {}
    previous: tuple[str, int] | None = None
    for t_id, word, sentence in tokens:
        if previous is not None:
            if sentence != previous[1] and sentence <= 2:
                out += "\n\n"
            elif word not in NO_SPACE_BEFORE and previous[0] not in NO_SPACE_AFTER:
                out += " "
        offsets[t_id] = (len(out), len(out) + len(word))
        out += word
        previous = (word, sentence)
    return out, offsets


def read_meantime(source: str | Path) -> GoldDateDocument:
    """One MEANTIME (NewsReader CAT XML) document."""
    root = ET.parse(source).getroot() if isinstance(source, Path) else ET.fromstring(source)
    sentence = {t.get("t_id", ""): int(t.get("sentence", 0)) for t in root.iter("token")}
    annotated = [sentence.get(a.get("t_id", ""), 0) for a in root.iter("token_anchor")]
    last = max([MEANTIME_ANNOTATED_SENTENCES, *annotated])
    tokens = [
        (t.get("t_id", ""), t.text or "", sentence[t.get("t_id", "")])
        for t in root.iter("token")
        if sentence[t.get("t_id", "")] <= last
    ]
    text, offsets = _detokenise(tokens)
    timexes, published = [], None
    for timex in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = _creation_date(timex.get("value"))
        if not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(
            GoldTimex(start, end, text[start:end], timex.get("value", ""), timex.get("type", ""))
        )
    timexes.sort(key=lambda t: t.start)
    return GoldDateDocument(root.get("doc_id", ""), text, published, tuple(timexes))


@dataclass(slots=True)
class DateTally:
    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    value: Counts = field(default_factory=Counts)
    documents: int = 0


def _same_value(gold: str, pred: str | None) -> bool:
    return pred is not None and canonical_value(gold) == canonical_value(pred)


def canonical_value(value: str) -> str:
    """A TIMEX3 value upper-cased, with an ISO week number padded to two digits: some gold files
    write "2000-W7" for the week ISO 8601 writes "2000-W07"; the two are one value."""
    return _UNPADDED_WEEK.sub(r"W0\1", value.strip().upper())


def score_dates(gold: Sequence[GoldTimex], pred: Sequence[DateMention], tally: DateTally) -> None:
    """Add one document's gold TIMEX3s and predicted date mentions to `tally`."""
    gold_spans = [(g.start, g.end) for g in gold]
    pred_spans = [(p.start, p.end) for p in pred]
    strict = len(match_spans(gold_spans, pred_spans, exact=True))
    relaxed = match_spans(gold_spans, pred_spans)
    valued = sum(_same_value(gold[gi].value, pred[pi].value) for gi, pi in relaxed)
    tally.documents += 1
    tally.strict.add(strict, len(pred), strict, len(gold))
    tally.relaxed.add(len(relaxed), len(pred), len(relaxed), len(gold))
    tally.value.add(valued, len(pred), valued, len(gold))


def date_metrics(corpus: str, tally: DateTally) -> list[Metric]:
    n, s, r, v = tally.documents, tally.strict, tally.relaxed, tally.value
    return [
        Metric("dates", "strict F1", corpus, n, s.f1, s.gold),
        Metric("dates", "relaxed precision", corpus, n, r.precision, r.pred),
        Metric("dates", "relaxed recall", corpus, n, r.recall, r.gold),
        Metric("dates", "relaxed F1", corpus, n, r.f1, r.gold),
        Metric("dates", "value accuracy", corpus, n, ratio(v.matched_gold, r.matched_gold),
               r.matched_gold),
        Metric("dates", "value F1", corpus, n, v.f1, v.gold, ANCHOR),
    ]  # fmt: skip


def documents(
    corpora: Path, limit: int | None, chosen: Sequence[str] = ()
) -> Iterator[tuple[str, GoldDateDocument]]:
    """(corpus name, document), `limit` documents per corpus spread over its files; `chosen`
    names the corpora to read (keys of CORPORA; all when empty)."""
    chosen = tuple(chosen) or tuple(CORPORA)
    unknown = [c for c in chosen if c not in CORPORA]
    if unknown:
        raise ValueError(f"unknown dates corpus {unknown[0]!r}; choose from {', '.join(CORPORA)}")
    temporal = corpora / "temporal"
    if "tempeval" in chosen:
        tbaq = sorted((temporal / "TBAQ-cleaned").glob("*/*.tml"))
        tbaq = [p for p in tbaq if p.parent.name in ("TimeBank", "AQUAINT")]
        for path in spread(tbaq, limit):
            yield CORPORA["tempeval"], read_timeml(path)
    if "meantime" in chosen:
        meantime = sorted((temporal / "meantime_english" / "intra-doc_annotation").glob("*/*.xml"))
        for path in spread(meantime, limit):
            yield CORPORA["meantime"], read_meantime(path)


def evaluate(
    corpora: Path, limit: int | None, *, nlp: Any, corpus: Sequence[str] = ()
) -> list[Metric]:
    """Parse each document, resolve its dates against its creation time, and score (only the
    corpora named in `corpus`, keys of CORPORA, when it is not empty)."""
    from ..dates.timeline import resolve_dates

    tallies: dict[str, DateTally] = {}
    for name, document in documents(corpora, limit, corpus):
        timeline = resolve_dates(nlp.parse(document.text), published=document.published)
        score_dates(document.timexes, timeline.dates, tallies.setdefault(name, DateTally()))
    return [m for name, tally in tallies.items() for m in date_metrics(name, tally)]
