"""Assemble the article's reports into incidents, as a coder reads the whole article.

Per-sentence detection makes one report per (trigger sentence, place); `merge_events` joins the
reports that are plainly the same (same type, place and day). A wire story then still tells one
incident several times: the headline and the lead ("Air raid kills 17 in Sudan's capital"), the
body with the precise place, the other side's or a witness's account, and a trailing killing
clause ("..., killing 20") typed as an attack of its own. Here those reports become one event.

Two reports belong to one incident when all of these hold:

- **day**: the same day; one day apart when either date is imprecise or was not written in the
  report's own sentence (a headline carries the publication day); up to `UNDATED_DAYS` apart when
  one of them has no date of its own;
- **place**: the same place, one inside the other (a country- or province-level report and a
  place in that country or province), or within `NEAR_KM` when one is only near its place ("near
  X", geo_precision 2): two places each named as the place of its report are two events (ACLED
  codes one event per location: a march in the city, a shooting in one of its districts);
- **type**: compatible under ACLED's hierarchy (`compatible_types`): the same sub-type; a killing
  ("Attack") or the destruction it caused with any political violence; a ground battle and the
  shelling or air strike within it; a generic bomb with a specific one; protests with each other;
  two remote sub-types only when one report is vague;
- **actors**: the named actors of one are among those of the other (an unidentified group, a
  civilian victim or a missing side is compatible with anyone).

Linkage is complete: a report joins an incident only when it fits every report already in it, so
a chain of near-fits never joins two distinct incidents. Reports are taken most precise first
(finest place, then a date of their own, then the most specific type), which makes the result
independent of the input order; each incident's fields come from its most precise report, its
type from the most specific one, and `evidence` keeps every report's words.

Incidents that are not events are returned as problems, with their words, so nothing is lost:
`events.country-level` (placed only at a country's centre beside incidents the article places
more finely: ACLED codes no event at the level of a country; an article whose only incident is
placed so keeps it, at geo_precision 3, with the same problem code), `events.background` (every
report dated by its own words more than `BACKGROUND_DAYS` before publication: an earlier incident
the article recalls) and `events.talk` (every report inside a direct quote, with no place of its
own: "This is a cowardly attack"). An event placed by a fallback carries
`events.place-fallback`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..records import Event, Parse, Problem, Quote, Sentence, Timeline
from ..taxonomy import EVENT_TYPES
from . import roles
from .location import FALLBACKS
from .merge import combine, distance_km, id_order, named_sides
from .sides import SPEECH_VERBS

NEAR_KM = 50.0
BACKGROUND_DAYS = 7  # a report dated by its own words further back tells an earlier incident
DATED = frozenset({"day", "week", "month", "time"})
UNDATED_DAYS = 3
DATELINE_REACH = 300  # a dateline opens the article
DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-)\s")

VIOLENT = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
REMOTE = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
GENERIC = frozenset({"Attack", "Looting/property destruction"})  # what a killing clause becomes
# The most specific first: an incident takes the first of its reports' sub-types in this order.
SPECIFIC = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Grenade",
    "Remote explosive/landmine/IED",
    "Violent demonstration",
    "Mob violence",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Attack",
    "Looting/property destruction",
)


def assemble_events(
    events: tuple[Event, ...],
    parse: Parse,
    timeline: Timeline,
    *,
    quotes: tuple[Quote, ...] = (),
    published: dt.date | None = None,
) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """The article's incidents (ordered by event_id), and as problems the reports that are not
    events: country-level ones, earlier incidents, talk inside a quote."""
    return assemble(events, own_dates(parse, timeline), quotes=quotes, published=published)


def assemble(
    events: tuple[Event, ...],
    dated: frozenset[int],
    *,
    quotes: tuple[Quote, ...] = (),
    published: dt.date | None = None,
) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """`assemble_events` given the indexes of the sentences that write a date of their own."""
    reports = sorted(events, key=lambda e: precision_key(e, dated))
    incidents: list[list[Event]] = []
    for report in reports:
        home = next(
            (group for group in incidents if all(same_incident(report, e, dated) for e in group)),
            None,
        )
        if home is None:
            incidents.append([report])
        else:
            home.append(report)
    assembled: list[Event] = []
    problems: list[Problem] = []
    placed = any(not country_level(group[0]) for group in incidents)
    for group in incidents:
        host = group[0]
        if country_level(host) and placed:
            problems += [not_an_event(e, "events.country-level", COUNTRY_LEVEL) for e in group]
        elif all(earlier(e, dated, published) for e in group):
            problems += [not_an_event(e, "events.background", BACKGROUND) for e in group]
        elif not names_place(host) and all(quoted(e, quotes) for e in group):
            problems += [not_an_event(e, "events.talk", TALK) for e in group]
        else:
            assembled.append(merge_incident(group, dated))
            problems += placed_by_fallback(assembled[-1])
            if country_level(host):
                problems.append(
                    Problem(
                        "events.country-level",
                        f"{host.event_id}: the article places its only incident no finer than "
                        f"{host.country or 'a country'} (kept at geo_precision 3)",
                    )
                )
    return tuple(sorted(assembled, key=id_order)), tuple(problems)


def own_dates(parse: Parse, timeline: Timeline) -> frozenset[int]:
    """The sentences that write a date of their own (a resolved day, week or month); a
    dateline's date ("ABUJA, Jan. 27 (Xinhua) --") is the day of the report, not of the event."""
    out: set[int] = set()
    for mention in timeline.dates:
        if mention.value is None or mention.granularity not in DATED:
            continue
        if mention.start < DATELINE_REACH and DATELINE_END.match(parse.text, mention.end):
            continue
        sentence = parse.sentence_at(mention.start)
        if sentence is not None and _said_on(parse, sentence, mention.start):
            continue
        if sentence is not None:
            out.add(sentence.index)
    return frozenset(out)


