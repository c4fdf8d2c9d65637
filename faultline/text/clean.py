"""Clean scraped article text: the text every offset in the output refers to.

    normalise characters -> rejoin words hyphenated across lines -> drop debris lines and inline
    debris -> unwrap hard line breaks into paragraphs ("\\n\\n" between them)

The steps after character normalisation repeat until nothing changes, so `clean_text` is idempotent.
Every step keeps, for each character, the offset of the raw character it came from; that is how a
dropped stretch is reported as a span of the *raw* text (`CleanedText.removed`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from ..records import CleanedText, Span

# One character in, one character out: offsets are unchanged by this table.
_ONE_TO_ONE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
        "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u205f": " ",
        "\u3000": " ", "\u200b": " ", "\t": " ", "\f": " ", "\v": " ",
        "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
        "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")

# A hyphen at the end of a line, the next line starting a word: "rocket-\nartillery".
_LINE_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])- *\n *(?=[A-Za-z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z0-9]+)$")
_WORD_AFTER = re.compile(r"[A-Za-z0-9]+")
# Right-hand parts that make a compound, whatever the left part: "six-month-old", "Moscow-led".
_COMPOUND_RIGHT = frozenset(
    "old year years month months week weeks day days hour hours minute minutes based led backed "
    "owned run held controlled linked affiliated allied aligned born made armed style like wide "
    "scale range level term caliber calibre called speaking majority dominated funded sponsored "
    "supported oriented related induced torn ridden hit affected stricken free long strong "
    "fire".split()
)  # fmt: skip

_URL = r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'\"]"
_INLINE_DEBRIS = (
    re.compile(r"[ \t]*\(\s*" + _URL + r"\s*\)"),
    re.compile(r"[ \t]*" + _URL),
    re.compile(
        r"[ \t]*\((?:file\s+)?(?:photo|photograph|picture|image|credit)s?\s*(?:by\b|:)"
        r"[^()]{0,300}\)",
        re.IGNORECASE,
    ),
)

# A line (or paragraph) that is scraping debris as a whole; (pattern, most words it may have).
_DEBRIS_LINES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), limit)
    for pattern, limit in (
        (r"^(related|recommended|suggested|trending|latest|most read)"
         r"(\s+(articles?|stories|story|news|content|coverage|reading|posts?|links?|topics?))?"
         r"\s*[:>|\u00bb\u2014-]", 40),
        (r"^(read|see)\s+(more|also)\b", 25),
        (r"^also\s+read\b", 25),
        (r"^(more|watch|listen)\s*:", 25),
        (r"^(file\s+)?(photo|photos|photograph|picture|image|credit|caption|video)\s*[:|/]", 40),
        (r"^\(?(photo|picture|image)s?\s+(by|courtesy)\b", 25),
        (r"^share(\s+(this|on|via|the|article|story|page|link)\b.*)?[.:!]?$", 8),
        (r"^(share|tweet|email|e-mail|print|comments?|facebook|twitter|x|whatsapp|linkedin|telegram"
         r"|reddit|copy link)(\s*[|/,\u2022\u00b7]?\s*(share|tweet|email|e-mail|print|comments?"
         r"|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|copy link))*[.!]?$", 12),
        (r"^follow\s+(us|@|the\s+author|our)\b", 20),
        (r"^follow\b.*\bon\s+(twitter|x|facebook|instagram|telegram|whatsapp|google news)\b", 20),
        (r"^(advertisement|advertising|sponsored( content)?|ad|scroll to continue( with content)?"
         r"|continue reading|story continues below( advertisement)?)[.!]?$", 6),
        (r"^(subscribe|sign up)\b", 20),
        (r"^click here\b", 20),
        (r"^(copyright|\u00a9|\(c\))", 25),
        (r"^(https?://|www\.)\S+$", 1),
    )
)  # fmt: skip
# A debris line whose short block goes on with a wrapped headline: "Related article: ...".
_HEADLINE_DEBRIS = re.compile(
    r"^(related|recommended|suggested|read more|read also|also read|see also)", re.IGNORECASE
)
_TERMINAL = re.compile(r"[.!?:][\"')\]]*$")


@dataclass(frozen=True, slots=True)
class _Tracked:
    """Text with, for each character, the offset of the raw character it came from."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int, raw: str) -> Span:
        raw_start = self.origin[start]
        raw_end = self.origin[end - 1] + 1
        return Span(raw_start, raw_end, raw[raw_start:raw_end])


