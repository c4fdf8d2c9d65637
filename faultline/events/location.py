"""Where an event happened: the places of a trigger's clause, landmarks left out, and fallbacks.

A place anchors an event when it is a `PlaceMention` with role "place" linked to the trigger's
clause. A bare country counts only after "in" ("fighting in (central) Sudan"), since a country name
is usually an actor ("Azerbaijan shelled"). Landmarks are not where the event happened: the places
of "on the road between A and B", "the road to X", "fled towards X", and the Y of "10 km east of Y"
(the last is used, at geo_precision 2, only when the clause names no other place, as ACLED does
with "30 km north of Gao"). A place the gazetteer lacks ("the village of X", an unresolved
mention, or one resolved to a country none of the sentence's other places is in) must not hand the
event to a landmark: the event falls back to the article's lead event place or the nearest earlier
country/region (geo_precision 3). With no place in the clause, the nearest earlier place of the same
paragraph is used (geo_precision at least 2). A container written after a place ("Kamianka,
Donetsk", "X, in Y province", `containers`) is no place of its own when the place is known, and
is where an event at a place the gazetteer lacks is coded (geo_precision 2, a province 3).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..records import Parse, PlaceMention, Sentence, Token
from . import roles
from .containers import COARSE, without_containers, written_container

LOCATIVE = frozenset("in inside into across throughout".split())
DIRECTIONS = frozenset(
    """central north south east west northern southern eastern western northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western far
    restive""".split()
)
PLACE_LINKS = frozenset("prep pobj compound appos npadvmod advmod amod conj cc nmod".split())
_NAME = r"(?:the\s+)?(?:(?:town|city|village|district|locality|area)\s+of\s+)?"
# Text right before a mention that makes it a landmark, by kind.
LANDMARKS = (
    (
        "between",
        re.compile(rf"\b[Bb]etween\s+{_NAME}(?:[A-Z][^\s,;.]*\s+){{0,3}}(?:(?:and|&)\s+{_NAME})?$"),
    ),
    (
        "route",
        re.compile(
            r"\b(?:road|roads|highway|route|axis|corridor|motorway|border|frontier|way)\s+"
            rf"(?:to|from|towards|toward|linking|connecting|with|into|out\s+of)\s+{_NAME}$",
            re.I,
        ),
    ),
    ("route", re.compile(rf"\b(?:fled|flee|fleeing|towards|toward)\s+(?:to\s+)?{_NAME}$", re.I)),
    (
        "distance",
        re.compile(
            r"\b(?:km|kms|kilometres|kilometers|miles|metres|meters)\s+(?:\(\S+\)\s+)?"
            rf"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|[\w-]*ward)\s+)?"
            rf"(?:of|from)\s+{_NAME}$",
            re.I,
        ),
    ),
)
REGION_WORDS = r"(?:province|region|department|state|governorate|county|prefecture|oblast)"
REGION_BEFORE = re.compile(rf"\b{REGION_WORDS}\s+of\s+$", re.I)
REGION_AFTER = re.compile(rf"\s+{REGION_WORDS}\b", re.I)
UNNAMED = re.compile(
    r"\b(?:village|hamlet|town|locality|commune|settlement|camp)\s+of\s+([A-Z][\w'’-]+)"
)


@dataclass(frozen=True, slots=True)
class Located:
    """An event place: the mention (its precision already ACLED's), how it was found, and the
    confidence factor for that way."""

    place: PlaceMention
    how: str  # "" own clause, "paragraph-place", "landmark", "unresolved-place"
    factor: float = 1.0


def landmark(text: str, place: PlaceMention) -> str | None:
    """The landmark kind ("between", "route", "distance") of a mention, else None."""
    before = text[max(0, place.start - 60) : place.start]
    before = re.split(r"[.;:!?]", before)[-1]
    return next((kind for kind, pattern in LANDMARKS if pattern.search(before)), None)


def anchors(parse: Parse, place: PlaceMention) -> bool:
    """Can this mention locate an event? Resolved places; countries only after "in (central)"."""
    if place.role != "place" or not place.resolved:
        return False
    if place.feature != "country":
        return True
    before = [w.lower() for w in parse.text[max(0, place.start - 40) : place.start].split()]
    while before and before[-1] in DIRECTIONS | {"and", "the", "of"}:
        before.pop()
    return bool(before) and before[-1] in LOCATIVE


def organisation_named(place: PlaceMention) -> bool:
    """A place read from an organisation's name ("the Maritime Workers Union", "Al Sham Corps"):
    the actor's, not where the event happened when the clause names another place (alone it may
    be: "gunmen stormed Kabul University")."""
    return "ORG-prefix" in place.rule or "ORG-suffix" in place.rule


def region_word(text: str, place: PlaceMention) -> bool:
    """Is the mention written as a region ("the province of X", "X province")?"""
    before = text[max(0, place.start - 30) : place.start]
    after = text[place.end : place.end + 20]
    return bool(REGION_BEFORE.search(before) or REGION_AFTER.match(after))


def as_written(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Mentions written as regions ("the province of X") but resolved to a namesake town count as
    regions (precision 3)."""
    return [
        dataclasses.replace(p, feature="admin1", precision=3)
        if p.feature not in COARSE and region_word(text, p)
        else p
        for p in places
    ]


