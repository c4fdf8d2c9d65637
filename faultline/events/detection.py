"""Detect events: per sentence, a trigger (see `triggers.py`) or the learned detector's confident
call (see `detector.py`), a place (see `location.py`), a date, actors and a claimant.

An event needs an anchor in the text: an accepted trigger, or a sentence the detector calls an
event with no trigger a rule rejected; and a place (its own, or one the article gives it). ONE
EVENT PER PLACE (ACLED's rule: one type, one place, one day), so "shelled positions near A and B"
gives two events. When a sentence's trigger is a battle or a remote attack and a separate clause of
it kills civilians at a place of its own ("..., and nine civilians died when the attackers burned
houses in the village of X"), that clause is a second event: violence against civilians (a
different place and target).
An unidentified perpetrator becomes the armed group that claimed the attack, when the article names
one (see `perpetrators.py`).

Fatalities and claim ids are filled by the counts stage; here fatalities=0 and no claims.
"""

from __future__ import annotations

import re

from ..actors.dictionary import ActorDictionary, default_sides
from ..records import Event, Parse, PlaceMention, Quote, Sentence, Span, Timeline, Token
from ..taxonomy import ARMED_FAMILIES, EVENT_TYPES, interaction
from . import roles
from .detector import (
    DETECTOR_VETO,
    UNPLACED_SURE,
    confident_type,
    learned_typings,
    sentence_scores,
)
from .followups import same_as_earlier, toll_only
from .location import Located, locate, not_actor_names, unnamed
from .model import EventModel, choose
from .perpetrators import attribute_claims
from .sides import DEATH_VERBS, Sides
from .triggers import Hit, Typing, classify, find_hits, load_lexicon, resolve_generic


def detect_events(
    parse: Parse,
    *,
    places: tuple[PlaceMention, ...],
    timeline: Timeline,
    quotes: tuple[Quote, ...],
    actors: ActorDictionary,
    article_id: str,
    model: EventModel | None = None,
    detector: EventModel | None = None,
) -> tuple[Event, ...]:
    """Events of the article, one per (typed sentence, place), in text order. `model`, the typer,
    types a sentence when it is confident and otherwise chooses among the sub-types its triggers
    allow; `detector` makes events of sentences the lexicon leaves untyped (see `detector.py`)."""
    lexicon = load_lexicon()
    places = not_actor_names(places, actors.name_spans(parse.text))
    context = _Context(parse, places, timeline, quotes, actors, model)
    events: list[Event] = []
    hits = [find_hits(parse, sentence, lexicon) for sentence in parse.sentences]
    scores = sentence_scores(parse, detector) if detector is not None else None
    learned = learned_typings(parse, hits, detector, model, scores)
    unplaced: tuple[Sentence, Typing] | None = None  # the first event with no place found

    def sure(sentence: Sentence) -> bool:  # an event with no place needs the detector to agree
        return scores is None or scores[sentence.index] >= UNPLACED_SURE

    for sentence in parse.sentences:
        time = (
            timeline.sentences[sentence.index] if sentence.index < len(timeline.sentences) else None
        )
        if time is not None and time.is_background:
            continue
        typing = classify(hits[sentence.index], _following(parse, sentence, hits))
        typing = typing or learned.get(sentence.index)
        if typing is None or (events and toll_only(parse, sentence, hits[sentence.index], places)):
            continue
        if scores is not None and scores[sentence.index] < DETECTOR_VETO:
            continue  # the detector is sure the sentence reports no event, whatever its triggers
        clauses = context.civilian_clauses(sentence, typing, hits[sentence.index])
        spans = tuple(span for _, span in clauses)
        for typed, exclude in ((typing, spans), *((t, ()) for t, _ in clauses)):
            anchor = typed.anchor.anchor
            if context.dated_before(anchor, sentence):
                continue
            others = tuple(
                h.anchor
                for h in hits[sentence.index]
                if h.rejected is None and not h.label.startswith("cue:") and h.anchor != anchor
            )
            found = locate(parse, places, sentence, anchor, context.lead, exclude, others)
            unplaced = unplaced or (None if found or not sure(sentence) else (sentence, typed))
            for located in found:
                event_id = f"{article_id}-e{len(events) + 1}"
                event = context.event(event_id, sentence, typed, located)
                if context.date_near(sentence, anchor) is None:
                    event = same_as_earlier(event, events)
                events.append(event)
                context.lead = context.lead or located.place
    if not events and unplaced is not None:  # an event the article names no place for
        events.append(context.event(f"{article_id}-e1", *unplaced, context.nowhere(unplaced[0])))
    return attribute_claims(tuple(events), parse, quotes=quotes, actors=actors)


