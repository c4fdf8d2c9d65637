"""Quote marks: the stretches of a text between paired double quotation marks (no model).

Each paragraph's marks are paired into quotes: a stray closing mark with no opener is ignored; an
opener left open at the end of a paragraph runs to the paragraph's end (the news convention for a
quote continued in the next paragraph). A doubled apostrophe or backtick (''...'', ``...'' in
newspaper archives) is a double mark; a closing curly mark opening a paragraph ('”Fear. ...”')
opens it. Single quotes are never quotes: the cleaned text keeps them for headings ('Peace
efforts undone') and apostrophes. `is_title` tells a short quoted name in Title Case inside a
sentence (a show, a book, a nickname) from words someone said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .reported import QuoteSpan

OPENING_MARKS = frozenset('"“„')
CLOSING_MARKS = frozenset('"”')
OPENERS_BEFORE = frozenset(" \t\n([{—–-/")
DOUBLED_MARKS = frozenset({"''", "``"})
TITLE_WORDS = 6
TITLE_FUNCTION_WORDS = frozenset("a an the of and or in on to for with at by from is".split())


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of the cleaned text (one paragraph per line)."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the double quotation marks of each paragraph; see the module docstring."""
    spans: list[QuoteSpan] = []
    for para_start, para_end in paragraphs(text):
        opened: int | None = None
        for i, width in _marks(text, para_start, para_end):
            if opened is None and _is_opening(text, i, para_start, width):
                opened = i
            elif opened is not None and _is_closing(text, i, width) and i > opened + width:
                spans.append(_trimmed(text, opened, i + width))
                opened = None
        if opened is not None and para_end - opened > 2:
            spans.append(_trimmed(text, opened, para_end))
    return spans


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(offset, width) of each double quotation mark: one character, or a doubled apostrophe or
    backtick (''...'' and ``...'' in wire and newspaper archives)."""
    i = start
    while i < end:
        if text[i] in OPENING_MARKS or text[i] in CLOSING_MARKS:
            yield i, 1
        elif text[i : i + 2] in DOUBLED_MARKS and i + 2 <= end:
            yield i, 2
            i += 1
        i += 1


def _is_opening(text: str, i: int, para_start: int, width: int = 1) -> bool:
    char = text[i : i + width]
    if char == "”":  # a closing mark opens only a paragraph: '”Fear. I am afraid,” she wrote'
        return i == para_start and i + 1 < len(text) and text[i + 1].isalnum()
    if char in ("“", "„", "``"):
        return True
    before = text[i - 1] if i > para_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (i == para_start or before in OPENERS_BEFORE) and not after.isspace()


def _is_closing(text: str, i: int, width: int) -> bool:
    return text[i : i + width] in CLOSING_MARKS or text[i : i + width] == "''"


def _trimmed(text: str, open_: int, close: int) -> QuoteSpan:
    width = 2 if text[open_ : open_ + 2] in DOUBLED_MARKS else 1
    start = open_ + width
    end = close
    if text[close - 2 : close] == "''" and close - 2 >= start:
        end = close - 2
    elif close - 1 > start and text[close - 1] in CLOSING_MARKS:
        end = close - 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return QuoteSpan(open_, start, end, close)


def is_title(text: str, span: QuoteSpan) -> bool:
    """A short quoted name inside a sentence: a show, a book, a nickname ('told "Morning Joe"',
    'the nickname "Lyin' Ted"'), every word capitalised; not words someone said."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[span.start : span.end])
    if not words or len(words) > TITLE_WORDS:
        return False
    capitalised = all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words)
    line_start = text.rfind("\n", 0, span.open) + 1
    return capitalised and words[0][0].isupper() and bool(text[line_start : span.open].strip())


__all__ = ["is_title", "paragraphs", "quote_spans"]