def clean_text(raw: str) -> CleanedText:
    """Clean one article's raw text; never raises, and `clean_text(c.text).text == c.text`."""
    if not isinstance(raw, str):
        raw = str(raw)
    text = _normalise(raw)
    removed: list[Span] = []
    for _ in range(8):  # each round only removes; two rounds are almost always enough
        before = text.text
        text = _rejoin_hyphens(text)
        text = _drop_debris_lines(text, raw, removed)
        text = _drop_inline_debris(text, raw, removed)
        text = _unwrap(text)
        if text.text == before:
            break
    return CleanedText(text=text.text, removed=tuple(sorted(set(removed), key=lambda s: s.start)))


# --------------------------------------------------------------------------- tracked substitution


def _substitute(
    text: _Tracked, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> _Tracked:
    """`pattern.sub(replace, ...)` that keeps each character's raw origin."""
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for match in pattern.finditer(text.text):
        new = replace(match)
        if new == match.group():
            continue
        pieces.append(text.text[last : match.start()])
        origin.extend(text.origin[last : match.start()])
        pieces.append(new)
        origin.extend(_origin_at(text, match.start() + min(i, len(match.group()) - 1))
                      for i in range(len(new)))  # fmt: skip
        last = match.end()
    if not pieces:
        return text
    pieces.append(text.text[last:])
    origin.extend(text.origin[last:])
    return _Tracked("".join(pieces), tuple(origin))


def _origin_at(text: _Tracked, index: int) -> int:
    if 0 <= index < len(text.origin):
        return text.origin[index]
    return text.origin[-1] + 1 if text.origin else 0


def _remove(
    text: _Tracked, spans: list[tuple[int, int]], raw: str, removed: list[Span]
) -> _Tracked:
    """Drop the (start, end) stretches of `text`, recording each as a span of the raw text."""
    if not spans:
        return text
    keep_text: list[str] = []
    keep_origin: list[int] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if start >= end:
            continue
        keep_text.append(text.text[last:start])
        keep_origin.extend(text.origin[last:start])
        removed.append(text.span(*_trimmed(text.text, start, end), raw))
        last = end
    keep_text.append(text.text[last:])
    keep_origin.extend(text.origin[last:])
    return _Tracked("".join(keep_text), tuple(keep_origin))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch without its surrounding whitespace (for the record of what was removed)."""
    while start < end - 1 and text[start].isspace():
        start += 1
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end


# ----------------------------------------------------------------------------------------- steps


def _normalise(raw: str) -> _Tracked:
    text = _Tracked(raw.translate(_ONE_TO_ONE), tuple(range(len(raw))))
    text = _substitute(text, re.compile(r"\r\n?"), lambda m: "\n")
    return _substitute(text, _INVISIBLE, lambda m: "")


def _rejoin_hyphens(text: _Tracked) -> _Tracked:
    def replace(match: re.Match[str]) -> str:
        left = _WORD_BEFORE.search(text.text, max(0, match.start() - 64), match.start())
        right = _WORD_AFTER.match(text.text, match.end())
        if left is None or right is None:
            return "-"
        return "-" if keeps_hyphen(left.group(1), right.group()) else ""

    return _substitute(text, _LINE_HYPHEN, replace)


def keeps_hyphen(left: str, right: str) -> bool:
    """Whether "left-" at a line end and "right" on the next line form a hyphenated compound."""
    words = english_words()
    if not right[:1].islower() or any(c.isdigit() for c in left + right[:1]):
        return True  # "Nagorno-Karabakh", "COVID-19", "10-year"
    if right.lower() in _COMPOUND_RIGHT:
        return True  # "six-month-old", "Moscow-led"
    if (left + right).lower() in words:
        return False  # "ap-proach", "govern-ment"
    return left.lower() in words and right.lower() in words  # "rocket-artillery" vs "unrec-ognised"


def _drop_debris_lines(text: _Tracked, raw: str, removed: list[Span]) -> _Tracked:
    spans: list[tuple[int, int]] = []
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", text.text))
    skip_until = -1
    has_blank_lines = re.search(r"\n *\n", text.text) is not None
    for index, line in enumerate(lines):
        if line.start() < skip_until or not line.group():
            continue
        content = " ".join(line.group().split())
        if not is_debris(content):
            continue
        end = line.end()
        if has_blank_lines and _HEADLINE_DEBRIS.match(content):
            end = _wrapped_headline_end(lines, index)
        spans.append((line.start(), end))
        skip_until = end
    return _remove(text, spans, raw, removed)


def _wrapped_headline_end(lines: list[re.Match[str]], index: int) -> int:
    """A "Related article:" headline may wrap onto the next lines of its block; drop those too."""
    end = lines[index].end()
    words = 0
    for line in lines[index + 1 :]:
        if not line.group().strip():
            return end
        words += len(line.group().split())
        if words > 25:
            return lines[index].end()
        end = line.end()
    return end


def is_debris(line: str) -> bool:
    """Whether one whitespace-normalised line is scraping debris ("Read more", "Photo: AFP")."""
    if not line:
        return False
    words = len(line.split())
    return any(words <= limit and pattern.search(line) for pattern, limit in _DEBRIS_LINES)


def _drop_inline_debris(text: _Tracked, raw: str, removed: list[Span]) -> _Tracked:
    for pattern in _INLINE_DEBRIS:
        text = _remove(text, [m.span() for m in pattern.finditer(text.text)], raw, removed)
    return text


def _unwrap(text: _Tracked) -> _Tracked:
    """Blank lines separate paragraphs; a single line break inside a paragraph becomes a space."""
    has_blank_lines = re.search(r"\n[ ]*\n", text.text) is not None
    lines = [line.rstrip() for line in text.text.split("\n") if line.strip()]
    widest = max((len(line) for line in lines), default=0)
    # Without blank lines: lines that mostly end sentences are paragraphs, one per line.
    one_per_line = sum(1 for line in lines if _TERMINAL.search(line)) >= 0.6 * len(lines)

    def replace(match: re.Match[str]) -> str:
        if match.group().count("\n") >= 2:
            return "\n\n"
        if has_blank_lines:
            return " "
        line_start = text.text.rfind("\n", 0, match.start()) + 1
        line = text.text[line_start : match.start()]
        short = one_per_line or len(line) < 0.8 * widest or widest > 200
        ends_paragraph = _TERMINAL.search(line) and short
        return "\n\n" if ends_paragraph else " "

    text = _substitute(text, re.compile(r" *\n[ \n]*"), replace)
    text = _substitute(text, re.compile(r" {2,}"), lambda m: " ")
    return _strip(text)


def _strip(text: _Tracked) -> _Tracked:
    start = len(text.text) - len(text.text.lstrip())
    end = len(text.text.rstrip())
    if start == 0 and end == len(text.text):
        return text
    return _Tracked(text.text[start:end], text.origin[start:end])


@functools.cache
def english_words() -> frozenset[str]:
    """Lower-case English words (the spaCy model's vocabulary, `data/english_words.txt`): a word
    outside it is likely a name. Read once; shared by cleaning, true-casing and the places stage."""
    path = resources.files("faultline") / "data" / "english_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
