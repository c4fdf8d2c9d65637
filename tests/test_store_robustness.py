"""The store under abuse: an ingest killed with SIGKILL and resumed, two processes ingesting into
one PostgreSQL database at once. Each test runs `faultline ingest` in real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from faultline.store import open_store

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
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
    # Overlapping halves, one backwards; each event's two reports are split across the processes.
    first = write_feed(tmp_path / "first.jsonl", [ARTICLES[i] for i in (0, 2, 4, 6, 7, 8, 9)])
    second = write_feed(tmp_path / "second.jsonl",
                        [ARTICLES[i] for i in (11, 10, 9, 8, 7, 5, 3, 1)])  # fmt: skip
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
