"""The places stage: find toponyms in a parsed article and resolve them against the gazetteer.

Recognition has several sources. spaCy GPE/LOC entities are toponyms outright (FAC when the
gazetteer knows the name). The small model, however, tags many villages PERSON or ORG, so a
gazetteer n-gram matcher also runs over capitalised token sequences; organisation and facility
names give the place they are named after ("Kidal Airport", "the University of Aleppo"); and a
capitalised name the text calls a settlement ("the village of X", "X village") is kept even when
the gazetteer lacks it (unresolved). `gazetteer.accept` decides which candidates are places
(evidence for, evidence against); `gazetteer.window` reads the words around a span.

Resolution (`gazetteer.rank`) scores each candidate with learned weights (`gazetteer.signals`,
trained by scripts/train_places.py): once alone, then again with the countries, provinces and
points the other mentions resolved to, and the share of other names that may lie in the same
province or country; "X in Y" and "X, Y" keep X inside Y's country. Each mention
gets ACLED's geo_precision and a role: "place", "metonym" ("Moscow said": a capital or country as
the subject of a speech verb), "demonym" ("Armenian troops") or "dateline" ("BAMAKO (AFP) -").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..gazetteer import Gazetteer
from ..gazetteer.names import normalise
from ..records import Candidate, Entity, Parse, PlaceMention
from .accept import Found, accept, lookup_trimmed, strip_name
from .cues import (
    CIVIC_WORDS,
    COMMON_WORDS,
    CONNECTORS,
    PLACE_LABELS,
    POPULATION_FOR_BARE_WORD,
)
from .rank import REGION_WORDS, Name, main_name, resolve_names
from .window import (
    admin_cue,
    after,
    capitalised,
    container_gap,
    dateline_span,
    is_metonym,
    noun_of_before,
    precision,
    settlement_cue,
    strong_evidence,
    words,
)

STANCE = re.compile(r"^(?:pro|anti)\s*-\s*", re.I)  # "pro-Ukrainian", "anti-Houthi": still demonyms
READ_LABELS = (*PLACE_LABELS, "FAC", "PERSON", "ORG", "NORP")  # entity kinds read for places


def find_places(
    parse: Parse, *, gazetteer: Gazetteer, weights: Mapping[str, float] | None = None
) -> tuple[PlaceMention, ...]:
    """One `PlaceMention` per toponym or demonym mention, in text order. `weights`: ranking
    weights other than the shipped ones (training and cross-validation pass their own)."""
    return mentions_of(parse, recognise(parse, gazetteer=gazetteer), gazetteer, weights)


def mentions_of(
    parse: Parse,
    found: Sequence[Found],
    gazetteer: Gazetteer,
    weights: Mapping[str, float] | None = None,
) -> tuple[PlaceMention, ...]:
    """Resolve recognised toponyms (`recognise`) into mentions, in text order."""
    choices = _resolve(parse, found, gazetteer, weights)
    mentions = [_mention(parse, f, choices.get(f), gazetteer) for f in found]
    first, last = dateline_span(parse.text)
    mentions = [
        replace(m, role="dateline")
        if first <= m.start and m.end <= last and m.role == "place"
        else m
        for m in mentions
    ]
    return tuple(sorted(mentions, key=lambda m: (m.start, m.end)))


# ------------------------------------------------------------------------------------ recognition


def _entity_found(parse: Parse, entity: Entity, gazetteer: Gazetteer) -> Found | None:
    first, end = strip_name(parse, entity.token_start, entity.token_end)
    if not any(ch.isupper() for ch in words(parse, first, end)):
        return None  # "meth": a lower-case word is not a name
    code = gazetteer.country_for_demonym(STANCE.sub("", words(parse, first, end)))
    if code:  # NORP mostly, but the small model also tags "Azerbaijani" PERSON or GPE
        return Found(first, end, "", f"ner:{entity.label}", demonym=code)
    if not any(ch.isalpha() for ch in words(parse, first, end)):
        return None
    first, end, key, trim = lookup_trimmed(parse, first, end, gazetteer)
    known = trim is not None or bool(gazetteer.lookup(key))
    if entity.label in ("ORG", "FAC", "PERSON") and not known:
        named = _named_after(parse, first, end, entity.label, gazetteer)
        if named is not None or entity.label == "FAC":
            return named
        if entity.label == "ORG" and not settlement_cue(parse, first, end):
            return None
    if entity.label not in (*PLACE_LABELS, "ORG") and not known:
        if entity.label == "FAC" or not strong_evidence(parse, first, end):
            return None
    admin = (trim is not None and trim.admin) or admin_cue(parse, first, end)
    near = trim is not None and trim.near
    return Found(first, end, key, f"ner:{entity.label}", admin, near)


def _named_after(
    parse: Parse, first: int, end: int, label: str, gazetteer: Gazetteer
) -> Found | None:
    """The place an organisation or facility is named after. The small model also tags local
    institutions PERSON or FAC ("Anderson County Sheriff", "Norfolk High", "Kidal Airport"): for
    those, only a county or a place followed by a civic word ("Chad Johnson" is a person, and
    "Washington Drive" a street)."""
    found = _org_prefix(parse, first, end, label, gazetteer)
    if label == "ORG":
        return found or _org_suffix(parse, first, end, gazetteer)
    if found is None or found.demonym:
        return None
    return found if found.admin_hint or after(parse, found.end) in CIVIC_WORDS else None


def _org_prefix(
    parse: Parse, first: int, end: int, label: str, gazetteer: Gazetteer
) -> Found | None:
    """The place or demonym a name starts with: "the Minnesota Department of Transportation",
    "Douglas County Sheriff's Office", "Aleppo Media Center", "Armenian Army", "Kidal Airport"."""
    code = gazetteer.country_for_demonym(parse.tokens[first].text)
    if code:
        return Found(first, first + 1, "", f"ner:{label}-prefix", demonym=code)
    for stop in range(min(end - 1, first + gazetteer.max_name_tokens), first, -1):
        if all(capitalised(t) for t in parse.tokens[first:stop]):
            if gazetteer.lookup(key := words(parse, first, stop)):
                admin = parse.tokens[stop - 1].text.lower() in REGION_WORDS
                admin = admin or noun_of_before(parse, first, REGION_WORDS)
                return Found(first, stop, key, f"ner:{label}-prefix", admin)
    return None


def _org_suffix(parse: Parse, first: int, end: int, gazetteer: Gazetteer) -> Found | None:
    """The place an organisation is "of": "the University of Rochester", "the Association of
    Western Pennsylvania" (the name after the last "of", trimmed like any other). Not a country:
    "the Democratic Forces for the Liberation of Rwanda" may fight anywhere."""
    of = max((k for k in range(first + 1, end - 1) if parse.tokens[k].text == "of"), default=None)
    if of is None or not all(capitalised(t) for t in parse.tokens[of + 1 : end]):
        return None
    start, stop, key, trim = lookup_trimmed(parse, of + 1, end, gazetteer)
    candidates = gazetteer.lookup(key)
    if not candidates or any(c.feature in ("country", "continent") for c in candidates):
        return None
    admin, near = trim is not None and trim.admin, trim is not None and trim.near
    return Found(start, stop, key, "ner:ORG-suffix", admin, near)


def _ngram(parse: Parse, i: int, limit: int, gazetteer: Gazetteer) -> Found | None:
    """The longest gazetteer name starting at token i (capitalised, connectors inside only)."""
    tokens = parse.tokens
    for n in range(min(limit, len(tokens) - i), 0, -1):
        span = tokens[i : i + n]
        if span[-1].sent != span[0].sent or not capitalised(span[-1]):
            continue
        inner_ok = all(capitalised(t) or t.text.lower() in CONNECTORS for t in span)
        glued = all(tokens[k].end == tokens[k + 1].start for k in range(i, i + n - 1))
        if not inner_ok or (n > 1 and not glued and any(t.is_space for t in span)):
            continue
        if gazetteer.lookup(words(parse, i, i + n)):
            admin = admin_cue(parse, i, i + n)
            return Found(i, i + n, words(parse, i, i + n), "gazetteer:ngram", admin)
    return None


def _unknown_settlement(parse: Parse, i: int, free: Callable[[int], bool]) -> Found | None:
    """A capitalised name the gazetteer lacks that the text calls a settlement ("the village of
    Ndaki", "Ndaki village"): kept, unresolved, so later stages know a place was named."""
    end = i
    while end < len(parse.tokens) and end - i < 4 and free(end) and capitalised(parse.tokens[end]):
        end += 1
    common = all(t.text.lower() in COMMON_WORDS for t in parse.tokens[i:end])
    if common or parse.tokens[end - 1].sent != parse.tokens[i].sent:
        return None
    if not settlement_cue(parse, i, end) or any(t.pos != "PROPN" for t in parse.tokens[i:end]):
        return None
    return Found(i, end, words(parse, i, end), "cue:settlement", admin_cue(parse, i, end))


def _split_entities(parse: Parse) -> list[Entity]:
    """Entities, with a name glued to its container split off: the small model tags "Tame in
    Arauca", "Nis, Serbia" and "Asuncion (Asuncion" as one entity; "in", a comma and a bracket
    never join the words of one name."""
    entities = []
    for e in parse.entities:
        cuts = [
            k for k in range(e.token_start + 1, e.token_end - 1)
            if parse.tokens[k].text in ("in", ",", "(") and capitalised(parse.tokens[k + 1])
        ]  # fmt: skip
        starts = [e.token_start, *[k + 1 for k in cuts]]
        for first, end in zip(starts, [*cuts, e.token_end], strict=True):
            start, stop = parse.tokens[first].start, parse.tokens[end - 1].end
            entities.append(Entity(start, stop, parse.text[start:stop], e.label, first, end))
    return entities


def _join_entities(parse: Parse, entities: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """Place entities the small model cut in two ("Boa" + "Vista", "Santa Cruz de la" +
    "Sierra") joined again when the whole is a name the gazetteer knows and the first part is
    not."""
    joined: list[Entity] = []
    for e in entities:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label in PLACE_LABELS
            and e.label in PLACE_LABELS
            and last.token_end == e.token_start
            and parse.text[last.end : e.start] == " "
            and not gazetteer.lookup(last.text)
            and gazetteer.lookup(parse.text[last.start : e.end])
        ):
            text = parse.text[last.start : e.end]
            joined[-1] = Entity(last.start, e.end, text, last.label, last.token_start, e.token_end)
            continue
        joined.append(e)
    starts = {e.token_start for e in joined}
    return [_extended(parse, e, gazetteer, starts) for e in joined]


def _extended(parse: Parse, entity: Entity, gazetteer: Gazetteer, starts: set[int]) -> Entity:
    """A place entity extended over the capitalised words right after it when that makes a
    longer name the gazetteer knows ("Santa Cruz de la" + "Sierra", "Mato Grosso" + "do Sul")."""
    if entity.label not in (*PLACE_LABELS, "PERSON", "ORG"):
        return entity
    tokens, end = parse.tokens, entity.token_end
    limit = min(len(tokens), end + gazetteer.max_name_tokens)
    for stop in range(limit, end, -1):
        span = tokens[end:stop]
        if any(t.i in starts for t in span) or not capitalised(span[-1]):
            continue
        if not all(capitalised(t) or t.text.lower() in CONNECTORS for t in span):
            continue
        glued = all(tokens[k].end + 1 == tokens[k + 1].start for k in range(end - 1, stop - 1))
        text = parse.text[entity.start : tokens[stop - 1].end]
        if glued and span[-1].sent == tokens[end - 1].sent and gazetteer.lookup(text):
            return Entity(entity.start, tokens[stop - 1].end, text, entity.label,
                          entity.token_start, stop)  # fmt: skip
    return entity


def _ngram_inside(parse: Parse, entity: Entity, gazetteer: Gazetteer) -> bool:
    """May the n-gram matcher read an entity of another kind? A one-word DATE, PRODUCT, EVENT
    or WORK_OF_ART that is the main name of a large place ("in Posadas", "in Mzuzu" tagged DATE
    and PRODUCT); not "Ramadan", which names a place only as an alternate."""
    if entity.label in READ_LABELS or entity.token_end - entity.token_start != 1:
        return False
    token = parse.tokens[entity.token_start]
    if token.pos != "PROPN" or not capitalised(token):
        return False
    key = normalise(token.text)
    return any(
        main_name(key, c.name) and c.population >= POPULATION_FOR_BARE_WORD
        for c in gazetteer.lookup(token.text)
    )


def recognise(parse: Parse, *, gazetteer: Gazetteer) -> list[Found]:
    """The toponyms and demonyms of the article, before resolution."""
    taken: set[int] = set()
    found: list[Found] = []
    pending: list[Found] = []
    entity_at: dict[int, Entity] = {}
    for entity in _join_entities(parse, _split_entities(parse), gazetteer):
        if _ngram_inside(parse, entity, gazetteer):
            continue
        for i in range(entity.token_start, entity.token_end):
            entity_at[i] = entity
        if entity.label not in READ_LABELS:
            continue
        item = _entity_found(parse, entity, gazetteer)
        if item is None:
            continue
        target = found if entity.label in (*PLACE_LABELS, "FAC") or item.demonym else pending
        target.append(item)
        taken.update(range(entity.token_start, entity.token_end))
    i = 0
    while i < len(parse.tokens):
        token = parse.tokens[i]
        if i in taken or i in entity_at or not capitalised(token):
            i += 1
            continue
        code = gazetteer.country_for_demonym(token.text)
        if code and token.pos in ("ADJ", "PROPN", "NOUN"):
            found.append(Found(i, i + 1, "", "gazetteer:demonym", demonym=code))
            i += 1
            continue
        item = _ngram(parse, i, gazetteer.max_name_tokens, gazetteer)
        if item is None:
            item = _unknown_settlement(parse, i, lambda k: k not in taken and k not in entity_at)
        if item is None or any(k in taken or k in entity_at for k in range(item.first, item.end)):
            i += 1
            continue
        pending.append(item)
        i = item.end
    return accept(parse, found, pending, gazetteer)


# ------------------------------------------------------------------------------------- resolution


def names_to_resolve(
    parse: Parse, found: Sequence[Found]
) -> tuple[list[Found], list[Name], frozenset[str]]:
    """The recognised places (demonyms left out), the names to resolve for them, and the
    countries the demonyms name."""
    places = [f for f in found if not f.demonym]
    named = frozenset(f.demonym for f in found if f.demonym)
    names = [Name(f.key, f.admin_hint, _container(parse, f, places)) for f in places]
    return places, names, named


def _resolve(
    parse: Parse,
    found: Sequence[Found],
    gazetteer: Gazetteer,
    weights: Mapping[str, float] | None,
) -> dict[Found, Candidate | None]:
    places, names, named = names_to_resolve(parse, found)
    chosen = resolve_names(names, named_countries=named, gazetteer=gazetteer, weights=weights)
    return dict(zip(places, chosen, strict=True))


def _container(parse: Parse, item: Found, places: Sequence[Found]) -> int | None:
    """Index of the place the text puts `item` in, the next place of its sentence when only
    `CONTAINER_GAP` words stand between: "X, Y", "X in central Y", "X, in Y province", "X, a
    village in northern Y", "X in the province of Y"."""
    for index, other in enumerate(places):
        same_sentence = parse.tokens[other.first].sent == parse.tokens[item.first].sent
        if other.first < item.end or not same_sentence:
            continue
        start, end = parse.tokens[item.end - 1].end, parse.tokens[other.first].start
        return index if container_gap(parse.text[start:end]) else None
    return None


# ---------------------------------------------------------------------------------- roles & output


def _mention(
    parse: Parse, item: Found, candidate: Candidate | None, gazetteer: Gazetteer
) -> PlaceMention:
    start, end = parse.tokens[item.first].start, parse.tokens[item.end - 1].end
    if item.demonym:
        candidate = gazetteer.country(item.demonym)
    blank = PlaceMention(
        text=parse.text[start:end], start=start, end=end, name=None, geonameid=None,
        latitude=None, longitude=None, country_code=None, admin1=None, feature=None,
        resolved=False, rule=item.rule, role="demonym" if item.demonym else "place",
    )  # fmt: skip
    if candidate is None:
        return blank
    role = "demonym" if item.demonym else (
        "metonym" if not item.near and is_metonym(parse, item.end, candidate, gazetteer)
        else "place"
    )  # fmt: skip
    code = candidate.country_code or None
    geo = 3 if item.demonym else precision(parse, item.first, item.end, candidate, item.near)
    return replace(
        blank, name=candidate.name, geonameid=candidate.geonameid, latitude=candidate.latitude,
        longitude=candidate.longitude, country_code=code, admin1=candidate.admin1,
        admin2=candidate.admin2, feature=candidate.feature, resolved=True,
        country=gazetteer.country_name(code) if code else None,
        precision=geo, role=role, rule=f"{item.rule};resolve:{candidate.source}",
    )  # fmt: skip
