"""Read inputs into `Article` records: .txt, .html/.htm, .jsonl, .json and `-` (standard input).

    read_inputs(["a.txt", "b.jsonl"], published=None, url=None, source=None, max_bytes=20_000_000)

yields, in input order, one `Article` per article or one `InputFailure` per input (or JSON line)
that cannot be read, so a batch goes on past a bad input. `Article.text` is still raw here: the
pipeline cleans it. The publication date comes from the record or the HTML metadata, else from
`published`; never from a date written in a URL inside the body text.

A text file `NAME.txt` may have a sidecar `NAME.json` holding its metadata (id, url, source, title,
published) without a text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Problem
from .language import check_language
from .published import parse_published

STDIN = "-"
_STDIN_NAME = "<stdin>"
_SUFFIX_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}  # fmt: skip
# JSON is parsed only when its nesting is at most this deep (Python's parser recurses: a deeper
# document would end the batch with a RecursionError). A record is an object of strings.
MAX_JSON_DEPTH = 64
# A word: at most this many characters without a space, at least one of them a letter.
_MAX_WORD = 40
# Code points no text can hold: lone UTF-16 surrogates (JSON "\ud800", scraped social media) cannot
# be encoded as UTF-8, and PostgreSQL refuses NUL. Each is replaced by U+FFFD at the edge.
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input (file, or file:LINE for JSON Lines) that could not be read, and why; `code` is
    the stable dotted code of the reason (`read.language`, `read.no_words`, `read.input`)."""

    input_name: str
    message: str
    code: str = "read.input"


# ------------------------------------------------------------------------------------ read_inputs


@dataclass(frozen=True, slots=True)
class _Defaults:
    published: dt.date | None
    url: str | None
    source: str | None
    max_bytes: int


def read_inputs(
    inputs: list[str],
    *,
    published: dt.date | None,
    url: str | None,
    source: str | None,
    max_bytes: int,
) -> Iterator[Article | InputFailure]:
    """Yield an `Article` or an `InputFailure` for each article of each input, in input order."""
    defaults = _Defaults(published, url, source, max_bytes)
    for name in inputs:
        try:
            yield from _read_one(name, defaults)
        except InputError as error:
            yield InputFailure(error.input_name, error.message, error.code)


def _read_one(name: str, defaults: _Defaults) -> Iterator[Article | InputFailure]:
    if name == STDIN:
        display, stem = _STDIN_NAME, "stdin"
        text = _decode(_read_stdin(defaults.max_bytes), display)
        kind = _sniff(text)
    else:
        path = Path(name)
        display, stem = name, path.stem or path.name
        text = _decode(_read_file(path, defaults.max_bytes), display)
        kind = _SUFFIX_KINDS.get(path.suffix.lower()) or _sniff(text)
    if not text.strip():
        raise InputError(display, "empty input")
    if kind == "jsonl":
        yield from _read_jsonl(text, display, stem, defaults)
    elif kind == "json":
        yield from _read_json(text, display, stem, defaults)
    elif kind == "html":
        yield _article({"html": text}, display, stem, defaults)
    else:
        metadata = _sidecar(name) if name != STDIN else {}
        yield _article(
            {**metadata, "text": text}, display, str(metadata.get("id") or stem), defaults
        )


