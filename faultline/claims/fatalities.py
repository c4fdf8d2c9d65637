"""Linking claims to events and reconciling each event's fatalities from its claims.

A current killed/injured claim links to the events reported in its sentence whose targets match
its victims (civilians to civilian-targeting events, soldiers and fighters to the others). A claim
whose sentence reports no matching event ("The army said 14 soldiers were killed in the fighting")
links to the one matching event of its day in the article, if there is exactly one; otherwise it
stays an aggregate toll, linked to nothing. A total linked to n events is split evenly, the extra
deaths going to the first events (ACLED).

Per event, the killed claims are grouped by victims (civilians, the attackers, each side's
forces); figures of one clause for different victims add up ("nine volunteers and four soldiers":
13); within a group the lowest figure counts (ACLED is conservative), a vague word ("dozens")
giving way to a figure; the groups add up, unless a figure of "fatalities" with no victims
named (ACLED's closing "1 fatality.") restates them: then it is the total. low/best/high add the
groups' min of lows, median and max of highs (a claim's count stands in for a bound it leaves
open; best, like the ACLED figure, prefers figures to vague words); no killed claim: fatalities 0
and low/best/high None. A note that states ACLED's coding ("Unknown fatalities coded as 10",
"[1 fatality split among 12 events]") gives its first event that figure (`coded_fatalities`).
"""

from __future__ import annotations

import dataclasses
import re

from ..records import Claim, Event, Parse, Sentence


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
    coded = coded_fatalities(parse.text)
    if coded is not None and new_events:  # the note says how ACLED codes its toll
        first = dataclasses.replace(new_events[0], fatalities=coded)
        new_events = (first, *new_events[1:])
    return tuple(linked_claims), new_events


CODED_AS = re.compile(r"\bfatalit(?:y|ies)\s+(?:were\s+|was\s+|are\s+|is\s+)?coded\s+as\s+(\d+)"
                      r"(?!\s+and\s+split)", re.IGNORECASE)  # fmt: skip
SPLIT_AMONG = re.compile(
    r"\b(\d+)\s+fatalit(?:y|ies)\s+(?:\w+\s+)?split\s+(?:among|between|across)\s+(\d+)\s+events?",
    re.IGNORECASE,
)


def coded_fatalities(text: str) -> int | None:
    """ACLED's statement of its own coding in a note: "Fatalities coded as 0 (Taliban sources
    reported 1)", "Unknown fatalities coded as 10" give the figure; "[1 fatality split among 12
    events]" gives this event's even share (rounded down: which event takes the remainder is not
    said). None when the text says neither."""
    match = CODED_AS.search(text)
    if match is not None:
        return int(match.group(1))
    match = SPLIT_AMONG.search(text)
    if match is not None and int(match.group(2)) > 0:
        return int(match.group(1)) // int(match.group(2))
    return None


CIVILIAN_WORDS = frozenset(
    "civilian civilians resident residents villager villagers people person child children women "
    "woman men man girl girls boy boys worshippers passengers students farmers family families "
    "protesters demonstrators pupils patients".split()
)  # fmt: skip
ATTACKER_WORDS = frozenset(
    "attacker attackers assailant assailants militant militants fighter fighters jihadist "
    "jihadists insurgent insurgents rebel rebels terrorist terrorists gunman gunmen bandit bandits "
    "extremist extremists".split()
)  # fmt: skip


def victim_group(claim: Claim) -> str:
    """Who died, coarsely: civilians, attackers, or a side's forces (for adding figures up)."""
    words = set((claim.victims or "").lower().replace("-", " ").split())
    if words & CIVILIAN_WORDS:
        return "civilians"
    if words & ATTACKER_WORDS:
        return "attackers"
    return f"forces:{claim.victim_side or ''}"


def _matching(claim: Claim, events: list[Event]) -> list[Event]:
    civilian = victim_group(claim) == "civilians"
    return [e for e in events if (e.civilian_targeting is not None) == civilian]


def _events_for(parse: Parse, claim: Claim, events: tuple[Event, ...]) -> list[Event]:
    if claim.kind not in ("killed", "injured") or claim.is_background:
        return []
    sentence = parse.sentence_at(claim.evidence.start)
    if sentence is None:
        return []
    same_sentence = [e for e in events if _reported_in(e, sentence)]
    matching = _matching(claim, same_sentence)
    if matching:
        return matching
    day = [e for e in events if claim.date and e.event_date == claim.date]
    same_day = _matching(claim, day)
    if len(same_day) == 1:
        return same_day
    if len(day) == 1 and not same_sentence:
        return day  # the day's only event: "two groups clashed ... One person was killed"
    return same_sentence


def _reported_in(event: Event, sentence: Sentence) -> bool:
    """Whether the event, or a report merged into it (an evidence span), is in `sentence`."""
    return event.sentence == sentence.index or any(
        sentence.start <= span.start < sentence.end for span in event.evidence
    )


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


def _summed(group: list[tuple[Claim, int, int, int]]) -> list[tuple[Claim, int, int, int]]:
    """Figures of one clause for different victims add up ("nine volunteers and four soldiers
    were killed": 13); the same victims counted twice in one clause stay one figure."""
    clauses: dict[tuple[int, int], list[tuple[Claim, int, int, int]]] = {}
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


def _with_fatalities(
    event: Event, shares: list[tuple[Claim, int | None, int | None, int | None]]
) -> Event:
    ids = tuple(dict.fromkeys(event.claim_ids + tuple(c.claim_id for c, *_ in shares)))
    groups: dict[str, list[tuple[Claim, int, int, int]]] = {}
    for claim, count, low, high in shares:
        if claim.kind == "killed" and count is not None:
            bounds = (claim, count, count if low is None else low, count if high is None else high)
            groups.setdefault(victim_group(claim), []).append(bounds)
    if not groups:
        return dataclasses.replace(event, fatalities=0, fatalities_low=None, fatalities_best=None,
                                   fatalities_high=None, claim_ids=ids)  # fmt: skip
    named_total = [share for share in groups.get("forces:", []) if _is_total(share[0])]
    if named_total and len(groups) > 1:  # "Six civilians were killed. Six fatalities."
        groups = {"total": named_total}
    totals = [0, 0, 0, 0]  # fatalities, low, best, high
    for group in (_summed(g) for g in groups.values()):
        figures = [g for g in group if not g[0].rule.startswith("count.vague")] or group
        counts = sorted(count for _, count, _, _ in figures)
        totals[0] += min(count for _, count, _, _ in figures)
        totals[1] += min(low for _, _, low, _ in group)
        totals[2] += counts[(len(counts) - 1) // 2]
        totals[3] += max(high for _, _, _, high in group)
    return dataclasses.replace(
        event, fatalities=totals[0], fatalities_low=totals[1], fatalities_best=totals[2],
        fatalities_high=totals[3], claim_ids=ids,
    )  # fmt: skip
