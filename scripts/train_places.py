"""Learn the place-ranking weights (`faultline/data/place_weights.tsv`) and report them
cross-validated.

    python scripts/train_places.py [--corpora DIR] [--folds 5] [--parses FILE] [--write]

Data: LGL and GeoVirus (`<corpora>/geoparsing`, coordinate patches applied), read and parsed as
`faultline evaluate places` does. Each article is recognised once (`places.recognise`); training
only changes how candidates are ranked.

Model: a conditional logit over each mention's candidates (those left after `rank.prepare`'s
filters): P(candidate) is the softmax of the weighted sum of its `signals.SIGNALS`; the
likelihood of a mention is the probability of its candidates within 161 km of the gold point, so
a mention without such a candidate teaches nothing. L2-regularised towards the hand weights,
fitted with Adam in numpy.
A name is scored in several passes at run time (alone, then with the article's other names
resolved: `rank.PASSES`), so the examples are the last pass's contexts, with the earlier passes
run with the weights being refined: hand weights first, then the previous round's (`ROUNDS`).

Reported, all with the evaluation's own scorer (`evaluate.places.score_places`):
- k-fold cross-validation by article over both corpora pooled (folds: article index mod k), each
  fold scored with weights fitted on the other folds: the cross-validated figures;
- train on one corpus, score the other (both ways);
- the shipped weights (fitted on everything) scored on everything: a training-set figure, which
  is what `faultline evaluate places` prints.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from faultline.evaluate.places import (  # noqa: E402
    ACC_KM,
    CORPORA,
    GoldPlaceDocument,
    PlaceTally,
    place_metrics,
    read_patches,
    read_places,
    score_places,
)
from faultline.evaluate.scoring import haversine_km, match_spans  # noqa: E402
from faultline.places.accept import Found  # noqa: E402
from faultline.places.mentions import mentions_of, names_to_resolve, recognise  # noqa: E402
from faultline.places.rank import final_sets  # noqa: E402
from faultline.places.signals import (  # noqa: E402
    HAND_WEIGHTS,
    SIGNAL_NAMES,
    WEIGHTS_PATH,
    vector,
    write_weights,
)
from faultline.records import Parse  # noqa: E402

ROUNDS = 2
L2 = 0.001
STEPS = 800
RATE = 0.05


@dataclass(slots=True)
class Article:
    corpus: str
    gold: GoldPlaceDocument
    parse: Parse
    found: list[Found]


def load_articles(corpora: Path, parses: Path | None, gazetteer) -> list[Article]:
    """Every article of both corpora, parsed (from `parses` when it exists) and recognised."""
    if parses is not None and parses.is_file():
        pairs = pickle.loads(parses.read_bytes())
    else:
        from faultline.settings import load_settings
        from faultline.text.nlp import load_nlp

        nlp = load_nlp(load_settings().model)
        pairs = []
        for key, (_, name, patch) in CORPORA.items():
            folder = corpora / "geoparsing"
            docs = list(read_places(folder / name, read_patches(folder / patch)))
            pairs += [
                (key, d, p) for d, p in zip(docs, nlp.pipe(d.text for d in docs), strict=True)
            ]
        if parses is not None:
            parses.write_bytes(pickle.dumps(pairs))
    return [Article(key, d, p, recognise(p, gazetteer=gazetteer)) for key, d, p in pairs]


def _spans(parse: Parse, found: list[Found]) -> list[tuple[int, int]]:
    return [(parse.tokens[f.first].start, parse.tokens[f.end - 1].end) for f in found]


def examples(
    articles: list[Article], gazetteer, weights: dict
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(signals matrix, within-161-km labels) for each recognised gold toponym whose candidates
    include both a right and a wrong one, in the last pass's context."""
    out = []
    for article in articles:
        places, names, named = names_to_resolve(article.parse, article.found)
        if not names:
            continue
        sets = final_sets(names, named_countries=named, gazetteer=gazetteer, weights=weights)
        gold = article.gold.places
        pairs = match_spans([(g.start, g.end) for g in gold], _spans(article.parse, article.found))
        index = {id(f): i for i, f in enumerate(places)}
        for gi, fi in pairs:
            g, i = gold[gi], index.get(id(article.found[fi]))
            if g.latitude is None or i is None:
                continue
            kept, ctx = sets[i]
            y = np.array(
                [haversine_km(g.latitude, g.longitude, c.latitude, c.longitude) <= ACC_KM
                 for c in kept]
            )  # fmt: skip
            if y.any() and not y.all():
                out.append((np.array([vector(c, ctx) for c in kept]), y))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], start: dict) -> dict[str, float]:
    """Conditional-logit weights: Adam on the mean negative log-likelihood plus an L2 penalty
    towards the hand weights, so a signal the data never tells apart (no mention has a right and
    a wrong candidate that differ in it: "water", "curated") keeps its hand-set weight."""
    width = max(len(y) for _, y in data)
    x = np.zeros((len(data), width, len(SIGNAL_NAMES)))
    pos = np.zeros((len(data), width), dtype=bool)
    mask = np.zeros((len(data), width), dtype=bool)
    for m, (xm, ym) in enumerate(data):
        x[m, : len(ym)], pos[m, : len(ym)], mask[m, : len(ym)] = xm, ym, True
    w = np.array([start.get(n, 0.0) for n in SIGNAL_NAMES])
    prior = np.array([HAND_WEIGHTS.get(n, 0.0) for n in SIGNAL_NAMES])
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        s = np.where(mask, x @ w, -np.inf)
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        q = np.where(pos, p, 0.0)
        q /= q.sum(axis=1, keepdims=True)
        grad = np.einsum("mk,mkf->f", p - q, x) / len(data) + 2 * L2 * (w - prior)
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad**2
        w -= RATE * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
    return dict(zip(SIGNAL_NAMES, (round(float(v), 4) for v in w), strict=True))


