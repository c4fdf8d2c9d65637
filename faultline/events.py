"""Detect events: per sentence, a trigger (see `triggers.py`), a place, a date, actors and a
claimant.

An event needs an anchor in the text: an accepted trigger and a place. ONE EVENT PER PLACE (ACLED's
rule: one type, one place, one day), so "shelled positions near A and B" gives two events. A place
is a `PlaceMention` with role "place" in the trigger's sentence; a bare country counts only after
"in" ("fighting in Sudan"), since a country name is usually an actor ("Azerbaijan shelled"). When
the sentence has none, the nearest earlier place in the same paragraph is used (lower confidence);
when the paragraph has none either, the trigger is dropped: without a place there is no event to
locate, and the casualty claims of the sentence still reach the output through the counts stage.

Fatalities and claim ids are filled by the counts stage; here fatalities=0 and no claims.
"""

from __future__ import annotations

from collections import Counter

from . import roles
from .actors import ActorDictionary, interaction
from .models import Actor, Event, Parse, PlaceMention, Quote, Sentence, Span, Timeline, Token
from .triggers import EVENT_TYPES, Hit, Typing, classify, find_hits, load_lexicon, resolve_generic

SPEECH_VERBS = frozenset(
    "say tell report claim announce state accuse add confirm allege write tweet insist note".split()
)
SUBJECTS = ("nsubj", "nsubjpass")
LOCATIVE = frozenset("in inside into across throughout".split())
COARSE = frozenset({"country", "admin1", "admin2", "region"})
PLACE_LINKS = frozenset("prep pobj compound appos npadvmod advmod amod conj cc nmod".split())
FORCE_HINT = frozenset("forces troops army soldiers military servicemen".split())


def detect_events(
    parse: Parse,
    *,
    places: tuple[PlaceMention, ...],
    timeline: Timeline,
    quotes: tuple[Quote, ...],
    actors: ActorDictionary,
    article_id: str,
) -> tuple[Event, ...]:
    """Events of the article, one per (typed trigger sentence, place), in text order."""
    lexicon = load_lexicon()
    context = _Context(parse, places, timeline, quotes, actors)
    events: list[Event] = []
    hits = [find_hits(parse, sentence, lexicon) for sentence in parse.sentences]
    for sentence in parse.sentences:
        time = (
            timeline.sentences[sentence.index] if sentence.index < len(timeline.sentences) else None
        )
        if time is not None and time.is_background:
            continue
        typing = classify(hits[sentence.index], _following(parse, sentence, hits))
        if typing is None:
            continue
        for place, near in context.places_for(sentence, typing.anchor.anchor):
            event_id = f"{article_id}-e{len(events) + 1}"
            events.append(context.event(event_id, sentence, typing, place, near))
    return tuple(events)