def finest(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a country or region when a finer place in the same country is there ("near the town of
    X in central Y" is one event at X): ACLED codes the most precise location."""
    fine = [p for p in places if p.feature not in COARSE]
    return [p for p in places if p.feature not in COARSE or not any(within(q, p) for q in fine)]


def within(fine: PlaceMention, coarse: PlaceMention) -> bool:
    if fine.country_code != coarse.country_code:
        return False
    return coarse.feature == "country" or (
        fine.admin1 is not None and fine.admin1 in (coarse.name, coarse.admin1)
    )


def linked(parse: Parse, start_offset: int, anchor: Token) -> bool:
    """Is the place at `start_offset` where the trigger's clause happened? It lies in the clause, or
    it modifies a clause that governs the trigger through prepositions only ("In X, a resident
    said that ...")."""
    start, end = parse.subtree_span(roles.nearest_verb(parse, anchor))
    if start <= start_offset < end:
        return True
    token = next((t for t in parse.tokens if t.start <= start_offset < t.end), None)
    governors = {t.i for t in roles.governors(parse, anchor)}
    for _ in range(8):
        if token is None or token.head == token.i:
            return False
        if token.head in governors:
            return token.dep in PLACE_LINKS
        if token.dep not in PLACE_LINKS:
            return False
        token = parse.tokens[token.head]
    return False


def doubtful(place: PlaceMention, others: list[PlaceMention]) -> bool:
    """A town resolved to a country none of two or more other places of its sentence is in (a
    namesake abroad: the gazetteer lacks the real one)."""
    codes = {p.country_code for p in others if p is not place and p.resolved}
    return (
        place.feature not in COARSE
        and len([p for p in others if p is not place and p.resolved]) >= 2
        and len(codes) == 1
        and place.country_code not in codes
    )


def unnamed(parse: Parse, sentence: Sentence, places: tuple[PlaceMention, ...]) -> list[int]:
    """Offsets of places named in the sentence that the places stage did not record ("the village
    of X"): unresolved places."""
    text = parse.text[sentence.start : sentence.end]
    return [
        sentence.start + m.start(1)
        for m in UNNAMED.finditer(text)
        if not any(p.start == sentence.start + m.start(1) for p in places)
    ]


def container(
    parse: Parse, places: tuple[PlaceMention, ...], sentence: Sentence, lead: PlaceMention | None
) -> PlaceMention | None:
    """Where an event at an unknown place is coded: the lead event's place (at least precision 2),
    else the nearest earlier country or region of the article (precision 3)."""
    if lead is not None:
        return dataclasses.replace(lead, precision=3 if lead.feature in COARSE else 2)
    earlier = [
        p
        for p in places
        if p.start < sentence.start
        and p.feature in COARSE
        and anchors(parse, p)
        and landmark(parse.text, p) is None
    ]
    return dataclasses.replace(earlier[-1], precision=3) if earlier else None


def as_named(place: PlaceMention, places: tuple[PlaceMention, ...]) -> PlaceMention:
    """A place the gazetteer lacks, with nothing known around it: the event keeps the name as
    written, no coordinates (null, never guessed), and the country when every resolved place of
    the article is in one."""
    codes = {p.country_code for p in places if p.resolved and p.country_code}
    code = codes.pop() if len(codes) == 1 else None
    country = next((p.country for p in places if p.resolved and p.country_code == code), None)
    return dataclasses.replace(
        place, name=place.text, geonameid=None, latitude=None, longitude=None,
        country_code=code, country=country if code else None, admin1=None, admin2=None,
        feature=None, precision=1,
    )  # fmt: skip


def locate(
    parse: Parse,
    places: tuple[PlaceMention, ...],
    sentence: Sentence,
    anchor: Token,
    lead: PlaceMention | None,
    exclude: tuple[tuple[int, int], ...] = (),
    others: tuple[Token, ...] = (),
) -> list[Located]:
    """The places of an event whose trigger is `anchor` (one per place, ACLED's rule); places in the
    `exclude` spans (clauses that are events of their own) are not its places. `others`: the
    sentence's other accepted triggers, whose clause may hold the place the anchor's lacks."""

    def mine(offset: int) -> bool:
        return linked(parse, offset, anchor) and not any(a <= offset < b for a, b in exclude)

    inside = [
        p
        for p in places
        if sentence.start <= p.start < sentence.end and p.role == "place" and mine(p.start)
    ]
    kinds = {id(p): landmark(parse.text, p) for p in inside}
    own = [p for p in inside if kinds[id(p)] is None]
    unknown = [p for p in own if not p.resolved or doubtful(p, inside)]
    usable = [p for p in own if p not in unknown and anchors(parse, p)]
    usable = without_containers(parse.text, as_written(parse.text, usable))
    usable = [p for p in usable if not organisation_named(p)] or usable
    unique = finest(list({(p.geonameid, p.name, p.text): p for p in usable}.values()))
    if unique:
        return [Located(p, "") for p in unique]
    if unknown or any(mine(o) for o in unnamed(parse, sentence, places)):
        where = written_container(parse.text, unknown, places) or container(
            parse, places, sentence, lead
        )
        if where is not None:
            return [Located(where, "unresolved-place", 0.85)]
        named = [p for p in unknown if not p.resolved]
        return [Located(as_named(named[0], places), "named-only", 0.7)] if named else []
    distance = [p for p in inside if kinds[id(p)] == "distance" and anchors(parse, p)]
    if distance:
        return [Located(dataclasses.replace(distance[0], precision=2), "landmark", 0.9)]
    return (
        _sentence(parse, places, sentence, exclude, others)
        or _paragraph(parse, places, sentence)
        or (_first_unknown(parse, places, sentence, others) if lead is None else [])
        or (_last_resort(places, sentence) if lead is None else [])
    )


# How an event with no place of its own clause was placed, in ACLED's order (its sentence, the
# paragraph before, a container of a place the gazetteer lacks, the sentence's area, the dateline).
FALLBACKS = (
    "sentence-place", "paragraph-place", "unresolved-place", "named-only", "sentence-area",
    "dateline",
)  # fmt: skip


def _last_resort(places: tuple[PlaceMention, ...], sentence: Sentence) -> list[Located]:
    """The article's first event with no place in its clause, its sentence's other triggers or
    the paragraph before: a country or region the sentence names ("Sudan's army chief dissolved
    ...", precision 3), else the dateline's city when the sentence names no other country
    (precision 2: where it was reported from). Later sentences without a place elaborate an
    event already found and are not events of their own."""
    own = [p for p in places if sentence.start <= p.start < sentence.end and p.resolved]
    coarse = [p for p in own if p.role == "place" and p.feature in COARSE]
    if coarse:
        return [Located(dataclasses.replace(coarse[0], precision=3), "sentence-area", 0.7)]
    dateline = next((p for p in places if p.role == "dateline" and p.resolved), None)
    if dateline is None or p_countries(own) - {dateline.country_code}:
        return []
    located = dataclasses.replace(dateline, precision=max(dateline.precision, 2), role="place")
    return [Located(located, "dateline", 0.6)]


def p_countries(places: list[PlaceMention]) -> set[str | None]:
    """The countries of mentions (demonyms included)."""
    return {p.country_code for p in places if p.role != "dateline"}


def _sentence(
    parse: Parse,
    places: tuple[PlaceMention, ...],
    sentence: Sentence,
    exclude: tuple[tuple[int, int], ...],
    others: tuple[Token, ...],
) -> list[Located]:
    """The one place of another trigger's clause in the sentence ("Police shot dead three
    protesters in X, ..., as demonstrations spread": typed by the protest, placed by the
    shooting), when exactly one usable place is linked to one and no other event's clause
    holds it."""
    own = [
        p
        for p in places
        if sentence.start <= p.start < sentence.end
        and not any(a <= p.start < b for a, b in exclude)
        and any(linked(parse, p.start, other) for other in others)
        and anchors(parse, p)
        and landmark(parse.text, p) is None
    ]
    own = without_containers(parse.text, own)
    unique = {(p.geonameid, p.name) for p in own}
    if len(unique) != 1:
        return []
    return [Located(own[0], "sentence-place", 0.85)]


def _first_unknown(
    parse: Parse, places: tuple[PlaceMention, ...], sentence: Sentence, others: tuple[Token, ...]
) -> list[Located]:
    """The article's first event, typed by a clause with no place, whose sentence's other
    trigger names a place the gazetteer lacks ("protesters demonstrating against prices blocked
    roads in the town of X"): the place as written, no coordinates (`as_named`)."""
    named = [
        p
        for p in places
        if sentence.start <= p.start < sentence.end
        and p.role == "place"
        and not p.resolved
        and any(linked(parse, p.start, other) for other in others)
        and landmark(parse.text, p) is None
    ]
    if len(named) != 1:
        return []
    where = written_container(parse.text, named, places)
    if where is not None:
        return [Located(where, "unresolved-place", 0.85)]
    return [Located(as_named(named[0], places), "named-only", 0.7)]


def _paragraph(parse: Parse, places: tuple[PlaceMention, ...], sentence: Sentence) -> list[Located]:
    earlier = [
        p
        for p in places
        if p.end <= sentence.start
        and anchors(parse, p)
        and landmark(parse.text, p) is None
        and (s := parse.sentence_at(p.start)) is not None
        and s.paragraph == sentence.paragraph
    ]
    if not earlier:
        return []
    # A province written as the container of a town is left for the town ("in Sao Jose, Santa
    # Catarina, ..."); a country is not (measured: "In Kisumu, in western Kenya, ... One man was
    # shot dead" then stays a country-level report that assembly joins to an incident).
    kept = without_containers(parse.text, earlier)
    place = [p for p in earlier if p.feature == "country" or p in kept][-1]
    return [
        Located(
            dataclasses.replace(place, precision=max(place.precision, 2)), "paragraph-place", 0.8
        )
    ]


def not_actor_names(
    places: tuple[PlaceMention, ...], names: list[tuple[int, int]]
) -> tuple[PlaceMention, ...]:
    """Unresolved place mentions inside a named actor ("M23 rebels", "Islamic State fighters")
    are the actor's name, not where anything happened."""
    return tuple(
        p for p in places if p.resolved or not any(a <= p.start and p.end <= b for a, b in names)
    )
