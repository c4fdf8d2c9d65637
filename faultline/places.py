"""The places stage: find toponyms in a parsed article and resolve them against the gazetteer.

Recognition has two sources. spaCy GPE/LOC entities are toponyms outright (FAC when the gazetteer
knows the name). The small model, however, tags many villages PERSON or ORG, so a gazetteer n-gram
matcher also runs over capitalised token sequences; what it finds, and PERSON/ORG entities that
are place names, must show place evidence (a locative preposition before, a place noun after, a
list of other places, a large population or a country/admin1 name) and no person evidence (a title
before it, the same name with a title elsewhere in the article). Common English words ("Of",
"Mobile", "Victory") are kept out by capitalisation, part of speech, a stop list, the word
appearing in lower case in the same article, and a population floor for bare single words.

Resolution (`gazetteer.rank`) scores each candidate twice: once alone, then with the countries and
points the other mentions resolved to. Each mention gets ACLED's geo_precision and a role:
"place", "metonym" ("Moscow said": a capital or country as the subject of a speech verb) or
"demonym" ("Armenian troops").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .gazetteer import Gazetteer
from .gazetteer.cues import (
    COMMON_WORDS,
    CONNECTORS,
    LOCATIVES,
    NEAR_AFTER,
    NEAR_BEFORE,
    PLACE_LABELS,
    PLACE_NOUNS,
    POPULATION_FOR_BARE_WORD,
    POPULATION_FOR_PERSON_TAG,
    SPEECH_VERBS,
    TARGET_VERBS,
    TITLES,
    TRIMS,
    Trim,
)
from .gazetteer.names import normalise
from .gazetteer.rank import REGION_WORDS, Name, resolve_names
from .models import Candidate, Entity, Parse, PlaceMention, Token

CONTAINER_FILLERS = frozenset(
    "the central northern southern eastern western north south east west northeastern "
    "northwestern southeastern southwestern north-east north-west south-east south-west "
    "far rural restive".split()
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Found:
    """A recognised stretch of tokens, before resolution."""

    first: int  # token indices, end exclusive
    end: int
    key: str  # the name to look up
    rule: str
    admin_hint: bool = False
    near: bool = False
    demonym: str | None = None  # ISO code when the mention is a demonym


def find_places(parse: Parse, *, gazetteer: Gazetteer) -> tuple[PlaceMention, ...]:
    """One `PlaceMention` per toponym or demonym mention, in text order."""
    found = _recognise(parse, gazetteer)
    choices = _resolve(parse, found, gazetteer)
    mentions = [_mention(parse, f, choices.get(f), gazetteer) for f in found]
    dateline = _dateline_end(parse.text)
    mentions = [
        replace(m, role="dateline") if m.end <= dateline and m.role == "place" else m
        for m in mentions
    ]
    return tuple(sorted(mentions, key=lambda m: (m.start, m.end)))


# "KYIV, Ukraine (Reuters) -", "BAMAKO (AFP) —", "GAZA CITY, Sept 14 -": where the story was filed, not
# where the events happened.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'\- ]{1,40}(?:,[ A-Za-z.]{2,30}?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([A-Za-z ]{2,20}\))?\s*[-\u2013\u2014:]"
)


def _dateline_end(text: str) -> int:
    """End offset of the article's dateline (0 when it has none)."""
    match = DATELINE.match(text)
    if not match:
        return 0
    dateline = match.group()
    place_letters = sum(c.isalpha() for c in dateline.split(",")[0].split("(")[0])
    return match.end() if place_letters >= 4 or "(" in dateline or "," in dateline else 0


# ------------------------------------------------------------------------------------ recognition


def _words(parse: Parse, first: int, end: int) -> str:
    return parse.text[parse.tokens[first].start : parse.tokens[end - 1].end]


