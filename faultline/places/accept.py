"""Which recognised spans are places: the evidence a candidate toponym needs (a locative before
it, a place noun, a list of places, a large population, a country or province name, the name
accepted elsewhere in the article, a dateline) and the evidence against it (a title before it, the
same name used for a person, an English word, an acronym of nothing, a disease named after it).
`Found` is a recognised stretch of tokens before resolution; `places.py` finds them and resolves
what `accept` keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..gazetteer.names import normalise
from ..records import Candidate, Parse
from ..text.clean import english_words
from .cues import (
    CIVIC_WORDS,
    COMMON_WORDS,
    CURRENCY_WORDS,
    DISEASE_WORDS,
    PLACE_NOUNS,
    POPULATION_FOR_BARE_WORD,
    POPULATION_FOR_PERSON_TAG,
    SETTLEMENT_NOUNS,
    TARGET_VERBS,
    TITLES,
    TRIMS,
    Trim,
)
from .rank import Name, plausible
from .window import (
    after,
    before,
    capitalised,
    dateline_span,
    locative_before,
    noun_of_before,
    speaks,
    words,
)

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Found:
    """A recognised stretch of tokens, before resolution."""

    first: int  # token indices, end exclusive
    end: int
    key: str  # the name to look up
    rule: str
    admin_hint: bool = False
    near: bool = False
    demonym: str | None = None  # ISO code when the mention is a demonym


def strip_name(parse: Parse, first: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive ("Boone County's")."""
    while first < end - 1 and parse.tokens[first].text.lower() == "the":
        first += 1
    while end - 1 > first and parse.tokens[end - 1].text.lower() in ("'s", "’s", "'", "’"):
        end -= 1
    return first, end


def lookup_trimmed(
    parse: Parse, first: int, end: int, gazetteer: Gazetteer
) -> tuple[int, int, str, Trim | None]:
    """(first, end, key, trim): the mention's tokens, the name to look up and the trim used."""
    whole = words(parse, first, end)
    if gazetteer.lookup(whole) or end - first < 2:
        return first, end, whole, None
    for trim in TRIMS:
        edge = parse.tokens[first if trim.drop_first else end - 1].text.lower()
        if edge not in trim.words:
            continue
        key = words(parse, first + 1, end) if trim.drop_first else words(parse, first, end - 1)
        candidates = gazetteer.lookup(key)
        if candidates and not (trim.drop_first and _word_left(key, candidates)):
            return first, end if trim.drop_first else end - 1, key, trim
    return first, end, whole, None


def _word_left(key: str, candidates: Sequence[Candidate]) -> bool:
    """What is left of "Central Bank" or "West Zone" without its first word is an English word
    naming no prominent place: the whole is a name of its own, not a part of a place."""
    return key.lower() in english_words() and not _prominent(candidates)


def _object_of_target_verb(parse: Parse, item: Found) -> bool:
    """ "shelled X", "captured X", "took over X": the word before (or before its particle) is an
    attack/movement verb."""
    if item.first == 0 or parse.tokens[item.first - 1].sent != parse.tokens[item.first].sent:
        return False
    verb = parse.tokens[item.first - 1]
    if verb.text.lower() in ("over", "into") and item.first >= 2:  # "took over X", "moved into X"
        verb = parse.tokens[item.first - 2]
        return verb.pos == "VERB" and verb.lemma.lower() in TARGET_VERBS | {"take", "move"}
    return verb.pos == "VERB" and verb.lemma.lower() in TARGET_VERBS


def _person_like(parse: Parse, item: Found, titled: set[str]) -> bool:
    preceding = before(parse, item.first)
    return bool(preceding) and preceding[-1] in TITLES or normalise(item.key) in titled


def _near_places(parse: Parse, item: Found, accepted: Sequence[Found]) -> bool:
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


