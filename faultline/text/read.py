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

import datetime as dt
import email.utils
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article

STDIN = "-"
_STDIN_NAME = "<stdin>"
_SUFFIX_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}  # fmt: skip
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%d %b. %Y", "%b. %d, %Y", "%A, %d %B %Y", "%A, %B %d, %Y", "%Y/%m/%d",
                 "%Y%m%d")  # fmt: skip
# Common English function words; English news has 35-50% of its words among them, other languages
# a few percent (false friends such as "a", "in", "on", "no"). Checked only on 30 words or more.
_STOPWORDS = frozenset(
    "the a an and or but of in on at to for from by with about against between into through "
    "during before after above below up down out off over under again further then once here "
    "there when where why how all both each few more most other some such no nor not only own "
    "same so than too very can will just should now is are was were be been being have has "
    "had having do does did i me my we our you your he him his she her it its they them their "
    "what which who whom this that these those am would could said says say also as if while "
    "since until because told".split()
)
_ENGLISH_MIN_WORDS = 30
_ENGLISH_MIN_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input (file, or file:LINE for JSON Lines) that could not be read, and why."""

    input_name: str
    message: str


def parse_published(value: str, *, input_name: str) -> dt.date:
    """A publication date: ISO date or datetime, "14 September 2022", "Sep 14, 2022", RFC 2822."""
    text = " ".join(str(value).split())
    for parse in (_parse_iso, _parse_rfc2822, _parse_formats, _parse_loose):
        day = parse(text)
        if day is not None:
            return day
    raise InputError(input_name, f"cannot read the publication date {value!r}")


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("z", "Z")).date()  # the date as written
    except ValueError:
        return None


def _parse_rfc2822(text: str) -> dt.date | None:
    if not re.search(r"\d{1,2}:\d{2}", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_formats(text: str) -> dt.date | None:
    cleaned = (
        re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)
        .replace("Sept.", "Sep.")
        .replace("Sept ", "Sep ")
    )
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _parse_loose(text: str) -> dt.date | None:
    """Last resort: dateparser, requiring day, month and year to be written."""
    if not re.search(r"\d", text) or len(text) > 60:
        return None
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


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
            yield InputFailure(error.input_name, error.message)


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
            yield InputFailure(error.input_name, error.message)


def _read_json(
    text: str, name: str, stem: str, defaults: _Defaults
) -> Iterator[Article | InputFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(name, f"invalid JSON: {error.msg} (line {error.lineno})") from None
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
            yield InputFailure(error.input_name, error.message)


def _parse_record(line: str, name: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(name, f"invalid JSON: {error.msg} (column {error.colno})") from None
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
    if text is None and html is not None:
        text, html_title, published = _from_html(html, name)
        title = title or html_title
    if text is None or not text.strip():
        raise InputError(name, "record has no text or html" if text is None else "empty text")
    record_published = _string(record, "published", name)
    if record_published:
        published = parse_published(record_published, input_name=name)
    _check_english(text, name)
    return Article(
        id=_string(record, "id", name) or default_id,
        text=text,
        url=_string(record, "url", name) or defaults.url,
        source=_string(record, "source", name) or defaults.source,
        title=title,
        published=published or defaults.published,
        input_name=name,
    )


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


def _check_english(text: str, name: str) -> None:
    """Refuse text whose words are rarely common English function words (see `_STOPWORDS`)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _ENGLISH_MIN_WORDS:
        return
    share = sum(1 for w in words if w in _STOPWORDS) / len(words)
    if share < _ENGLISH_MIN_SHARE:
        raise InputError(name, f"not English (only {share:.0%} of its words are common English "
                               f"words; faultline reads English news)")  # fmt: skip