def train(articles: list[Article], gazetteer) -> dict[str, float]:
    weights = dict(HAND_WEIGHTS)
    for _ in range(ROUNDS):
        weights = fit(examples(articles, gazetteer, weights), weights)
    return weights


def tally(
    articles: list[Article], gazetteer, weights: dict, into: dict[str, PlaceTally] | None = None
) -> dict[str, PlaceTally]:
    """Score articles with the evaluation's scorer, one tally per corpus (added to `into`)."""
    out: dict[str, PlaceTally] = {} if into is None else into
    for article in articles:
        pred = mentions_of(article.parse, article.found, gazetteer, weights)
        score_places(article.gold.places, pred, out.setdefault(article.corpus, PlaceTally()))
    return out


def report(title: str, tallies: dict[str, PlaceTally]) -> list[str]:
    lines = [title]
    for corpus, t in sorted(tallies.items()):
        label = CORPORA[corpus][0]
        shown = {m.name: m for m in place_metrics(label, t)}
        parts = [
            f"{name} {shown[name].value:.{3 if name == 'AUC' else 1}f}"
            if shown[name].value is not None
            else f"{name} -"
            for name in ("acc@161 recognised", "acc@161 all", "AUC", "median error", "at a centre")
            if name in shown
        ]
        lines.append(f"  {label:9s} ({t.documents} articles, {t.recognised} recognised): "
                     + ", ".join(parts))  # fmt: skip
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    from faultline.evaluate import default_corpora
    from faultline.gazetteer import load_gazetteer
    from faultline.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--parses", type=Path, help="cache of parsed articles (read or written)")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH.name}")
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = load_gazetteer(load_settings().cache_dir)
    articles = load_articles(args.corpora, args.parses, gazetteer)
    lines = report("hand weights, all articles:", tally(articles, gazetteer, HAND_WEIGHTS))
    folds: dict[str, PlaceTally] = {}
    for k in range(args.folds):
        train_set = [a for i, a in enumerate(articles) if i % args.folds != k]
        test_set = [a for i, a in enumerate(articles) if i % args.folds == k]
        weights = train(train_set, gazetteer)
        report(f"fold {k + 1}/{args.folds}:", tally(test_set, gazetteer, weights))
        tally(test_set, gazetteer, weights, into=folds)
    lines += report(f"{args.folds}-fold cross-validated (by article, corpora pooled):", folds)
    for source, target in (("lgl", "geovirus"), ("geovirus", "lgl")):
        weights = train([a for a in articles if a.corpus == source], gazetteer)
        scored = tally([a for a in articles if a.corpus == target], gazetteer, weights)
        lines += report(f"trained on {source} only, scored on {target}:", scored)
    weights = train(articles, gazetteer)
    lines += report("shipped weights (trained on all), all articles (training-set figure):",
                    tally(articles, gazetteer, weights))  # fmt: skip
    if args.write:
        header = ["Place-ranking weights, written by scripts/train_places.py "
                  "(conditional logit on LGL + GeoVirus).", *lines]  # fmt: skip
        write_weights(WEIGHTS_PATH, weights, "\n".join(header))
        print(f"wrote {WEIGHTS_PATH}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
