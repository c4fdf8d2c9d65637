"""Issue 14's property: whatever a feed holds (text, bytes, JSON lines), `extract` and `ingest`
end without a traceback, every input gives a result or one error naming it, and every input that
`extract` gives a result for is stored by `ingest`."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from faultline import cli
from faultline.store import open_store

pytestmark = pytest.mark.model
SENTENCES = [
    "Gunmen killed seven villagers in Bama, in Nigeria's Borno state, on Saturday, police said.",
    "Hundreds of students protested in Nairobi, Kenya, on Monday against rising fees.",
    "Les combats ont fait au moins douze morts lundi dans la ville de Goma, selon des sources "
    "locales, et des milliers de personnes ont fui vers le Rwanda voisin.",
]
# Any code point, lone surrogates and controls included.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
TEXTS = st.one_of(ANY_TEXT, st.sampled_from(SENTENCES),
                  st.tuples(st.sampled_from(SENTENCES), ANY_TEXT).map(" ".join))  # fmt: skip
RECORDS = st.one_of(
    st.fixed_dictionaries(
        {"text": TEXTS},
        optional={
            "id": st.one_of(ANY_TEXT, st.integers()),
            "title": ANY_TEXT,
            "published": st.sampled_from(["2023-06-11", "0001-01-01", "9999-12-31", "soon", ""]),
        },
    ).map(json.dumps),  # fmt: skip
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    ANY_TEXT.map(json.dumps),
    ANY_TEXT.filter(lambda s: "\n" not in s and "\r" not in s),
)
INPUTS = st.lists(
    st.one_of(
        st.tuples(st.just(".txt"), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))),
        st.tuples(st.just(".txt"), st.binary(max_size=80)),
        st.tuples(st.just(".jsonl"), st.lists(RECORDS, min_size=1, max_size=4)
                  .map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))),
    ),
    min_size=1, max_size=4,
)  # fmt: skip
runner = CliRunner()


@pytest.fixture
def real_pipeline(monkeypatch, resources) -> None:
    monkeypatch.setattr(cli, "_resources", lambda settings: resources)
    monkeypatch.setattr("faultline.pipeline.load", lambda settings=None: resources)


@given(inputs=INPUTS)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_input_gives_a_result_or_one_error_and_good_ones_are_stored(
    real_pipeline: None, inputs: list[tuple[str, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (suffix, content) in enumerate(inputs):
            path = Path(folder) / f"input-{number}{suffix}"
            path.write_bytes(content)
            paths.append(str(path))
        extracted = runner.invoke(cli.app, ["extract", *paths])
        assert extracted.exit_code in (0, 1), extracted.output
        assert extracted.exception is None or isinstance(extracted.exception, SystemExit)
        assert "Traceback" not in extracted.output
        results = [json.loads(line) for line in extracted.stdout.splitlines()]
        errors = [line for line in extracted.stderr.splitlines()
                  if line.startswith("faultline: error: ")]  # fmt: skip
        failed = [re.match(r"faultline: error: (.+?(?:\.txt|\.jsonl(?::\d+)?)): ", line)
                  for line in errors]  # fmt: skip
        assert all(failed), errors  # each error names its input
        names = [m.group(1) for m in failed if m]
        assert len(names) == len(set(names))  # one error per input
        assert (extracted.exit_code == 1) == bool(errors)
        summary = f"{len(errors)} of {len(errors) + len(results)} inputs failed"
        assert not errors or summary in extracted.stderr

        db = str(Path(folder) / "store.db")
        ingested = runner.invoke(cli.app, ["ingest", *paths, "--db", db])
        assert ingested.exit_code in (0, 1), ingested.output
        assert ingested.exception is None or isinstance(ingested.exception, SystemExit)
        assert "Traceback" not in ingested.output
        with open_store(db) as store:
            stored = {store.article(i)["article"]["text"] for i in store.article_ids()}
        assert {r["article"]["text"] for r in results} <= stored
