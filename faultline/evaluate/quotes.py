"""Quotes and attribution against PolNeAR (dev split; `split="train"` to check), a brat standoff
corpus of political news.

Gold: each attribution relation (`E` line: Attribution or Attribution-no-source) links a Content
span, a Cue and usually a Source. Spans may be discontinuous (`start end;start end`): a content
split around its attribution ('"A," she said. "B."') or over paragraphs is one content in pieces.
Ten dev texts were annotated twice; the first annotator's file in name order is used.

Scores:
- attribution detection: one-to-one matching of predicted quotes and gold contents. A pair can
  match when a piece of the gold content and a piece of the quote (`Quote.pieces`) share at least
  one character: the words between the pieces ("she said") belong to neither side, and an
  unsplit quote or content is one piece. Pairs are taken greedily by the characters shared over
  all the pieces, ties broken by position. Precision, recall, F1.
- speaker F1: a matched quote is correctly attributed when its `speaker_span` overlaps a gold source
  span, or its `speaker` text and the source text contain one another (case-insensitive); with no
  gold source, when the prediction names no speaker either. Precision and recall count correct
  ones over all predictions and all gold attributions (TempEval-style attribute F1).
- speaker by span F1 (issue 18): the same, with only the span rule: the words the quote says
  name its speaker (`speaker_span`, the pronoun itself for "he said") must overlap the gold
  Source. "speaker F1" above is the name-matching figure beside it (span or names agree).
- direct quotes: the same detection F1 restricted to predictions with `is_direct` and to gold
  contents that quote words: they contain a double quotation mark or follow one. PolNeAR has no
  direct/indirect label, and a content often mixes paraphrase with a quoted phrase ("dismissed
  the reports as "previous misinterpreted statements""), which counts as direct. Single quotes
  are left out: the curly one doubles as the apostrophe; a doubled apostrophe or backtick
  (''...'' in newspaper archives) is a double quotation mark.
- direct speaker F1: over the direct pairs, a true positive is a matched pair whose speaker is
  right (the speaker F1 rule); precision over predicted direct quotes, recall over gold direct
  attributions. This is the figure issue 6 sets a target for; "direct speaker by span F1" is
  its span-only form (issue 18).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Quote
from .scoring import Counts, Metric, greedy_pairs, overlap_size, overlaps, ratio, spread

ANCHOR = "human agreement 92.3%"
DIRECT_SPEAKER_ANCHOR = "target 80 (issue 6); human agreement 92.3"
CORPUS = "PolNeAR dev"
SPAN_TARGET = "target 70 (issue 18)"
DIRECT_SPAN_TARGET = "target 88 (issue 18)"
QUOTATION_MARKS = ('"', "“", "”", "«", "»", "''", "``")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[int, int]
    content_text: str
    source: tuple[int, int] | None
    source_text: str | None
    cue: tuple[int, int] | None
    is_direct: bool
    pieces: tuple[tuple[int, int], ...] = ()  # the content's stretches; () means the one extent

    def content_pieces(self) -> tuple[tuple[int, int], ...]:
        return self.pieces or (self.content,)


@dataclass(frozen=True, slots=True)
class GoldQuoteDocument:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _extent(offsets: str) -> tuple[int, int]:
    numbers = [int(n) for n in re.split(r"[ ;]", offsets.strip()) if n]
    return min(numbers), max(numbers)


def _pieces(offsets: str) -> tuple[tuple[int, int], ...]:
    """The stretches of a brat span, `start end;start end`, in text order."""
    pieces = []
    for part in offsets.split(";"):
        numbers = [int(n) for n in part.split() if n.isdigit()]
        if len(numbers) == 2:
            pieces.append((numbers[0], numbers[1]))
    return tuple(sorted(pieces))


def _is_direct(text: str, span: tuple[int, int]) -> bool:
    around = text[max(0, span[0] - 2) : span[1]]
    return any(mark in around for mark in QUOTATION_MARKS)


def read_brat(text: str, annotation: str) -> list[GoldAttribution]:
    """Attributions from a brat `.ann` file's lines, with spans into `text`."""
    spans: dict[str, tuple[int, int]] = {}
    pieces: dict[str, tuple[tuple[int, int], ...]] = {}
    relations: list[dict[str, str]] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _extent(offsets)
            pieces[fields[0]] = _pieces(offsets)
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            relations.append({re.sub(r"\d+$", "", role): ref for role, ref in roles.items()})
    out = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        out.append(
            GoldAttribution(
                content,
                text[content[0] : content[1]],
                source,
                text[source[0] : source[1]] if source else None,
                spans.get(roles.get("Cue", "")),
                _is_direct(text, content),
                pieces.get(roles["Content"], ()),
            )  # fmt: skip
        )
    return sorted(out, key=lambda a: a.content)


