"""Local parallel extraction: worker processes that each load the pipeline once.

`extract_parallel` takes what `read.read_inputs` yields (articles and input failures, in input
order) and yields results in the same order: a bounded window of articles is in flight at a time,
so a large input streams instead of being held in memory. A worker that dies (killed, out of
memory) breaks the pool; the pool is rebuilt and every article that had not come back is submitted
again, so no article is lost. An article in flight at MAX_TRIES deaths is reported as failed, with
its input named.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .errors import FaultlineError
from .records import Article, ArticleResult
from .settings import Settings
from .text.read import InputFailure

logger = logging.getLogger(__name__)

# What a stage may raise on one bad article: that article fails, the batch goes on.
ARTICLE_ERRORS = (
    FaultlineError, ValueError, TypeError, LookupError, AttributeError, ArithmeticError,
    AssertionError, RuntimeError,
)  # fmt: skip
WINDOW_PER_WORKER = 4
MAX_TRIES = 3  # a worker death costs every article in flight a try

_resources = None  # set in each worker process by `_start_worker`


@dataclass(frozen=True, slots=True)
class WorkFailure:
    """An article the pipeline could not process; `input_name` names it as the user gave it."""

    input_name: str
    message: str


def _start_worker(settings: Settings) -> None:
    global _resources
    from .pipeline import load

    _resources = load(settings)


def _work(article: Article) -> ArticleResult | WorkFailure:
    from .pipeline import extract

    try:
        return extract(article, _resources)  # type: ignore[arg-type]
    except ARTICLE_ERRORS as error:
        logger.debug("%s: traceback", article.input_name, exc_info=True)
        return WorkFailure(article.input_name, f"{type(error).__name__}: {error}")


class _Pool:
    """A process pool that can be rebuilt after a worker dies."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings, self.workers = settings, workers
        self.executor = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.settings,),
        )

    def submit(self, article: Article) -> cf.Future:
        """The article's future; one that fails with BrokenProcessPool when the pool is already
        broken, so that `_result` rebuilds the pool and resubmits it with the others."""
        try:
            return self.executor.submit(_work, article)
        except BrokenProcessPool as error:
            future: cf.Future = cf.Future()
            future.set_exception(error)
            return future

    def rebuild(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def extract_parallel(
    items: Iterable[Article | InputFailure], settings: Settings, workers: int
) -> Iterator[ArticleResult | InputFailure | WorkFailure]:
    """Results (or failures) for `items`, in their order, computed by `workers` processes."""
    pool = _Pool(settings, workers)
    window: collections.deque[list] = collections.deque()  # [item, future | None, tries]
    source = iter(items)
    try:
        while True:
            while len(window) < workers * WINDOW_PER_WORKER and (item := next(source, None)):
                future = pool.submit(item) if isinstance(item, Article) else None
                window.append([item, future, 1])
            if not window:
                return
            yield _result(window, pool)
    finally:
        pool.close()


def _result(
    window: collections.deque[list], pool: _Pool
) -> ArticleResult | InputFailure | WorkFailure:
    """The oldest item's outcome; after a worker death, resubmit everything still in flight."""
    while True:
        item, future, tries = window[0]
        if future is None:
            window.popleft()
            return item
        try:
            result = future.result()
        except BrokenProcessPool:
            logger.warning("a worker process died; restarting the pool and resubmitting")
            pool.rebuild()
            if tries >= MAX_TRIES:
                window.popleft()
                _resubmit(window, pool)
                return WorkFailure(item.input_name, f"the worker process died {tries} times on it")
            _resubmit(window, pool)
            continue
        window.popleft()
        return result


def _resubmit(window: collections.deque[list], pool: _Pool) -> None:
    for entry in window:
        future = entry[1]
        done = future is None or (
            future.done() and not future.cancelled() and future.exception() is None
        )
        if not done:
            entry[1], entry[2] = pool.submit(entry[0]), entry[2] + 1
