"""Extraction on a dask.distributed cluster: each worker loads the pipeline once (a worker plugin).

    faultline extract --dask tcp://scheduler:8786 articles.jsonl

Tasks run `parallel._work` on one article each; results come back in input order through a bounded
window of futures. Dask reschedules the tasks of a worker that dies (up to its
`distributed.scheduler.allowed-failures`), so no article is lost; an article that keeps killing
workers comes back as that article's failure.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from . import parallel
from .records import Article, ArticleResult
from .settings import Settings
from .text.read import InputFailure

try:
    from distributed.scheduler import KilledWorker
except ImportError:  # pragma: no cover - moved between releases
    from distributed import KilledWorker  # type: ignore[no-redef]


class PipelinePlugin(WorkerPlugin):
    """Loads faultline's resources once in every worker process, when it joins the cluster."""

    name = "faultline-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: object) -> None:
        parallel._start_worker(self.settings)


def extract_dask(
    items: Iterable[Article | InputFailure], settings: Settings, address: str | object
) -> Iterator[ArticleResult | InputFailure | parallel.WorkFailure]:
    """Results for `items`, in their order, computed on the cluster at `address` (a scheduler
    address such as tcp://host:8786, or a Cluster object)."""
    with Client(address) as client:
        client.register_plugin(PipelinePlugin(settings))
        size = max(1, sum(client.nthreads().values())) * parallel.WINDOW_PER_WORKER
        window: collections.deque = collections.deque()
        source = iter(items)
        while True:
            while len(window) < size and (item := next(source, None)):
                future = None
                if isinstance(item, Article):
                    future = client.submit(parallel._work, item, pure=False)
                window.append((item, future))
            if not window:
                return
            item, future = window.popleft()
            yield item if future is None else _outcome(item, future)


def _outcome(article: Article, future: object) -> ArticleResult | parallel.WorkFailure:
    try:
        return future.result()  # type: ignore[attr-defined]
    except KilledWorker:
        return parallel.WorkFailure(article.input_name, "it killed every worker it was sent to")