def _evidence(parse: Parse, item: Found, accepted: Sequence[Found], gazetteer: Gazetteer) -> bool:
    """Place evidence; a name accepted elsewhere in the article counts (one sense per article)."""
    known = {normalise(f.key) for f in accepted}
    candidates = gazetteer.lookup(item.key)
    if item.rule.endswith("-prefix"):  # the words around are the organisation's, not the place's
        return (
            normalise(item.key) in known
            or any(c.feature in ("country", "admin1") for c in candidates)
            or (item.admin_hint and any(c.feature == "admin2" for c in candidates))
            or any(
                c.feature == "city" and c.population >= POPULATION_FOR_BARE_WORD for c in candidates
            )
            or after(parse, item.end) in CIVIC_WORDS
        )
    following = after(parse, item.end)
    single = item.end - item.first == 1
    big = POPULATION_FOR_PERSON_TAG if item.rule == "ner:PERSON" else POPULATION_FOR_BARE_WORD
    if item.rule == "gazetteer:ngram" and not single:
        big = 1_000
    return (
        normalise(item.key) in known
        or locative_before(parse, item.first)
        or _object_of_target_verb(parse, item)
        or following in PLACE_NOUNS
        or item.admin_hint
        or _near_places(parse, item, accepted)
        or any(c.feature in ("country", "admin1", "region", "water") for c in candidates)
        or (item.admin_hint and any(c.feature == "admin2" for c in candidates))
        or any(c.population >= big for c in candidates)
    )


def _person_names(parse: Parse, gazetteer: Gazetteer) -> set[str]:
    """Names the article uses for people: PERSON entities after a title ("Mr Nelson"), and the
    surname of a full PERSON name that is not itself a place ("Ben Nelson" makes a later "Nelson"
    a person; "Upper Nelson" does not), and a PERSON that speaks ("Nelson said") unless it may be
    a government standing for its capital or country ("Yerevan said")."""
    names = set()
    for e in parse.entities:
        if e.label != "PERSON":
            continue
        first, end = strip_name(parse, e.token_start, e.token_end)  # "Roy Jones'" -> "Roy Jones"
        name = words(parse, first, end)
        if (before(parse, first)[-1:] or [""])[0] in TITLES or (
            speaks(parse, end - 1) and not _prominent(gazetteer.lookup(name))
        ):
            names.add(normalise(name))
        if end - first >= 2 and capitalised(parse.tokens[first]):
            trim = lookup_trimmed(parse, first, end, gazetteer)[3]
            if trim is None and not gazetteer.lookup(name):
                names.add(normalise(parse.tokens[end - 1].text))
    return names


def _prominent(candidates: Sequence[Candidate]) -> bool:
    """A country, province or sizeable city: a name that may speak for a government."""
    return any(
        c.feature in ("country", "admin1") or c.population >= POPULATION_FOR_BARE_WORD
        for c in candidates
    )


def _common_word(parse: Parse, item: Found, lowercase_words: set[str]) -> bool:
    """An English word or phrase rather than a name (multi-word: every word common). A capitalised
    word the text calls a settlement ("the town of Tame") is a name whatever else it means."""
    if noun_of_before(parse, item.first, SETTLEMENT_NOUNS):
        return False
    key = item.key.lower()
    if item.end - item.first > 1:
        return all(t.text.lower() in COMMON_WORDS for t in parse.tokens[item.first : item.end])
    token = parse.tokens[item.first]
    if item.rule.endswith("-prefix"):
        return key in COMMON_WORDS or key in lowercase_words
    if item.rule != "gazetteer:ngram":
        return False  # NER said it is a name; the person/place evidence decides
    return key in COMMON_WORDS or key in lowercase_words or token.pos != "PROPN"


def short_token(parse: Parse, item: Found) -> bool:
    """One token of at most two letters that is not an acronym: "La", "Pa", "Mo" (the first
    syllable of "La Xyz" read as Louisiana's "La."), "Al", "Ga". "US", "UK" stay."""
    if item.end - item.first != 1:
        return False
    text = parse.tokens[item.first].text
    letters = [ch for ch in text if ch.isalpha()]
    dotted = text.endswith(".") or parse.text[parse.tokens[item.first].end :][:1] == "."
    return len(letters) <= 2 and not text.isupper() and not dotted