def _finest(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a country or region when a finer place in the same country is there ("near the town of
    X in central Y" is one event at X): ACLED codes the most precise location."""
    fine = [p for p in places if p.feature not in COARSE]
    return [p for p in places if p.feature not in COARSE or not any(_within(q, p) for q in fine)]


def _within(fine: PlaceMention, coarse: PlaceMention) -> bool:
    if fine.country_code != coarse.country_code:
        return False
    return coarse.feature == "country" or (
        fine.admin1 is not None and fine.admin1 in (coarse.name, coarse.admin1)
    )


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
    ) -> None:
        self.parse, self.places, self.timeline = parse, places, timeline
        self.quotes, self.actors = quotes, actors
        self.weights = _country_weights(parse, places, actors)

    # ---------------------------------------------------------------- place
    def places_for(self, sentence: Sentence, anchor: Token) -> list[tuple[PlaceMention, bool]]:
        """The event places of a sentence (each with `False`), else the paragraph fallback
        (`True`)."""
        inside = [
            p
            for p in self.places
            if sentence.start <= p.start < sentence.end
            and self._anchors(p)
            and self._linked(p, anchor)
        ]
        unique = _finest(list({(p.geonameid, p.name, p.text): p for p in inside}.values()))
        if unique:
            return [(p, False) for p in unique]
        earlier = [
            p
            for p in self.places
            if p.end <= sentence.start
            and self._anchors(p)
            and (s := self.parse.sentence_at(p.start)) is not None
            and s.paragraph == sentence.paragraph
        ]
        return [(earlier[-1], True)] if earlier else []

    def _linked(self, place: PlaceMention, anchor: Token) -> bool:
        """Is the place where the trigger's clause happened? It lies in the clause, or it modifies a
        clause that governs the trigger through prepositions only ("In X, a resident said that
        ...")."""
        start, end = self.parse.subtree_span(roles.nearest_verb(self.parse, anchor))
        if start <= place.start < end:
            return True
        token = next((t for t in self.parse.tokens if t.start <= place.start < t.end), None)
        governors = {t.i for t in roles.governors(self.parse, anchor)}
        for _ in range(8):
            if token is None or token.head == token.i:
                return False
            if token.head in governors:
                return token.dep in PLACE_LINKS
            if token.dep not in PLACE_LINKS:
                return False
            token = self.parse.tokens[token.head]
        return False

    def _anchors(self, place: PlaceMention) -> bool:
        if place.role != "place" or not place.resolved:
            return False
        if place.feature != "country":
            return True
        before = self.parse.text[max(0, place.start - 12) : place.start].split()
        return bool(before) and before[-1].lower() in LOCATIVE

    # ---------------------------------------------------------------- the event
    def event(
        self, event_id: str, sentence: Sentence, typing: Typing, place: PlaceMention, near: bool
    ) -> Event:
        anchor = typing.anchor.anchor
        where = place.country_code
        claimant, claimant_text = self.claimant(anchor)
        enemy = self.opponent(
            self.actors.country_in(claimant_text or "") if claimant_text else None
        )
        actor1, actor2 = self.sides(typing, anchor, where, enemy)
        sub = resolve_generic(
            typing.label, actor1.inter if actor1 else None, actor2.inter if actor2 else None
        )
        found = actor1 is not None
        actor1, actor2 = _default_sides(self.actors, sub, actor1, actor2, where)
        time = (
            self.timeline.sentences[sentence.index]
            if sentence.index < len(self.timeline.sentences)
            else None
        )
        start, end = self.clause(anchor, sentence)
        confidence = typing.weight * (0.8 if near else 1.0) * (1.0 if found else 0.85)
        return Event(
            event_id=event_id,
            event_date=self.date_near(sentence, anchor) or (time.date if time else None),
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
            geo_precision=max(place.precision, 2) if near else place.precision,
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
            + (":paragraph-place" if near else ""),
            place_start=place.start,
            sentence=sentence.index,
        )

    def clause(self, anchor: Token, sentence: Sentence) -> tuple[int, int]:
        """The trigger's clause: the subtree of its nearest verb (itself if a verb), within the
        sentence."""
        start, end = self.parse.subtree_span(roles.nearest_verb(self.parse, anchor))
        return max(start, sentence.start), min(end, sentence.end)

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

    # ---------------------------------------------------------------- who
    def claimant(self, anchor: Token) -> tuple[str | None, str | None]:
        """(claimant for the output, text to find the claimant's country in)."""
        for quote in self.quotes:
            if quote.start <= anchor.start < quote.end and quote.speaker:
                hint = " ".join(
                    filter(
                        None,
                        (
                            quote.speaker,
                            quote.speaker_role,
                            quote.speaker_span.text if quote.speaker_span else None,
                        ),
                    )
                )
                return _speaker(quote), hint
        governors = roles.governors(self.parse, anchor)
        cues = {t.start for t in governors}
        for quote in self.quotes:  # the trigger depends on the quote's speech verb
            if quote.cue is not None and quote.cue.start in cues and quote.speaker:
                return _speaker(quote), " ".join(filter(None, (quote.speaker, quote.speaker_role)))
        for governor in governors:
            if _lemma(governor) in SPEECH_VERBS:
                subject = next(
                    (c for c in self.parse.children(governor) if c.dep in SUBJECTS), None
                )
                if subject is not None and subject.pos != "PRON":
                    text = self._text(subject)
                    return text, text
        return None, None

    def opponent(self, own: str | None) -> str | None:
        """The other main country of the article: who "the enemy" is for a claimant from `own`."""
        if own is None:
            return None
        others = [(w, c) for c, w in self.weights.items() if c != own]
        return max(others)[1] if others else None

    def sides(
        self, typing: Typing, anchor: Token, where: str | None, enemy: str | None
    ) -> tuple[Actor | None, Actor | None]:
        doer, done_to = roles.agent(self.parse, anchor), roles.target(self.parse, anchor)
        actor1 = self._actor(doer, where, enemy) if doer is not None else None
        actor2 = self._actor(done_to, where, enemy) if done_to is not None else None
        if actor1 and actor2 and actor1.name == actor2.name and actor1.inter in (1, 8):
            actor2 = None
        return actor1, actor2

    def _actor(self, token: Token, where: str | None, enemy: str | None) -> Actor | None:
        start, end = roles.noun_phrase(self.parse, token)
        phrase = self.parse.text[start:end]
        demonym = next(
            (
                p.country_code
                for p in self.places
                if start <= p.start < end and p.role in ("demonym", "metonym") and p.country_code
            ),
            None,
        )
        actor = self.actors.name_phrase(phrase, where=where, country=demonym, enemy=enemy)
        return (
            Actor(actor.name, actor.inter, actor.country_code, Span(start, end, phrase))
            if actor
            else None
        )

    def _text(self, token: Token) -> str:
        start, end = self.parse.subtree_span(token)
        return self.parse.text[start:end]


def _speaker(quote: Quote) -> str | None:
    """The claimant as written in the output: the speaker, with their role when it says more."""
    role = quote.speaker_role
    if quote.speaker and role and role.lower() not in quote.speaker.lower():
        return f"{quote.speaker} ({role})"
    return quote.speaker


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _default_sides(
    actors: ActorDictionary, sub: str, actor1: Actor | None, actor2: Actor | None, where: str | None
) -> tuple[Actor | None, Actor | None]:
    """ACLED's fixed sides: protesters and rioters act; violence against civilians targets
    civilians;
    a one-sided attack by a foreign state's forces targets the forces of the country it hit."""
    family = EVENT_TYPES[sub]
    if family == "Protests":
        police = actor1 if actor1 and actor1.inter == 1 else actor2
        return actors.protesters(where), police if sub != "Peaceful protest" else None
    if family == "Riots" and (actor1 is None or actor1.inter != 5):
        return actors.rioters(where), actor1 or actor2
    if family == "Violence against civilians" and actor2 is None:
        actor2 = actors.civilians(where)
    if actor1 is None and family in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    ):
        actor1 = actors.unidentified(where)  # ACLED names an unknown perpetrator so
    if (
        actor1
        and actor1.inter == 8
        and actor2 is None
        and family in ("Battles", "Explosions/Remote violence")
    ):
        actor2 = actors.state_forces("military", where, where)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    return actor1, actor2


def _country_weights(
    parse: Parse, places: tuple[PlaceMention, ...], actors: ActorDictionary
) -> Counter[str]:
    """How much the article is about each country: mentions, tripled for "<demonym> forces"."""
    weights: Counter[str] = Counter()
    covered: set[int] = set()
    for place in places:
        covered.update(range(place.start, place.end))
        if place.country_code:
            weights[place.country_code] += _force_bonus(parse.text, place.end)
    for token in parse.tokens:  # demonyms the places stage did not record
        if token.ent_type in ("NORP", "GPE") and token.start not in covered:
            code = actors.country_in(token.text)
            if code:
                weights[code] += _force_bonus(parse.text, token.end)
    return weights


def _force_bonus(text: str, end: int) -> int:
    after = text[end : end + 14].split()
    return 3 if after and after[0].lower().strip(".,") in FORCE_HINT else 1


__all__ = ["detect_events", "Hit"]
