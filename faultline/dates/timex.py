"""A small grammar of English temporal expressions, normalised to TIMEX3-style values.

`find_timexes` scans the text with the rules of `RULES` (regular expressions over the text, each
with a resolver in `timenorm.py`), keeps the longest non-overlapping matches (a capitalised
calendar word inside a sentence names a title: "60 Minutes", "This Week"), then resolves them in
reading order against what the text has set so far (`timeanchor.Reading`: "the next day" is
anchored on the last day the text set, "a year earlier" on the quarter it is about). A range keeps
its two ends as two expressions, the first carrying the last day. Calendar arithmetic lives in
`timevalue.py`.

Values follow TimeML: 2022-09-14, 2022-09-13TNI, 2022-W36, 2022-09, 2020-FA, 1989-Q3, 2020, 199 (a
decade), 19 (a century), P6W / P20Y / PXY (durations), XXXX-WXX-4 (sets), PRESENT_REF. A relative
expression with no publication date gets value None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..records import DateMention
from . import relative
from . import timenorm as norm
from .ranges import join_pairs
from .timeanchor import Anchor, Reading
from .timenorm import Resolved
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
_COUNTED = (
    r"(?:more|additional|extra|straight|consecutive|successive|full|trading|business|working)"
)
_SEASON_PREPOSITIONS = frozenset("in during over into through throughout until by".split())
_AFTER_A_SECOND = frozenset("later earlier ago or and of after before".split())
_RATE_WORDS = frozenset("million billion thousand hundred twice once times percent".split())
_SHARE_OF = re.compile(  # "three-quarters of its food", "a quarter of the market"
    r"\s+of\s+(?:its|their|his|her|our|your|all|them|it|us|those|these"
    r"|the(?!\s+(?:year|fiscal|calendar|financial)\b))\b"
)
_CALENDAR_WORD = re.compile(
    r"\b(?:Today|Tonight|Tomorrow|Yesterday|Noon|Midnight|Now|Weeks?|Weekend|Months?|Years?|Days?"
    r"|Hours?|Minutes?|Decades?|Century)\b"
)
_OPENING = re.compile(r"(?:[.!?:;][\"'’”)]*|[\"`“‘(\n—–-])\s*$")  # a sentence or quote opens
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
    """Not "a second attack" (an ordinal), nor a rate: "$5m a year", "six flights a day", nor a
    share: "three-quarters of its food" (but "two quarters of 1990")."""
    if m["unit"].lower().startswith("quarter") and _SHARE_OF.match(text, m.end()):
        return False
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


def _after(words: str) -> Callable[[re.Match[str], str, frozenset[int]], bool]:
    """A check that the expression follows one of `words` and one space ("over the weekend")."""
    before = re.compile(rf"(?i)\b(?:{'|'.join(words.split())}) $")
    return lambda m, text, hints: bool(before.search(text, max(0, m.start() - 12), m.start()))


# --------------------------------------------------------------------------- the grammar

_I = "(?i:"
RULES: tuple[Rule, ...] = (
    Rule("date.dmy", _c(
        rf"\b(?:{_WEEKDAY},?[ \t]+)?(?P<day>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY}))?\s+"
        rf"(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>1\d{{3}}|20\d\d)\b)?"
    ), norm.full_date),
    Rule("date.mdy", _c(
        rf"\b(?:{_WEEKDAY},?[ \t]+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY})\b)?(?:,?\s+(?P<year>1\d{{3}}|20\d\d)\b)?"
    ), norm.full_date),
    Rule("date.numeric", _c(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b"),
         norm.numeric_date),
    Rule("date.iso", _c(
        r"\b(?P<year>(?:1\d|20)\d\d)([-/.])(?P<a>[01]?\d)\2(?P<b>[0-3]?\d)\b(?!\2\d)"
    ), norm.iso_date),
    Rule("date.dotted", _c(r"\b[0-3]?\d([.-])[01]?\d\1(?:1\d|20)\d\d\b"), norm.dotted_date),
    Rule("date.week_of", _c(
        rf"\b{_I}the\s+(?:(?P<ord>first|second|third|fourth|last|final)\s+)?week\s+of)\s+"
        rf"(?P<month>{_MONTH})(?:\s+(?P<day>{_DAY}))?(?:,?\s+(?P<year>1\d{{3}}|20\d\d)\b)?"
        r"(?(ord)|(?(day)|(?!)))"  # "the week of March 6", "the last week of March"
    ), norm.week_of),
    Rule("date.month_year", _c(
        rf"\b(?:{_I}(?:early|late|mid)[\s-]+))?(?P<month>{_MONTH}),?\s+(?:of\s+)?"
        rf"(?P<year>1\d{{3}}|20\d\d)\b"
    ), norm.month_year),
    Rule("date.month", _c(
        rf"\b(?:{_I}(?P<rel>last|this|next|coming|early|late|mid)[\s-]+))?(?P<month>{_MONTH})(?!\w)"
        rf"(?:\s+{_I}(?P<yrel>this|last|next)\s+year)\b)?(?!\.?\s+{_DAY}\b)"  # not "Oct. 23"
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
        r"|the\s+year\s+(?:ago|earlier|before)\s+(?:quarter|period|three months)"
        r"|last\s+year['’]s\s+(?:quarter|period))\b"
    ), norm.year_ago_period),
    Rule("date.quarter", _c(
        rf"\b{_I}the\s+(?:(?:same|corresponding|comparable)\s+)?(?P<unit>period|month|quarter)\s+"
        r"(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?(?:the\s+)?(?:last|previous|prior)\s+year))\b"
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
    Rule("date.year", _c(  # "for the full year": the year the text is in; "the year ended June 30"
        r"\b[Tt]he\s+(?:(?:fiscal|full|entire|whole|calendar|financial)\s+)?year\b"
        r"(?:(?=\s+(?P<ended>ended|ending)\b))?(?![-'’]|\s+(?:before|after|earlier|later|ago"
        r"|previous|prior|in\s+which|when)\b)"
    ), norm.the_year),
    Rule("date.year", _c(r"(?<![\w'’])['’](?P<short>\d\d)\b(?!['’]?s\b|\s*%)"), norm.short_year,
         accept=_accept_short_year),
    Rule("date.decade", _c(
        rf"(?:\b{_I}(?:early|late|mid)[\s-]+))?(?:\b(?P<century>1[0-9]|20)(?P<digit>\d)0|"
        r"['’](?P<short>\d)0)['’]?s\b"
    ), norm.decade),
    Rule("date.decade", _c(  # "through the nineties"
        r"\b(?i:the\s+(?:(?:early|late|mid)[\s-]+)?)(?P<word>(?i:twenties|thirties|forties|fifties"
        r"|sixties|seventies|eighties|nineties))\b"
    ), norm.decade),
    Rule("date.century", _c(rf"\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+{_I}century)\b"),
         norm.century),
    Rule("date.deictic", _c(
        rf"\b{_I}the day before yesterday|the day after tomorrow|(?:earlier|later) today|today"
        r"|tonight|yesterday|tomorrow|last night|overnight|this (?:morning|afternoon|evening))\b"
    ), relative.deictic_day),
    Rule("date.weekday", _c(
        rf"\b(?:{_I}(?P<rel>last|this coming|this|next|early|late|the previous|the following)\s+))?"
        rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_I}morning|afternoon|evening|night)))?\b"
    ), relative.weekday),
    Rule("date.anchored", _c(
        rf"\b{_I}(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?P<dir>)(?P<n>)"
        r"(?P<unit>day|morning|afternoon|evening|night))\b"
    ), relative.anchored),
    Rule("date.anchored", _c(  # "to end the day", "for the day", "later in the day": that day
        r"the\s+(?P<dir>)(?P<n>)(?P<unit>day)\b"
        r"(?!\s+(?:before|after)\s+(?:the|a|an|his|her|their|its|[A-Z0-9])|\s+of\b)"
    ), relative.anchored, accept=_after("end ended ending finish finished for in of")),
    Rule("date.anchored", _c(  # "later that year": the year the text last named
        rf"\b{_I}(?:(?:earlier|later)\s+(?:in\s+)?)?that\s+(?:same\s+)?year)\b(?![-'’])"
    ), norm.that_year),
    Rule("date.weekend", _c(
        r"(?i:the)\s+(?i:weekend)\b"
    ), relative.weekend, accept=_after("over during at on of for")),
    Rule("date.anchored", _c(
        rf"\b{_I}the\s+(?P<dir>next|following|previous|preceding)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year))\b"
    ), relative.anchored),
    Rule("date.anchored", _c(
        rf"\b{_I}(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier))\b"
    ), relative.anchored),
    Rule("date.anchored", _c(
        rf"\b{_I}(?:the\s+)?(?:(?P<n>a|one)\s+)?(?P<unit>day)\s+(?P<dir>before|after))"
        r"(?=\s*[.,;:!?)]|\s*$)"
    ), relative.anchored),
    Rule("date.ago", _c(rf"\b{_I}(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+ago)\b"), relative.ago),
    Rule("date.period", _c(
        rf"\b{_I}(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?"
        r"(?P<rel>last|past|previous|this|next|coming)\s+(?P<unit>week|weekend|month|year))\b"
    ), relative.period),
    Rule("date.period", _c(  # "over the past year": TimeML dates it, the year before publication
        rf"\b{_I}the\s+(?P<rel>past|last)\s+(?P<unit>year))\b(?![-'’]|\s+(?:of|or|and)\b)"
    ), relative.period),
    Rule("date.period", _c(
        rf"\b{_I}the\s+(?P<rel>current)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|month|quarter|year))\b"
    ), relative.period),
    Rule("date.ref", _c(
        rf"\b{_I}right now|now|currently|at present|at the moment|nowadays|these days"
        r"|presently|recently|lately|the past(?!\s+(?:few|several|\d|[a-z]+(?:s|ty|o|e)\b))"
        r"|the (?:near |foreseeable |distant )?future|current"
        r"|the (?:near|short|long)[ -]term(?![ -]\w)"
        r"|recent(?!\s+(?:years|months|weeks|days)))\b(?!-)"
    ), relative.ref),
    Rule("set", _c(
        rf"\b{_I}hourly|daily|weekly|monthly|annually|yearly|annual"
        r"|(?:every|each)\s+(?:hour|day|week|month|quarter|year))\b(?!-)"
    ), relative.frequency),
    Rule("set", _c(  # "each Thursday" (XXXX-WXX-4), "every July" (XXXX-07)
        rf"\b{_I}every|each)\s+(?:(?P<weekday>{_WEEKDAY})|(?P<month>{_MONTH}))(?!\w)"
    ), relative.every),
    Rule("time.clock", _c(
        rf"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>{_I}a\.m\.|p\.m\.|am|pm))"
        r"(?!\w)|(?P<noon>(?i:noon|midnight)))"
    ), relative.clock),
    Rule("time.clock", _c(
        r"\b(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?:GMT|UTC|local time)\b"
    ), relative.clock),
    Rule("duration", _c(
        rf"\b{_I}(?:the\s+(?:past|last|next|coming)\s+)?(?P<n>{_NUM})(?P<half>\s+1/2|\s+and\s+a\s+half)?"
        rf"[\s-]+(?:{_COUNTED}[\s-]+)?(?P<unit>{_UNIT})(?P<half2>\s+and\s+a\s+half)?)\b"
        r"(?!-?\s*old\b|-(?:ago|earlier)\b)"
    ), relative.duration, accept=_accept_duration),
    Rule("duration", _c(
        rf"\b{_I}the\s+(?:past|last|next|coming)\s+(?P<unit>day|week|fortnight|month|year|decade))\b"
    ), relative.duration),
    Rule("duration", _c(
        rf"(?:{_I}the\s+(?:past|last|next|coming)\s+|recent\s+))?"
        r"(?P<n>)(?P<unit>decades|years|months|weeks|days|hours|minutes|centuries)\b"
    ), relative.duration, accept=_after("for over of in within")),
    Rule("duration", _c(  # "a day-long meeting", "a decades-long feud"
        r"\b(?i:(?P<n>)(?P<unit>(?:hour|day|week|month|year|decade)s?)-long)\b"
    ), relative.duration),
    Rule("duration", _c(r"\b(?i:the)\s+(?P<n>)(?P<unit>(?i:days|weeks|months|years))\s+ahead\b"),
         relative.duration),  # "in the weeks ahead": PXW
    Rule("duration", _c(r"(?i:the)\s+(?P<n>)(?P<unit>decades|years|months|weeks)\b"),
         relative.duration, accept=_after("over throughout")),  # "over the years": PXY
)  # fmt: skip


def names_a_title(text: str, start: int, end: int) -> bool:
    """ "ABC's "This Week"", "60 Minutes", "High Noon", "VOA Today": a calendar word capitalised
    inside a sentence names a programme, a film or a newspaper, not a time."""
    for word in _CALENDAR_WORD.finditer(text, start, end):
        before = text[max(0, word.start() - 6) : word.start()]
        if text[: word.start()].strip() and not _OPENING.search(before):
            return True
    return False


# The nouns that make a date part of a name: "the 23 March Movement", "the 2023 Finance Bill",
# "the April 6 Youth Movement", "Tahrir's 25 January Revolution".
_BODY_NOUNS = (
    "Movement|Bill|Act|Law|Accord|Accords|Agreement|Declaration|Revolution|Front|Brigade|Brigades|"
    "Battalion|Coalition|Alliance|Party|Group|Square|Street|Avenue|Stadium|Bridge|University|"
    "Constitution|Memorandum|Pact|Uprising|Committee|Council|Budget|Plan"
)
_NAMES_A_BODY = re.compile(rf"\s+(?:[A-Z][\w'’-]*\s+){{0,2}}?(?:{_BODY_NOUNS})\b")


def names_a_body(text: str, end: int) -> bool:
    """The date is part of the name of a body or a document ("23 March Movement", "2023 Finance
    Bill"): capitalised words after it end in such a noun."""
    return _NAMES_A_BODY.match(text, end) is not None


def _candidates(text: str, hints: frozenset[int]) -> list[tuple[re.Match[str], Rule, int]]:
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    found = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() == m.start() or any(s < m.end() and m.start() < e for s, e in urls):
                continue
            if rule.name != "date.holiday" and names_a_title(text, m.start(), m.end()):
                continue
            if names_a_body(text, m.end()):
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
    text: str,
    *,
    published: dt.date | None,
    hints: frozenset[int] = frozenset(),
    tenses: Mapping[int, str] | None = None,
) -> tuple[DateMention, ...]:
    """Every temporal expression in `text`, resolved in reading order (is_background left False).

    `hints` are start offsets of spaCy DATE/TIME entities: they admit a bare year or month the
    grammar alone would doubt; they never add an expression the grammar does not know. `tenses`
    maps start offsets to the tense of their clause ("future": "will meet on Monday"; "past"):
    the future counts as looking ahead, the past overrides a cue word ("had filed by Friday").
    """
    mentions: list[DateMention] = []
    reading = Reading(text, published, tenses or {})
    for m, rule, _ in _candidates(text, hints):
        start, end = m.start(), m.end()
        value, granularity, date_end, name = _resolved(rule, m, reading.anchor(start, end))
        mentions.append(DateMention(text[start:end], start, end, value, granularity, False,
                                    date_end, name))  # fmt: skip
        reading.note(mentions[-1], sets_quarter=bool(m.groupdict().get("ordinal")))
    return tuple(join_pairs(text, mentions))


# The rule name of a mention whose value would leave the calendar (before year 1, after 9999):
# its value is None and `resolve_dates` reports a problem `dates.out_of_calendar`.
OUT_OF_CALENDAR = "out_of_calendar"
_BEYOND_CALENDAR = re.compile(r"-|\d{5}|0000")


def _resolved(
    rule: Rule, m: re.Match[str], anchor: Anchor
) -> tuple[str | None, str, str | None, str]:
    """`rule.resolve`'s value, granularity and end with the rule's name; date arithmetic that
    leaves the calendar ("next week" from 9999-12-31) gives no value, never an exception."""
    try:
        value, granularity, date_end = rule.resolve(m, anchor)
    except (ValueError, OverflowError):
        return None, "unknown", None, OUT_OF_CALENDAR
    if any(v and _BEYOND_CALENDAR.match(v) for v in (value, date_end)):
        return None, "unknown", None, OUT_OF_CALENDAR
    return value, granularity, date_end, rule.name
