"""How many: numbers, number words and vague quantities, with ACLED's conservative reading.

`find_quantities(text, start, end)` finds every quantity phrase in a stretch of text and returns its
count (ACLED's conservative integer), low and high (UCDP-style bounds; None when open) and the rule.

Choices (ACLED's guidance where it has one):
    exact "105"                 count 105, low 105, high 105
    "at least 20", "more than 6,500", "over 40"      count N, low N, high None
    "up to 10", "as many as 10", "at most 10"        count N, low None, high N
    "fewer than 10", "less than 10", "under 10"      count N-1, low None, high N-1
    "around/about/some/approximately/an estimated N" count N, low N, high N
    "nearly/almost/close to/just under N"            count N, low None, high N
    "between 10 and 15", "10 to 15", "10-15", "two or three"  count 10, low 10, high 15
    "a dozen" 12 (exact); "dozens" 12; "scores" 20; "tens" 10; "hundreds" 100; "thousands" 1,000;
    "tens of thousands" 10,000; "hundreds of thousands" 100,000; "millions" 1,000,000;
    "several", "a few", "a handful" 3; "many", "numerous" 10     (vague: low = count, high None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
UNITS = {word: n for n, word in enumerate(_UNIT_WORDS)} | {
    word: 10 * n for n, word in enumerate(_TENS_WORDS, 2)
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "dozens": 12, "scores": 20,
    "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "several": 3,
    "a few": 3, "a handful": 3, "a handful of": 3, "many": 10, "numerous": 10,
}  # fmt: skip

_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = "|".join(SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE}))?"
    rf"|(?:a|an|(?:{_WORD})(?:-(?:{_WORD}))?)\s+(?:{_SCALE})"
    rf"(?:\s+(?:and\s+)?(?:{_WORD})(?:-(?:{_WORD}))?)?"
    rf"|a\s+dozen|(?:{_WORD})(?:-(?:{_WORD}))?)"
)
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
MODIFIERS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than",
    "just over": "more_than", "up to": "up_to", "as many as": "up_to", "at most": "up_to",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
    "around": "approx", "about": "approx", "some": "approx", "approximately": "approx",
    "roughly": "approx", "an estimated": "approx", "estimated": "approx", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "just under": "nearly",
}  # fmt: skip
_MODIFIER = "|".join(re.escape(m) for m in sorted(MODIFIERS, key=len, reverse=True))
QUANTITY_RE = re.compile(
    rf"\b(?:(?P<between>between)\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
    rf"|(?:(?P<mod>{_MODIFIER})\s+)?(?:(?P<vague>{_VAGUE})|(?P<num>{_NUMBER})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<num2>{_NUMBER}))?))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    count: int | None  # ACLED's conservative integer
    low: int | None
    high: int | None
    start: int  # the whole phrase, modifiers included
    end: int
    number_start: int  # the number itself ("2,750" in "at least 2,750")
    number_end: int
    rule: str


def number_value(words: str) -> int | None:
    """The integer a number in digits or words stands for ("6,500", "twenty-five", "2.5 million")"""
    text = " ".join(words.lower().replace(",", "").split())
    if text == "a dozen":
        return 12
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = 1
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current = float(word) if "." in word else int(word)  # type: ignore[assignment]
        elif word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1_000:
                total, current = total + current, 0
        else:
            return None
    return int(total + current)


MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_MONTH_AFTER = re.compile(rf"\s*(?:{MONTHS})\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity phrase in text[start:end], in order (not the day of a date: "8 May")."""
    end = len(text) if end is None else end
    found = [q for match in QUANTITY_RE.finditer(text, start, end) if (q := _quantity(match))]
    return [q for q in found if not _is_day_of_month(text, q)]


def _is_day_of_month(text: str, quantity: Quantity) -> bool:
    if not text[quantity.number_start : quantity.number_end].isdigit():
        return False
    after = _MONTH_AFTER.match(text, quantity.number_end)
    before = _MONTH_BEFORE.search(text, max(0, quantity.number_start - 12), quantity.number_start)
    return after is not None or before is not None


def _quantity(match: re.Match[str]) -> Quantity | None:
    if match.group("between"):
        low, high = number_value(match.group("low")), number_value(match.group("high"))
        if low is None or high is None:
            return None
        return _made(match, (low, low, high), "low", "high", "range")
    if match.group("vague"):
        words = " ".join(match.group("vague").lower().split())
        value: int | None = VAGUE[words]
        bounds: tuple[int | None, int | None, int | None] = (value, value, None)
        group, rule = "vague", "vague." + words.replace(" ", "_")
    else:
        value = number_value(match.group("num"))
        if value is None:
            return None
        second = number_value(match.group("num2")) if match.group("num2") else None
        if second is not None and second > value:
            return _made(match, (value, value, second), "num", "num2", "range")
        if second is not None:  # "5-3" is a score, not a range: keep the first number only
            return _made(match, (value, value, value), "num", "num", "exact", end=match.end("num"))
        bounds, group, rule = (value, value, value), "num", "exact"
    mod = MODIFIERS.get((match.group("mod") or "").lower())
    if mod is not None and value is not None:
        bounds = _modified(mod, value, bounds[1], bounds[2])
        rule = mod if rule == "exact" else f"{mod}+{rule}"
    return _made(match, bounds, group, group, rule)


def _made(
    match: re.Match[str],
    bounds: tuple[int | None, int | None, int | None],
    first: str,
    last: str,
    rule: str,
    end: int | None = None,
) -> Quantity:
    count, low, high = bounds
    phrase_end = match.end() if end is None else end
    return Quantity(
        count, low, high, match.start(), phrase_end, match.start(first), match.end(last), rule
    )


def _modified(
    mod: str, value: int, low: int | None, high: int | None
) -> tuple[int | None, int | None, int | None]:
    if mod in ("at_least", "more_than"):
        return value, value, None
    if mod == "up_to":
        return value, None, value
    if mod == "fewer_than":
        return max(value - 1, 0), None, max(value - 1, 0)
    if mod == "nearly":
        return value, None, value
    return value, low, high  # approx
