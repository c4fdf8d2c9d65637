"""Who took part in an event, as its sentence says: the claimant of the report (a quote's speaker,
or the subject of a speech verb the trigger depends on), actor1 (the agent of the trigger) and
actor2 (its target or its casualties), the forces that intervened in a protest, and the other main
country of the article (who "the enemy" is for a claimant). Read by `detection.py`."""

from __future__ import annotations

from collections import Counter

from ..actors.dictionary import ActorDictionary
from ..records import Actor, Parse, PlaceMention, Quote, Sentence, Span, Token
from ..taxonomy import ARMED_FAMILIES, EVENT_TYPES
from . import roles
from .triggers import Typing

SPEECH_VERBS = frozenset(
    "say tell report claim announce state accuse add confirm allege write tweet insist note".split()
)
SUBJECTS = ("nsubj", "nsubjpass")
DEATH_VERBS = frozenset("die kill massacre slaughter execute behead burn".split())
FORCE_HINT = frozenset("forces troops army soldiers military servicemen".split())
REMOTE_NOUNS = frozenset(
    "airstrike strike bombardment shelling raid bombing drone missile rocket".split()
)  # a state's weapons: "Israeli airstrikes" were carried out by Israel's forces


class Sides:
    """The actors of one article's events (lives for one `detect_events` call)."""

    def __init__(
        self,
        parse: Parse,
        places: tuple[PlaceMention, ...],
        quotes: tuple[Quote, ...],
        actors: ActorDictionary,
    ) -> None:
        self.parse, self.places, self.quotes, self.actors = parse, places, quotes, actors
        self.weights = _country_weights(parse, places, actors)

    def main_country(self) -> str | None:
        """ISO2 of the country the article's places and demonyms point to most, if any."""
        return max(sorted(self.weights), key=self.weights.__getitem__) if self.weights else None

    def claimant(self, anchor: Token) -> tuple[str | None, str | None]:
        """(claimant for the output, text to find the claimant's country in)."""
        for quote in self.quotes:
            if quote.covers(anchor.start) and quote.speaker:
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
        actor1 = self.actor(doer, where, enemy) if doer is not None else None
        if actor1 is None and anchor.pos in ("NOUN", "PROPN"):
            actor1 = self.modifier_actor(anchor, where)
        actor2 = self.actor(done_to, where, enemy) if done_to is not None else None
        if actor2 is None and (
            typing.label[0] == "@" or EVENT_TYPES[typing.label] in ARMED_FAMILIES
        ):
            victims = roles.casualties(self.parse, anchor, DEATH_VERBS | {"wound", "injure"})
            actor2 = self.actor(victims, where, enemy) if victims is not None else None
        if actor1 and actor2 and actor1.name == actor2.name and actor1.inter in (1, 8):
            actor2 = None
        return actor1, actor2

    def modifier_actor(self, anchor: Token, where: str | None) -> Actor | None:
        """Who a nominal trigger's own modifiers say acted: a named group ("Saudi-led coalition
        airstrikes") or, for an air strike or shelling, a country's forces ("Russian shelling")."""
        start = roles.noun_phrase(self.parse, anchor)[0]
        phrase = self.parse.text[start : anchor.start]
        if not phrase.strip():
            return None
        found = self.actors.named(phrase, where)
        if found is None and _lemma(anchor) in REMOTE_NOUNS:
            country = self.actors.country_in(phrase)
            found = self.actors.state_forces("military", country, where) if country else None
        if found is None:
            return None
        return Actor(found.name, found.inter, found.country_code, Span(start, anchor.start, phrase))

    def security(self, sentence: Sentence, where: str | None) -> Actor | None:
        """The forces that intervened in a protest: a subject naming state forces in the sentence
        or the next one of its paragraph ("Police dispersed them")."""
        following = self.parse.sentences[sentence.index + 1 : sentence.index + 2]
        for current in (sentence, *(s for s in following if s.paragraph == sentence.paragraph)):
            for token in self.parse.sentence_tokens(current):
                actor = self.actor(token, where, None) if token.dep in SUBJECTS else None
                if actor is not None and actor.inter in (1, 8):
                    return actor
        return None

    def actor(self, token: Token, where: str | None, enemy: str | None) -> Actor | None:
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
