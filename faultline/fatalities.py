"""Linking claims to events and reconciling each event's fatalities from its claims.

A current killed/injured claim links to the events reported in its sentence (none found: it stays
an aggregate toll, linked to nothing). A total linked to n events is split evenly, the extra deaths
going to the first events (ACLED). Per event, `fatalities` is the lowest figure among its killed
claims (ACLED is conservative), low = min of lows, high = max of highs (a claim's count stands in
for a bound it leaves open), best = the median figure (the lower middle when even); no killed
claim: fatalities 0 and low/best/high None.
"""

from __future__ import annotations

import dataclasses

from .models import Claim, Event, Parse


def link_claims(
    parse: Parse, claims: list[Claim], events: tuple[Event, ...]
) -> tuple[tuple[Claim, ...], tuple[Event, ...]]:
    """Link current killed/injured claims to the events of their sentence; fill event fatalities."""
    shares: dict[str, list[tuple[Claim, int | None, int | None, int | None]]] = {}
    linked_claims: list[Claim] = []
    for claim in claims:
        targets = _events_for(parse, claim, events)
        for k, event in enumerate(targets):
            n = len(targets)
            share = (
                claim,
                _split(claim.count, n, k),
                _split(claim.count_low, n, k),
                _split(claim.count_high, n, k),
            )
            shares.setdefault(event.event_id, []).append(share)
        linked_claims.append(
            dataclasses.replace(claim, event_ids=tuple(e.event_id for e in targets))
        )
    new_events = tuple(_with_fatalities(event, shares.get(event.event_id, [])) for event in events)
    return tuple(linked_claims), new_events


def _events_for(parse: Parse, claim: Claim, events: tuple[Event, ...]) -> list[Event]:
    if claim.kind not in ("killed", "injured") or claim.is_background:
        return []
    sentence = parse.sentence_at(claim.evidence.start)
    if sentence is None:
        return []
    return [e for e in events if e.sentence == sentence.index]


def _split(value: int | None, n: int, k: int) -> int | None:
    """The k-th of n even shares of a total, the remainder going to the first shares."""
    if value is None:
        return None
    return value // n + (1 if k < value % n else 0)


def _with_fatalities(
    event: Event, shares: list[tuple[Claim, int | None, int | None, int | None]]
) -> Event:
    ids = tuple(dict.fromkeys(event.claim_ids + tuple(c.claim_id for c, *_ in shares)))
    killed = [
        (count, low, high)
        for claim, count, low, high in shares
        if claim.kind == "killed" and count is not None
    ]
    if not killed:
        return dataclasses.replace(event, fatalities=0, fatalities_low=None, fatalities_best=None,
                                   fatalities_high=None, claim_ids=ids)  # fmt: skip
    counts = sorted(count for count, _, _ in killed)
    lows = [low if low is not None else count for count, low, _ in killed]
    highs = [high if high is not None else count for count, _, high in killed]
    return dataclasses.replace(
        event,
        fatalities=counts[0],
        fatalities_low=min(lows),
        fatalities_best=counts[(len(counts) - 1) // 2],
        fatalities_high=max(highs),
        claim_ids=ids,
    )
