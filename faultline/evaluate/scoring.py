"""The arithmetic every corpus shares: span matching, precision/recall/F1, distances, weighted F1.

Pure functions on plain tuples, so the scorers are unit-tested on hand-made gold and predictions
(tests/test_evaluate.py) without a model or a corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Metric:
    """One printed figure: a percentage or a number, with what it was measured on and its anchor."""

    task: str  # places, dates, quotes, events, seed
    name: str  # "acc@161 (recognised)", "value F1", ...
    corpus: str
    items: int  # documents (or ACLED notes) scored
    value: float | None  # percent for rates, km for distances; None when nothing was measurable
    support: int = 0  # gold units behind the figure (toponyms, TIMEX3s, attributions, notes)
    anchor: str = ""  # the published figure beside it, as text
    unit: str = "%"

    @property
    def key(self) -> str:
        """Stable identifier used by tests/floors.toml: task.corpus.name, lowercase."""
        return f"{self.task}.{self.corpus}.{self.name}".lower()

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "task": self.task, "name": self.name, "corpus": self.corpus,
            "items": self.items, "value": self.value, "support": self.support,
            "anchor": self.anchor, "unit": self.unit,
        }  # fmt: skip


@dataclass(slots=True)
class Counts:
    """True positives counted from each side, so one-to-one and many-to-one matching both fit."""

    matched_pred: int = 0
    pred: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, matched_pred: int, pred: int, matched_gold: int, gold: int) -> None:
        self.matched_pred += matched_pred
        self.pred += pred
        self.matched_gold += matched_gold
        self.gold += gold

    @property
    def precision(self) -> float | None:
        return ratio(self.matched_pred, self.pred)

    @property
    def recall(self) -> float | None:
        return ratio(self.matched_gold, self.gold)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)


def ratio(part: int, whole: int) -> float | None:
    """part / whole in percent, None when whole is 0 (nothing to measure is not 0%)."""
    return 100.0 * part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def overlap_size(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]], exact: bool = False
) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping (or identical) spans.

    Greedy on overlap size, ties broken by position, so the result does not depend on input order
    beyond that tie-break. Each gold and each prediction is used at most once.
    """
    return greedy_pairs(
        (overlap_size(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (g == p if exact else overlaps(g, p))
    )


def greedy_pairs(candidates: Iterable[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs from (weight, gold, pred) candidates: the heaviest
    first, ties broken by position; each gold and each prediction used at most once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in sorted((-weight, gi, pi) for weight, gi, pi in candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Confusion:
    """Per-label true/false positives and false negatives for single-label classification."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    total: int = 0

    def add(self, gold: str, pred: str) -> None:
        self.total += 1
        if gold == pred:
            self.tp[gold] += 1
        else:
            self.fp[pred] += 1
            self.fn[gold] += 1

    def label_f1(self, label: str) -> float:
        tp = self.tp[label]
        precision = tp / (tp + self.fp[label]) if tp + self.fp[label] else 0.0
        recall = tp / (tp + self.fn[label]) if tp + self.fn[label] else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def weighted_f1(self) -> float | None:
        """Per-label F1 averaged with gold support as weights (scikit-learn's "weighted")."""
        support = self.tp + self.fn
        if not self.total:
            return None
        return 100.0 * sum(n * self.label_f1(label) for label, n in support.items()) / self.total

    @property
    def accuracy(self) -> float | None:
        return ratio(sum(self.tp.values()), self.total)


def spread(items: Sequence[T], limit: int | None) -> list[T]:
    """`limit` items spread evenly over `items` (all of them when limit is None or large enough).

    Corpora are ordered by source, date or topic; an even spread keeps a small run representative
    and deterministic.
    """
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    return [items[i * len(items) // limit] for i in range(limit)]
