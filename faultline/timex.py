"""A small grammar of English temporal expressions, normalised to TIMEX3-style values.

`find_timexes` scans the text with the rules of `RULES` (regular expressions over the text, each
with a resolver in `timenorm.py`), keeps the longest non-overlapping matches, then resolves them in
reading order, so that "the next day" is anchored on the last day the text has set. Calendar
arithmetic lives in `timevalue.py`.

Values follow TimeML: 2022-09-14, 2022-09-13TNI, 2022-W36, 2022-09, 2020-FA, 1989-Q3, 2020, 199 (a
decade), 19 (a century), P6W / P20Y / PXDE (durations), PRESENT_REF. A relative expression with no
publication date gets value None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import timenorm as norm
from .models import DateMention
from .timenorm import Anchor, Resolved
from .timevalue import number


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Anchor], Resolved]
    accept: Callable[[re.Match[str], str, frozenset[int]], bool] | None = None


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d|,\d)(?:st|nd|rd|th)?"
_NUM = (
    r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|a hundred|hundred|a couple of|a few|few|several|many"
    r"|a|an)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century"
    r"|centuries)"
)
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|shall|next(?! to\b)|coming|upcoming|due|scheduled|set (?:for|to)"
    r"|as (?:early|soon) as|plan(?:s|ned|ning)? (?:to|for)|expect(?:s|ed)?|intends? to|going to"
    r"|slated|should"
    r"|supposed to|to be \w+ed|payable|effective)\b|'ll\b|\bby\s+$"
)
_FUTURE_AFTER = re.compile(r"(?i)\s+(?:[a-z]+\s+)?(?:will|is to|is due)\b")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"(?<!\bCo)(?<!\bInc)(?<!\bCorp)(?<!\bLt)(?<!\bCol)(?<!\bNo)[.!?][\"')’”]*\s+"
)
_SEASON_PREPOSITIONS = frozenset("in during over into through throughout until by".split())
_AFTER_A_SECOND = frozenset("later earlier ago or and of after before".split())
_RATE_WORDS = frozenset("million billion thousand hundred twice once times percent".split())
_QUARTER_TALK = re.compile(r"(?i)\bquarter|\bperiod\b")
QUARTER_REACH = 300  # characters: how far back a quarter the text set still frames "a year ago"
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|gov|int)/\S*")
_YEAR_CUES = frozenset(
    "in since of by until till from to before after during through between and or early late mid "
    "the 's year years fiscal spring summer autumn fall winter circa c.".split()
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------- acceptance checks


def _accept_year(m: re.Match[str], text: str, hints: frozenset[int]) -> bool:
    """A bare four-digit number is a year after a temporal cue word, or when spaCy says DATE."""
    start = m.start("year")
    if start > 0 and text[start - 1] in "$£€.,/:#-" and not m["mod"]:
        return False
    if start in hints:
        return True
    before = text[max(0, start - 20) : start].lower().replace("’", "'").split()
    previous = before[-1] if before else ""
    return previous in _YEAR_CUES or previous.endswith("'s") or bool(m["mod"])


def _accept_short_year(m: re.Match[str], text: str, hints: frozenset[int]) -> bool:
    """ "since '82", "in '99": a clipped year after a word that introduces one."""
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    return bool(before) and before[-1] in _YEAR_CUES - {"the", "'s", "and", "or", "to"}


def _accept_bare_month(m: re.Match[str], text: str, hints: frozenset[int]) -> bool:
    """ "May", "March" alone are words too: want a cue ("in May", "last March") or a DATE hint;
    "Jan Kavan" is a name."""
    if re.fullmatch(r"[A-Z][a-z]{2}", m["month"]) and re.match(r"\s+[A-Z]", text[m.end() :]):
        return False
    if m["rel"] or m["yrel"] or m.start("month") in hints:
        return True
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    return bool(before) and before[-1] in _YEAR_CUES - {"the", "'s"}


def _accept_duration(m: re.Match[str], text: str, hints: frozenset[int]) -> bool:
    """Not "a second attack" (an ordinal), nor a rate: "$5m a year", "six flights a day"."""
    if m["n"].lower() not in ("a", "an", "one"):
        return True
    after = text[m.end() : m.end() + 12].split()
    if m["unit"].lower() == "second" and after and after[0][0].isalpha():
        return after[0].lower() in _AFTER_A_SECOND
    before = text[max(0, m.start() - 30) : m.start()].lower().split()
    return not (
        before and (before[-1] in _RATE_WORDS or re.search(r"\d", before[-1]))
        or len(before) > 1 and before[-1].endswith("s") and _counts(before[-2])
    )  # fmt: skip


def _counts(word: str) -> bool:
    """ "24", "four": a number (not the article "a")."""
    return bool(re.search(r"\d", word)) or word not in ("a", "an") and number(word) is not None


def _accept_season(m: re.Match[str], text: str, hints: frozenset[int]) -> bool:
    if m["year"] or m["rel"]:
        return True
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    preposition = before[-2] if len(before) > 1 and before[-1] == "the" else ""
    return m["season"].lower() != "fall" and preposition in _SEASON_PREPOSITIONS


# --------------------------------------------------------------------------- the grammar

_I = "(?i:"
RULES: tuple[Rule, ...] = (
    Rule("date.dmy", _c(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY}))?\s+"
        rf"(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>1\d{{3}}|20\d\d)\b)?"
    ), norm.full_date),
    Rule("date.mdy", _c(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY})\b)?(?:,?\s+(?P<year>1\d{{3}}|20\d\d)\b)?"
    ), norm.full_date),
    Rule("date.numeric", _c(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b"),
         norm.numeric_date),
    Rule("date.iso", _c(
        r"\b(?P<year>(?:1\d|20)\d\d)([-/.])(?P<a>[01]?\d)\2(?P<b>[0-3]?\d)\b(?!\2\d)"
    ), norm.iso_date),
    Rule("date.dotted", _c(r"\b[0-3]?\d([.-])[01]?\d\1(?:1\d|20)\d\d\b"), norm.dotted_date),
    Rule("date.month_year", _c(
        rf"\b(?:{_I}(?:early|late|mid)[\s-]+))?(?P<month>{_MONTH}),?\s+(?:of\s+)?"
        rf"(?P<year>1\d{{3}}|20\d\d)\b"
    ), norm.month_year),
    Rule("date.month", _c(
        rf"\b(?:{_I}(?P<rel>last|this|next|coming|early|late|mid)[\s-]+))?(?P<month>{_MONTH})(?!\w)"
        rf"(?:\s+{_I}(?P<yrel>this|last|next)\s+year)\b)?"
    ), norm.month, accept=_accept_bare_month),
    Rule("date.season", _c(
        rf"\b{_I}(?:(?P<rel>last|this|next|early|late|mid)[\s-]+)?"
        r"(?P<season>spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?(?P<year>1\d{3}|20\d\d))?\b"
    ), norm.season, accept=_accept_season),
    Rule("date.quarter", _c(
        rf"\b{_I}(?:the\s+)?(?:(?P<year0>1\d{{3}}|20\d\d)\s+|(?P<yrel>year-ago|year-earlier"
        r"|last year's|next year's|this year's)\s+)?"
        r"(?:(?P<ordinal>first|second|third|fourth|final|1st|2nd|3rd|4th)"
        r"|(?:latest|last|previous|past|most recent))[\s-]+quarter)\b"
        rf"(?:,?\s+(?:of\s+)?(?P<year>1\d{{3}}|20\d\d)\b|\s+{_I}of\s+(?P<rel2>last|this|next)\s+year)\b)?"
    ), norm.quarter),
    Rule("date.quarter", _c(
        rf"\b{_I}(?:the|this|that)\s+(?:latest\s+)?(?P<bare>quarter)"
        r"|the\s+(?:latest|most\s+recent)\s+(?P<period>period))\b(?!-|\s+(?:of|point)\b)"
    ), norm.quarter),
    Rule("date.quarter", _c(
        rf"\b{_I}(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period|three months))?"
        r"|the\s+year\s+(?:ago|earlier|before)\s+(?:quarter|period|three months))\b"
    ), norm.year_ago_period),
    Rule("date.quarter", _c(
        rf"\b{_I}the\s+)(?P<year>1\d{{3}}|20\d\d)\s+{_I}(?:period|quarter|three months))\b"
    ), norm.year_period),
    Rule("date.year", _c(
        rf"(?:\b{_I}(?P<mod>early|late|mid)[\s-]+))?(?<!\d)(?P<year>1[6-9]\d\d|20\d\d)"
        r"(?![\w%]|[.,:/–-]\d|'s)"
    ), norm.year, accept=_accept_year),
    Rule("date.year", _c(  # as read out on air: "nineteen ninety-six", "the year two thousand"
        rf"\b{_I}nineteen[\s-](?P<tens>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
        r"|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-](?P<units>one|two|three|four|five|six|seven"
        r"|eight|nine|ten))?)\b"
    ), norm.spoken_year),
    Rule("date.holiday", _c(
        rf"\b(?:{_I}(?P<rel>last|this|next)\s+))?(?P<name>Christmas(?:\s+(?:Day|Eve))?"
        r"|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)"
        r"\b(?:,?\s+(?P<year>1\d{3}|20\d\d)\b)?"
        r"(?!\s+(?:and|sales|season|holidays?|period|week|trees?|cards?|Island|Rising)\b)"
    ), norm.holiday),
    Rule("date.year", _c(r"(?<![\w'’])['’](?P<short>\d\d)\b(?!['’]?s\b|\s*%)"), norm.short_year,
         accept=_accept_short_year),
    Rule("date.decade", _c(
        rf"(?:\b{_I}(?:early|late|mid)[\s-]+))?(?:\b(?P<century>1[0-9]|20)(?P<digit>\d)0|"
        r"['’](?P<short>\d)0)['’]?s\b"
    ), norm.decade),
    Rule("date.century", _c(rf"\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+{_I}century)\b"),
         norm.century),
    Rule("date.deictic", _c(
        rf"\b{_I}the day before yesterday|the day after tomorrow|(?:earlier|later) today|today"
        r"|tonight|yesterday|tomorrow|last night|overnight|this (?:morning|afternoon|evening))\b"
    ), norm.deictic_day),
    Rule("date.weekday", _c(
        rf"\b(?:{_I}(?P<rel>last|this coming|this|next|early|late|the previous|the following)\s+))?"
        rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_I}morning|afternoon|evening|night)))?\b"
    ), norm.weekday),
    Rule("date.anchored", _c(
        rf"\b{_I}(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?P<dir>)(?P<n>)"
        r"(?P<unit>day|morning|afternoon|evening|night))\b"
    ), norm.anchored),
    Rule("date.anchored", _c(  # "to end the day", "for the day", "later in the day": that day
        r"(?:(?<=\bend )|(?<=\bended )|(?<=\bending )|(?<=\bfinish )|(?<=\bfinished )|(?<=\bfor )"
        r"|(?<=\bin )|(?<=\bof ))the\s+(?P<dir>)(?P<n>)(?P<unit>day)\b"
        r"(?!\s+(?:before|after)\s+(?:the|a|an|his|her|their|its|[A-Z0-9])|\s+of\b)"
    ), norm.anchored),
    Rule("date.weekend", _c(
        r"(?i:(?<=\bover )|(?<=\bduring )|(?<=\bat )|(?<=\bon )|(?<=\bof )|(?<=\bfor ))"
        rf"the\s+{_I}weekend)\b"
    ), norm.weekend),
    Rule("date.anchored", _c(
        rf"\b{_I}the\s+(?P<dir>next|following|previous|preceding)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year))\b"
    ), norm.anchored),
    Rule("date.anchored", _c(
        rf"\b{_I}(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier))\b"
    ), norm.anchored),
    Rule("date.anchored", _c(
        rf"\b{_I}(?:the\s+)?(?:(?P<n>a|one)\s+)?(?P<unit>day)\s+(?P<dir>before|after))"
        r"(?=\s*[.,;:!?)]|\s*$)"
    ), norm.anchored),
    Rule("date.ago", _c(rf"\b{_I}(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+ago)\b"), norm.ago),
    Rule("date.period", _c(
        rf"\b{_I}(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?"
        r"(?P<rel>last|past|previous|this|next|coming)\s+(?P<unit>week|weekend|month|year))\b"
    ), norm.period),
    Rule("date.period", _c(
        rf"\b{_I}the\s+(?P<rel>current)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|month|quarter|year))\b"
    ), norm.period),
    Rule("date.ref", _c(
        rf"\b{_I}right now|now|currently|at present|at the moment|nowadays|these days"
        r"|presently|recently|lately|the past(?!\s+(?:few|several|\d|[a-z]+(?:s|ty|o|e)\b))"
        r"|the (?:near |foreseeable |distant )?future|current"
        r"|recent(?!\s+(?:years|months|weeks|days)))\b(?!-)"
    ), norm.ref),
    Rule("set", _c(
        rf"\b{_I}hourly|daily|weekly|monthly|annually|yearly|annual"
        r"|(?:every|each)\s+(?:hour|day|week|month|year))\b(?!-)"
    ), norm.frequency),
    Rule("time.clock", _c(
        rf"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>{_I}a\.m\.|p\.m\.|am|pm))"
        r"(?!\w)|(?P<noon>(?i:noon|midnight)))"
    ), norm.clock),
    Rule("time.clock", _c(
        r"\b(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?:GMT|UTC|local time)\b"
    ), norm.clock),
    Rule("duration", _c(
        rf"\b{_I}(?:the\s+(?:past|last|next|coming)\s+)?(?P<n>{_NUM})[\s-]+(?P<unit>{_UNIT}))\b"
        r"(?!-?\s*old\b|-(?:ago|earlier)\b)"
    ), norm.duration, accept=_accept_duration),
    Rule("duration", _c(
        rf"\b{_I}the\s+(?:past|last|next|coming)\s+(?P<unit>day|week|fortnight|month|year|decade))\b"
    ), norm.duration),
    Rule("duration", _c(
        r"(?:(?<=\bfor )|(?<=\bover )|(?<=\bof )|(?<=\bin ))"
        rf"(?:{_I}the\s+(?:past|last|next|coming)\s+|recent\s+))?"
        r"(?P<n>)(?P<unit>decades|years|months|weeks|days|hours|centuries)\b"
    ), norm.duration),
)  # fmt: skip


def _future(text: str, start: int, end: int) -> bool:
    """The words before the expression in its sentence (at most 60 characters) look ahead, or the
    expression is the subject of a verb in the future ("The March vote will ...")."""
    window = text[max(_sentence_start(text, start), start - 60) : start]
    after = text[end : end + 20].split(".")[0]
    return bool(_FUTURE_CUE.search(window) or _FUTURE_AFTER.match(after))


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence around `start` begins (an abbreviation's full stop does not end one)."""
    ends = list(_SENTENCE_END.finditer(text, max(0, start - 200), start))
    return ends[-1].end() if ends else max(0, start - 200)