def _following(parse: Parse, sentence: Sentence, hits: list[list[Hit]]) -> list[Hit]:
    """The hits of the next sentence when it is in the same paragraph."""
    index = sentence.index + 1
    if index < len(parse.sentences) and parse.sentences[index].paragraph == sentence.paragraph:
        return hits[index]
    return []


class _Context:
    """What every event of one article is built from (lives for one `detect_events` call)."""

    def __init__(
        self,
        parse: Parse,
        places: tuple[PlaceMention, ...],
        timeline: Timeline,
        quotes: tuple[Quote, ...],
        actors: ActorDictionary,
        model: EventModel | None = None,
    ) -> None:
        self.parse, self.places, self.timeline = parse, places, timeline
        self.quotes, self.actors, self.model = quotes, actors, model
        self.who = Sides(parse, places, quotes, actors)
        self.lead: PlaceMention | None = None  # where the article's first event happened
        self.typed: dict[int, dict[str, float]] = {}  # the typer's reading, by sentence

    # ---------------------------------------------------------------- the event
    def nowhere(self, sentence: Sentence) -> Located:
        """The place of an article's only event when the article names none the gazetteer
        knows: the country its places and demonyms point to most (none when they point to
        none), coded at geo_precision 3 with no location, as ACLED codes an event it cannot
        place more finely."""
        code = self.who.main_country()
        place = PlaceMention(
            text="", start=sentence.start, end=sentence.start, name=None, geonameid=None,
            latitude=None, longitude=None, country_code=code, admin1=None, feature=None,
            resolved=False, precision=3, rule="no-place",
        )  # fmt: skip
        return Located(place, "no-place", 0.6)

    def event(self, event_id: str, sentence: Sentence, typing: Typing, located: Located) -> Event:
        anchor, place = typing.anchor.anchor, located.place
        where = place.country_code or self.who.main_country()  # an unresolved place's country
        claimant, claimant_text = self.who.claimant(anchor)
        enemy = self.who.opponent(
            self.actors.country_in(claimant_text or "") if claimant_text else None
        )
        actor1, actor2 = self.who.sides(typing, anchor, where, enemy)
        sub = self.retype(
            resolve_generic(
                typing.label, actor1.inter if actor1 else None, actor2.inter if actor2 else None
            ),
            typing,
            sentence,
        )
        found = actor1 is not None
        if EVENT_TYPES[sub] == "Protests" and sub != "Peaceful protest":
            actor2 = actor2 or self.who.security(sentence, where)
        actor1, actor2 = default_sides(self.actors, sub, actor1, actor2, where)
        time = (
            self.timeline.sentences[sentence.index]
            if sentence.index < len(self.timeline.sentences)
            else None
        )
        start, end = self.clause(anchor, sentence)
        confidence = typing.weight * located.factor * (1.0 if found else 0.85)
        day = self.date_near(sentence, anchor) or (time.date if time else None)
        actor1, actor2 = self.actors.dated(actor1, day), self.actors.dated(actor2, day)
        return Event(
            event_id=event_id,
            event_date=day,
            date_end=time.date_end if time else None,
            time_precision=time.time_precision if time and time.date else None,
            event_type=EVENT_TYPES[sub],
            sub_event_type=sub,
            actor1=actor1.name if actor1 else None,
            assoc_actor_1=None,
            inter1=actor1.inter if actor1 else None,
            actor2=actor2.name if actor2 else None,
            assoc_actor_2=None,
            inter2=actor2.inter if actor2 else None,
            interaction=interaction(
                actor1.inter if actor1 else None, actor2.inter if actor2 else None
            ),
            civilian_targeting="Civilian targeting" if actor2 and actor2.inter == 7 else None,
            country=place.country or self.actors.country_name(where),
            country_code=where,
            iso=self.actors.isonumeric(where),
            admin1=place.admin1,
            admin2=place.admin2,
            location=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=_precision(place.precision, self.parse.text[start:end]),
            fatalities=0,
            fatalities_low=None,
            fatalities_best=None,
            fatalities_high=None,
            claimant=claimant,
            claim_ids=(),
            notes=None,
            evidence=(Span(start, end, self.parse.text[start:end]),),
            confidence=round(min(1.0, max(0.0, confidence)), 3),
            rule=f"{typing.rule}:{typing.anchor.label}:{_lemma(anchor)}"
            + (f":{located.how}" if located.how else ""),
            place_start=place.start,
            sentence=sentence.index,
        )

    def retype(self, sub: str, typing: Typing, sentence: Sentence) -> str:
        """The typer's sub-type when it is confident, else its choice among the sub-types the
        sentence's triggers allow; a protest stays as the rules typed it (ACLED's hierarchy types
        protests first, and how a protest ended is often told by the next sentence)."""
        if self.model is None or typing.rule == "detector":
            return sub
        options = typing.candidates
        if sentence.index not in self.typed:  # one reading per sentence, whatever its places
            text = self.parse.text[sentence.start : sentence.end]
            self.typed[sentence.index] = self.model.probabilities(text)
        probabilities = self.typed[sentence.index]
        if EVENT_TYPES[sub] == "Protests":
            options = frozenset(o for o in options if EVENT_TYPES[o] == "Protests")
        elif (confident := confident_type(probabilities)) is not None:
            return confident
        if len(options | {sub}) < 2:
            return sub
        return choose(sub, options, probabilities)

    def civilian_clauses(
        self, sentence: Sentence, typing: Typing, hits: list[Hit]
    ) -> list[tuple[Typing, tuple[int, int]]]:
        """Clauses of a battle or remote-attack sentence, apart from its trigger, that kill
        civilians at a place of their own: each an Attack on civilians, with its span."""
        if typing.label[0] != "@" and EVENT_TYPES[typing.label] not in ARMED_FAMILIES:
            return []
        primary, out = typing.anchor.anchor, []
        for token in self.parse.sentence_tokens(sentence):
            start, end = self.parse.subtree_span(token)
            if (
                _lemma(token) not in DEATH_VERBS
                or token.pos != "VERB"
                or start <= primary.start < end
            ):
                continue
            victim = roles.victim(self.parse, token)
            actor = self.who.actor(victim, None, None) if victim is not None else None
            if actor is None or actor.inter != 7 or not self._names_place(sentence, start, end):
                continue
            inside = [
                h
                for h in hits
                if h.rejected is None and not h.label.startswith("cue:") and start <= h.start < end
            ]
            hit = max(inside, key=lambda h: h.weight, default=None)
            anchor = hit.anchor if hit is not None else token
            found = Hit(anchor, "Attack", 0.7, anchor.start, anchor.end)
            out.append((Typing("Attack", 0.7, found, frozenset(), "civilian-clause"), (start, end)))
        return out

    def _names_place(self, sentence: Sentence, start: int, end: int) -> bool:
        offsets = [p.start for p in self.places if p.role == "place"]
        offsets += unnamed(self.parse, sentence, self.places)
        return any(start <= o < end for o in offsets)

    def clause(self, anchor: Token, sentence: Sentence) -> tuple[int, int]:
        """The trigger's clause: the subtree of its nearest verb (itself if a verb), within the
        sentence."""
        start, end = self.parse.subtree_span(roles.nearest_verb(self.parse, anchor))
        return max(start, sentence.start), min(end, sentence.end)

    def dated_before(self, anchor: Token, sentence: Sentence) -> bool:
        """Is the trigger's own clause dated in the background ("massacres in Darfur in 2003", in a
        sentence about a trial opening today)?"""
        start, end = self.clause(anchor, sentence)
        verb = roles.nearest_verb(self.parse, anchor)
        return any(
            start <= d.start < end
            and d.is_background
            and self._governing_verb(d.start) in (verb.i, anchor.i)
            for d in self.timeline.dates
        )

    def _governing_verb(self, offset: int) -> int | None:
        """The first verb above the token at `offset` (the clause a date belongs to)."""
        token = next((t for t in self.parse.tokens if t.start <= offset < t.end), None)
        for _ in range(10):
            if token is None or token.head == token.i:
                return token.i if token is not None else None
            token = self.parse.tokens[token.head]
            if token.pos in ("VERB", "AUX"):
                return token.i
        return None

    def date_near(self, sentence: Sentence, anchor: Token) -> str | None:
        """A day written in the sentence before the trigger (the nearest), else the first after
        it."""
        days = [
            d
            for d in self.timeline.dates
            if sentence.start <= d.start < sentence.end
            and d.granularity == "day"
            and d.value
            and not d.is_background
            and len(d.value) == 10
        ]
        before = [d for d in days if d.start < anchor.start]
        chosen = before[-1] if before else (days[0] if days else None)
        return chosen.value if chosen else None

def _precision(place_precision: int, clause: str) -> int:
    """ACLED's geo_precision: "shelled a nearby base" is near the place, not at it."""
    return max(place_precision, 2) if NEARBY.search(clause) else place_precision


NEARBY = re.compile(r"\b(?:nearby|neighbouring|neighboring|surrounding)\b", re.IGNORECASE)


def _lemma(token: Token) -> str:
    return token.lemma.lower()


__all__ = ["detect_events", "Hit"]
