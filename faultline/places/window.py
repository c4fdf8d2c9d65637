"""What the words around a span of tokens say about it: the reading of `cues` word lists against a
`models.Parse` ("in X", "the village of X", "X province", "near the town of X", "X said"), and
where a story's dateline ends. Pure functions of the parse; `places.py` combines them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Candidate, Parse, Token
from .cues import (
    LOCATIVES,
    NEAR_AFTER,
    NEAR_BEFORE,
    PLACE_NOUNS,
    SETTLEMENT_NOUNS,
    SPEECH_VERBS,
)
from .rank import REGION_WORDS

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

# What may stand between a place and the place the text puts it in: "X, Y", "X in (central) Y",
# "X, in Y province", "X, a village in the north of Y", "X in the province of Y", "X (Y)",
# "X (A district, Y)", "X village, Y", "X area of Y district", "X in the southern countryside of Y".
CONTAINER_WORDS = (
    r"(?:the|central|northern|southern|eastern|western|north|south|east|west|northeastern|"
    r"northwestern|southeastern|southwestern|north-east|north-west|south-east|south-west|far|"
    r"rural|restive|of|part|parts|province|region|district|state|county|governorate|oblast|"
    r"department|prefecture|area|countryside|-)"
)
_SETTLEMENT = (
    r"(?:village|town|city|hamlet|settlement|district|locality|suburb|neighbourhood|"
    r"neighborhood|camp|area|capital)"
)
CONTAINER_GAP = re.compile(  # on the lower-cased words between, each preceded by a space
    rf"^(?: ,(?: {CONTAINER_WORDS})*"
    rf"|(?: ,)?(?: (?:a|the)(?: [a-z-]+)? {_SETTLEMENT} (?:in|of)| in)(?: {CONTAINER_WORDS})*"
    rf"| \((?: {CONTAINER_WORDS})*|(?: {_SETTLEMENT})(?: \(| ,| in| of)(?: {CONTAINER_WORDS})*)$"
)
_GAP_WORD = re.compile(r"[\w-]+|[^\w\s]")


def container_gap(between: str) -> bool:
    """Do the words between two place names put the first inside the second (`CONTAINER_GAP`)?
    `between` is the text as written: "Kamianka, Donetsk" gives ", "."""
    spaced = "".join(f" {w}" for w in _GAP_WORD.findall(between.lower()))
    return bool(spaced) and CONTAINER_GAP.match(spaced) is not None


# "KYIV, Ukraine (Reuters) -", "BAMAKO (AFP) —", "GAZA CITY, Sept 14 -": where the story was
# filed, not where the events happened. At the very start, or after a headline.
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,40}(?:,[ A-Za-z.]{2,30}?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([A-Za-z ]{2,20}\))?\s*[-\u2013\u2014:]"
)
HEADLINE_END = re.compile(r"[.!?]\s+|\n\s*")
HEADLINE_CHARS = 300


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) offsets of the article's dateline ((0, 0) when it has none)."""
    lead = len(text) - len(text.lstrip())
    starts = [lead] + [m.end() for m in HEADLINE_END.finditer(text, 0, HEADLINE_CHARS)]
    for start in starts:
        match = DATELINE.match(text, start)
        if not match:
            continue
        dateline = match.group()
        place_letters = sum(c.isalpha() for c in dateline.split(",")[0].split("(")[0])
        if place_letters >= 4 or "(" in dateline or "," in dateline:
            return start, match.end()
    return 0, 0


def words(parse: Parse, first: int, end: int) -> str:
    """The text of tokens first..end (exclusive)."""
    return parse.text[parse.tokens[first].start : parse.tokens[end - 1].end]


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()


def before(parse: Parse, first: int, size: int = 4) -> list[str]:
    """Up to `size` lower-cased words before token `first`, nearest last, within the sentence."""
    sent = parse.sentences[parse.tokens[first].sent]
    start = max(sent.token_start, first - size)
    return [t.text.lower().rstrip(".") for t in parse.tokens[start:first]]


def after(parse: Parse, end: int) -> str:
    """The lower-cased token right after a span ("" at the end of the text)."""
    return parse.tokens[end].text.lower() if end < len(parse.tokens) else ""