def _said_on(parse: Parse, sentence: Sentence, offset: int) -> bool:
    """The date at `offset` tells when something was said ("police said on Monday")."""
    token = next((t for t in parse.sentence_tokens(sentence) if t.start <= offset < t.end), None)
    return token is not None and roles.nearest_verb(parse, token).lemma.lower() in SPEECH_VERBS


def precision_key(event: Event, dated: frozenset[int]) -> tuple[int, int, int, int, tuple]:
    return (
        event.geo_precision or 9,
        country_level(event),
        0 if has_own_date(event, dated) else 1,
        _rank(event.sub_event_type),
        id_order(event),
    )


def _rank(sub: str) -> int:
    return SPECIFIC.index(sub) if sub in SPECIFIC else len(SPECIFIC)


def has_own_date(event: Event, dated: frozenset[int]) -> bool:
    return event.sentence is not None and event.sentence in dated


def country_level(event: Event) -> bool:
    """Coded at a country's centre, its words naming no place smaller than the country."""
    if "unresolved-place" in event.rule or "named-only" in event.rule:
        return False
    if event.country_code is None:
        return event.location is None
    return (
        event.location is None
        or event.location == event.country
        or (event.geo_precision == 3 and event.admin1 is None)
    )


def same_incident(a: Event, b: Event, dated: frozenset[int]) -> bool:
    return (
        (a.country_code is None or b.country_code is None or a.country_code == b.country_code)
        and near_days(a, b, dated)
        and near_places(a, b)
        and compatible_types(a, b)
        and compatible_actors(a, b)
    )


def _day(event: Event) -> dt.date | None:
    try:
        return dt.date.fromisoformat(event.event_date) if event.event_date else None
    except ValueError:
        return None


def near_days(a: Event, b: Event, dated: frozenset[int]) -> bool:
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None:
        return True
    gap = abs((day_a - day_b).days)
    if gap == 0:
        return True
    if not (has_own_date(a, dated) and has_own_date(b, dated)):
        return gap <= UNDATED_DAYS
    return gap <= 1 and max(a.time_precision or 1, b.time_precision or 1) > 1


def vague(event: Event) -> bool:
    return country_level(event) or event.geo_precision == 3


def inside(fine: Event, coarse: Event) -> bool:
    """`fine` lies in the area `coarse` is coded to (its country, or its first-level division)."""
    if country_level(coarse):
        return coarse.country_code is None or fine.country_code == coarse.country_code
    if (coarse.geo_precision != 3 and "unresolved-place" not in coarse.rule) or not coarse.admin1:
        return False
    return fine.admin1 == coarse.admin1 and fine.country_code == coarse.country_code


def names_place(event: Event) -> bool:
    """The report's own words name where it happened, finer than a province: a place resolved
    at precision 1, or one the gazetteer does not know (coded to its container)."""
    return event.geo_precision == 1 or any(
        how in event.rule for how in ("unresolved-place", "named-only")
    )


def near_places(a: Event, b: Event) -> bool:
    unresolved_a, unresolved_b = ("unresolved-place" in e.rule for e in (a, b))
    if unresolved_a and unresolved_b:
        return False  # two places the gazetteer does not know (each coded to its container)
    if a.place_start is not None and a.place_start == b.place_start:
        return True
    if names_place(a) and names_place(b) and not (unresolved_a or unresolved_b):
        # two places, each named as the place of its report
        return a.location == b.location and a.country_code == b.country_code
    if a.location is not None and a.location == b.location and a.country_code == b.country_code:
        return True
    if (
        a.sub_event_type != b.sub_event_type
        and not {a.sub_event_type, b.sub_event_type} & GENERIC
        and None not in (a.location, b.location)
        and not (vague(a) or vague(b))
    ):
        return False  # a march in the city, a shooting in one of its districts: two events
    if inside(a, b) or inside(b, a):
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM  # type: ignore[arg-type]