def _quarter_frame(text: str, start: int, last: DateMention | None) -> str | None:
    """The quarter the text last set, when it is still what the text is about: set shortly
    before, or named again ("the quarter", "the period") in this sentence."""
    if last is None:
        return None
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    sentence_end = text.find(". ", start)
    sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
    if start - last.end <= QUARTER_REACH or _QUARTER_TALK.search(sentence):
        return last.value
    return None


def _candidates(text: str, hints: frozenset[int]) -> list[tuple[re.Match[str], Rule, int]]:
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    found = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() == m.start() or any(s < m.end() and m.start() < e for s, e in urls):
                continue
            if rule.accept is None or rule.accept(m, text, hints):
                found.append((m, rule, order))
    found.sort(key=lambda f: (-(f[0].end() - f[0].start()), f[2], f[0].start()))
    kept: list[tuple[re.Match[str], Rule, int]] = []
    for candidate in found:
        m = candidate[0]
        if all(m.end() <= k.start() or k.end() <= m.start() for k, _, _ in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f[0].start())


def find_timexes(
    text: str, *, published: dt.date | None, hints: frozenset[int] = frozenset()
) -> tuple[DateMention, ...]:
    """Every temporal expression in `text`, resolved in reading order (is_background left False).

    `hints` are start offsets of spaCy DATE/TIME entities: they admit a bare year or month the
    grammar alone would doubt; they never add an expression the grammar does not know.
    """
    mentions: list[DateMention] = []
    reference = published
    last_quarter: DateMention | None = None
    for m, rule, _ in _candidates(text, hints):
        quarter = _quarter_frame(text, m.start(), last_quarter)
        anchor = Anchor(published, reference, _future(text, m.start(), m.end()), quarter)
        value, granularity, date_end = rule.resolve(m, anchor)
        start, end = m.start(), m.end()
        mentions.append(DateMention(text[start:end], start, end, value, granularity, False,
                                    date_end, rule.name))  # fmt: skip
        if value and m.groupdict().get("ordinal") and re.fullmatch(r"\d{4}-Q\d", value):
            last_quarter = mentions[-1]
        if value and granularity == "day" and rule.name != "time.clock":
            reference = dt.date.fromisoformat(value[:10])
    return tuple(join_pairs(text, mentions))


