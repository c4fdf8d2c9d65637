"""Which assembled events a casualty claim belongs to: one toll per incident.

The counts stage works on the article's assembled incidents (`events.assemble_events`): an
incident keeps the words of every report of it (headline, lead, body, each side's statement), so
a toll written in any of those sentences finds it. A current killed or injured claim goes to the
first of these strategies (`STRATEGIES`, tried in turn) that gives it events:

1. **sentence**: the incidents reported in the claim's own sentence whose targets fit its
   victims (civilians to civilian-targeting incidents, soldiers and fighters to the others,
   battles never targeting civilians whatever a report said; "six of our men", the speaker's
   own side, are not civilians; a toll with no victims named, "Air raid kills 17", fits any);
2. **restated**: the same kind and figure as a claim placed by its sentence ("The ministry said 22
   people were killed" after "..., killing at least 22 people"): the same toll told again, so it
   goes to the same incident, where it is not added twice;
3. **headline**: a headline's toll that restates nothing goes to the incident the article leads
   with (its first report);
4. **previous**: a sentence with no date of its own tells the toll of the incident reported last
   before it ("Warplanes struck the market. ... The RSF said ..., killing 30 civilians"): of
   the incidents of the last sentence reporting one, those its victims fit (the only one,
   whatever the victims: "... control the riot. 9 prisoners were killed"), within
   `UNDATED_DAYS` of the claim's day;
5. **day**: the one fitting incident of the claim's day (or the day's only incident);
6. **any in sentence**: the incidents of its sentence, whatever their targets;
7. **only incident**: the article's (an ACLED note's) only incident, within `UNDATED_DAYS` of
   the claim's day, at a place its sentence allows.

A toll found for several incidents is split among them (`fatalities`), except among the copies
of one report at nested places (`one_per_place_report`): the finest place takes it whole.

Only incidents that can have fatalities take a killed or injured toll (battles, explosions,
violence against civilians, riots and excessive force against protesters); the others (arrests,
a peaceful protest) take one only through strategies 6 and 7, when nothing else does.
Strategies 4, 5 and 7 skip an incident when the claim's sentence names places and none of them is
the incident's ("In neighbouring Cauca province, soldiers clashed ..., killing three rebels" is
not the bombing in Jamundi that the article reported first). Background claims (earlier
incidents, running totals) link to nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..events.assembly import UNDATED_DAYS
from ..events.merge import distance_km
from ..records import Claim, Event, Parse, PlaceMention, Sentence
from ..taxonomy import EVENT_TYPES

FATAL_FAMILIES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
FATAL_SUB_TYPES = frozenset({"Excessive force against protesters"})
CIVILIAN_WORDS = frozenset(
    "civilian civilians resident residents villager villagers people person child children women "
    "woman men man girl girls boy boys worshippers passengers students farmers family families "
    "protesters demonstrators pupils patients".split()
)  # fmt: skip
PLACE_KM = 50.0


@dataclass(frozen=True, slots=True)
class Context:
    """What the strategies read: the parse, the incidents, the claims placed by their sentence,
    the sentences that write a date of their own and the article's place mentions."""

    parse: Parse
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]  # the current killed/injured claims
    placed: dict[str, tuple[Event, ...]]  # claim_id -> incidents of its sentence
    dated: frozenset[int]
    places: tuple[PlaceMention, ...]


def can_have_fatalities(event: Event) -> bool:
    """ACLED codes deaths in political violence and riots; a peaceful protest or an arrest has
    none of its own."""
    return (
        EVENT_TYPES.get(event.sub_event_type, event.event_type) in FATAL_FAMILIES
        or event.sub_event_type in FATAL_SUB_TYPES
    )


OWN_SIDE = ("our ", "its ")  # "six of our men", said by a police chief: the speaker's own


def civilian_victims(claim: Claim) -> bool | None:
    """Whether the victims are civilians; None when the claim names no victims ("kills 17")."""
    if not claim.victims:
        return None
    victims = claim.victims.lower()
    if victims.startswith(OWN_SIDE):
        return False
    return bool(set(victims.replace("-", " ").split()) & CIVILIAN_WORDS)


