from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline import cli
from faultline.parallel import WorkFailure
from faultline.records import Article
from faultline.store import open_store
from faultline.store.ingest import ingest_articles, ingest_extracted
from faultline.text.read import InputFailure, read_inputs

ARTICLES = [
    ("Gunmen killed seven villagers in Bama, in Nigeria's Borno state, on Saturday, police said.",
     "Wire One", "2023-06-11"),
    ("At least nine people were killed when gunmen attacked Bama in Borno state, Nigeria, on "
     "Saturday, a local official said.", "Wire Two", "2023-06-11"),
    ("Hundreds of students protested in Nairobi, Kenya, on Monday against rising fees.",
     "Wire One", "2023-06-12"),
    ("An air strike killed four fighters near Idlib, Syria, on Tuesday, a monitor said.",
     "Wire Three", "2023-06-14"),
    ("Police fired tear gas at protesters in Dhaka, Bangladesh, on Friday, injuring dozens.",
     "Wire Two", "2023-06-16"),
    ("A roadside bomb killed two soldiers in Kandahar province, Afghanistan, on Sunday.",
     "Wire Three", "2023-06-18"),
    ("Rebels seized the town of Bunia in eastern Congo on Wednesday, residents said.",
     "Wire One", "2023-06-21"),
    ("Clashes between two militias in Tripoli, Libya, killed five people on Thursday.",
     "Wire Two", "2023-06-22"),
]  # fmt: skip


def write_feed(path: Path) -> str:
    lines = [
        json.dumps({"id": f"a{i}", "text": text, "source": source, "published": day})
        for i, (text, source, day) in enumerate(ARTICLES)
    ]
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def read(feed: str):
    return read_inputs([feed], published=None, url=None, source=None, max_bytes=1_000_000)


def contents(db: str) -> dict:
    """Everything a run leaves in the store that does not depend on the clock."""
    with open_store(db) as store:
        events = list(store.events())
        articles = [store.article(i) for i in range(1, len(ARTICLES) + 2)]
        return {"events": events, "articles": articles, "failures": store.failures()}


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> str:
    return write_feed(tmp_path_factory.mktemp("feed") / "feed.jsonl")


@pytest.fixture(scope="module")
def expected(feed, resources, tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("single") / "single.db")
    with open_store(db) as store:
        list(ingest_articles(read(feed), store, resources=lambda: resources))
    return contents(db)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def ingest_command(feed: str, db: str, *options: str):
    return CliRunner().invoke(cli.app, ["ingest", feed, "--db", db, *options])


@pytest.mark.model
def test_ingest_with_workers_stores_what_a_single_process_stores(feed, expected, tmp_path):
    db = str(tmp_path / "workers.db")
    result = ingest_command(feed, db, "--workers", "2")
    assert result.exit_code == 1  # the bad line
    assert "8 stored, 0 already stored, 1 failed" in result.output
    assert contents(db) == expected
    assert len(expected["events"]) >= 4 and len(expected["failures"]) == 1
    again = ingest_command(feed, db, "--workers", "2")
    assert "0 stored, 8 already stored, 1 failed" in again.output


@pytest.mark.model
def test_ingest_on_a_dask_cluster_stores_what_a_single_process_stores(
    feed, expected, cluster, tmp_path
):
    db = str(tmp_path / "dask.db")
    result = ingest_command(feed, db, "--dask", cluster.scheduler_address)
    assert "8 stored, 0 already stored, 1 failed" in result.output
    assert contents(db) == expected


# ------------------------------------------------------------ the writer, with a fake extractor


def article(name: str, text: str) -> Article:
    return Article(id=name, text=text, input_name=name)


@pytest.mark.model
def test_stored_articles_are_not_sent_and_failures_keep_their_hash(tmp_path, resources):
    db = str(tmp_path / "fake.db")
    old, new = article("old", "Old news from Gao."), article("new", "New news from Mopti.")
    with open_store(db) as store:
        list(ingest_articles([old], store, resources=lambda: resources))
        sent: list[str] = []

        def extract(articles):
            for item in articles:
                sent.append(item.input_name)
                yield WorkFailure(item.input_name, "RuntimeError: boom")

        items = [InputFailure("bad", "not json"), old, new, old]
        outcomes = list(ingest_extracted(items, store, extract=extract))
        failures = store.failures()
    assert sent == ["new"]
    assert [(o.input_name, o.status) for o in outcomes] == [
        ("bad", "failed"), ("old", "skipped"), ("new", "failed"), ("old", "skipped"),
    ]  # fmt: skip
    assert [(f["input_name"], f["message"]) for f in failures] == [
        ("bad", "not json"), ("new", "RuntimeError: boom"),
    ]  # fmt: skip
    assert failures[1]["content_hash"] is not None


def test_nothing_new_starts_no_extraction(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        outcomes = ingest_extracted(
            [InputFailure("bad", "x")], store, extract=lambda _: pytest.fail("extract called")
        )
        assert [o.status for o in outcomes] == ["failed"]
