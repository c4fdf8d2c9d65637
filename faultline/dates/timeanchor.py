"""What a temporal expression is resolved against: its `Anchor`, drawn from the text read so far.

`Reading` follows the text in order as `timex.find_timexes` resolves it: the last day it set ("the
next day"), the quarter and the month it is about ("a year earlier", "the same month a year ago"),
the year it last named ("later that year"). `looks_ahead` says whether an expression's clause
looks ahead: its tense (from the parse, see `dates.clause_tenses`) or a cue word ("will", "due",
"scheduled", "by Friday").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..records import DateMention


@dataclass(frozen=True, slots=True)
class Anchor:
    """What relative expressions are resolved against."""

    published: dt.date | None
    reference: dt.date | None  # the last day the text has set, else the publication date
    future: bool  # the words just before the expression look ahead ("will", "next", "due")
    quarter: str | None = None  # the last quarter the text set, when this sentence is about one
    month: str | None = None  # the last month the text set, when it did so shortly before
    year: str | None = None  # the year of the last date the text named ("in June 1998")
    past: bool = False  # the clause is told in the past tense ("talks held in June failed")


FRAME_REACH = 450  # characters: how far a quarter or month the text set still frames "a year ago"
_QUARTER_TALK = re.compile(r"(?i)\bquarter|\bperiod\b")
_NAMES_A_YEAR = frozenset({"day", "week", "month", "season", "quarter", "year", "time"})
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|shall|next(?! to\b)|coming|upcoming|due|scheduled|set (?:for|to)"
    r"|as (?:early|soon) as|plan(?:s|ned|ning)? (?:to|for)|(?<!-)(?<!as )expect(?:s|ed)?"
    r"|intends? to|going to|(?:is|are) to|slated|should|supposed to|to be \w+ed|payable"
    r"|effective)\b|'ll\b"
)
_BY_CUE = re.compile(
    r"(?i)\b(?:by|until|till)\s+(?:(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)\s+(?:[A-Z]{3}\s+)?)?$"
)  # "by Friday": ahead, unless told in the past
_FUTURE_AFTER = re.compile(r"(?i)\s+(?:[a-z]+\s+)?(?:will|is to|is due)\b")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"(?<!\bCo)(?<!\bInc)(?<!\bCorp)(?<!\bLt)(?<!\bCol)(?<!\bNo)(?<!\b[ap]\.m)[.!?][\"')’”]*\s+"
)


class Reading:
    """What the text has set so far, as it is read in order: the last day (for "the next day"), the
    quarter and the month it is about (for "a year earlier", "the same month a year ago"), the year
    it last named (for "later that year"); each expression's Anchor is drawn from it."""

    def __init__(self, text: str, published: dt.date | None, tenses: Mapping[int, str]) -> None:
        self.text, self.published, self.tenses = text, published, tenses
        self.reference = published
        self.quarter: DateMention | None = None
        self.month: DateMention | None = None
        self.year: str | None = None

    def anchor(self, start: int, end: int) -> Anchor:
        tense = self.tenses.get(start)
        future = looks_ahead(self.text, start, end, tense)
        month = self.month.value if self.month and start - self.month.end <= FRAME_REACH else None
        quarter = self._quarter(start)
        past = tense in ("past", "participle") and not future
        return Anchor(self.published, self.reference, future, quarter, month, self.year, past)

    def note(self, mention: DateMention, *, sets_quarter: bool) -> None:
        """Take in a resolved expression: "the third quarter" sets the quarter (and "the quarter"
        naming it again keeps it the subject), a month the month, any date its year, a day the
        reference day."""
        value, granularity = mention.value, mention.granularity
        if not value:
            return
        if self._reports_on(value) and (sets_quarter or value == self._quarter(mention.start)):
            self.quarter = mention
        if granularity == "month":
            self.month = mention
        if granularity in _NAMES_A_YEAR and re.match(r"\d{4}", value):
            self.year = value[:4]
        if granularity == "day" and mention.rule != "time.clock":
            self.reference = dt.date.fromisoformat(value[:10])

    def _reports_on(self, value: str) -> bool:
        """A quarter that has begun by publication: one a report is about (a fiscal "fourth
        quarter ended Sept. 30" too), not one a forecast looks to ("through the third quarter of
        1990")."""
        if not re.fullmatch(r"\d{4}-Q\d", value):
            return False
        if self.published is None:
            return True
        current = self.published.year * 4 + (self.published.month - 1) // 3
        return int(value[:4]) * 4 + int(value[-1]) - 1 <= current

    def _quarter(self, start: int) -> str | None:
        """The quarter the text last set, when it is still what the text is about: set shortly
        before, or named again ("the quarter", "the period") in this sentence."""
        if self.quarter is None:
            return None
        text = self.text
        sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        sentence_end = text.find(". ", start)
        sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        if start - self.quarter.end <= FRAME_REACH or _QUARTER_TALK.search(sentence):
            return self.quarter.value
        return None


def looks_ahead(text: str, start: int, end: int, tense: str | None) -> bool:
    """The clause is in the future tense, or the words before the expression in its sentence (at
    most 60 characters) look ahead, or it is the subject of a verb in the future ("The March vote
    will ..."); "by Friday" looks ahead unless the clause is in the past ("had left by Friday")."""
    if tense == "future":
        return True
    window = text[max(sentence_start(text, start), start - 60) : start]
    after = text[end : end + 20].split(".")[0]
    if _FUTURE_CUE.search(window) or _FUTURE_AFTER.match(after):
        return True
    return tense != "past" and bool(_BY_CUE.search(window))


def sentence_start(text: str, start: int) -> int:
    """Where the sentence around `start` begins (an abbreviation's full stop does not end one)."""
    ends = list(_SENTENCE_END.finditer(text, max(0, start - 200), start))
    return ends[-1].end() if ends else max(0, start - 200)
