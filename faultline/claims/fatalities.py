"""Reconciling each incident's fatalities from the claims linked to it (`linking` says which).

A total linked to n incidents (a toll for several events of the article) is split evenly, the
extra deaths going to the first (ACLED). Per incident (`_toll`), one toll however often the
article tells it:

- "no word on casualties" (ACLED's 0 for an unknown toll) gives way to any figure;
- a closing figure of "fatalities" with no victims named (ACLED's "1 fatality.") is the total:
  it restates the victims counted before it;
- otherwise the killed claims are grouped by victims (civilians, the attackers, each side's
  forces); figures of one clause for different victims add up ("nine volunteers and four
  soldiers": 13); within a group the lowest figure counts (ACLED is conservative), a vague word
  ("dozens") giving way to a figure; the groups add up;
- a toll with no victims named ("Air raid kills 17", "border fighting kills scores"), and a
  side-less one beside each side's figures ("scores of soldiers on both sides"), is the whole
  toll told again: the incident takes the larger of it and the groups' sum (13 for "kills 9"
  and "nine volunteers and four soldiers"; 17 for "kills 17" and "17 civilians"), a vague
  whole giving way to the groups' figures.

low/best/high follow the same rules with each group's min of lows, median and max of highs (a
claim's count stands in for a bound it leaves open; best, like the ACLED figure, prefers figures
to vague words); no killed claim: fatalities 0 and low/best/high None. A note that states ACLED's
coding ("Unknown fatalities coded as 10", "[1 fatality split among 12 events]") gives its first
event that figure (`coded_fatalities`).
"""

from __future__ import annotations

import dataclasses
import re

from ..records import Claim, Event, Parse, PlaceMention
from .linking import civilian_victims, events_for_claims


def link_claims(
    parse: Parse,
    claims: list[Claim],
    events: tuple[Event, ...],
    *,
    dated: frozenset[int] = frozenset(),
    places: tuple[PlaceMention, ...] = (),
) -> tuple[tuple[Claim, ...], tuple[Event, ...]]:
    """Link current killed/injured claims to their incidents (`linking`); fill event
    fatalities."""
    shares: dict[str, list[tuple[Claim, int | None, int | None, int | None]]] = {}
    linked_claims: list[Claim] = []
    found = events_for_claims(parse, claims, events, dated=dated, places=places)
    for claim, targets in zip(claims, found, strict=True):
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
    coded = coded_fatalities(parse.text)
    if coded is not None and new_events:  # the note says how ACLED codes its toll
        first = dataclasses.replace(new_events[0], fatalities=coded)
        new_events = (first, *new_events[1:])
    return tuple(linked_claims), new_events


FATALITIES = r"fatalit(?:y|ies|es)"  # "fatalites" as some notes spell it
CODED_AS = re.compile(rf"\b{FATALITIES}\s+(?:were\s+|was\s+|are\s+|is\s+)?coded\s+as\s+(\d+)"
                      r"(?!\d)(?!\s+and\s+split)", re.IGNORECASE)  # fmt: skip
SPLIT_AMONG = re.compile(
    rf"\b(\d+)\s+{FATALITIES}\s+(?:\w+\s+)?split\s+(?:among|between|across)\s+(\d+)\s+"
    r"(?:events?|locations?)",
    re.IGNORECASE,
)
CODED_AND_SPLIT = re.compile(
    rf"\b{FATALITIES}\s+(?:were\s+|was\s+)?coded\s+as\s+(\d+)\s+and\s+split\s+"
    r"(?:among|between|across)\s+(\d+)\s+(?:events?|locations?)",
    re.IGNORECASE,
)


def coded_fatalities(text: str) -> int | None:
    """ACLED's statement of its own coding in a note: "Fatalities coded as 0 (Taliban sources
    reported 1)", "Unknown fatalities coded as 10" give the figure; "[1 fatality split among 12
    events]" and "Unclear fatalities coded as 10 and split between 3 locations" give this
    event's even share (rounded down: which event takes the remainder is not
    said). None when the text says neither."""
    match = CODED_AS.search(text)
    if match is not None:
        return int(match.group(1))
    match = SPLIT_AMONG.search(text) or CODED_AND_SPLIT.search(text)
    if match is not None and int(match.group(2)) > 0:
        return int(match.group(1)) // int(match.group(2))
    return None


ATTACKER_WORDS = frozenset(
    "attacker attackers assailant assailants militant militants fighter fighters jihadist "
    "jihadists insurgent insurgents rebel rebels terrorist terrorists gunman gunmen bandit bandits "
    "extremist extremists".split()
)  # fmt: skip


def victim_group(claim: Claim) -> str:
    """Who died, coarsely: civilians, attackers, or a side's forces (for adding figures up)."""
    words = set((claim.victims or "").lower().replace("-", " ").split())
    if civilian_victims(claim):
        return "civilians"
    if words & ATTACKER_WORDS:
        return "attackers"
    return f"forces:{claim.victim_side or ''}"