def _strip(parse: Parse, first: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive ("Boone County's")."""
    while first < end - 1 and parse.tokens[first].text.lower() == "the":
        first += 1
    while end - 1 > first and parse.tokens[end - 1].text.lower() in ("'s", "’s", "'", "’"):
        end -= 1
    return first, end


def _lookup_trimmed(
    parse: Parse, first: int, end: int, gazetteer: Gazetteer
) -> tuple[int, int, str, Trim | None]:
    """(first, end, key, trim): the mention's tokens, the name to look up and the trim used."""
    whole = _words(parse, first, end)
    if gazetteer.lookup(whole) or end - first < 2:
        return first, end, whole, None
    for trim in TRIMS:
        edge = parse.tokens[first if trim.drop_first else end - 1].text.lower()
        if edge not in trim.words:
            continue
        key = _words(parse, first + 1, end) if trim.drop_first else _words(parse, first, end - 1)
        if gazetteer.lookup(key):
            return first, end if trim.drop_first else end - 1, key, trim
    return first, end, whole, None


def _strong_evidence(parse: Parse, first: int, end: int) -> bool:
    """A place noun right before ("the village of X") or after ("X village")."""
    words = _before(parse, first)
    after = parse.tokens[end].text.lower() if end < len(parse.tokens) else ""
    return after in PLACE_NOUNS or (
        len(words) >= 2 and words[-1] == "of" and words[-2] in PLACE_NOUNS
    )


def _entity_found(parse: Parse, entity: Entity, gazetteer: Gazetteer) -> _Found | None:
    first, end = _strip(parse, entity.token_start, entity.token_end)
    if not any(ch.isupper() for ch in _words(parse, first, end)):
        return None  # "meth": a lower-case word is not a name
    code = gazetteer.country_for_demonym(_words(parse, first, end))
    if code:  # NORP mostly, but the small model also tags "Azerbaijani" PERSON or GPE
        return _Found(first, end, "", f"ner:{entity.label}", demonym=code)
    if not any(ch.isalpha() for ch in _words(parse, first, end)):
        return None
    first, end, key, trim = _lookup_trimmed(parse, first, end, gazetteer)
    known = trim is not None or bool(gazetteer.lookup(key))
    if entity.label == "ORG" and not known:
        return _org_prefix(parse, first, end, gazetteer)
    if entity.label not in PLACE_LABELS and not known:
        if entity.label == "FAC" or not _strong_evidence(parse, first, end):
            return None
    after = parse.tokens[end].text.lower() if end < len(parse.tokens) else ""
    admin = (trim is not None and trim.admin) or after in REGION_WORDS
    near = trim is not None and trim.near
    return _Found(first, end, key, f"ner:{entity.label}", admin, near)


def _org_prefix(parse: Parse, first: int, end: int, gazetteer: Gazetteer) -> _Found | None:
    """The place or demonym an organisation is named after: "the Minnesota Department of
    Transportation", "Douglas County Sheriff's Office", "Aleppo Media Center", "Armenian Army"."""
    code = gazetteer.country_for_demonym(parse.tokens[first].text)
    if code:
        return _Found(first, first + 1, "", "ner:ORG-prefix", demonym=code)
    for stop in range(min(end - 1, first + gazetteer.max_name_tokens), first, -1):
        if all(_capitalised(t) for t in parse.tokens[first:stop]):
            if gazetteer.lookup(key := _words(parse, first, stop)):
                admin = parse.tokens[stop - 1].text.lower() in REGION_WORDS
                return _Found(first, stop, key, "ner:ORG-prefix", admin)
    return None


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()


def _ngram(parse: Parse, i: int, limit: int, gazetteer: Gazetteer) -> _Found | None:
    """The longest gazetteer name starting at token i (capitalised, connectors inside only)."""
    tokens = parse.tokens
    for n in range(min(limit, len(tokens) - i), 0, -1):
        span = tokens[i : i + n]
        if span[-1].sent != span[0].sent or not _capitalised(span[-1]):
            continue
        inner_ok = all(_capitalised(t) or t.text.lower() in CONNECTORS for t in span)
        glued = all(tokens[k].end == tokens[k + 1].start for k in range(i, i + n - 1))
        if not inner_ok or (n > 1 and not glued and any(t.is_space for t in span)):
            continue
        if gazetteer.lookup(_words(parse, i, i + n)):
            after = tokens[i + n].text.lower() if i + n < len(tokens) else ""
            return _Found(
                i, i + n, _words(parse, i, i + n), "gazetteer:ngram", after in REGION_WORDS
            )
    return None


def _recognise(parse: Parse, gazetteer: Gazetteer) -> list[_Found]:
    taken: set[int] = set()
    found: list[_Found] = []
    pending: list[_Found] = []
    entity_at: dict[int, Entity] = {}
    for entity in parse.entities:
        for i in range(entity.token_start, entity.token_end):
            entity_at[i] = entity
        if entity.label not in (*PLACE_LABELS, "FAC", "PERSON", "ORG", "NORP"):
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
        if i in taken or i in entity_at or not _capitalised(token):
            i += 1
            continue
        code = gazetteer.country_for_demonym(token.text)
        if code and token.pos in ("ADJ", "PROPN", "NOUN"):
            found.append(_Found(i, i + 1, "", "gazetteer:demonym", demonym=code))
            i += 1
            continue
        item = _ngram(parse, i, gazetteer.max_name_tokens, gazetteer)
        if item is None or any(k in taken or k in entity_at for k in range(item.first, item.end)):
            i += 1
            continue
        pending.append(item)
        i = item.end
    return _accept(parse, found, pending, gazetteer)


# --------------------------------------------------------------------------------------- evidence


def _before(parse: Parse, first: int, size: int = 4) -> list[str]:
    """Up to `size` lower-cased words before token `first`, nearest last, within the sentence."""
    sent = parse.sentences[parse.tokens[first].sent]
    start = max(sent.token_start, first - size)
    return [t.text.lower().rstrip(".") for t in parse.tokens[start:first]]


def _locative_before(parse: Parse, first: int) -> bool:
    """ "in X", "near X", "the village of X" (the "of" counts), "towards X"."""
    words = _before(parse, first)
    return bool(words) and words[-1] in LOCATIVES


def _object_of_target_verb(parse: Parse, item: _Found) -> bool:
    """ "shelled X", "captured X": the word before is an attack/movement verb."""
    if item.first == 0 or parse.tokens[item.first - 1].sent != parse.tokens[item.first].sent:
        return False
    before = parse.tokens[item.first - 1]
    return before.pos == "VERB" and before.lemma.lower() in TARGET_VERBS


def _person_like(parse: Parse, item: _Found, titled: set[str]) -> bool:
    words = _before(parse, item.first)
    return bool(words) and words[-1] in TITLES or normalise(item.key) in titled


def _near_places(parse: Parse, item: _Found, accepted: Sequence[_Found]) -> bool:
    """In a list with accepted places ("X, Y and Z") or placed in one ("X in Y", "X, Y")."""
    joiners = {",", "and", "or", "&", "in"}
    for other in accepted:
        gap = (
            parse.tokens[other.end : item.first] if other.end <= item.first
            else parse.tokens[item.end : other.first]
        )  # fmt: skip
        if 0 < len(gap) <= 2 and all(t.text.lower() in joiners for t in gap):
            return True
    return False


def _evidence(parse: Parse, item: _Found, accepted: Sequence[_Found], gazetteer: Gazetteer) -> bool:
    """Place evidence; a name accepted elsewhere in the article counts (one sense per article)."""
    known = {normalise(f.key) for f in accepted}
    candidates = gazetteer.lookup(item.key)
    if item.rule == "ner:ORG-prefix":  # the words around are the organisation's, not the place's
        return (
            normalise(item.key) in known
            or any(c.feature in ("country", "admin1") for c in candidates)
            or (item.admin_hint and any(c.feature == "admin2" for c in candidates))
            or any(
                c.feature == "city" and c.population >= POPULATION_FOR_BARE_WORD for c in candidates
            )
        )
    after = parse.tokens[item.end].text.lower() if item.end < len(parse.tokens) else ""
    single = item.end - item.first == 1
    big = POPULATION_FOR_PERSON_TAG if item.rule == "ner:PERSON" else POPULATION_FOR_BARE_WORD
    if item.rule == "gazetteer:ngram" and not single:
        big = 1_000
    return (
        normalise(item.key) in known
        or _locative_before(parse, item.first)
        or _object_of_target_verb(parse, item)
        or after in PLACE_NOUNS
        or item.admin_hint
        or _near_places(parse, item, accepted)
        or any(c.feature in ("country", "admin1", "region", "water") for c in candidates)
        or (item.admin_hint and any(c.feature == "admin2" for c in candidates))
        or any(c.population >= big for c in candidates)
    )


def _person_names(parse: Parse, gazetteer: Gazetteer) -> set[str]:
    """Names the article uses for people: PERSON entities after a title ("Mr Nelson"), and the
    surname of a full PERSON name that is not itself a place ("Ben Nelson" makes a later "Nelson"
    a person; "Upper Nelson" does not)."""
    names = set()
    for e in parse.entities:
        if e.label != "PERSON":
            continue
        if (_before(parse, e.token_start)[-1:] or [""])[0] in TITLES:
            names.add(normalise(_words(parse, e.token_start, e.token_end)))
        if e.token_end - e.token_start >= 2 and _capitalised(parse.tokens[e.token_start]):
            trim = _lookup_trimmed(parse, e.token_start, e.token_end, gazetteer)[3]
            if trim is None and not gazetteer.lookup(e.text):
                names.add(normalise(parse.tokens[e.token_end - 1].text))
    return names


def _common_word(parse: Parse, item: _Found, lowercase_words: set[str]) -> bool:
    """An English word or phrase rather than a name (multi-word: every word common)."""
    key = item.key.lower()
    if item.end - item.first > 1:
        return all(t.text.lower() in COMMON_WORDS for t in parse.tokens[item.first : item.end])
    token = parse.tokens[item.first]
    if item.rule == "ner:ORG-prefix":
        return key in COMMON_WORDS or key in lowercase_words
    if item.rule != "gazetteer:ngram":
        return False  # NER said it is a name; the person/place evidence decides
    return key in COMMON_WORDS or key in lowercase_words or token.pos != "PROPN"


def _accept(
    parse: Parse, found: list[_Found], pending: list[_Found], gazetteer: Gazetteer
) -> list[_Found]:
    """Keep the PERSON/ORG/n-gram candidates that look like places and not like people."""
    lowercase_words = {t.text for t in parse.tokens if t.text.islower()}
    titled = _person_names(parse, gazetteer)
    accepted = [
        f for f in found
        if not f.demonym and (gazetteer.lookup(f.key) or not _person_like(parse, f, titled))
    ]  # fmt: skip
    for _ in range(2):  # a second round lets list evidence flow from places accepted in the first
        for item in list(pending):
            if _common_word(parse, item, lowercase_words):
                pending.remove(item)
            elif _person_like(parse, item, titled):
                pending.remove(item)
            elif _evidence(parse, item, accepted, gazetteer):
                accepted.append(item)
                pending.remove(item)
    return sorted(accepted + [f for f in found if f.demonym], key=lambda f: f.first)


# ------------------------------------------------------------------------------------- resolution


def _resolve(
    parse: Parse, found: Sequence[_Found], gazetteer: Gazetteer
) -> dict[_Found, Candidate | None]:
    places = [f for f in found if not f.demonym]
    named = frozenset(f.demonym for f in found if f.demonym)
    names = [Name(f.key, f.admin_hint, _container(parse, f, places)) for f in places]
    chosen = resolve_names(names, named_countries=named, gazetteer=gazetteer)
    return dict(zip(places, chosen, strict=True))


def _container(parse: Parse, item: _Found, places: Sequence[_Found]) -> int | None:
    """Index of the place the text puts `item` in: "X in (central) Y", "X, Y" within a sentence."""
    for index, other in enumerate(places):
        if other.first < item.end or parse.tokens[other.first].sent != parse.tokens[item.first].sent:
            continue
        between = [t.text.lower() for t in parse.tokens[item.end : other.first]]
        if between and between[0] in ("in", ",") and all(
            w in CONTAINER_FILLERS for w in between[1:]
        ):
            return index
        return None
    return None


# ---------------------------------------------------------------------------------- roles & output


def _precision(parse: Parse, item: _Found, candidate: Candidate | None) -> int:
    base = 3 if candidate is None or candidate.feature not in ("city", "village", "admin2") else 1
    if candidate is not None and candidate.feature == "admin2":
        base = 2
    after = parse.tokens[item.end].text.lower() if item.end < len(parse.tokens) else ""
    near = item.near or after in NEAR_AFTER or (after in REGION_WORDS and base == 1)
    return max(base, 2) if near or _near_before(parse, _first_conjunct(parse, item)) else base


def _first_conjunct(parse: Parse, item: _Found) -> int:
    """The first token of the first place in a coordination: "near A, B and C" -> A."""
    first = item.first
    head = parse.tokens[item.end - 1]
    while head.dep == "conj" and head.head < head.i:
        head = parse.tokens[head.head]
        first = head.i
        while first > 0 and parse.tokens[first - 1].dep == "compound":
            first -= 1
    return first


def _near_before(parse: Parse, first: int) -> bool:
    """ "near X", "near the town of X", "in the directions of X", "outskirts of X"."""
    words = _before(parse, first, size=7)
    if any(tuple(words[-len(p) :]) == p for p in NEAR_BEFORE):
        return True
    if len(words) >= 2 and words[-1] == "of" and words[-2] in PLACE_NOUNS:
        words = words[:-3] if len(words) >= 3 and words[-3] in ("the", "a") else words[:-2]
        return any(tuple(words[-len(p) :]) == p for p in NEAR_BEFORE)
    return False


def _is_metonym(
    parse: Parse, item: _Found, candidate: Candidate | None, gazetteer: Gazetteer
) -> bool:
    if candidate is None or item.near:
        return False
    if candidate.feature != "country":
        capital = gazetteer.capital(candidate.country_code)
        if capital is None or (capital.name, capital.feature) != (
            candidate.name,
            candidate.feature,
        ):
            return False
    head = parse.tokens[item.end - 1]
    if head.dep not in ("nsubj", "nsubjpass") or head.head == head.i:
        return False
    return parse.tokens[head.head].lemma.lower() in SPEECH_VERBS


def _mention(
    parse: Parse, item: _Found, candidate: Candidate | None, gazetteer: Gazetteer
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
        "metonym" if _is_metonym(parse, item, candidate, gazetteer) else "place"
    )  # fmt: skip
    code = candidate.country_code or None
    return replace(
        blank, name=candidate.name, geonameid=candidate.geonameid, latitude=candidate.latitude,
        longitude=candidate.longitude, country_code=code, admin1=candidate.admin1,
        admin2=candidate.admin2, feature=candidate.feature, resolved=True,
        country=gazetteer.country_name(code) if code else None,
        precision=3 if item.demonym else _precision(parse, item, candidate), role=role,
        rule=f"{item.rule};resolve:{candidate.source}",
    )  # fmt: skip