def targets_civilians(event: Event) -> bool:
    """Civilians are the incident's target: ACLED's civilian_targeting, which a battle (between
    armed, organised sides) never has, whatever a report of it said."""
    return event.civilian_targeting is not None and event.event_type != "Battles"


def matching(claim: Claim, events: Sequence[Event]) -> list[Event]:
    """The incidents whose targets fit the claim's victims."""
    civilian = civilian_victims(claim)
    return [e for e in events if civilian is None or targets_civilians(e) == civilian]


def reported_in(event: Event, sentence: Sentence) -> bool:
    """Whether the incident, or a report assembled into it (an evidence span), is in
    `sentence`."""
    return event.sentence == sentence.index or any(
        sentence.start <= span.start < sentence.end for span in event.evidence
    )


def in_sentence(claim: Claim, parse: Parse, events: Sequence[Event]) -> list[Event]:
    """Strategy 1, also what `Context.placed` records."""
    sentence = parse.sentence_at(claim.evidence.start)
    if sentence is None:
        return []
    fatal = [e for e in events if can_have_fatalities(e) and reported_in(e, sentence)]
    return matching(claim, fatal)


def _sentence(claim: Claim, ctx: Context) -> list[Event]:
    return list(ctx.placed.get(claim.claim_id, ()))


def _restated(claim: Claim, ctx: Context) -> list[Event]:
    civilian = civilian_victims(claim)
    for other in ctx.claims:
        events = ctx.placed.get(other.claim_id, ())
        if other.claim_id == claim.claim_id or not events:
            continue
        same = (other.kind, other.count) == (claim.kind, claim.count)
        fits = None in (civilian, civilian_victims(other)) or civilian == civilian_victims(other)
        if same and fits:
            return list(events)
    return []


def _headline(claim: Claim, ctx: Context) -> list[Event]:
    sentence = ctx.parse.sentence_at(claim.evidence.start)
    if sentence is None or not is_headline(ctx.parse, sentence):
        return []
    fatal = matching(claim, [e for e in ctx.events if can_have_fatalities(e) and e.evidence])
    first = min(fatal, key=lambda e: min(s.start for s in e.evidence), default=None)
    return [first] if first is not None else []


def is_headline(parse: Parse, sentence: Sentence) -> bool:
    """The article's first paragraph when it is one sentence followed by others (a title)."""
    if sentence.paragraph != parse.sentences[0].paragraph:
        return False
    first = [s for s in parse.sentences if s.paragraph == sentence.paragraph]
    return len(first) == 1 and len(parse.sentences) > 1


def _previous(claim: Claim, ctx: Context) -> list[Event]:
    sentence = ctx.parse.sentence_at(claim.evidence.start)
    if sentence is None or sentence.index in ctx.dated:
        return []
    starts = [
        span.start
        for event in ctx.events
        if can_have_fatalities(event)
        for span in event.evidence
        if span.start < sentence.start
    ]
    last = ctx.parse.sentence_at(max(starts)) if starts else None
    if last is None:
        return []
    told = [e for e in ctx.events if can_have_fatalities(e) and reported_in(e, last)]
    fitting = matching(claim, told) or (told if len(told) == 1 else [])
    return [e for e in fitting if _near_day(claim, e) and _place_fits(claim, e, ctx)]


def _near_day(claim: Claim, event: Event) -> bool:
    """A claim dated by an undated sentence's context lies within `UNDATED_DAYS` of the
    incident (as assembly joins an undated report)."""
    try:
        gap = abs(
            (
                dt.date.fromisoformat(claim.date or "")
                - dt.date.fromisoformat(event.event_date or "")
            ).days
        )
    except ValueError:
        return True
    return gap <= UNDATED_DAYS