def compatible_types(a: Event, b: Event) -> bool:
    """Reports of one incident under ACLED's hierarchy (see the module's docstring)."""
    if a.sub_event_type == b.sub_event_type:
        return True
    subs = {a.sub_event_type, b.sub_event_type}
    kinds = {a.event_type, b.event_type}
    if kinds == {"Protests"} or (
        kinds == {"Protests", "Riots"} and "Violent demonstration" in subs
    ):
        return True  # a protest as it went on: the riot it became
    if subs & GENERIC:
        return all(s in GENERIC or EVENT_TYPES[s] in VIOLENT for s in subs)
    if "Armed clash" in subs and subs & REMOTE:
        return True
    if kinds == {"Explosions/Remote violence"}:
        return "Remote explosive/landmine/IED" in subs or vague(a) or vague(b)
    return False


def compatible_actors(a: Event, b: Event) -> bool:
    """No two named actors that each report says acted: actor1 of one is a side of the other, or
    either's actor1 is unidentified or missing (the reports may disagree on the target: police in
    one, the army in another)."""
    named_a, named_b = named_sides(a), named_sides(b)
    actor_a, actor_b = (
        e.actor1 if e.actor1 in s else None for e, s in ((a, named_a), (b, named_b))
    )
    if actor_a is None or actor_b is None:
        return True
    return actor_a in named_b or actor_b in named_a


def merge_incident(group: list[Event], dated: frozenset[int]) -> Event:
    """One event from an incident's reports: place and sides from the most precise report
    (`group[0]`), type from the most specific, the date written nearest to the precise place."""
    host = group[0]
    if len(group) == 1:
        return host
    sub = min((e.sub_event_type for e in group), key=_rank)
    kind = next(e.event_type for e in group if e.sub_event_type == sub)
    day = next((e for e in group if has_own_date(e, dated) and e.event_date), host)
    host = dataclasses.replace(
        host,
        event_type=kind,
        sub_event_type=sub,
        event_date=day.event_date,
        date_end=day.date_end,
        time_precision=day.time_precision,
    )
    ordered = [host, *sorted(group[1:], key=id_order)]
    merged = combine(ordered, host=host, keep_type=True)
    return dataclasses.replace(merged, rule=f"{merged.rule}:assembled({len(group)})")


COUNTRY_LEVEL = "placed only at the level of a country ({country})"
BACKGROUND = "dated {date}, more than {days} days before publication (an earlier incident)"
TALK = "inside a quote, with no place of its own (talk about violence, not a report of it)"


def earlier(event: Event, dated: frozenset[int], published: dt.date | None) -> bool:
    """Dated by its own words more than `BACKGROUND_DAYS` before publication."""
    day = _day(event)
    if published is None or day is None or not has_own_date(event, dated):
        return False
    return (published - day).days > BACKGROUND_DAYS


def quoted(event: Event, quotes: tuple[Quote, ...]) -> bool:
    """The report's own words lie inside a direct quote."""
    span = event.evidence[0] if event.evidence else None
    return span is not None and any(
        q.is_direct and q.covers(span.start) and q.covers(max(span.start, span.end - 1))
        for q in quotes
    )


def placed_by_fallback(event: Event) -> list[Problem]:
    """`events.place-fallback` when the event's own clause names no place it could be coded to
    (its geo_precision says how near the fallback is)."""
    how = next((h for h in FALLBACKS if h in event.rule.split(":")), None)
    if how is None:
        return []
    span = event.evidence[0] if event.evidence else None
    return [
        Problem(
            code="events.place-fallback",
            detail=f"{event.event_id} placed by {how} at {event.location} "
            f"(geo_precision {event.geo_precision})",
            start=span.start if span else None,
            end=span.end if span else None,
        )
    ]


def not_an_event(event: Event, code: str, why: str) -> Problem:
    """A report kept as a statement: `problems` says why it is not an event, with its words."""
    span = event.evidence[0] if event.evidence else None
    words = span.text if span else ""
    reason = why.format(
        country=event.country or "unknown", date=event.event_date, days=BACKGROUND_DAYS
    )
    return Problem(
        code=code,
        detail=f"a {event.sub_event_type} report {reason} is kept as a statement: {words[:200]!r}",
        start=span.start if span else None,
        end=span.end if span else None,
    )
