"""`faultline watch` killed with SIGKILL mid-poll, twice (while fetching, then while ingesting),
and restarted: nothing it committed is fetched again, and the store ends complete."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from faultline.store import open_store
from faultline.watch import state
from tests.store.test_store_robustness import ARTICLES, ROOT, stored_articles
from tests.watch.server import Server
from tests.watch.test_watch import serve_articles

pytestmark = pytest.mark.model


def watch_command(feed: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "faultline.cli", "watch", feed, "--db", str(db), "--timeout",
            "150", *extra]  # fmt: skip


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the watch finished before it could be killed"


def wait_for(condition, process: subprocess.Popen, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 240
    while not condition():
        assert process.poll() is None, f"the watch ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def page_requests(server: Server) -> list[str]:
    return [p for p in server.paths() if p.startswith("/p/")]


def test_a_watch_killed_mid_poll_resumes_without_fetching_again(tmp_path: Path) -> None:
    server = Server()
    try:
        feed = serve_articles(server, ARTICLES)
        held = threading.Event()
        server.routes["/p/a05"].wait = held  # the fifth page hangs until released
        db = tmp_path / "watch.db"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT}

        # 1. killed while fetching the fifth page: the four before it are committed
        first = subprocess.Popen(watch_command(feed, db, "--every", "1h"), **quiet)
        wait_for(lambda: "/p/a05" in page_requests(server), first, "the fifth page was asked")
        kill(first)
        held.set()
        assert page_requests(server) == [f"/p/a0{n}" for n in range(1, 6)]
        with open_store(str(db)) as store:
            assert [i["status"] for i in state.items(store)] == ["pending"] * 4
        server.requests.clear()

        # 2. restarted, and killed once it has stored an article: only the rest was fetched
        second = subprocess.Popen(watch_command(feed, db, "--every", "1h"), **quiet)
        wait_for(lambda: stored_articles(db) > 0, second, "an article was stored")
        kill(second)
        assert sorted(page_requests(server)) == [f"/p/{a['id']}" for a in ARTICLES[4:]]
        survived = stored_articles(db)
        assert survived < len(ARTICLES)
        server.requests.clear()

        # 3. restarted once more: no page fetched, every article stored once
        done = subprocess.run(watch_command(feed, db, "--once"), cwd=ROOT, capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert page_requests(server) == []
        assert f"{len(ARTICLES) - survived} stored" in done.stderr.splitlines()[-1]
        with open_store(str(db)) as store:
            assert len(store.article_ids()) == len(ARTICLES)
            statuses = [i["status"] for i in state.items(store)]
        # stored, but for the one whose article the killed watch had committed and not settled:
        # ingested again from its kept page, it is found already stored
        assert statuses.count("stored") >= len(ARTICLES) - 1
        assert set(statuses) <= {"stored", "skipped"}
    finally:
        server.close()