def part_of_longer_name(parse: Parse, item: Found, gazetteer: Gazetteer) -> bool:
    """A one-word n-gram match glued to a capitalised proper noun that is no English word and no
    place of its own: "Kafr" of "Kafr Nabl", "Tel" of "Tel Rifaat" when the gazetteer lacks the
    whole name ("Cookville Volunteer Fire Department" is still Cookville's)."""
    if item.rule != "gazetteer:ngram" or item.end - item.first != 1:
        return False
    tokens, sent = parse.tokens, parse.tokens[item.first].sent
    sides = ((item.end, (item.first, item.end)), (item.first - 1, (item.first - 1, item.first)))
    for k, gap in sides:
        if not 0 <= k < len(tokens) or tokens[k].sent != sent or k == sentence_start(parse, k):
            continue
        left, right = tokens[gap[0]], tokens[gap[1]]
        glued = text_between(parse, left.end, right.start) == " "
        neighbour = tokens[k]
        if (
            glued
            and capitalised(neighbour)
            and neighbour.pos == "PROPN"
            and neighbour.text.lower() not in COMMON_WORDS
            and neighbour.text.lower() not in english_words()
            and not gazetteer.lookup(neighbour.text)
            and not gazetteer.country_for_demonym(neighbour.text)
        ):
            return True
    return False


def sentence_start(parse: Parse, k: int) -> int:
    return parse.sentences[parse.tokens[k].sent].token_start


def text_between(parse: Parse, start: int, end: int) -> str:
    return parse.text[start:end]


def _idle_acronym(item: Found, gazetteer: Gazetteer) -> bool:
    """ "HIV", "SWAT": an acronym whose namesakes are all towns (`rank.plausible` would reject)."""
    candidates = gazetteer.lookup(item.key)
    return bool(candidates) and not plausible(Name(item.key), candidates)


def _dateline_tokens(parse: Parse) -> range:
    """Indices of the tokens of the article's dateline (empty when it has none)."""
    start, end = dateline_span(parse.text)
    inside = [t.i for t in parse.tokens if start <= t.start and t.end <= end]
    return range(inside[0], inside[-1] + 1) if inside else range(0)


def accept(
    parse: Parse, found: list[Found], pending: list[Found], gazetteer: Gazetteer
) -> list[Found]:
    """Keep the PERSON/ORG/n-gram candidates that look like places and not like people."""
    lowercase_words = {t.text for t in parse.tokens if t.text.islower()}
    titled = _person_names(parse, gazetteer)
    named_after = DISEASE_WORDS | CURRENCY_WORDS  # "Ebola virus", "US dollar": not places
    found = [f for f in found if f.demonym or after(parse, f.end) not in named_after]
    pending = [f for f in pending if after(parse, f.end) not in named_after]
    accepted = [
        f for f in found
        if not f.demonym and not _person_like(parse, f, titled)
        or locative_before(parse, f.first) and gazetteer.lookup(f.key)
        or _prominent(gazetteer.lookup(f.key))
    ]  # fmt: skip
    dateline = _dateline_tokens(parse)
    for _ in range(2):  # a second round lets list evidence flow from places accepted in the first
        for item in list(pending):
            if item.first in dateline and item.key.lower() not in COMMON_WORDS:
                accepted.append(item)  # "CROMWELL —": a dateline names a place
                pending.remove(item)
            elif (
                _common_word(parse, item, lowercase_words)
                or _idle_acronym(item, gazetteer)
                or short_token(parse, item)
                or part_of_longer_name(parse, item, gazetteer)
            ):
                pending.remove(item)
            elif _person_like(parse, item, titled):
                pending.remove(item)
            elif _evidence(parse, item, accepted, gazetteer):
                accepted.append(item)
                pending.remove(item)
    return sorted(accepted + [f for f in found if f.demonym], key=lambda f: f.first)
