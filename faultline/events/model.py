"""The typer: a linear model of ACLED's 25 sub-event types over a passage's words, trained on
ACLED's notes and news-register sentences (`scripts/train_event_detector.py`).

The rules in `triggers.py` and the detector (`detector.py`) decide WHETHER a sentence reports an
event and the rules apply ACLED's hierarchy; this model weighs the words of the passage for WHICH
sub-type: it types the sentence when it is confident, and otherwise chooses among the sub-types the
triggers allow. The same class, with the labels "event" and "none", is the detector. Features are
lower-cased word unigrams and bigrams (digits folded to 0, ACLED's own bookkeeping stripped from
notes, see `note_text`), weighted by log term frequency times inverse document frequency and
L2-normalised; the model is a multinomial logistic regression fitted here in NumPy (mini-batch Adam
with an L2 penalty). It ships as one compressed `.npz` (vocabulary, idf, float16 weights);
`scripts/train_event_model.py` reports the typer's cross-validated scores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "event_model.npz"
RULE_BONUS = 0.4  # added to the probability of the rules' own sub-type (chosen on news dev)
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
DIGITS = re.compile(r"[0-9]")
# ACLED's bookkeeping inside notes, which news never has: a leading "Movement of forces:" label, the
# opening "On 9 May 2020," date, tags in brackets, and fatality-coding remarks.
NOTE_LABEL = re.compile(r"^\s*(?:[A-Z][A-Za-z/ -]{2,40}:\s+)+(?=On |Around |Between |[A-Z])")
NOTE_DATE = re.compile(
    r"^\s*(?:On|Around|Between|During|As of|Since|From)\b[^,]{0,60}?\b\d{4},\s*", re.IGNORECASE
)
NOTE_TAGS = re.compile(r"\[[^\]]*\]")
NOTE_CODING = re.compile(
    r"[^.]*\b(?:fatalit(?:y|ies) (?:coded|split)|coded as|split (?:up )?(?:between|across|over))\b"
    r"[^.]*\.?",
    re.IGNORECASE,
)


def note_text(notes: str) -> str:
    """An ACLED note as the prose a news sentence would carry: labels, date opener, tags and
    fatality-coding remarks removed."""
    text = NOTE_TAGS.sub(" ", notes)
    text = NOTE_CODING.sub(" ", text)
    text = NOTE_LABEL.sub("", text)
    text = NOTE_DATE.sub("", text)
    return " ".join(text.split())


def features(text: str) -> list[str]:
    """Word unigrams and bigrams of `text`, lower-cased, digits folded to 0."""
    words = WORD.findall(DIGITS.sub("0", text.lower()))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True, slots=True)
class EventModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (features,)
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The passage's (feature indices, tf-idf values), L2-normalised."""
        counts = Counter(i for f in features(text) if (i := self.vocabulary.get(f)) is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        index = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[index]
        return index, values / max(float(np.linalg.norm(values)), 1e-9)

    def probabilities(self, text: str) -> dict[str, float]:
        """P(sub_event_type | text) for every label the model knows."""
        index, values = self.vector(text)
        logits = self.bias + values @ self.weights[index].astype(np.float32)
        return dict(zip(self.labels, _softmax(logits[None, :])[0].tolist(), strict=True))

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            vocabulary=np.array("\n".join(words)),
            idf=self.idf.astype(np.float16),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )


def choose(
    label: str,
    candidates: frozenset[str],
    probabilities: dict[str, float],
    bonus: float = RULE_BONUS,
) -> str:
    """The sub-type among those the sentence's words allow (`candidates`, with the rules' own
    `label`) that the model finds likeliest, the rules' choice favoured by `bonus`. Trained on
    notes, the model misreads news on its own; confined to what the triggers allow, it settles
    what the hierarchy leaves open (which weapon, whose crowd, how a protest ended)."""
    options = candidates | {label}
    return max(
        sorted(options), key=lambda o: probabilities.get(o, 0.0) + (bonus if o == label else 0)
    )


@lru_cache(maxsize=2)
def load_event_model(path: Path = MODEL_PATH) -> EventModel | None:
    """The shipped model, None when its file is absent (the rules then type events alone)."""
    if not path.is_file():
        return None
    with np.load(path) as data:
        words = str(data["vocabulary"]).split("\n")
        return EventModel(
            labels=tuple(str(label) for label in data["labels"]),
            vocabulary={word: i for i, word in enumerate(words)},
            idf=data["idf"].astype(np.float32),
            weights=data["weights"].astype(np.float16),
            bias=data["bias"].astype(np.float32),
        )


