"""Issue 14: a hostile feed given to `ingest`: every input stored, reported as a duplicate, or
failed once with its reason; read-only commands never create a store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline import cli
from faultline.store import open_store

TEXT = ("Gunmen killed seven villagers in Bama, in Nigeria's Borno state, on Saturday, the police "
        "said.")  # fmt: skip
OTHER = ("Hundreds of students protested peacefully in Nairobi, Kenya, on Monday against rising "
         "fees, police said.")  # fmt: skip
runner = CliRunner()


@pytest.fixture
def run(monkeypatch, resources):
    monkeypatch.setattr("faultline.pipeline.load", lambda settings=None: resources)
    return lambda *args: runner.invoke(cli.app, [str(a) for a in args])


def feed(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [("events",), ("export", "--format", "jsonl"), ("serve",)])
def test_read_only_commands_refuse_a_missing_store_and_create_nothing(tmp_path, command) -> None:
    missing = tmp_path / "typo.db"
    result = runner.invoke(cli.app, [*command, "--db", str(missing)])
    assert result.exit_code == 1
    assert f"no database at {missing}" in result.output
    assert not missing.exists()


def test_migrate_brings_a_store_up_to_date_for_the_read_only_commands(tmp_path) -> None:
    """A store that lacks the newest migration is refused by `events` with a message that names
    `migrate`; `migrate` applies it (and says so), then `events` reads the store."""
    db = tmp_path / "old.db"
    open_store(str(db)).close()
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM migrations WHERE name = '0010_text_index_keys'")
    refused = runner.invoke(cli.app, ["events", "--db", str(db)])
    assert refused.exit_code == 1
    assert "not an up-to-date faultline store" in refused.output
    assert "faultline migrate --db" in refused.output
    first = runner.invoke(cli.app, ["migrate", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "applied 1 migration(s): 0010_text_index_keys" in first.output
    again = runner.invoke(cli.app, ["migrate", "--db", str(db)])
    assert "the store is up to date" in again.output
    assert runner.invoke(cli.app, ["events", "--db", str(db)]).exit_code == 0


@pytest.mark.model
def test_a_lone_surrogate_is_stored_with_the_good_records_around_it(tmp_path, run) -> None:
    lines = [json.dumps({"id": "a", "text": OTHER}),
             '{"id": "b", "text": "' + TEXT[:-1] + ' \\ud800."}']  # fmt: skip
    db = tmp_path / "s.db"
    result = run("ingest", feed(tmp_path / "f.jsonl", lines), "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 stored, 0 already stored, 0 failed" in result.output
    with open_store(str(db)) as store:
        stored = [store.article(i) for i in store.article_ids()]
    assert "\ufffd" in stored[1]["article"]["text"]
    assert [p["code"] for p in stored[1]["problems"]][:1] == ["read.unencodable"]


@pytest.mark.model
def test_failures_are_recorded_once_per_input(tmp_path, run) -> None:
    lines = [json.dumps({"id": "bad", "text": "!!!"}), "{oops", json.dumps({"text": TEXT})]
    path, db = feed(tmp_path / "f.jsonl", lines), tmp_path / "f.db"
    for _ in range(3):
        result = run("ingest", path, "--db", db)
        assert result.exit_code == 1
    with open_store(str(db)) as store:
        failures = store.failures()
    assert [f["input_name"].rsplit("/", 1)[-1] for f in failures] == ["f.jsonl:1", "f.jsonl:2"]
    assert failures[0]["message"].startswith("no words")


@pytest.mark.model
def test_duplicates_in_a_batch_and_other_metadata_are_duplicates(tmp_path, run) -> None:
    lines = [json.dumps({"id": "one", "url": "https://a.example/1", "text": TEXT}),
             json.dumps({"id": "one", "url": "https://a.example/1", "text": TEXT}),
             json.dumps({"id": "two", "url": "https://b.example/2", "source": "B",
                         "published": "2023-06-11", "text": TEXT})]  # fmt: skip
    path, db = feed(tmp_path / "d.jsonl", lines), tmp_path / "d.db"
    result = run("ingest", path, "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 stored, 0 already stored, 0 failed, 2 duplicates" in result.output
    assert "d.jsonl:3: same text as " in result.output and "another source" in result.output
    with open_store(str(db)) as store:
        [article_id] = store.article_ids()
        sources = store.article_sources(article_id)
    assert [(s["name"], s["url"], s["source"], s["published"]) for s in sources] == [
        ("two", "https://b.example/2", "B", "2023-06-11"),
    ]  # fmt: skip
    again = run("ingest", path, "--db", db)
    assert "0 stored, 3 already stored, 0 failed\n" in again.output  # a rerun: all known
    with open_store(str(db)) as store:
        assert len(store.article_sources(article_id)) == 1  # not added twice


@pytest.mark.model
def test_a_record_with_stored_text_and_other_metadata_becomes_a_source(tmp_path, run) -> None:
    db = tmp_path / "m.db"
    run("ingest", feed(tmp_path / "a.jsonl", [json.dumps({"id": "a", "text": TEXT})]), "--db", db)
    record = {"id": "b", "url": "https://x/b", "text": TEXT}
    later = feed(tmp_path / "b.jsonl", [json.dumps(record)])
    result = run("ingest", later, "--db", db)
    assert "0 stored, 0 already stored, 0 failed, 1 duplicate" in result.output
    assert "same text as stored article 'a'; added as another source of it" in result.output
    with open_store(str(db)) as store:
        [article_id] = store.article_ids()
        assert [s["name"] for s in store.article_sources(article_id)] == ["b"]


@pytest.mark.model
def test_events_and_export_read_an_existing_store_without_writing(tmp_path, run) -> None:
    db = tmp_path / "e.db"
    run("ingest", feed(tmp_path / "a.jsonl", [json.dumps({"text": OTHER})]), "--db", db)
    before = db.read_bytes()
    assert run("events", "--db", db, "--format", "jsonl").exit_code == 0
    assert run("export", "--db", db, "--format", "jsonl").exit_code == 0
    assert db.read_bytes() == before