def read_polnear(folder: Path, limit: int | None) -> Iterator[GoldQuoteDocument]:
    """The dev documents (one annotator each), `limit` of them spread over the split."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if (folder / "text" / f"{name}.txt").is_file():
            chosen.setdefault(name, ann)
    for name in spread(sorted(chosen), limit):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = read_brat(text, chosen[name].read_text(encoding="utf-8"))
        yield GoldQuoteDocument(name, text, tuple(attributions))


def _names_match(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    a, b = predicted.strip().lower(), gold.strip().lower()
    return a in b or b in a


def speaker_span_correct(gold: GoldAttribution, pred: Quote) -> bool:
    """The words the prediction says name the speaker (`speaker_span`, a pronoun included)
    overlap the gold Source; with no gold source, the prediction names no speaker either."""
    span = pred.speaker_span
    if gold.source is None:
        return pred.speaker is None and span is None
    return span is not None and overlaps((span.start, span.end), gold.source)


def speaker_correct(gold: GoldAttribution, pred: Quote) -> bool:
    if gold.source is None:
        return pred.speaker is None and pred.speaker_span is None
    span = pred.speaker_span
    if span is not None and overlaps((span.start, span.end), gold.source):
        return True
    return _names_match(pred.speaker, gold.source_text)


@dataclass(slots=True)
class QuoteTally:
    detection: Counts = field(default_factory=Counts)
    speaker: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)
    direct_speaker: Counts = field(default_factory=Counts)
    speaker_span: Counts = field(default_factory=Counts)
    direct_speaker_span: Counts = field(default_factory=Counts)
    documents: int = 0


def match_pieces(gold: Sequence[GoldAttribution], pred: Sequence[Quote]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs whose pieces overlap (see the module docstring):
    greedy on the characters shared over all the pieces, ties broken by position."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, q in enumerate(pred):
            ours = [(p.start, p.end) for p in q.pieces]
            theirs = g.content_pieces()
            if any(overlaps(a, b) for a in theirs for b in ours):
                shared = sum(overlap_size(a, b) for a in theirs for b in ours)
                candidates.append((shared, gi, pi))
    return greedy_pairs(candidates)


def score_quotes(gold: Sequence[GoldAttribution], pred: Sequence[Quote], tally: QuoteTally) -> None:
    """Add one document's gold attributions and predicted quotes to `tally`."""
    pairs = match_pieces(gold, pred)
    correct = sum(speaker_correct(gold[gi], pred[pi]) for gi, pi in pairs)
    gold_direct = [g for g in gold if g.is_direct]
    pred_direct = [q for q in pred if q.is_direct]
    direct_pairs = match_pieces(gold_direct, pred_direct)
    direct = len(direct_pairs)
    spoken = sum(speaker_correct(gold_direct[gi], pred_direct[pi]) for gi, pi in direct_pairs)
    tally.documents += 1
    tally.detection.add(len(pairs), len(pred), len(pairs), len(gold))
    tally.speaker.add(correct, len(pred), correct, len(gold))
    tally.direct.add(direct, len(pred_direct), direct, len(gold_direct))
    tally.direct_speaker.add(spoken, len(pred_direct), spoken, len(gold_direct))
    by_span = sum(speaker_span_correct(gold[gi], pred[pi]) for gi, pi in pairs)
    direct_by_span = sum(
        speaker_span_correct(gold_direct[gi], pred_direct[pi]) for gi, pi in direct_pairs
    )
    tally.speaker_span.add(by_span, len(pred), by_span, len(gold))
    tally.direct_speaker_span.add(
        direct_by_span, len(pred_direct), direct_by_span, len(gold_direct)
    )


def quote_metrics(tally: QuoteTally, corpus: str = CORPUS) -> list[Metric]:
    n, d, s, q = tally.documents, tally.detection, tally.speaker, tally.direct
    ds, ss, dss = tally.direct_speaker, tally.speaker_span, tally.direct_speaker_span
    return [
        Metric("quotes", "attribution precision", corpus, n, d.precision, d.pred),
        Metric("quotes", "attribution recall", corpus, n, d.recall, d.gold),
        Metric("quotes", "attribution F1", corpus, n, d.f1, d.gold, ANCHOR),
        Metric("quotes", "speaker accuracy", corpus, n, ratio(s.matched_gold, d.matched_gold),
               d.matched_gold),
        Metric("quotes", "speaker F1", corpus, n, s.f1, s.gold, ANCHOR),
        Metric("quotes", "direct precision", corpus, n, q.precision, q.pred),
        Metric("quotes", "direct recall", corpus, n, q.recall, q.gold),
        Metric("quotes", "direct F1", corpus, n, q.f1, q.gold),
        Metric("quotes", "direct speaker F1", corpus, n, ds.f1, ds.gold, DIRECT_SPEAKER_ANCHOR),
        Metric("quotes", "speaker by span F1", corpus, n, ss.f1, ss.gold, SPAN_TARGET),
        Metric("quotes", "direct speaker by span F1", corpus, n, dss.f1, dss.gold,
               DIRECT_SPAN_TARGET),
    ]  # fmt: skip


def evaluate(corpora: Path, limit: int | None, *, nlp: Any, split: str = "dev") -> list[Metric]:
    """Parse each text of the split (dev; "train" to check that what was tuned on dev holds),
    find its quotes, and score against the attributions."""
    from ..quotes.attribution import find_quotes

    tally = QuoteTally()
    for document in read_polnear(corpora / "attribution" / "polnear" / split, limit):
        score_quotes(document.attributions, find_quotes(nlp.parse(document.text)), tally)
    return quote_metrics(tally, f"PolNeAR {split}")