# ----------------------------------------------------------------------------------------- training


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass(frozen=True, slots=True)
class _Matrix:
    """Documents as a CSR matrix: row r's features are indices[pointer[r]:pointer[r+1]]."""

    pointer: np.ndarray
    indices: np.ndarray
    values: np.ndarray

    def rows(self, chosen: np.ndarray) -> _Matrix:
        starts, ends = self.pointer[chosen], self.pointer[chosen + 1]
        take = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        return _Matrix(np.concatenate([[0], np.cumsum(ends - starts)]), self.indices[take],
                       self.values[take])  # fmt: skip

    def times(self, weights: np.ndarray) -> np.ndarray:
        rows = len(self.pointer) - 1
        out = np.zeros((rows, weights.shape[1]), dtype=np.float32)
        row_of = np.repeat(np.arange(rows), np.diff(self.pointer))
        np.add.at(out, row_of, self.values[:, None] * weights[self.indices])
        return out


def _vocabulary(texts: Sequence[str], min_count: int) -> tuple[dict[str, int], np.ndarray]:
    frequency = Counter(f for text in texts for f in set(features(text)))
    kept = sorted(f for f, n in frequency.items() if n >= min_count)
    idf = np.log((1 + len(texts)) / (1 + np.array([frequency[f] for f in kept], np.float32))) + 1
    return {f: i for i, f in enumerate(kept)}, idf.astype(np.float32)


def _matrix(model: EventModel, texts: Sequence[str]) -> _Matrix:
    vectors = [model.vector(text) for text in texts]
    pointer = np.concatenate([[0], np.cumsum([len(i) for i, _ in vectors])])
    indices = np.concatenate([i for i, _ in vectors] or [np.zeros(0, np.int64)])
    values = np.concatenate([v for _, v in vectors] or [np.zeros(0, np.float32)])
    return _Matrix(pointer, indices, values.astype(np.float32))


def train_event_model(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    min_count: int = 2,
    epochs: int = 12,
    l2: float = 1e-6,
    rate: float = 0.02,
    batch: int = 128,
    seed: int = 0,
    balance: float = 1.0,
    weights: Sequence[float] | None = None,
) -> EventModel:
    """Fit the model on (text, sub_event_type) pairs; deterministic for a given seed. `balance`
    weighs each example by (label frequency)^-balance (0: as observed, 1: every label equal);
    `weights`, when given, multiply that (a news sentence may weigh more than a note)."""
    vocabulary, idf = _vocabulary(texts, min_count)
    names = tuple(sorted(set(labels)))
    shell = EventModel(names, vocabulary, idf, np.zeros((len(idf), len(names)), np.float32),
                       np.zeros(len(names), np.float32))  # fmt: skip
    matrix = _matrix(shell, texts)
    target = np.array([names.index(label) for label in labels])
    frequency = np.bincount(target, minlength=len(names)).astype(np.float32)
    example = (frequency[target] / frequency.mean()) ** -balance
    if weights is not None:
        example = example * np.asarray(weights, dtype=np.float32)
    weights, bias = _fit(
        matrix,
        target,
        example / example.mean(),
        len(idf),
        len(names),
        epochs,
        l2,
        rate,
        batch,
        seed,
    )
    return EventModel(names, vocabulary, idf, weights, bias)


def _fit(
    matrix: _Matrix, target: np.ndarray, example: np.ndarray, n_features: int, n_labels: int,
    epochs: int, l2: float, rate: float, batch: int, seed: int,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Mini-batch Adam on the mean cross-entropy plus l2 * |W|^2."""
    random = np.random.default_rng(seed)
    params = [np.zeros((n_features, n_labels), np.float32), np.zeros(n_labels, np.float32)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    step = 0
    for _ in range(epochs):
        order = random.permutation(len(target))
        for begin in range(0, len(order), batch):
            chosen = order[begin : begin + batch]
            part = matrix.rows(chosen)
            delta = _softmax(part.times(params[0]) + params[1])
            delta[np.arange(len(chosen)), target[chosen]] -= 1.0
            delta *= example[chosen, None] / len(chosen)
            grad_w = l2 * 2 * params[0]
            row_of = np.repeat(np.arange(len(chosen)), np.diff(part.pointer))
            np.add.at(grad_w, part.indices, part.values[:, None] * delta[row_of])
            step += 1
            for param, grad, moment in zip(params, (grad_w, delta.sum(0)), moments, strict=True):
                moment[0] = 0.9 * moment[0] + 0.1 * grad
                moment[1] = 0.999 * moment[1] + 0.001 * grad * grad
                corrected = moment[0] / (1 - 0.9**step)
                param -= rate * corrected / (np.sqrt(moment[1] / (1 - 0.999**step)) + 1e-8)
    return params[0], params[1]