def locative_before(parse: Parse, first: int) -> bool:
    """ "in X", "near X", "the village of X" (the "of" counts), "towards X"."""
    preceding = before(parse, first)
    return bool(preceding) and preceding[-1] in LOCATIVES


def noun_of_before(parse: Parse, first: int, nouns: frozenset[str]) -> bool:
    """ "the village of X", "the northeastern province of X": a lower-case noun, then "of"."""
    if first < 2 or parse.tokens[first - 2].sent != parse.tokens[first].sent:
        return False
    return parse.tokens[first - 1].text == "of" and parse.tokens[first - 2].text in nouns


def settlement_cue(parse: Parse, first: int, end: int) -> bool:
    """The text says an (unknown) name is a settlement: "the hamlet of X", "X village" (the noun
    in lower case: "Olympic Village" is a name)."""
    noun = parse.tokens[end].text if end < len(parse.tokens) else ""
    return noun_of_before(parse, first, SETTLEMENT_NOUNS) or noun in SETTLEMENT_NOUNS


def admin_cue(parse: Parse, first: int, end: int) -> bool:
    """ "X province" or "the province of X": the subdivision, not its namesake city."""
    return after(parse, end) in REGION_WORDS or noun_of_before(parse, first, REGION_WORDS)


def strong_evidence(parse: Parse, first: int, end: int) -> bool:
    """A place noun right before ("the village of X") or after ("X village")."""
    preceding = before(parse, first)
    return after(parse, end) in PLACE_NOUNS or (
        len(preceding) >= 2 and preceding[-1] == "of" and preceding[-2] in PLACE_NOUNS
    )


def speaks(parse: Parse, head: int) -> bool:
    """The token is the subject of a speech verb: "Nelson said", "Moscow denied"."""
    token = parse.tokens[head]
    return token.dep == "nsubj" and parse.tokens[token.head].lemma.lower() in SPEECH_VERBS


def near_before(parse: Parse, first: int) -> bool:
    """ "near X", "near the town of X", "in the directions of X", "outskirts of X"."""
    preceding = before(parse, first, size=7)
    if any(tuple(preceding[-len(p) :]) == p for p in NEAR_BEFORE):
        return True
    if len(preceding) >= 2 and preceding[-1] == "of" and preceding[-2] in PLACE_NOUNS:
        cut = 3 if len(preceding) >= 3 and preceding[-3] in ("the", "a") else 2
        return any(tuple(preceding[:-cut][-len(p) :]) == p for p in NEAR_BEFORE)
    return False


def first_conjunct(parse: Parse, first: int, end: int) -> int:
    """The first token of the first place in a coordination: "near A, B and C" -> A."""
    head = parse.tokens[end - 1]
    while head.dep == "conj" and head.head < head.i:
        head = parse.tokens[head.head]
        first = head.i
        while first > 0 and parse.tokens[first - 1].dep == "compound":
            first -= 1
    return first


def precision(parse: Parse, first: int, end: int, candidate: Candidate | None, near: bool) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near it ("near X", "the X area", "Upper X") or a
    district, 3 a province, country or anything unresolved."""
    base = 3 if candidate is None or candidate.feature not in ("city", "village", "admin2") else 1
    if candidate is not None and candidate.feature == "admin2":
        base = 2
    following = after(parse, end)
    near = near or following in NEAR_AFTER or (following in REGION_WORDS and base == 1)
    near = near or near_before(parse, first_conjunct(parse, first, end))
    return max(base, 2) if near else base


def is_metonym(parse: Parse, end: int, candidate: Candidate, gazetteer: Gazetteer) -> bool:
    """A country or capital as the subject of a speech verb: "Moscow said", "Russia denied"."""
    if candidate.feature != "country":
        capital = gazetteer.capital(candidate.country_code)
        if capital is None or (capital.name, capital.feature) != (
            candidate.name,
            candidate.feature,
        ):
            return False
    head = parse.tokens[end - 1]
    if head.dep not in ("nsubj", "nsubjpass") or head.head == head.i:
        return False
    return parse.tokens[head.head].lemma.lower() in SPEECH_VERBS