def _split(value: int | None, n: int, k: int) -> int | None:
    """The k-th of n even shares of a total, the remainder going to the first shares."""
    if value is None:
        return None
    return value // n + (1 if k < value % n else 0)


def _is_total(claim: Claim) -> bool:
    """A figure of "fatalities" with no victims named ("1 fatality.", "3 fatalities and 4
    injured"): ACLED's closing total for the event, which restates the victims counted before
    it rather than adding to them."""
    return claim.victims is None and "fatalit" in claim.evidence.text.lower()


def _summed(group: list[Share]) -> list[Share]:
    """Figures of one clause for different victims add up ("nine volunteers and four soldiers
    were killed": 13); the same victims counted twice in one clause stay one figure."""
    clauses: dict[tuple[int, int], list[Share]] = {}
    for share in group:
        clauses.setdefault((share[0].evidence.start, share[0].evidence.end), []).append(share)
    out = []
    for shares in clauses.values():
        victims = [(s[0].victims or "").lower() for s in shares]
        if len(shares) > 1 and len(set(victims)) == len(victims):
            out.append((shares[0][0], sum(s[1] for s in shares), sum(s[2] for s in shares),
                        sum(s[3] for s in shares)))  # fmt: skip
        else:
            out.extend(shares)
    return out


Share = tuple[Claim, int, int, int]  # a claim with its (share of the) count, low and high


def _unknown(claim: Claim) -> bool:
    """ "There was no word on casualties": ACLED's 0 for an unknown toll, until a figure says
    more."""
    return claim.rule.startswith("count.casualties_unspecified")


PRONOUNS = frozenset("these those them they who whom which".split())


def _unnamed(claim: Claim) -> bool:
    """A toll with no victims named ("Air raid kills 17"; "one of these was killed"), or a part
    of one already told ("one of the men who died", "a seventh person died"): the incident's
    whole toll or a part of it, which the figures per victim group tell in detail."""
    if claim.rule.startswith("count.ordinal_victim") or "+part" in claim.rule.split(";")[0]:
        return True  # "a seventh person died", "one of the men who died": counted already
    victims = (claim.victims or "").lower()
    return (not victims or victims in PRONOUNS) and not _is_total(claim)


def _value(group: list[Share]) -> tuple[int, int, int, int]:
    """(fatalities, low, best, high) of one group of figures for the same victims: the lowest
    figure (a vague word giving way to one), min of lows, median, max of highs."""
    group = _summed(group)
    figures = [g for g in group if not g[0].rule.startswith("count.vague")] or group
    counts = sorted(count for _, count, _, _ in figures)
    return (
        counts[0],
        min(low for _, _, low, _ in group),
        counts[(len(counts) - 1) // 2],
        max(high for _, _, _, high in group),
    )


def _vague(group: list[Share]) -> bool:
    return all(g[0].rule.startswith("count.vague") for g in group)


def _toll(killed: list[Share]) -> tuple[int, int, int, int]:
    """The incident's (fatalities, low, best, high) from its killed figures (module docstring)."""
    known = [k for k in killed if not _unknown(k[0])] or killed
    totals = [k for k in known if _is_total(k[0])]
    if totals and len(totals) < len(known):  # "Six civilians were killed. Six fatalities."
        return _value(totals)
    umbrella = [k for k in known if _unnamed(k[0])]
    groups: dict[str, list[Share]] = {}
    for share in known:
        if not _unnamed(share[0]):
            groups.setdefault(victim_group(share[0]), []).append(share)
    if "forces:" in groups and any(g.startswith("forces:") and g != "forces:" for g in groups):
        umbrella += groups.pop("forces:")  # "soldiers on both sides" beside each side's figure
    named = [sum(column) for column in zip(*(_value(g) for g in groups.values()), strict=True)]
    if not umbrella:
        return tuple(named)  # type: ignore[return-value]
    whole = _value(umbrella)
    if not named:
        return whole
    if _vague(umbrella):  # "scores killed", beside the figures per side
        return tuple(named)  # type: ignore[return-value]
    return tuple(max(a, b) for a, b in zip(whole, named, strict=True))  # type: ignore[return-value]


def _with_fatalities(
    event: Event, shares: list[tuple[Claim, int | None, int | None, int | None]]
) -> Event:
    ids = tuple(dict.fromkeys(event.claim_ids + tuple(c.claim_id for c, *_ in shares)))
    killed = [
        (claim, count, count if low is None else low, count if high is None else high)
        for claim, count, low, high in shares
        if claim.kind == "killed" and count is not None
    ]
    if not killed:
        return dataclasses.replace(event, fatalities=0, fatalities_low=None, fatalities_best=None,
                                   fatalities_high=None, claim_ids=ids)  # fmt: skip
    fatalities, low, best, high = _toll(killed)
    return dataclasses.replace(
        event, fatalities=fatalities, fatalities_low=low, fatalities_best=best,
        fatalities_high=high, claim_ids=ids,
    )  # fmt: skip
