"""`faultline evaluate`: score the pipeline's stages against gold corpora, beside published anchors.

    places  LGL, GeoVirus           toponym P/R/F1, accuracy within 161 km, error km
    dates   TempEval-3 TBAQ, MEANTIME  strict/relaxed detection F1, value F1 (TempEval-3 scorer)
    quotes  PolNeAR dev             attribution F1, speaker F1, direct-quote F1
    events  ACLED rows (held-out folds), news passages  types, actor1, place, date, fatalities
    seed    the seed article        a checklist of counts (no gold; only when asked for)

Documents stream one at a time: each is read, parsed, scored into running totals and dropped.
`limit` caps the documents (notes) per corpus. Each task's module documents its matching rules;
BENCHMARKS.md records measured figures with the commands that produced them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import articles, dates, events, places, quotes, seed
from .report import print_metrics, wide_console, write_json
from .scoring import Metric

__all__ = [
    "run",
    "evaluate",
    "default_corpora",
    "LazyResources",
    "Metric",
    "TASKS",
    "DEFAULT_TASKS",
]

TASKS = ("places", "dates", "quotes", "events", "articles", "seed")
TASK_CORPORA: dict[str, Any] = {
    "places": places.CORPORA, "dates": dates.CORPORA, "events": events.CORPORA,
    "articles": articles.CORPORA,
}  # fmt: skip
DEFAULT_TASKS = ("places", "dates", "quotes", "events")
JSON_ENV = "FAULTLINE_EVALUATE_JSON"


def default_corpora() -> Path:
    """../shared/corpora beside the repository that holds this package."""
    import faultline

    return Path(faultline.__file__).resolve().parents[2] / "shared" / "corpora"


class LazyResources:
    """The heavy resources, each loaded the first time a task asks for it."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = _LOADERS[name]()
        return self._cache[name]


def _load_nlp() -> Any:
    from ..settings import load_settings
    from ..text.nlp import load_nlp

    return load_nlp(load_settings().model)


def _load_gazetteer() -> Any:
    from ..gazetteer import load_gazetteer
    from ..settings import load_settings

    return load_gazetteer(load_settings().cache_dir)


def _load_resources() -> Any:
    from ..pipeline import load
    from ..settings import load_settings

    return load(load_settings())


def _article_runner(resources: Any) -> articles.Run:
    """`run(text, published, id)` -> the article's output contract (what `extract` writes)."""
    from ..pipeline import extract
    from ..records import Article
    from ..text.published import parse_published

    def run(text: str, published: str | None, article_id: str) -> dict[str, Any]:
        day = parse_published(published, input_name=article_id) if published else None
        return extract(Article(id=article_id, text=text, published=day), resources).to_dict()

    return run


_LOADERS: dict[str, Callable[[], Any]] = {
    "nlp": _load_nlp, "gazetteer": _load_gazetteer, "resources": _load_resources,
}  # fmt: skip


def evaluate(
    task: str,
    corpora: Path,
    limit: int | None,
    loaded: LazyResources | None = None,
    *,
    corpus: Sequence[str] = (),
) -> list[Metric]:
    """The metrics of one task (raises whatever the stage raises); `corpus` picks among the
    task's corpora (keys of its module's CORPORA; all when none of them is named)."""
    loaded = loaded or LazyResources()
    corpus = [c for c in corpus if c in TASK_CORPORA.get(task, {})]
    if task == "places":
        return places.evaluate(
            corpora, limit, nlp=loaded.get("nlp"), gazetteer=loaded.get("gazetteer"), corpus=corpus
        )
    if task == "dates":
        return dates.evaluate(corpora, limit, nlp=loaded.get("nlp"), corpus=corpus)
    if task == "quotes":
        return quotes.evaluate(corpora, limit, nlp=loaded.get("nlp"))
    if task == "events":
        return events.evaluate(corpora, limit, resources=loaded.get("resources"), corpus=corpus)
    if task == "articles":
        runner = _article_runner(loaded.get("resources"))
        return articles.evaluate(runner, corpus=corpus, limit=limit)
    if task == "seed":
        return seed.evaluate(corpora, limit, resources=loaded.get("resources"))
    raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")


def run(
    tasks: Sequence[str],
    corpora: Path,
    limit: int | None,
    json_path: Path | None = None,
    *,
    corpus: Sequence[str] = (),
) -> int:
    """Evaluate `tasks` (all but seed when empty), print a table; return the exit status.

    0 when every task ran, 1 when one failed (its error is printed and the others still run),
    2 for an unknown task or corpus or a missing corpora folder. `corpus` limits each chosen task
    to the corpora it names (places: lgl, geovirus; dates: tempeval, meantime; a task none of
    whose corpora is named reads all of them; events: acled, news-dev, news-test, and news
    only when named). Scores go to
    `json_path`
    (or the file named by $FAULTLINE_EVALUATE_JSON) as JSON when given.
    """
    console = wide_console()
    chosen = list(tasks) or list(DEFAULT_TASKS)
    unknown = [t for t in chosen if t not in TASKS]
    if unknown:
        console.print(f"[red]unknown task(s): {', '.join(unknown)}; choose from {', '.join(TASKS)}")
        return 2
    known = {name for task in chosen for name in TASK_CORPORA.get(task, {})}
    bad = [c for c in corpus if c not in known]
    if bad:
        choices = ", ".join(sorted(known)) or "none for these tasks"
        console.print(f"[red]unknown corpus: {', '.join(bad)}; choose from {choices}")
        return 2
    if not corpora.is_dir():
        console.print(f"[red]corpora folder not found: {corpora} (pass --corpora PATH)")
        return 2
    loaded, metrics, failed = LazyResources(), [], []
    for task in chosen:
        started = time.perf_counter()
        try:
            metrics += evaluate(task, corpora, limit, loaded, corpus=corpus)
        except Exception as exc:  # reported below and in the exit status, never swallowed
            failed.append(task)
            console.print(f"[red]{task}: failed: {type(exc).__name__}: {exc}")
            continue
        console.print(f"{task}: scored in {time.perf_counter() - started:.1f} s")
    print_metrics(metrics, console)
    target = json_path or (Path(os.environ[JSON_ENV]) if os.environ.get(JSON_ENV) else None)
    if target is not None:
        write_json(metrics, target, limit)
    if failed:
        console.print(f"[red]failed: {', '.join(failed)}")
    return 1 if failed else 0
