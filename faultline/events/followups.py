"""Sentences that elaborate an event already found rather than report a new one.

A toll sentence after an event ("At least two soldiers were killed.") only counts its dead: its
figures are claims about that event (the counts stage links them). A sentence that writes no day
of its own and reports an event of the type and place of an earlier one takes the earlier one's
date, so that merging makes them one event (ACLED: one event per type, place and day).
"""

from __future__ import annotations

import dataclasses

from ..records import Event, Parse, PlaceMention, Sentence, Token
from .triggers import Hit

TOLL_VERBS = frozenset("die kill wound injure".split())


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def toll_only(
    parse: Parse, sentence: Sentence, hits: list[Hit], places: tuple[PlaceMention, ...]
) -> bool:
    """A sentence after an event that only counts its dead or wounded ("At least two soldiers were
    killed.", "One person died and 15 were injured"): no one acts, no place of its own. Its
    figures are claims about the event already found (the counts stage links them), not a new
    event."""
    live = [h for h in hits if h.rejected is None and not h.label.startswith("cue:")]
    if not live or any(_lemma(h.anchor) not in TOLL_VERBS for h in live):
        return False
    if any(
        _lemma(h.anchor) != "die" and c.dep in ("nsubj", "agent")
        for h in live
        for c in parse.children(h.anchor)
    ):
        return False  # someone killed them: "gunmen killed two farmers"
    return not any(
        sentence.start <= p.start < sentence.end and p.role == "place" and p.resolved
        for p in places
    )


def same_as_earlier(event: Event, earlier: list[Event]) -> Event:
    """A sentence that writes no day of its own and reports an event of the type and place of an
    earlier one elaborates it ("An airstrike hit X on Friday, ... said on Saturday. Jets bombed
    the village during a ceremony."): it takes that event's date, so the two merge."""
    same = next(
        (
            e
            for e in reversed(earlier)
            if e.event_type == event.event_type and e.location == event.location and e.event_date
        ),
        None,
    )
    if same is None or same.event_date == event.event_date:
        return event
    return dataclasses.replace(
        event,
        event_date=same.event_date,
        date_end=same.date_end,
        time_precision=same.time_precision,
    )
