from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import faultline
from faultline import cli
from faultline.export import ACLED_COLUMNS
from faultline.records import Article, ArticleResult

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = (
    "Gunmen on motorbikes attacked the village of Tin-Akoff in northern Burkina Faso on Sunday, "
    "killing at least eight civilians, a local official said. The army said on Monday that its "
    "troops had pursued the attackers and killed 15 of them near the border with Mali."
)
FRENCH = (
    "Les combats entre l'armée et les rebelles ont fait au moins douze morts lundi dans la ville "
    "de Goma, selon des sources locales. Des milliers de personnes ont fui vers le Rwanda voisin, "
    "ont indiqué les autorités. Le gouvernement a condamné l'attaque."
)
runner = CliRunner()


def write_file(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def sparse_file(folder: Path, name: str, size: int) -> str:
    path = folder / name
    with path.open("wb") as handle:
        handle.truncate(size)  # 50 MB on paper, nothing written
    return str(path)


# Each bad input: (file name, content, the message its error line must carry).
BAD_INPUTS = [
    ("empty.txt", "", "empty input"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary file"),
    ("french.txt", FRENCH, "not English"),
    ("broken.html", "<html><body><div><span></span></div>", "no article text"),
    ("list.json", "[1, 2", "invalid JSON"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_gets_one_error_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = write_file(tmp_path, name, content)
    result = runner.invoke(cli.app, ["extract", path])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("faultline: error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"faultline: error: {path}: ") and message in errors[0]
    assert result.stdout == ""


def test_oversized_and_missing_inputs(tmp_path: Path) -> None:
    big = sparse_file(tmp_path, "big.txt", 50_000_000)
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(cli.app, ["extract", big, missing])
    assert result.exit_code == 1
    assert f"faultline: error: {big}: file is 50.0 MB, over the limit" in result.stderr
    assert f"faultline: error: {missing}: no such file" in result.stderr
    assert "2 of 2 inputs failed" in result.stderr


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    lines = ["{broken", json.dumps({"id": "x", "title": "no text"}),
             json.dumps({"text": ENGLISH, "published": "next week"})]  # fmt: skip
    path = write_file(tmp_path, "batch.jsonl", "\n".join(lines))
    result = runner.invoke(cli.app, ["extract", path])
    assert result.exit_code == 1
    assert f"faultline: error: {path}:1: invalid JSON" in result.stderr
    assert f"faultline: error: {path}:2: record has no text or html" in result.stderr
    assert f"faultline: error: {path}:3: cannot read the publication date" in result.stderr


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    path = write_file(tmp_path, "a.txt", ENGLISH)
    result = runner.invoke(cli.app, ["extract", "--published", "soon", path])
    assert result.exit_code == 2
    assert "--published" in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app, ["extract", "--format", "xml", write_file(tmp_path, "a.txt", ENGLISH)]
    )
    assert result.exit_code == 2 and "--format" in result.stderr


def test_version() -> None:
    result = runner.invoke(cli.app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"faultline {faultline.__version__}"


def test_stage_error_is_that_articles_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception in a stage fails that article (named), and the batch goes on."""

    def analyse(article: Article, parse: object, resources: object) -> ArticleResult:
        if article.id == "bad":
            raise IndexError("tuple index out of range")
        return ArticleResult(article=article)

    nlp = SimpleNamespace(pipe=lambda texts: [object() for _ in texts], parse=lambda text: object())
    monkeypatch.setattr("faultline.pipeline.analyse", analyse)
    monkeypatch.setattr(cli, "_resources", lambda settings: SimpleNamespace(nlp=nlp))
    bad, good = write_file(tmp_path, "bad.txt", ENGLISH), write_file(tmp_path, "good.txt", ENGLISH)
    result = runner.invoke(cli.app, ["extract", bad, good])
    assert result.exit_code == 1
    assert f"faultline: error: {bad}: IndexError: tuple index out of range" in result.stderr
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["good"]


def test_subprocess_exit_code_and_stderr(tmp_path: Path) -> None:
    path = write_file(tmp_path, "empty.txt", "")
    process = subprocess.run(
        [sys.executable, "-m", "faultline.cli", "extract", path],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert process.returncode == 1
    assert process.stderr.splitlines()[0] == f"faultline: error: {path}: empty input"


def test_evaluate_reports_a_missing_corpora_folder(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["evaluate", "--corpora", str(tmp_path / "none")])
    assert result.exit_code != 0


# ------------------------------------------------------------------- with the real pipeline


@pytest.fixture()
def real_pipeline(resources, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI on the session's loaded resources (loaded once for the whole test run)."""
    monkeypatch.setattr(cli, "_resources", lambda settings: resources)


@pytest.mark.model
def test_good_inputs_come_out_in_order_despite_bad_ones(
    tmp_path: Path, real_pipeline: None
) -> None:
    first = write_file(tmp_path, "first.txt", ENGLISH)
    records = [json.dumps({"id": "r1", "text": ENGLISH, "published": "2023-04-03"}), "{oops",
               json.dumps({"id": "r3", "text": ENGLISH}), json.dumps({"id": "r4"}),
               json.dumps({"id": "r5", "text": ENGLISH, "published": "soonish"})]  # fmt: skip
    batch = write_file(tmp_path, "batch.jsonl", "\n".join(records))
    bad = [write_file(tmp_path, name, content) for name, content, _ in BAD_INPUTS]
    big = sparse_file(tmp_path, "big.txt", 50_000_000)
    missing = str(tmp_path / "missing.txt")
    last = write_file(tmp_path, "last.txt", ENGLISH)
    args = ["extract", "--published", "2023-04-04", first, *bad, batch, big, missing, last]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["id"] for o in out] == ["first", "r1", "r3", "last"]
    published = [o["article"]["published"] for o in out]
    assert published == ["2023-04-04", "2023-04-03", "2023-04-04", "2023-04-04"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("faultline: error:")]
    expected = [f"faultline: error: {path}: " for path in bad] + [
        f"faultline: error: {batch}:2: invalid JSON",
        f"faultline: error: {batch}:4: record has no text or html",
        f"faultline: error: {batch}:5: cannot read the publication date",
        f"faultline: error: {big}: file is 50.0 MB, over the limit of 20.0 MB",
        f"faultline: error: {missing}: no such file",
    ]
    assert len(errors) == len(expected)
    assert all(line.startswith(prefix) for line, prefix in zip(errors, expected, strict=True))
    assert "10 of 14 inputs failed" in result.stderr
    assert all(o["article"]["text"] for o in out)


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".json", ".jsonl"])
def test_output_file_format_from_suffix(tmp_path: Path, real_pipeline: None, suffix: str) -> None:
    source = write_file(tmp_path, "a.txt", ENGLISH)
    output = tmp_path / "out" / f"events{suffix}"
    result = runner.invoke(
        cli.app, ["extract", "--published", "2023-04-04", "-o", str(output), source]
    )
    assert result.exit_code == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    if suffix == ".csv":
        assert tuple(next(csv.reader(io.StringIO(text)))) == ACLED_COLUMNS
    elif suffix == ".geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    elif suffix == ".json":
        assert [r["article"]["id"] for r in json.loads(text)] == ["a"]
    else:
        assert json.loads(text.splitlines()[0])["article"]["id"] == "a"


@pytest.mark.model
def test_summary_and_stdin(real_pipeline: None) -> None:
    result = runner.invoke(cli.app, ["extract", "--summary", "--published", "2023-04-04", "-"],
                           input=ENGLISH)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["id"] == "stdin"
    assert "stdin" in result.stderr and "published 2023-04-04" in result.stderr


@pytest.mark.model
def test_example_article(tmp_path: Path, real_pipeline: None) -> None:
    """The bundled example runs end to end: its metadata come from examples/article.json."""
    output = tmp_path / "example.jsonl"
    result = runner.invoke(cli.app, ["extract", "--summary", "-o", str(output),
                                     str(ROOT / "examples" / "article.txt")])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [line] = output.read_text(encoding="utf-8").splitlines()
    article = json.loads(line)["article"]
    assert (article["id"], article["published"], article["source"]) == (
        "mali-boni-example",
        "2023-11-16",
        "AFP",
    )
    assert "Related article" not in article["text"] and "\n\n" in article["text"]
    assert "Events" in result.stdout


def test_a_failed_batch_parse_falls_back_to_one_article_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pipe(texts: object) -> list[object]:
        raise ValueError("batch too large")

    def parse(text: str) -> object:
        if "Kano" in text:
            raise ValueError("cannot parse this one")
        return object()

    nlp = SimpleNamespace(pipe=pipe, parse=parse)
    monkeypatch.setattr("faultline.pipeline.analyse", lambda a, p, r: ArticleResult(article=a))
    monkeypatch.setattr(cli, "_resources", lambda settings: SimpleNamespace(nlp=nlp))
    bad = write_file(tmp_path, "bad.txt", ENGLISH + " Kano")
    good = write_file(tmp_path, "good.txt", ENGLISH)
    result = runner.invoke(cli.app, ["extract", bad, good])
    assert result.exit_code == 1
    assert f"faultline: error: {bad}: ValueError: cannot parse this one" in result.stderr
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["good"]
