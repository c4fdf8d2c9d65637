from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline import cli
from faultline.store import open_store
from faultline.store.ingest import ingest_articles
from faultline.text.read import read_inputs

pytestmark = pytest.mark.model

ARTICLES = [
    {"id": "wire-1", "source": "Wire One", "published": "2023-06-11",
     "text": "Gunmen killed seven villagers in Bama, in Nigeria's Borno state, on Saturday, the "
             "police said.\n\nThe attackers arrived on motorcycles and burned several homes."},
    {"id": "wire-2", "source": "Wire Two", "published": "2023-06-11",
     "text": "At least nine people were killed when gunmen attacked Bama in Borno state, Nigeria, "
             "on Saturday, a local official told reporters.\n\nThe army sent troops to the area."},
    {"id": "wire-3", "source": "Wire One", "published": "2023-06-12",
     "text": "Hundreds of students protested peacefully in Nairobi, Kenya, on Monday against "
             "rising fees, police said."},
]  # fmt: skip


def write_feed(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def read(feed: str):
    return read_inputs([feed], published=None, url=None, source=None, max_bytes=1_000_000)


def ingest(feed: str, db: str, resources, load=None) -> list[str]:
    with open_store(db) as store:
        outcomes = ingest_articles(read(feed), store, resources=load or (lambda: resources))
        return [outcome.status for outcome in outcomes]


def stored_events(db: str) -> list[dict]:
    with open_store(db) as store:
        return list(store.events())


def test_ingesting_twice_skips_everything_and_keeps_the_events(tmp_path, resources) -> None:
    feed, db = write_feed(tmp_path / "feed.jsonl", ARTICLES), str(tmp_path / "a.db")
    assert ingest(feed, db, resources) == ["stored"] * 3
    first = stored_events(db)
    assert ingest(feed, db, None, lambda: pytest.fail("nothing to extract")) == ["skipped"] * 3
    assert stored_events(db) == first


def test_two_reports_of_one_attack_merge_in_any_order(tmp_path, resources) -> None:
    forward = write_feed(tmp_path / "f.jsonl", ARTICLES)
    backward = write_feed(tmp_path / "b.jsonl", ARTICLES[::-1])
    ingest(forward, str(tmp_path / "f.db"), resources)
    ingest(backward, str(tmp_path / "b.db"), resources)
    events = stored_events(str(tmp_path / "f.db"))
    assert events == stored_events(str(tmp_path / "b.db"))
    bama = [e for e in events if e["location"] == "Bama"]
    assert len(bama) == 1
    assert sorted(s["article_id"] for s in bama[0]["sources"]) == ["wire-1", "wire-2"]


def test_an_interrupted_ingest_resumes(tmp_path, resources) -> None:
    feed, db = write_feed(tmp_path / "feed.jsonl", ARTICLES), str(tmp_path / "r.db")
    with open_store(db) as store:
        for outcome in ingest_articles(read(feed), store, resources=lambda: resources):
            assert outcome.status == "stored"
            break  # the process dies after its first commit
    assert ingest(feed, db, resources) == ["skipped", "stored", "stored"]


# ----------------------------------------------------------------------------------- commands


@pytest.fixture
def run(monkeypatch, resources):
    monkeypatch.setattr("faultline.pipeline.load", lambda settings=None: resources)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli.app, list(args))

    return invoke


@pytest.fixture
def db(tmp_path, run) -> str:
    path = str(tmp_path / "cli.db")
    result = run("ingest", write_feed(tmp_path / "feed.jsonl", ARTICLES), "--db", path)
    assert result.exit_code == 0, result.output
    return path


def test_ingest_stores_failures_and_exits_1(tmp_path, run) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    feed = write_feed(tmp_path / "feed.jsonl", [ARTICLES[2], {"id": "x", "text": " "}])
    path = str(tmp_path / "f.db")
    result = run("ingest", str(tmp_path / "bad.txt"), feed, "--db", path)
    assert result.exit_code == 1
    assert "1 stored, 0 already stored, 2 failed" in result.output
    assert "bad.txt: binary file" in result.output
    with open_store(path) as store:
        failures = store.failures()
    assert [f["input_name"].rsplit("/", 1)[-1] for f in failures] == ["bad.txt", "feed.jsonl:2"]
    assert failures[1]["message"] == "empty text"


@pytest.mark.parametrize(
    ("options", "locations"),
    [
        ((), ["Bama", "Nairobi"]),
        (("--country", "ke"), ["Nairobi"]),
        (("--source", "wire two"), ["Bama"]),
        (("--near", "11.5,13.7,30"), ["Bama"]),
        (("--since", "2023-06-12"), ["Nairobi"]),
        (("--type", "protest"), ["Nairobi"]),
    ],
)
def test_events_command_filters(db: str, run, options: tuple, locations: list[str]) -> None:
    result = run("events", "--db", db, "--format", "jsonl", *options)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(e["location"] for e in events) == locations


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--near", "north"), "--near must be LAT,LON,KM"),
        (("--since", "June"), "--since must be a day"),
        (("--format", "xml"), "--format must be table or jsonl"),
    ],
)
def test_events_command_refuses_bad_options(db: str, run, options: tuple, message: str) -> None:
    result = run("events", "--db", db, *options)
    assert result.exit_code == 2
    assert message in result.output


def test_events_table(db: str, run) -> None:
    result = run("events", "--db", db)
    assert result.exit_code == 0
    assert "Events (2)" in result.stdout


def test_export_formats_parse_back(db: str, run, tmp_path) -> None:
    import pyarrow.parquet as pq

    outputs = {}
    for format, name in (("jsonl", "e.jsonl"), ("acled-csv", "e.csv"), ("geojson", "e.geojson"),
                         ("parquet", "e.parquet")):  # fmt: skip
        path = tmp_path / name
        result = run("export", "--db", db, "--format", format, "-o", str(path))
        assert result.exit_code == 0, result.output
        outputs[format] = path
    lines = [json.loads(line) for line in outputs["jsonl"].read_text().splitlines()]
    rows = list(csv.DictReader(io.StringIO(outputs["acled-csv"].read_text())))
    features = json.loads(outputs["geojson"].read_text())["features"]
    table = pq.read_table(outputs["parquet"]).to_pylist()
    ids = [e["event_id"] for e in lines]
    assert len(ids) == 2
    assert [r["event_id_cnty"] for r in rows] == ids
    assert [f["properties"]["event_id"] for f in features] == ids
    assert [r["event_id"] for r in table] == ids
    bama = next(e for e in lines if e["location"] == "Bama")
    assert len(bama["sources"]) == 2
    assert next(r for r in rows if r["location"] == "Bama")["source"] == "Wire One; Wire Two"
    assert (
        json.loads(next(r for r in table if r["location"] == "Bama")["sources"]) == bama["sources"]
    )


def test_export_parquet_needs_a_file(db: str, run) -> None:
    result = run("export", "--db", db, "--format", "parquet")
    assert result.exit_code == 2
    assert "give an output file" in result.output


def test_a_bad_database_url_is_reported(run) -> None:
    result = run("events", "--db", "mysql://localhost/x")
    assert result.exit_code == 1
    assert "unsupported database URL" in result.output
