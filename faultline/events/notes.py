"""ACLED-style notes written from an event's fields (never from its text), e.g.

    On 14 September 2022, Military Forces of X shelled positions of Military Forces of Y near Z
    (Region, Country). Claimed by Y's defence ministry. Fatalities: 0.

The note says when (with ACLED's precision wording), who did what to whom, where, who claims it, the
counts the claims stage linked to the event, and ACLED's fatality figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..records import Claim, Event

ARMED = frozenset({1, 2, 3, 4, 8})

# sub-event type -> wording; {a1} acts on {a2}. Without actor2, NO_TARGET fills the gap.
WORDING = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained control of territory from {a2}",
    "Non-state actor overtakes territory": "{a1} took control of territory from {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled {a2}",
    "Air/drone strike": "{a1} carried out an air or drone strike on {a2}",
    "Suicide bomb": "a suicide bomber of {a1} attacked {a2}",
    "Remote explosive/landmine/IED": "an explosive device attributed to {a1} struck {a2}",
    "Grenade": "{a1} threw a grenade at {a2}",
    "Chemical weapon": "{a1} used a chemical weapon against {a2}",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Sexual violence": "{a1} committed sexual violence against {a2}",
    "Peaceful protest": "{a1} held a peaceful protest",
    "Protest with intervention": "{a1} held a protest and {a2} intervened",
    "Excessive force against protesters": "{a2} used excessive force against {a1}",
    "Violent demonstration": "{a1} held a violent demonstration, facing {a2}",
    "Mob violence": "{a1} carried out mob violence against {a2}",
    "Agreement": "{a1} reached an agreement with {a2}",
    "Arrests": "{a1} arrested {a2}",
    "Change to group/activity": "{a1} changed its activity (deployment or withdrawal)",
    "Disrupted weapons use": "{a1} disrupted weapons use by {a2}",
    "Headquarters or base established": "{a1} established a base",
    "Looting/property destruction": "{a1} looted or destroyed property of {a2}",
    "Non-violent transfer of territory": "{a1} took over territory without fighting",
    "Other": "{a1} was involved in a strategic development",
}
NO_TARGET = {
    "{a2}": "unidentified targets",
    ", facing {a2}": "",
    " and {a2} intervened": " and authorities intervened",
}
UNKNOWN_ACTOR = {
    "Battles": "an unidentified armed group",
    "Explosions/Remote violence": "an unidentified armed group",
    "Violence against civilians": "an unidentified armed group",
    "Protests": "protesters",
    "Riots": "rioters",
}
COUNTED = ("killed", "injured", "displaced", "abducted", "arrested", "missing")


def write_notes(events: tuple[Event, ...], *, claims: tuple[Claim, ...]) -> tuple[Event, ...]:
    """The events with `notes` written from their fields and the claims linked to them."""
    return tuple(dataclasses.replace(e, notes=note(e, _linked(e, claims))) for e in events)


def _linked(event: Event, claims: tuple[Claim, ...]) -> list[Claim]:
    return [c for c in claims if c.claim_id in event.claim_ids or event.event_id in c.event_ids]


def note(event: Event, claims: list[Claim] | tuple[Claim, ...] = ()) -> str:
    """One ACLED-style note for the event."""
    action = _action(event)
    sentences = [f"{_when(event)}, {action} {_where(event)}".rstrip() + "."]
    sentences.append(
        f"Claimed by {event.claimant}." if event.claimant else "Claimant not identified."
    )
    sentences += [_claim_sentence(c) for c in claims if c.kind in COUNTED and c.count is not None][
        :3
    ]
    fatalities = event.fatalities if event.fatalities is not None else 0
    sentences.append(f"Fatalities: {fatalities}.")
    return " ".join(sentences)


def _when(event: Event) -> str:
    day = _day(event.event_date)
    if day is None:
        return "On an unreported date"
    if event.date_end and event.date_end != event.event_date and _day(event.date_end):
        return f"Between {day} and {_day(event.date_end)}"
    if event.time_precision == 3:
        return f"In {dt.date.fromisoformat(event.event_date).strftime('%B %Y')}"  # type: ignore[arg-type]
    if event.time_precision == 2:
        return f"Around {day}"
    return f"On {day}"


def _day(value: str | None) -> str | None:
    try:
        date = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return f"{date.day} {date.strftime('%B %Y')}" if date else None


def _action(event: Event) -> str:
    template = WORDING.get(event.sub_event_type, "{a1} was involved in an event with {a2}")
    a1 = event.actor1 or UNKNOWN_ACTOR.get(event.event_type, "unidentified actors")
    if event.actor2 is None:
        for gap, filler in NO_TARGET.items():
            template = template.replace(gap, filler)
    a2 = event.actor2 or ""
    if event.sub_event_type in (
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Attack",
    ) and (event.inter2 in ARMED):
        a2 = f"positions of {a2}"
    return template.format(a1=a1, a2=a2)


def _where(event: Event) -> str:
    if not event.location:
        return ""
    region = ", ".join(x for x in (event.admin1, event.country) if x and x != event.location)
    suffix = f" ({region})" if region else ""
    preposition = {1: "in", 2: "near", 3: "in the area of"}.get(event.geo_precision or 1, "in")
    if event.location in (event.country, event.admin1):  # coded to the country or region itself
        preposition = "in"
    return f"{preposition} {event.location}{suffix}"


def _claim_sentence(claim: Claim) -> str:
    who, victims = claim.claimant or "Reports", claim.victims or "people"
    text = f"{who} reported {claim.count} {victims} {claim.kind}."
    return text[0].upper() + text[1:]