_RANGE_GAP = re.compile(r"(?i)\s*(?:-|–|—|to|until|till|through|thru|and)\s*")
_RANGE_OPEN = re.compile(r"(?i)\b(?:from|between)\s+$")
_CLOCK_GAP = re.compile(r"(?i)\s*(?:[ECMP][SD]T|GMT|UTC|local time)?\s*(?:,|on|at)?\s*")


def _range(text: str, first: DateMention, second: DateMention) -> DateMention | None:
    """ "from Monday to Wednesday", "between May 3 and May 5": the first day, with a date_end."""
    if not (
        first.granularity == second.granularity == "day" and first.value and second.value
        and first.date_end is None and _RANGE_GAP.fullmatch(text[first.end : second.start])
        and _RANGE_OPEN.search(text[max(0, first.start - 12) : first.start])
    ):  # fmt: skip
        return None
    return DateMention(text[first.start : second.end], first.start, second.end, first.value[:10],
                       "day", False, second.value[:10], "date.range")  # fmt: skip


def _clock_on_day(text: str, first: DateMention, second: DateMention) -> DateMention | None:
    """ "10 p.m. Wednesday", "Tuesday at noon": the day's date with the clock time."""
    if {first.granularity, second.granularity} != {"day", "time"} or not _CLOCK_GAP.fullmatch(
        text[first.end : second.start]
    ):
        return None
    day, clock = (first, second) if first.granularity == "day" else (second, first)
    if not (day.value and clock.value) or day.date_end:
        return None
    value = day.value[:10] + clock.value[10:]
    span = text[first.start : second.end]
    return DateMention(span, first.start, second.end, value, "time", False, None, clock.rule)


def join_pairs(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Two adjacent mentions that make one expression (a range, a time on a day) become one."""
    out: list[DateMention] = []
    for mention in mentions:
        joined = next(
            (j for join in (_range, _clock_on_day) if out and (j := join(text, out[-1], mention))),
            None,
        )
        out[-1:] = [joined] if joined else out[-1:] + [mention]
    return out
