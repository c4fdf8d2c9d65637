"""Who did it, when the clause only says "suspected jihadists" or "gunmen": the group that claimed.

ACLED codes an attack by unidentified assailants to a named armed group when the report attributes
the attack to that group through its claim of responsibility. A group claims when it is the subject
of "claim" or of a verb taking "responsibility" (not negated), or when it is the speaker of a quote
that reports violence ("its fighters had killed dozens of soldiers"). When exactly one
group claims, the unidentified side of the article's events of the lead event's day becomes that
group; otherwise the events keep "Unidentified Armed Group (X)".
"""

from __future__ import annotations

import dataclasses
import re

from ..actors.dictionary import ActorDictionary
from ..records import Actor, Event, Parse, Quote, Token
from ..taxonomy import interaction

CLAIM_LEMMAS = frozenset("claim responsibility".split())
DENIAL_LEMMAS = frozenset("deny reject refute dismiss".split())
NON_STATE = frozenset({2, 3, 4})
ARMED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
VIOLENCE = re.compile(
    r"\b(?:kill|attack|ambush|storm|seiz|captur|overr[au]n|took control|taken control|destroy|"
    r"shot|shoot|bomb|behead|execut|neutrali[sz])",
    re.I,
)
UNIDENTIFIED = "Unidentified Armed Group"


def claiming_groups(
    parse: Parse, *, quotes: tuple[Quote, ...], actors: ActorDictionary
) -> list[Actor]:
    """The named non-state armed groups that claim violence in the article, in text order."""
    found: dict[str, Actor] = {}
    for token in parse.tokens:
        if token.lemma.lower() in CLAIM_LEMMAS:
            claimant = _claimant(parse, token)
            if claimant is not None:
                start, end = parse.subtree_span(claimant)
                _add(found, actors.named(parse.text[start:end]))
    for quote in quotes:
        speaker = " ".join(
            filter(None, (quote.speaker, quote.speaker_span.text if quote.speaker_span else None))
        )
        if speaker and VIOLENCE.search(quote.text):
            _add(found, actors.named(speaker))
    return list(found.values())


def _claimant(parse: Parse, token: Token) -> Token | None:
    """Who makes the claim: the subject (or passive agent) of "claim" or of the verb that takes
    "responsibility"; None when the claim is denied or negated ("No group has claimed ...")."""
    verb = token if token.pos == "VERB" else parse.tokens[token.head]
    children = parse.children(verb)
    if verb.lemma.lower() in DENIAL_LEMMAS or any(c.dep == "neg" for c in children):
        return None
    for child in children:
        if child.dep == "nsubj":
            negated = any(g.dep == "det" and g.lemma.lower() == "no" for g in parse.children(child))
            return None if negated else child
        if child.dep == "agent":
            return next((g for g in parse.children(child) if g.dep == "pobj"), None)
    return None


def _add(found: dict[str, Actor], actor: Actor | None) -> None:
    if actor is not None and actor.inter in NON_STATE:
        found.setdefault(actor.name, actor)


def attribute_claims(
    events: tuple[Event, ...], parse: Parse, *, quotes: tuple[Quote, ...], actors: ActorDictionary
) -> tuple[Event, ...]:
    """The events with an unidentified side named after the one group that claimed the attack."""
    if not events:
        return events
    groups = claiming_groups(parse, quotes=quotes, actors=actors)
    if len(groups) != 1:
        return events
    group, day = groups[0], events[0].event_date
    return tuple(
        _named(event, group) if event.event_date == day and event.event_type in ARMED else event
        for event in events
    )


def _named(event: Event, group: Actor) -> Event:
    actor1, inter1, actor2, inter2 = event.actor1, event.inter1, event.actor2, event.inter2
    if actor1 and actor1.startswith(UNIDENTIFIED) and actor2 != group.name:
        actor1, inter1 = group.name, group.inter
    elif actor2 and actor2.startswith(UNIDENTIFIED) and actor1 != group.name:
        actor2, inter2 = group.name, group.inter
    else:
        return event
    return dataclasses.replace(
        event,
        actor1=actor1,
        inter1=inter1,
        actor2=actor2,
        inter2=inter2,
        interaction=interaction(inter1, inter2),
    )
