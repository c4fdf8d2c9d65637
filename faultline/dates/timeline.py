"""The dates stage: temporal expressions, the time each sentence reports, and what is only history.

    resolve_dates(parse, published=...) -> Timeline

1. `timex.find_timexes` finds and normalises every expression (weekdays against the publication
   date, "the next day" against the last day the text set), told the tense of each date's clause
   (`clause_tenses`: "will meet on Monday" looks ahead, "had left by Monday" does not).
2. A date is *history* when it ends more than `HISTORY_DAYS` before publication (2020, the 1990s).
3. The article's *news date* is the dateline date, else the latest current day in the lead (the
   first paragraph with a real sentence; an event's day before a statement's day), else the
   publication date.
4. Each sentence gets, in this order: its first current date (an event's date before the date of a
   statement: "said on Friday that ... on Thursday"); else, when a history date sits in its
   main clause (not in "since ...", "than ...", "after the 2020 war", a relative clause; but "during
   the 2003 invasion" dates the clause), background with that date; or when the main clause counts
   on from a history date in a clause ("A truce signed in 2015 collapsed within weeks"); else
   background carried on from the sentence before when it goes on telling the same history ("The
   ensuing conflict claimed ..."); else the news date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..records import (
    Background,
    DateMention,
    Parse,
    Problem,
    Sentence,
    SentenceTime,
    Timeline,
    Token,
)
from .timevalue import value_bounds
from .timex import OUT_OF_CALENDAR, find_timexes

HISTORY_DAYS = 60
LEAD_MIN_TOKENS = 6  # a shorter first paragraph is a title or a dateline line
_PRECISION = {"day": 1, "time": 1, "week": 2}  # ACLED time_precision; anything coarser is 3
_NOT_WHEN = ("duration", "set")  # how long, how often: never a sentence's time
_CLAUSES = ("relcl", "acl", "advcl")
_SETTING_OFF = " \t\n,;:—–-()"
_REPORTING = frozenset(
    "say tell announce confirm report add state claim declare warn insist deny write post "
    "tweet note explain".split()
)
_MODIFIERS = ("compound", "amod", "nummod", "poss")
_WILL = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
_PAST_AUXILIARIES = frozenset({"had", "did", "was", "were"})
_INTENDING = frozenset("plan intend expect schedule aim hope prepare propose vow pledge".split())
_SUBORDINATORS = frozenset({"than", "after", "before", "until", "till", "unlike"})
_DATING_PREPOSITIONS = frozenset({"during", "in", "amid", "throughout"})  # "during the 2003 war"
_COUNTED_ON = re.compile(  # the main clause counts on from the date it names: still that history
    r"(?i)\b(?:within (?:days|weeks|months|a (?:day|week|month|year))|(?:days|weeks|months|years|"
    r"a (?:day|week|month|year)) later|shortly (?:after|afterwards)|soon after)\b"
)
_DATELINE = re.compile(r"\s*[A-Z][^\n,.]{1,40}(?:,\s*[A-Z][^\n,.]{1,40})?,\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{0,40}\))?\s*[-–—]")
_GMT = re.compile(r"\b(?:GMT|UTC|Zulu)\b")
_HISTORY_GOES_ON = re.compile(
    r"(?i)(?:under|after|during|following|in|at|since)?\s*(?:the|that|this|those)\s+"
    r"(?:ensuing|subsequent|deal|war|conflict|agreement|accord|truce|ceasefire|time|fighting)\b"
    r"|(?:then|back then|subsequently|afterwards|later)\b"
)


def resolve_dates(parse: Parse, *, published: dt.date | None) -> Timeline:
    """Every date in the article, the time each sentence reports, and the background."""
    hints = frozenset(t.start for t in parse.tokens if t.ent_type in ("DATE", "TIME"))
    tenses = clause_tenses(parse)
    found = find_timexes(parse.text, published=published, hints=hints, tenses=tenses)
    problems = (() if published else (_no_publication_problem(found),)) + tuple(
        Problem("dates.out_of_calendar", f"{m.text!r} would fall outside the calendar "
                "(before year 1 or after 9999): left unresolved", m.start, m.end)
        for m in found if m.rule == OUT_OF_CALENDAR
    )  # fmt: skip
    window = published or _latest_absolute_day(found)
    mentions = tuple(dataclasses.replace(m, is_background=is_history(m, window)) for m in found)
    news = _news_date(parse, mentions, published)
    times: list[SentenceTime] = []
    background: list[Background] = []
    for sentence in parse.sentences:
        own = [m for m in mentions if sentence.start <= m.start < sentence.end]
        previous = background[-1] if background and times and times[-1].is_background else None
        time, record = _sentence_time(parse, sentence, own, news, previous)
        time = _counted_from_before(parse.text, sentence.index, own, times) or time
        times.append(time)
        background.extend([record] if record else _history_clauses(parse, own))
    return Timeline(mentions, tuple(times), tuple(background), problems)


_AFTER_THAT = re.compile(r"\s+(?:after|later)\b", re.I)
_SPAN_DAYS = {"D": 1, "W": 7}


def _counted_from_before(
    text: str, index: int, own: list[DateMention], times: list[SentenceTime]
) -> SentenceTime | None:
    """ "Three days after the attack", "two weeks later": the day counted from the last day an
    earlier sentence reported (None when there is none, or the sentence writes no such span)."""
    earlier = next((t for t in reversed(times) if t.date and not t.is_background), None)
    if earlier is None:
        return None
    for mention in own:
        match = re.fullmatch(r"P(\d+)([DW])", mention.value or "")
        if (
            mention.granularity != "duration"
            or not match
            or not _AFTER_THAT.match(text, mention.end)
        ):
            continue
        try:
            day = dt.date.fromisoformat(earlier.date) + dt.timedelta(
                days=int(match[1]) * _SPAN_DAYS[match[2]]
            )
        except (ValueError, OverflowError):
            return None
        return SentenceTime(index, day.isoformat(), None, 1 if match[2] == "D" else 2, False)
    return None


def clause_tenses(parse: Parse) -> dict[int, str]:
    """Start offset -> tense for the date words whose clause verb has a clear one: "future" (it
    takes "will" or "would": "will meet on Monday", "said it would vote on Friday"), "past" ("fled
    on Friday", "had filed reports by Wednesday"), "participle" ("talks held in June"). A date
    that names a thing ("Friday's purchases", "the August 7 bombings") or follows "since" takes
    no tense from the verb. `timex.find_timexes` reads the future as looking ahead and the past
    against a close month ahead or a "by Friday"."""
    verdicts: dict[int, str | None] = {}
    tenses: dict[int, str] = {}
    for token in parse.tokens:
        if token.ent_type not in ("DATE", "TIME"):
            continue
        verb = _clause_verb(parse, token)
        if verb is None:
            continue
        if verb.i not in verdicts:
            verdicts[verb.i] = _tense(parse, verb)
        if tense := verdicts[verb.i]:
            tenses[token.start] = tense
    return tenses


def _clause_verb(parse: Parse, token: Token) -> Token | None:
    """The verb a date hangs from as an adverbial, else None."""
    step = token
    for head in parse.ancestors(token):
        if step.dep in _MODIFIERS or step.text.lower() in ("since", "after"):
            return None
        if head.pos in ("VERB", "AUX"):
            return head
        step = head
    return None


def _tense(parse: Parse, verb: Token) -> str | None:
    auxiliaries = {c.text.lower() for c in parse.children(verb) if c.dep in ("aux", "auxpass")}
    if auxiliaries & _WILL or verb.tag in ("VBZ", "VBP") and verb.lemma.lower() in _INTENDING:
        return "future"  # "will meet on Monday", "plans to meet on Monday"
    if verb.tag == "VBD" and not auxiliaries or auxiliaries & _PAST_AUXILIARIES:
        return "past"  # "fled on Friday", "had left by Friday"
    if verb.tag == "VBN" and not auxiliaries:
        return "participle"  # "talks held in June", "shops closed until Friday"
    return None


def is_history(mention: DateMention, window: dt.date | None) -> bool:
    """Whether a date ends more than HISTORY_DAYS before `window` (the publication date)."""
    bounds = value_bounds(mention.date_end or mention.value)
    if bounds is None:
        return False
    if window is None:
        return mention.granularity in ("decade", "century")
    return bounds[1].toordinal() < window.toordinal() - HISTORY_DAYS  # never leaves the calendar


def _latest_absolute_day(mentions: tuple[DateMention, ...]) -> dt.date | None:
    days = [b[1] for m in mentions if m.granularity == "day" and (b := value_bounds(m.value))]
    return max(days, default=None)


def _no_publication_problem(mentions: tuple[DateMention, ...]) -> Problem:
    unresolved = [m for m in mentions if m.value is None]
    first = unresolved[0] if unresolved else None
    return Problem(
        "dates.no_publication_date",
        f"no publication date: {len(unresolved)} relative date(s) left unresolved",
        first.start if first else None,
        first.end if first else None,
    )


# ------------------------------------------------------------------------------- the news date


def _news_date(
    parse: Parse, mentions: tuple[DateMention, ...], published: dt.date | None
) -> SentenceTime:
    """The dateline's date, else the latest current day the lead sets, else the publication day."""
    lead_end = _lead_end(parse)
    days = [
        m for m in mentions
        if m.start < lead_end and m.value and m.granularity == "day" and not m.date_end
        and not m.is_background and not _in_gmt_brackets(parse.text, m)
        and (published is None or m.value[:10] <= published.isoformat())
    ]  # fmt: skip
    dateline = next((m for m in days if _is_dateline(parse.text, m)), None)
    if dateline or days:
        latest = max(days, key=lambda m: (not _reports(parse, m), m.value or ""))
        day = (dateline or latest).value or ""
        return SentenceTime(-1, day[:10], None, 1, False)
    return SentenceTime(
        -1, published.isoformat() if published else None, None, 1 if published else 3, False
    )


def _lead_end(parse: Parse) -> int:
    """Where the lead ends: after the first paragraph with a real sentence (a title is skipped)."""
    for sentence in parse.sentences:
        if sentence.token_end - sentence.token_start >= LEAD_MIN_TOKENS:
            last = [s for s in parse.sentences if s.paragraph == sentence.paragraph][-1]
            return last.end
    return parse.sentences[-1].end if parse.sentences else 0


def _is_dateline(text: str, mention: DateMention) -> bool:
    """ "KYIV, Sept 14 (Reuters) -": place, date, agency, dash, at the start of a line."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    return bool(
        _DATELINE.fullmatch(text[line_start : mention.start])
        and _DATELINE_AFTER.match(text, mention.end)
    )


def _in_gmt_brackets(text: str, mention: DateMention) -> bool:
    """ "(0200 GMT Tuesday)": a time given in another zone, not the local date of the events."""
    opening = text.rfind("(", 0, mention.start)
    closing = text.find(")", mention.end)
    if opening < 0 or closing < 0 or ")" in text[opening : mention.start]:
        return False
    return bool(_GMT.search(text[opening:closing]))


# ---------------------------------------------------------------------------- sentence times


def _sentence_time(
    parse: Parse,
    sentence: Sentence,
    own: list[DateMention],
    news: SentenceTime,
    previous: Background | None,
) -> tuple[SentenceTime, Background | None]:
    usable = [
        m
        for m in own
        if m.value and m.granularity not in _NOT_WHEN and not _in_gmt_brackets(parse.text, m)
    ]
    current = [m for m in usable if not m.is_background and value_bounds(m.value)]
    if current:
        events_first = sorted(current, key=lambda m: _reports(parse, m))  # stable: text order
        return _time_of(sentence.index, events_first[0], False), None
    text = parse.text[sentence.start : sentence.end]
    history = [m for m in usable if m.is_background and not subordinate(parse, m)]
    if not history and _COUNTED_ON.search(text):  # "A truce signed in 2015 collapsed within weeks."
        history = [m for m in usable if m.is_background]
    if history and not any(m.value == "PRESENT_REF" for m in usable):
        when = history[0]
        record = Background(text, sentence.start, sentence.end, when.value)
        return _time_of(sentence.index, when, True), record
    if previous and not usable and _goes_on_with_history(parse, sentence, previous):
        record = Background(text, sentence.start, sentence.end, previous.when)
        day = previous.when if previous.when and len(previous.when) >= 10 else None
        return SentenceTime(sentence.index, day and day[:10], None, 1 if day else 3, True), record
    return dataclasses.replace(news, sentence=sentence.index), None


def _time_of(index: int, mention: DateMention, is_background: bool) -> SentenceTime:
    """A sentence's time from one date: the day of a day; the first and last day of a week or month
    (history keeps only a single day)."""
    bounds = value_bounds(mention.value)
    precision = 2 if mention.date_end else _PRECISION.get(mention.granularity, 3)
    if bounds is None or mention.granularity not in ("day", "time", "week", "month"):
        return SentenceTime(index, None, None, precision, is_background)
    if bounds[0] == bounds[1]:
        return SentenceTime(
            index, bounds[0].isoformat(), mention.date_end, precision, is_background
        )
    if is_background:
        return SentenceTime(index, None, None, precision, True)
    return SentenceTime(index, bounds[0].isoformat(), bounds[1].isoformat(), precision, False)


def subordinate(parse: Parse, mention: DateMention) -> bool:
    """Whether a date sits in a phrase that compares or qualifies rather than dates the main
    clause: "since their war in 2020" (on a noun), "than in 2019", "after the 2020 war",
    "which ... in 2020"."""
    token = _head_token(parse, mention)
    if token is None:
        return False
    parent = parse.tokens[token.head]
    if token.dep in _MODIFIERS and parent.dep not in ("nsubj", "nsubjpass"):
        preposition = parse.tokens[parent.head]
        # "the 2020 war" names an old thing and does not date the clause; "during the 2003 war" does
        return not (parent.dep == "pobj" and preposition.text.lower() in _DATING_PREPOSITIONS)
    return _after_comparison(parse, token) or any(
        step.dep in _CLAUSES[:2] or _compares(parse, step) or step.text.lower() in _SUBORDINATORS
        and step.dep in ("prep", "mark")
        for step in _path_up(parse, token)
    )  # fmt: skip


def _after_comparison(parse: Parse, token: Token) -> bool:
    """The words before the date, back to the nearest verb, hold a comparing "since" or "than"
    (a safety net for parses that hang "in 2016" from the main verb)."""
    sentence_start = parse.sentences[token.sent].token_start
    for before in reversed(parse.tokens[sentence_start : token.i]):
        if before.pos in ("VERB", "AUX"):
            return False
        if _compares(parse, before):
            return True
    return False


def _path_up(parse: Parse, token: Token) -> list[Token]:
    """`token` and its heads up to (not including) the sentence root."""
    path: list[Token] = []
    while token.head != token.i and len(path) < 40:
        path.append(token)
        token = parse.tokens[token.head]
    return path


def _compares(parse: Parse, token: Token) -> bool:
    """ "than ...", or "since ..." after a superlative or hanging from a noun ("the worst clashes
    since their war in 2020", "the first visit since 2018")."""
    word = token.text.lower()
    if word == "than":
        return True
    if word != "since":
        return False
    sentence_start = parse.sentences[token.sent].token_start
    before = parse.tokens[max(sentence_start, token.i - 10) : token.i]
    superlative = any(
        t.tag in ("JJS", "RBS") or t.text.lower() in ("first", "last") for t in before
    )
    return superlative or parse.tokens[token.head].pos in ("NOUN", "PROPN", "ADJ")


def _head_token(parse: Parse, mention: DateMention) -> Token | None:
    inside = [t for t in parse.tokens if mention.start <= t.start < mention.end]
    return next(
        (t for t in inside if not mention.start <= parse.tokens[t.head].start < mention.end), None
    )


def _history_clauses(parse: Parse, own: list[DateMention]) -> list[Background]:
    """In a current sentence, a relative or adverbial clause that reports history is background:
    "Russia, which deployed peacekeepers after the 2020 war, ..." -> "which deployed ... war"."""
    records: dict[int, Background] = {}
    for mention in own:
        token = _head_token(parse, mention) if mention.is_background else None
        for step in _path_up(parse, token) if token else []:
            if _compares(parse, step) or _after_comparison(parse, step):
                break
            if step.dep in _CLAUSES and step.pos in ("VERB", "AUX"):
                start, end = _trimmed(parse.text, *parse.subtree_span(step))
                text = parse.text[start:end]
                records.setdefault(start, Background(text, start, end, mention.value))
                break
    return list(records.values())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause span without the commas and dashes that set it off."""
    while start < end and text[start] in _SETTING_OFF:
        start += 1
    while end > start and text[end - 1] in _SETTING_OFF:
        end -= 1
    return start, end


def _reports(parse: Parse, mention: DateMention) -> bool:
    """Whether the date hangs from a reporting verb ("said on Friday"): it dates the statement,
    so another date in the sentence ("killed nine people on Thursday") is the better event date."""
    token = _head_token(parse, mention)
    while token is not None and token.pos not in ("VERB", "AUX"):
        token = None if token.head == token.i else parse.tokens[token.head]
    return token is not None and token.lemma.lower() in _REPORTING


def _goes_on_with_history(parse: Parse, sentence: Sentence, previous: Background) -> bool:
    """A dateless sentence right after a history sentence goes on with it when it is in the past
    tense and either shares the paragraph or opens by pointing back ("The ensuing conflict",
    "Under the deal")."""
    tokens = parse.sentence_tokens(sentence)
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    if root is None or root.tag in ("VBZ", "VBP", "MD"):
        return False
    if any(t.head == root.i and t.tag in ("VBZ", "VBP", "MD") for t in tokens):
        return False
    before = parse.sentence_at(previous.start)
    same_paragraph = before is not None and before.paragraph == sentence.paragraph
    return same_paragraph or bool(_HISTORY_GOES_ON.match(parse.text, sentence.start))
