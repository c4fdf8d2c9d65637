"""The store under abuse: an ingest killed with SIGKILL and resumed, two processes ingesting into
one PostgreSQL database at once. Each test runs `faultline ingest` in real subprocesses."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from faultline.records import EVENT_FIELDS, Article, ArticleResult, Event, Span
from faultline.store import content_hash, database, merge, open_store, schema

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("FAULTLINE_TEST_PG_URL")

# Twelve short wire reports; a01/a02, a03/a04 and a05/a06 tell of one event each.
ARTICLES = [
    {"id": "a01", "source": "Wire One", "published": "2023-06-11",
     "text": "Gunmen killed seven villagers in Bama, in Nigeria's Borno state, on Saturday, the "
             "police said."},
    {"id": "a02", "source": "Wire Two", "published": "2023-06-11",
     "text": "At least nine people were killed when gunmen attacked Bama in Borno state, Nigeria, "
             "on Saturday, a local official said."},
    {"id": "a03", "source": "Wire One", "published": "2023-05-03",
     "text": "Al-Shabaab fighters attacked a military base near Beledweyne, Somalia, on Tuesday, "
             "killing four soldiers, the army said."},
    {"id": "a04", "source": "Wire Three", "published": "2023-05-03",
     "text": "Four Somali soldiers died on Tuesday when al-Shabaab militants stormed an army base "
             "outside Beledweyne, officials said."},
    {"id": "a05", "source": "Wire Two", "published": "2023-03-20",
     "text": "Hundreds of students protested peacefully in Nairobi, Kenya, on Monday against "
             "rising fees, police said."},
    {"id": "a06", "source": "Wire Three", "published": "2023-03-20",
     "text": "Students marched peacefully through Nairobi on Monday to protest higher university "
             "fees, Kenyan police said."},
    {"id": "a07", "source": "Wire One", "published": "2023-08-02",
     "text": "Soldiers clashed with rebels near Goma, in the Democratic Republic of Congo, on "
             "Tuesday, leaving twelve fighters dead, the army said."},
    {"id": "a08", "source": "Wire Four", "published": "2023-08-03",
     "text": "A roadside bomb killed three police officers in Kidal, Mali, on Wednesday, a "
             "security source said."},
    {"id": "a09", "source": "Wire Two", "published": "2023-09-15",
     "text": "Rioters set fire to shops in Medellin, Colombia, on Thursday after a disputed "
             "football match, the mayor said."},
    {"id": "a10", "source": "Wire Four", "published": "2023-10-10",
     "text": "An air strike killed eleven civilians in a village near Sagaing, Myanmar, on "
             "Monday, residents said."},
    {"id": "a11", "source": "Wire Three", "published": "2023-10-10",
     "text": "Residents said eleven civilians died on Monday when military jets bombed a village "
             "near Sagaing in Myanmar."},
    {"id": "a12", "source": "Wire One", "published": "2023-11-21",
     "text": "Paramilitary fighters shelled a market in El Fasher, Sudan, on Monday, killing six "
             "people, witnesses said."},
]  # fmt: skip


def write_feed(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def ingest_command(feed: str, db: str) -> list[str]:
    return [sys.executable, "-m", "faultline.cli", "ingest", feed, "--db", db]


def run_ingest(feed: str, db: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(ingest_command(feed, db), cwd=ROOT, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def snapshot(db: str) -> dict[str, Any]:
    """Everything a reader sees: each article's stored result (events, claims, quotes), by its
    name, and the merged events with their ids and sources; row ids left out."""
    with open_store(db) as store:
        articles = [store.article(row_id) for row_id in store.article_ids()]
        return {
            "articles": {a["article"]["id"]: a for a in articles if a is not None},
            "events": list(store.events()),
            "failures": store.failures(),
        }


def stored_articles(path: Path) -> int:
    """Committed articles, read the way another process would (0 before the table exists)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_an_ingest_killed_after_a_commit_resumes_to_the_clean_result(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    run_ingest(feed, str(tmp_path / "clean.db"))
    killed = tmp_path / "killed.db"
    process = subprocess.Popen(ingest_command(feed, str(killed)), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 240
    while (committed := stored_articles(killed)) == 0 and process.poll() is None:
        assert time.monotonic() < deadline, "no article committed in time"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    survived = stored_articles(killed)  # what the killed process had committed
    assert 1 <= committed <= survived < len(ARTICLES)
    resumed = run_ingest(feed, str(killed))
    assert f"{len(ARTICLES) - survived} stored, {survived} already stored" in resumed.stderr
    clean, after = snapshot(str(tmp_path / "clean.db")), snapshot(str(killed))
    assert len(after["articles"]) == len(ARTICLES)
    assert after == clean


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    """Two fresh databases of the backend: SQLite files, or databases on the PostgreSQL test
    server (dropped after the test; skipped when FAULTLINE_TEST_PG_URL is unset)."""
    if request.param == "sqlite":
        return [str(tmp_path / "shared.db"), str(tmp_path / "single.db")]
    if not PG_URL:
        pytest.skip("FAULTLINE_TEST_PG_URL is unset (start one with scripts/pg.sh start)")
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")  # fmt: skip
    names = [f"faultline_race_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return [PG_URL.rsplit("/", 1)[0] + "/" + name for name in names]


def test_two_processes_ingesting_at_once(tmp_path: Path, two_databases: list[str]) -> None:
    shared, single = two_databases
    # The two reports of each event at the same place in the two feeds, and then the same
    # articles in both: the processes store them at about the same moment.
    first = write_feed(tmp_path / "first.jsonl", [ARTICLES[i] for i in (0, 2, 4, 6, 7, 8, 9)])
    second = write_feed(tmp_path / "second.jsonl",
                        [ARTICLES[i] for i in (1, 3, 5, 6, 7, 8, 10, 11)])  # fmt: skip
    processes = [
        subprocess.Popen(ingest_command(feed, shared), cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
        for feed in (first, second)
    ]  # fmt: skip
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    run_ingest(write_feed(tmp_path / "all.jsonl", ARTICLES), single)
    together, alone = snapshot(shared), snapshot(single)
    with open_store(shared) as store:
        assert store.count("articles") == len(ARTICLES)  # none duplicated, none lost
    assert sorted(together["articles"]) == sorted(a["id"] for a in ARTICLES)
    assert together == alone


def twin_report(name: str, deaths: int) -> ArticleResult:
    """One clash near Kidal as one article tells it."""
    values: dict[str, Any] = {name: None for name in EVENT_FIELDS}
    values.update(event_id="e1", event_type="Battles", sub_event_type="Armed clash",
                  event_date="2023-08-02", time_precision=1, latitude=18.44, longitude=1.41,
                  geo_precision=1, country_code="ML", admin1="Kidal", fatalities=deaths,
                  claim_ids=(), evidence=(Span(0, 5, "Clash"),), confidence=0.7)  # fmt: skip
    article = Article(id=name, text=f"A clash near the town, {name}.", source=name,
                      published=dt.date(2023, 8, 3))  # fmt: skip
    return ArticleResult(article=article, events=(Event(**values),))


def test_a_writer_waits_while_another_merges(two_databases: list[str]) -> None:
    """The race the writers' lock closes: a report stored while another transaction stores its
    twin must wait for that commit, then merge with it (without the lock, neither would see the
    other's report and the event would stay two)."""
    first, second = twin_report("wire-a", 3), twin_report("wire-b", 5)
    with open_store(two_databases[0]) as store:
        with store.engine.connect() as connection:
            transaction = connection.begin()
            schema.lock_writers(connection)
            key = content_hash(first.article.text)
            merge.link_reports(connection, database._insert_result(connection, first, key))
            writer = threading.Thread(target=store.add_result, args=(second,))
            writer.start()
            writer.join(timeout=1.0)
            assert writer.is_alive(), "the second writer did not wait for the first"
            transaction.commit()
        writer.join(timeout=30)
        assert not writer.is_alive()
        events = list(store.events())
    assert [sorted(s["article_id"] for s in e["sources"]) for e in events] == [["wire-a", "wire-b"]]
