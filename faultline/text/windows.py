"""Long texts cut into windows of whole paragraphs, and records moved back to the whole text.

    windows(text, limit=20_000)   -> [(0, 18_250), (18_252, 39_000), ...]   (start, end) offsets
    shifted(record, 18_252)       -> the record with every character offset moved by 18_252

A window ends at a paragraph break ("\\n\\n"); a paragraph longer than `limit` is cut after the
last sentence end (". ") before the limit, else at the last space, else at the limit. Windows
cover the text in order, leave out only the whitespace between them, and each is at most `limit`
characters. The stages run on each window of a long article (their cost per window is bounded,
so the article's cost grows linearly with its length; spaCy never sees a text over its limit),
and `shifted` puts what they found back at its offsets in the whole text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_OFFSET_FIELDS = frozenset({"start", "end", "place_start"})
R = TypeVar("R")


def windows(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive windows of whole paragraphs, each at most `limit` chars."""
    found: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    while start < len(text):
        end = _window_end(text, start, limit)
        stripped = len(text[start:end].rstrip()) + start
        if stripped > start:
            found.append((start, stripped))
        start = _skip_space(text, end)
    return found


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _window_end(text: str, start: int, limit: int) -> int:
    stop = start + limit
    if stop >= len(text):
        return len(text)
    last_break = None
    for match in _PARAGRAPH_BREAK.finditer(text, start, stop):
        last_break = match.start()
    if last_break is not None and last_break > start:
        return last_break
    for separator in (". ", " "):  # one paragraph over the limit
        cut = text.rfind(separator, start, stop)
        if cut > start:
            return cut + len(separator)
    return stop


def shifted(record: R, offset: int) -> R:
    """`record` (a frozen dataclass, or a tuple of them) with its character offsets (`start`,
    `end`, `place_start`, and those of the spans it holds) moved by `offset`."""
    if offset == 0:
        return record
    return _shift(record, offset)


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, tuple):
        return tuple(_shift(item, offset) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if field.name in _OFFSET_FIELDS and isinstance(item, int) and not isinstance(item, bool):
            changes[field.name] = item + offset
        elif isinstance(item, tuple) or dataclasses.is_dataclass(item):
            moved = _shift(item, offset)
            if moved is not item:
                changes[field.name] = moved
    return dataclasses.replace(value, **changes) if changes else value
