"""`faultline watch --workers N` and `--dask ADDRESS`: the same store as a single-process watch."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from faultline import cli
from faultline.store import open_store
from tests.store.test_ingest_parallel import cluster  # noqa: F401 - the LocalCluster fixture
from tests.store.test_store_robustness import ARTICLES
from tests.watch.server import Server
from tests.watch.test_watch import serve_articles, watch_once

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def feed():
    server = Server()
    url = serve_articles(server, ARTICLES[:6])
    yield url
    server.close()


@pytest.fixture(scope="module")
def expected(feed, resources, tmp_path_factory) -> list[dict]:
    db = str(tmp_path_factory.mktemp("single") / "single.db")
    summary, *_ = watch_once([feed], db, resources)
    assert summary.counts["stored"] == 6
    return events(db)


def events(db: str) -> list[dict]:
    with open_store(db) as store:
        return list(store.events())


@pytest.mark.parametrize("how", ["workers", "dask"])
def test_a_parallel_watch_stores_what_a_single_process_stores(how, feed, expected, tmp_path,
                                                              request) -> None:  # fmt: skip
    db = str(tmp_path / f"{how}.db")
    option = ["--workers", "2"] if how == "workers" else [
        "--dask", request.getfixturevalue("cluster").scheduler_address]  # fmt: skip
    result = CliRunner().invoke(cli.app, ["watch", feed, "--once", "--db", db, *option])
    assert result.exit_code == 0, result.output
    assert "6 items, 6 new; 6 stored, 0 already stored, 0 failed" in result.output
    assert events(db) == expected and len(expected) >= 3
