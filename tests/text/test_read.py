from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from faultline.records import Article
from faultline.text.read import InputFailure, read_inputs

ENGLISH = (
    "Fighting between the army and the Rapid Support Forces killed at least 12 civilians in "
    "El Geneina on Monday, local officials said. The clashes began early in the morning, when "
    "fighters entered the market, witnesses told reporters. More than 3,000 people fled."
)
HTML = f"""<!DOCTYPE html><html><head><title>Darfur clashes kill 12</title>
<meta property="article:published_time" content="2023-05-02T10:00:00+02:00"></head>
<body><nav>Home | World | Africa</nav><article><h1>Darfur clashes kill 12</h1><p>{ENGLISH}</p>
<p>Background: see https://example.org/2019/01/01/old-story for the 2019 revolution.</p>
</article><footer>All rights reserved</footer></body></html>"""
SEP_14 = dt.date(2022, 9, 14)


def read(
    tmp_path: Path, name: str, content: str | bytes, **options
) -> list[Article | InputFailure]:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    kwargs = {"published": None, "url": None, "source": None, "max_bytes": 1_000_000, **options}
    return list(read_inputs([str(path)], **kwargs))


def test_text_file(tmp_path: Path) -> None:
    [article] = read(tmp_path, "sudan.txt", ENGLISH, published=SEP_14, source="AFP", url="u")
    assert isinstance(article, Article)
    assert (article.id, article.text, article.published) == ("sudan", ENGLISH, SEP_14)
    assert (article.source, article.url, article.input_name) == (
        "AFP",
        "u",
        str(tmp_path / "sudan.txt"),
    )


def test_text_file_sidecar_metadata(tmp_path: Path) -> None:
    meta = {"id": "geneina-1", "published": "2 May 2023", "source": "Reuters", "title": "T"}
    (tmp_path / "story.json").write_text(json.dumps(meta), encoding="utf-8")
    [article] = read(tmp_path, "story.txt", ENGLISH, published=SEP_14)
    assert isinstance(article, Article)
    assert (article.id, article.published, article.source, article.title) == (
        "geneina-1", dt.date(2023, 5, 2), "Reuters", "T")  # fmt: skip


def test_html_file(tmp_path: Path) -> None:
    [article] = read(tmp_path, "page.html", HTML)
    assert isinstance(article, Article)
    assert article.title == "Darfur clashes kill 12"
    assert article.published == dt.date(2023, 5, 2)
    assert article.text.startswith("Fighting between the army")
    assert "\n\n" in article.text and "Home | World" not in article.text


def test_html_date_never_from_a_url_in_the_body(tmp_path: Path) -> None:
    html = HTML.replace(
        '<meta property="article:published_time" content="2023-05-02T10:00:00+02:00">', ""
    )
    [article] = read(tmp_path, "page.htm", html, published=SEP_14)
    assert isinstance(article, Article)
    assert article.published == SEP_14  # not 2019-01-01 from the link


def test_jsonl_records_and_failures(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ENGLISH, "published": "2023-05-02", "source": "AP"}),
        "",
        "{not json",
        json.dumps({"id": 7, "html": HTML}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": ENGLISH, "published": "someday"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ENGLISH}),
    ]
    items = read(tmp_path, "batch.jsonl", "\n".join(lines), published=SEP_14)
    name = str(tmp_path / "batch.jsonl")
    kinds = ["Article", "InputFailure", "Article", "InputFailure", "InputFailure", "InputFailure",
             "Article"]  # fmt: skip
    assert [type(i).__name__ for i in items] == kinds
    assert [i.input_name for i in items] == [f"{name}:{n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    first, _, html_article, _, _, _, last = items
    assert (
        isinstance(first, Article)
        and isinstance(html_article, Article)
        and isinstance(last, Article)
    )
    assert (first.id, first.published, first.source) == ("a1", dt.date(2023, 5, 2), "AP")
    assert (html_article.id, html_article.published) == ("7", dt.date(2023, 5, 2))
    assert (last.id, last.published) == ("batch-8", SEP_14)
    assert "invalid JSON" in items[1].message and "no text" in items[3].message


def test_json_object_and_list(tmp_path: Path) -> None:
    [one] = read(tmp_path, "one.json", json.dumps({"id": "x", "text": ENGLISH}))
    assert isinstance(one, Article) and one.id == "x"
    items = read(
        tmp_path, "many.json", json.dumps([{"text": ENGLISH}, 5, {"id": "z", "text": ENGLISH}])
    )
    assert [getattr(i, "id", None) for i in items] == ["many-1", None, "z"]
    assert items[1].input_name.endswith("many.json[1]")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", "empty input"),
        ("blank.txt", " \n\n \t", "empty input"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("control.txt", bytes(range(1, 9)) * 50, "binary file"),
        ("broken.json", "{", "invalid JSON"),
        ("number.json", "42", "must be an object"),
        ("french.txt", "Les combats entre l'armée et les rebelles ont fait au moins douze morts"
         " lundi dans la ville de Goma, selon des sources locales. Des milliers de personnes ont"
         " fui vers le Rwanda voisin, ont indiqué les autorités. Le gouvernement a condamné.",
         "not English"),
        ("tags.html", "<html><body><div></div></body></html>", "no article text"),
    ],
)  # fmt: skip
def test_bad_inputs(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    [failure] = read(tmp_path, name, content)
    assert isinstance(failure, InputFailure)
    assert failure.input_name == str(tmp_path / name)
    assert message in failure.message


def test_encodings(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners in Bamako said the attack lasted two hours."
    encoded = [("bom.txt", b"\xef\xbb\xbf" + text.encode()), ("cp.txt", text.encode("cp1252")),
               ("u16.txt", text.encode("utf-16"))]  # fmt: skip
    for name, data in encoded:
        [article] = read(tmp_path, name, data)
        assert isinstance(article, Article) and article.text == text


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: no 50 MB written
    [failure] = list(read_inputs([str(path)], published=None, url=None, source=None,
                                 max_bytes=20_000_000))  # fmt: skip
    assert isinstance(failure, InputFailure)
    assert "50.0 MB" in failure.message and "limit" in failure.message


def test_missing_file_and_order(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(good), str(tmp_path)], published=None,
                             url=None, source=None, max_bytes=1000))  # fmt: skip
    assert [type(i).__name__ for i in items] == ["InputFailure", "Article", "InputFailure"]
    assert items[0].message == "no such file" and "directory" in items[2].message


@pytest.mark.parametrize(
    ("stdin", "ids"),
    [
        (ENGLISH, ["stdin"]),
        (HTML, ["stdin"]),
        (json.dumps({"id": "s1", "text": ENGLISH}) + "\n" + json.dumps({"id": "s2", "text": "x"}),
         ["s1", "s2"]),
        (json.dumps([{"id": "l1", "text": ENGLISH}]), ["l1"]),
    ],
)  # fmt: skip
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, stdin: str, ids: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    items = list(read_inputs(["-"], published=None, url=None, source=None, max_bytes=100_000))
    assert [getattr(i, "id", None) for i in items] == ids


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode() * 10)))
    [failure] = list(read_inputs(["-"], published=None, url=None, source=None, max_bytes=100))
    assert isinstance(failure, InputFailure) and failure.input_name == "<stdin>"


def test_html_falls_back_to_visible_text(tmp_path: Path) -> None:
    """Markup where trafilatura finds no main text still gives its real paragraphs."""
    html = f"<html><body><aside><p>{ENGLISH}</p></aside><script>var x = 1;</script></body></html>"
    [article] = read(tmp_path, "odd.html", html)
    assert isinstance(article, Article)
    assert article.text == ENGLISH