def _day(claim: Claim, ctx: Context) -> list[Event]:
    sentence = ctx.parse.sentence_at(claim.evidence.start)
    day = [
        e for e in ctx.events
        if claim.date and e.event_date == claim.date and can_have_fatalities(e)
        and _place_fits(claim, e, ctx)
    ]  # fmt: skip
    same_day = matching(claim, day)
    if len(same_day) == 1:
        return same_day
    in_own = sentence is not None and any(reported_in(e, sentence) for e in ctx.events)
    return day if len(day) == 1 and not in_own else []


def _any_in_sentence(claim: Claim, ctx: Context) -> list[Event]:
    sentence = ctx.parse.sentence_at(claim.evidence.start)
    if sentence is None:
        return []
    return [e for e in ctx.events if reported_in(e, sentence)]


def _only_incident(claim: Claim, ctx: Context) -> list[Event]:
    only = len(ctx.events) == 1 and _near_day(claim, ctx.events[0])
    only = only and _place_fits(claim, ctx.events[0], ctx)
    return list(ctx.events) if only else []


Strategy = Callable[[Claim, Context], list[Event]]
STRATEGIES: tuple[Strategy, ...] = (
    _sentence, _restated, _headline, _previous, _day, _any_in_sentence, _only_incident,
)  # fmt: skip


def one_per_place_report(events: list[Event]) -> list[Event]:
    """The incidents without those that only restate another's report at a coarser place: the
    same words and sub-type, placed at the province, district or country the other lies in
    ("five militants were killed in a firefight in Bulan, Sorsogon" made at Bulan and at
    Sorsogon is one firefight, whose toll is not split between its place reports)."""
    return [e for e in events if not any(_coarser_copy(e, other) for other in events)]


def _coarser_copy(event: Event, other: Event) -> bool:
    if event is other or event.sub_event_type != other.sub_event_type:
        return False
    if not event.evidence or not other.evidence or event.evidence[0] != other.evidence[0]:
        return False
    areas = {other.admin1, other.admin2, other.country} - {None}
    return event.location in areas or (
        event.geo_precision == 3
        and (other.geo_precision or 1) < 3
        and event.admin1 == other.admin1
        and event.country_code == other.country_code
    )


def events_for_claims(
    parse: Parse,
    claims: Sequence[Claim],
    events: tuple[Event, ...],
    *,
    dated: frozenset[int] = frozenset(),
    places: tuple[PlaceMention, ...] = (),
) -> list[list[Event]]:
    """For each claim (in order), the incidents it belongs to (empty: an aggregate toll or not a
    current killed/injured claim)."""
    current = [c for c in claims if c.kind in ("killed", "injured") and not c.is_background]
    placed = {c.claim_id: tuple(in_sentence(c, parse, events)) for c in current}
    ctx = Context(parse, events, tuple(current), placed, dated, places)
    ids = {c.claim_id for c in current}
    return [
        one_per_place_report(next((found for s in STRATEGIES if (found := s(claim, ctx))), []))
        if claim.claim_id in ids
        else []
        for claim in claims
    ]


def _place_fits(claim: Claim, event: Event, ctx: Context) -> bool:
    """Whether the claim's sentence names no place, or one of its places is the incident's: the
    same place, within `PLACE_KM`, or the province or country the incident lies in."""
    sentence = ctx.parse.sentence_at(claim.evidence.start)
    if sentence is None:
        return True
    named = [
        p for p in ctx.places
        if p.resolved and p.role == "place" and sentence.start <= p.start < sentence.end
    ]  # fmt: skip
    return not named or any(_is_at(p, event) for p in named)


def _is_at(place: PlaceMention, event: Event) -> bool:
    if place.feature == "country":
        return place.country_code == event.country_code
    if place.name is not None and place.name == event.location:
        return True
    if place.feature == "admin1" and place.admin1 is not None:
        return place.admin1 == event.admin1 and place.country_code == event.country_code
    if None in (place.latitude, place.longitude, event.latitude, event.longitude):
        return False
    return distance_km(place.latitude, place.longitude, event.latitude, event.longitude) <= PLACE_KM  # type: ignore[arg-type]