def _read_file(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(name, "is a directory, not a file")
        if size > max_bytes:
            limit = f"{_megabytes(max_bytes)} (setting max_input_bytes)"
            raise InputError(name, f"file is {_megabytes(size)}, over the limit of {limit}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(name, f"input is over the limit of {_megabytes(max_bytes)}")
    return data


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(_STDIN_NAME, f"input is over the limit of {_megabytes(max_bytes)}")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(name, "binary file (invalid UTF-16)") from None
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(name, "binary file (not UTF-8 or Windows-1252 text)")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(2, len(text) // 100):
        raise InputError(name, "binary file (control characters), not text")
    return text


def _sniff(text: str) -> str:
    """What standard input (or a file with an unknown suffix) holds: jsonl, json, html or text."""
    head = text.lstrip()[:2000]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            return "jsonl"
    if re.match(r"<(!doctype|html|head|body|article|div|p|main|section|h1)\b", head, re.I):
        return "html"
    return "text"


def _sidecar(name: str) -> dict[str, Any]:
    """Metadata for NAME.txt from NAME.json beside it, when that holds an object without a text."""
    path = Path(name).with_suffix(".json")
    if path == Path(name) or not path.is_file():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"unreadable metadata file: {error}") from None
    if not isinstance(record, dict) or "text" in record or "html" in record:
        return {}
    return {k: record[k] for k in ("id", "url", "source", "title", "published") if k in record}


def _read_jsonl(
    text: str, name: str, stem: str, defaults: _Defaults
) -> Iterator[Article | InputFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_name = f"{name}:{number}"
        try:
            yield _article(_parse_record(line, line_name), line_name, f"{stem}-{number}", defaults)
        except InputError as error:
            yield InputFailure(error.input_name, error.message, error.code)


def _read_json(
    text: str, name: str, stem: str, defaults: _Defaults
) -> Iterator[Article | InputFailure]:
    data = load_json(text, name)
    if isinstance(data, dict):
        yield _article(data, name, stem, defaults)
        return
    if not isinstance(data, list):
        raise InputError(name, "JSON input must be an object or a list of objects")
    for index, record in enumerate(data):
        record_name = f"{name}[{index}]"
        try:
            if not isinstance(record, dict):
                raise InputError(record_name, "a record must be a JSON object")
            yield _article(record, record_name, f"{stem}-{index + 1}", defaults)
        except InputError as error:
            yield InputFailure(error.input_name, error.message, error.code)


def load_json(text: str, name: str) -> Any:
    """`json.loads`, its nesting checked first (`MAX_JSON_DEPTH`); every failure an InputError."""
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(name, f"JSON nested {depth} levels deep, over the limit of "
                               f"{MAX_JSON_DEPTH}", code="read.json")  # fmt: skip
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError(name, f"invalid JSON: {error.msg} ({where})", code="read.json") from None
    except (ValueError, RecursionError) as error:  # an integer of over 4300 digits, ...
        raise InputError(name, f"invalid JSON: {error}", code="read.json") from None


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (brackets inside strings ignored),
    in time linear in the text and without recursion."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _parse_record(line: str, name: str) -> dict[str, Any]:
    record = load_json(line, name)
    if not isinstance(record, dict):
        raise InputError(name, "a record must be a JSON object")
    return record


def article_from_record(record: dict[str, Any], name: str, default_id: str = "article") -> Article:
    """One record {id, text | html, url, source, title, published} as `faultline extract` reads a
    JSON line: HTML extracted, an empty, non-English or malformed record refused with an
    `InputError` naming `name`."""
    return _article(record, name, default_id, _Defaults(None, None, None, 0))


def _article(record: dict[str, Any], name: str, default_id: str, defaults: _Defaults) -> Article:
    """One record {id, text | html, url, source, title, published} -> Article (raw text)."""
    title, published = _string(record, "title", name), None
    text, html = _string(record, "text", name), _string(record, "html", name)
    replaced = 0
    if text is None and html is not None:
        html, replaced = encodable_text(html)
        text, html_title, published = _from_html(html, name)
        title = title or html_title
    if text is None or not text.strip():
        raise InputError(name, "record has no text or html" if text is None else "empty text")
    record_published = _string(record, "published", name)
    if record_published:
        published = parse_published(record_published, input_name=name)
    text, replaced_in_text = encodable_text(text)
    check_words(text, name)
    check_language(text, name)
    article = Article(
        id=_string(record, "id", name) or default_id, text=text,
        url=_string(record, "url", name) or defaults.url,
        source=_string(record, "source", name) or defaults.source, title=title,
        published=published or defaults.published, input_name=name,
    )  # fmt: skip
    return encodable_article(article, replaced=replaced + replaced_in_text)


def encodable_article(article: Article, *, replaced: int = 0) -> Article:
    """The article with every unencodable code point of its text and metadata (`_UNENCODABLE`)
    replaced by U+FFFD and, if any was (or `replaced` were before), a `read.unencodable`
    problem: nothing downstream (hash, store, JSON) can then fail on it."""
    changes: dict[str, Any] = {}
    for key in ("text", "id", "url", "source", "title"):
        value = getattr(article, key)
        if value and _UNENCODABLE.search(value):
            changes[key], count = encodable_text(value)
            replaced += count
    if not replaced:
        return article
    problem = Problem("read.unencodable", f"{replaced} code point(s) that cannot be encoded "
                      "(lone surrogates, NUL) replaced by U+FFFD")  # fmt: skip
    return dataclasses.replace(article, problems=(*article.problems, problem), **changes)


def encodable_text(text: str) -> tuple[str, int]:
    """The text with every unencodable code point (`_UNENCODABLE`) replaced by U+FFFD, and how
    many were replaced."""
    return _UNENCODABLE.subn("\ufffd", text)


def check_words(text: str, name: str) -> None:
    """Refuse a text without a single word (punctuation, digits or symbols only, or one run of
    characters without a space): an InputError with code `read.no_words`."""
    for match in re.finditer(r"\S+", text):
        token = match.group()
        if len(token) <= _MAX_WORD and any(c.isalpha() for c in token):
            return
    longest = max((len(t) for t in text.split()), default=0)
    why = (f"its longest run without a space is {longest:,} characters" if longest > _MAX_WORD
           else "it holds only punctuation, digits or symbols")  # fmt: skip
    raise InputError(name, f"no words: {why}", code="read.no_words")


def _string(record: dict[str, Any], key: str, name: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and key == "id":
        return str(value)
    raise InputError(name, f"field {key!r} must be a string, not {type(value).__name__}")


def _from_html(html: str, name: str) -> tuple[str, str | None, dt.date | None]:
    """Main text (paragraphs split by blank lines), title and publication date of an HTML page."""
    import trafilatura

    date_params = {"original_date": True, "extensive_search": False,  # no dates from URLs in text
                   "max_date": dt.date.today().isoformat()}  # fmt: skip
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=date_params,
        )
    except (ValueError, TypeError, AttributeError) as error:  # trafilatura on broken markup
        raise InputError(name, f"malformed HTML: {error}") from None
    text = getattr(document, "text", None) or _html_fallback_text(html)
    if not text or len(text.split()) < 5:
        raise InputError(name, "no article text found in the HTML")
    title = getattr(document, "title", None)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title.strip() and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    date = getattr(document, "date", None)
    published = parse_published(date, input_name=name) if date else None
    return "\n\n".join(paragraphs), title, published


def _html_fallback_text(html: str) -> str:
    """Visible text of markup that trafilatura could not use (scripts and styles removed)."""
    import lxml.html
    from lxml.etree import ParserError
    from lxml_html_clean import Cleaner

    try:
        tree = Cleaner(scripts=True, style=True, comments=True).clean_html(
            lxml.html.fromstring(html)
        )
    except (ParserError, ValueError):
        return ""
    blocks = (" ".join(node.text_content().split()) for node in tree.iter("p", "li", "blockquote"))
    paragraphs = [b for b in blocks if b]
    return "\n".join(dict.fromkeys(paragraphs)) or " ".join(tree.text_content().split())
