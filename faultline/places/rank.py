"""Choosing among a name's candidates: filters first, then a learned score.

Filters drop what a name cannot mean here (a province named like a big city of its own, a foreign
hamlet matched only by an alternate name, a village called "Us"); `signals` scores the rest as a
weighted sum of named signals (feature type, population, the article's countries, provinces and
points), with weights learned on LGL and GeoVirus (`data/place_weights.tsv`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..gazetteer.names import normalise
from ..records import Candidate
from .signals import (
    REGION_WORDS,
    Context,
    active,
    distance_km,
    foreign,
    learned_weights,
    main_name,
    score,
)

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = [
    "REGION_WORDS", "Context", "Name", "distance_km", "inside", "main_name", "plausible", "rank",
    "resolve_names",
]  # fmt: skip

CITY_BEATS_NAMESAKE_SUBDIVISION = 50_000
ALTERNATE_NAME_ABROAD_POPULATION = 1_000_000  # "Peking", "Bombay": famous enough to travel
SEAT_SUBDIVISION_POPULATION = 1_000_000  # a district named after its town, not a state
CONFLICT_SITE_BEATS = 20_000  # a namesake this large is not dropped for an ACLED location
PASSES = 3  # alone, then twice with the other names' choices (each pass refines the context)


def prefer_cities_named_like_admin1(
    candidates: Sequence[Candidate], ctx: Context
) -> list[Candidate]:
    """Drop a subdivision named like a sizeable city of its country ("Aleppo", "Kharkiv",
    "Moscow"), and a district named like a town in it: news means the city unless it writes
    "Aleppo province" (`ctx.admin_hint`)."""
    if ctx.admin_hint:
        return list(candidates)
    small = {
        (c.country_code, normalise(c.name))
        for c in candidates
        if c.feature in ("admin1", "admin2") and c.population < SEAT_SUBDIVISION_POPULATION
    }
    cities = {
        (c.country_code, normalise(c.name))
        for c in candidates
        if c.feature == "city" and c.population >= CITY_BEATS_NAMESAKE_SUBDIVISION
    } | {  # the seat of its namesake subdivision ("Lachin" the town in Lachin district), not a
        # town of a large province that the name matches by an alternate name ("Minneota")
        (c.country_code, ctx.key)
        for c in candidates
        if c.feature == "city"
        and normalise(c.admin1 or "") == ctx.key
        and (main_name(ctx.key, c.name) or (c.country_code, ctx.key) in small)
    }
    towns = {(c.country_code, c.admin1, c.admin2) for c in candidates if c.feature == "city"}
    return [
        c for c in candidates
        if not (c.feature in ("admin1", "admin2") and (c.country_code, normalise(c.name)) in cities)
        and not (c.feature == "admin2" and (c.country_code, c.admin1, c.admin2) in towns)
    ]  # fmt: skip


def drop_alternates_abroad(candidates: Sequence[Candidate], ctx: Context) -> list[Candidate]:
    """Drop a place outside the article's countries that the name matches only as one of its
    alternate names, unless it is a country, region or large city: in a story about Mali, "Boni"
    is an unknown Malian village, not Bonn (German "Boni" in some language's spelling) or a French
    hamlet. The article's countries are those it places something inside (a province, a town)
    when there are any: a country named only in the background ("turned from France to Russia")
    does not make a French hamlet likely. With no context countries yet, nothing is dropped."""
    home = {code for code, _ in ctx.admin1_shares} or (
        ctx.named_countries | ctx.country_shares.keys()
    )
    if not home:
        return list(candidates)
    return [
        c for c in candidates
        if c.country_code in home
        or main_name(ctx.key, c.name)
        or c.feature in ("country", "region", "water", "continent")
        or c.population >= ALTERNATE_NAME_ABROAD_POPULATION
    ]  # fmt: skip


def prefer_conflict_sites(candidates: Sequence[Candidate], ctx: Context) -> list[Candidate]:
    """Drop a small town or village (under `CONFLICT_SITE_BEATS` people) when ACLED has coded
    events at a place of this very name in the same country and nothing in the article points
    to the town (its province named or shared, a place of the article within 200 km): "near
    Lozove" in a shelling report is the Lozove of the front line, not a namesake 800 km away.
    The layer is built per fold in the ACLED evaluation, so no row is helped by its own place."""
    sites = {
        c.country_code for c in candidates if c.source == "acled" and main_name(ctx.key, c.name)
    }
    if not sites:
        return list(candidates)
    return [
        c for c in candidates
        if c.source == "acled"
        or c.country_code not in sites
        or c.feature not in ("city", "village")
        or c.population >= CONFLICT_SITE_BEATS
        or _pointed_to(c, ctx)
    ]  # fmt: skip


def _pointed_to(c: Candidate, ctx: Context) -> bool:
    province = (c.country_code, c.admin1 or "")
    named = (c.country_code, normalise(c.admin1 or ""))
    near = any(distance_km(c.latitude, c.longitude, lat, lon) < 200 for lat, lon in ctx.points)
    return province in ctx.admin1_shares or named in ctx.admin1s or near


def prepare(candidates: Sequence[Candidate], ctx: Context) -> tuple[list[Candidate], Context]:
    """The candidates left after the filters, and the context completed with what they imply
    (cities standing in for their namesake province, the largest population)."""
    kept = prefer_cities_named_like_admin1(candidates, ctx)
    promoted = frozenset(
        (c.country_code, normalise(c.name))
        for c in candidates
        if c.feature == "admin1" and c not in kept
    )
    kept = drop_alternates_abroad(kept, replace(ctx, promoted=promoted))
    kept = prefer_conflict_sites(kept, ctx)
    biggest = max((c.population for c in kept), default=0)
    return kept, replace(ctx, promoted=promoted, max_population=biggest)


def rank(
    candidates: Sequence[Candidate], ctx: Context, weights: Mapping[str, float] | None = None
) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first (ties: more populous first, then by name)."""
    weights = learned_weights() if weights is None else weights
    kept, ctx = prepare(candidates, ctx)
    pairs = active(weights)
    scored = [(score(c, ctx, weights, pairs), c) for c in kept]
    return sorted(scored, key=lambda sc: (-sc[0], -sc[1].population, sc[1].name))


def country_shares(codes: Sequence[str]) -> dict[str, float]:
    """Each country's share of a list of country codes (empty codes ignored)."""
    counts = Counter(code for code in codes if code)
    total = sum(counts.values())
    return {code: n / total for code, n in counts.items()} if total else {}


@dataclass(frozen=True, slots=True)
class Name:
    """A mention to resolve: the name as written, whether a region word follows it, and the index
    of the name that contains it ("Boni in central Mali", "Gao, Mali") if the text says so."""

    key: str
    admin_hint: bool = False
    within: int | None = None


def inside(candidates: list[Candidate], container: Candidate | None) -> list[Candidate]:
    """Keep the candidates that lie in the country the text puts the name in, and in its province
    when some do ("X, in Y province": the X of Y, not a larger X elsewhere in the country). A
    country lies in no other country, and a province in no other province: "France, Italy and
    Spain" and "Texas, Oklahoma" are lists, not "X, Y" containment."""
    if container is not None and container.feature in ("city", "village"):
        return in_seat_province(candidates, container)
    if container is None or container.feature not in ("country", "admin1", "admin2"):
        return candidates
    peers = {"country"} | ({"admin1"} if container.feature == "admin1" else set())
    kept = [
        c for c in candidates
        if c.country_code == container.country_code or c.feature in peers
    ]  # fmt: skip
    if container.feature == "country":
        return kept
    field = "admin1" if container.feature == "admin1" else "admin2"
    own = normalise(container.name)
    within = [
        c for c in kept if c.feature not in peers and normalise(getattr(c, field) or "") == own
    ]  # fmt: skip
    return [c for c in kept if c.feature in peers] + within if within else kept


def seat_named(candidate: Candidate) -> bool:
    """A province, or a city named like its own province ("Donetsk", "Idlib", "Rio de Janeiro")."""
    return candidate.feature == "admin1" or (
        candidate.feature in ("city", "village")
        and bool(candidate.admin1)
        and main_name(normalise(candidate.name), candidate.admin1 or "")
    )


def in_seat_province(candidates: list[Candidate], city: Candidate) -> list[Candidate]:
    """ "Kamianka, Donetsk", "Bara in the countryside of Idleb": a container resolved to a city
    named like its own province names the province. Keep the candidates that lie in it, else
    those in its country; none there leaves the name unresolved (a namesake on another
    continent is not the village the text places in Idleb). Not when the city is no province's
    namesake, when the name may itself be a province ("Donetsk, Luhansk") or when it may be a
    large city ("London, New York and Paris" is a list)."""
    if not seat_named(city) or any(
        seat_named(c) or c.population >= SEAT_SUBDIVISION_POPULATION for c in candidates
    ):
        return candidates
    own = normalise(city.admin1 or "")
    country = [c for c in candidates if c.country_code == city.country_code]
    within = [c for c in country if normalise(c.admin1 or "") == own]
    return within or country


def plausible(name: Name, candidates: list[Candidate]) -> list[Candidate]:
    """An acronym ("US", "UK", "DRC") names a country or province, never a village called "Us";
    a short word written without a dot is not an abbreviation ("Ind", "Ill", "Miss" are not
    Indiana's "Ind.", Illinois's "Ill.", Mississippi's "Miss.")."""
    letters = name.key.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 4:
        return [c for c in candidates if c.feature in ("country", "admin1", "region")]
    if len(letters) <= 4 and "." not in name.key:
        key = normalise(name.key)
        return [
            c for c in candidates
            if c.feature not in ("country", "admin1") or main_name(key, c.name)
        ]  # fmt: skip
    return candidates


def _capitals(candidates: Sequence[Candidate], gazetteer: Gazetteer, known: dict) -> frozenset:
    """(country code, normalised capital name) for the countries the candidates lie in."""
    for code in {c.country_code for c in candidates if c.country_code} - known.keys():
        capital = gazetteer.capital(code)
        known[code] = (code, normalise(capital.name)) if capital else None
    return frozenset(v for v in known.values() if v)


def _context(name: Name, others: list[Candidate], named: frozenset[str]) -> Context:
    provinces = [(c.country_code, c.admin1) for c in others if c.admin1]
    counts = Counter(provinces)
    return Context(
        key=normalise(name.key),
        named_countries=named | {c.country_code for c in others if c.feature == "country"},
        country_shares=country_shares([c.country_code for c in others]),
        points=tuple((c.latitude, c.longitude) for c in others if c.feature in ("city", "village")),
        admin_hint=name.admin_hint,
        admin1_shares={key: n / len(provinces) for key, n in counts.items()},
        admin1s=frozenset(
            (c.country_code, normalise(c.name)) for c in others if c.feature == "admin1"
        ),
    )


def candidate_sets(
    names: Sequence[Name],
    chosen: Sequence[Candidate | None],
    *,
    named_countries: frozenset[str],
    gazetteer: Gazetteer,
    capitals: dict[str, tuple[str, str] | None] | None = None,
    alone: Sequence[Candidate | None] = (),
) -> list[tuple[list[Candidate], Context]]:
    """Each name's filtered candidates and context, given what the other names resolved to. A
    container the other names' context lost ("Bara in Idleb": Idleb's alternate name dropped
    while Bara still lies in Sudan) keeps its choice alone (`alone`)."""
    capitals = {} if capitals is None else capitals
    keys = [normalise(name.key) for name in names]
    lists = []
    for name in names:
        candidates = plausible(name, gazetteer.lookup(name.key))
        if name.within is not None:
            container = chosen[name.within] or (alone[name.within] if alone else None)
            candidates = inside(candidates, container)
        lists.append(candidates)
    support = _support(keys, lists)
    out = []
    for name, key, candidates in zip(names, keys, lists, strict=True):
        others = [c for k, c in zip(keys, chosen, strict=True) if c is not None and k != key]
        ctx = replace(
            _context(name, others, named_countries),
            capitals=_capitals(candidates, gazetteer, capitals),
            country_support=support[key][0],
            admin1_support=support[key][1],
        )
        out.append(prepare(candidates, ctx))
    return out


def _support(keys: list[str], lists: list[list[Candidate]]) -> dict[str, tuple[dict, dict]]:
    """For each name: the share of the article's other names that may lie in each country, and
    in each province (any of their candidates does): "Paris", "Henry County" and "Springfield"
    all have namesakes in one state."""
    countries: dict[str, set[str]] = {}
    provinces: dict[str, set[tuple[str, str]]] = {}
    for key, candidates in zip(keys, lists, strict=True):
        countries.setdefault(key, set()).update(c.country_code for c in candidates)
        provinces.setdefault(key, set()).update(
            (c.country_code, c.admin1) for c in candidates if c.admin1
        )
    out = {}
    for key in countries:
        others = [k for k in countries if k != key]
        share = 1 / len(others) if others else 0.0
        country: Counter[str] = Counter(code for k in others for code in countries[k])
        province: Counter[tuple[str, str]] = Counter(p for k in others for p in provinces[k])
        out[key] = (
            {code: n * share for code, n in country.items()},
            {p: n * share for p, n in province.items()},
        )
    return out


def final_sets(
    names: Sequence[Name],
    *,
    named_countries: frozenset[str],
    gazetteer: Gazetteer,
    weights: Mapping[str, float],
) -> list[tuple[list[Candidate], Context]]:
    """The candidates and contexts of the last pass: each name is resolved alone first, then
    again with what the other names resolved to, `PASSES` times in all."""
    chosen: list[Candidate | None] = [None] * len(names)
    capitals: dict[str, tuple[str, str] | None] = {}
    alone: list[Candidate | None] = []
    sets: list[tuple[list[Candidate], Context]] = []
    for number in range(PASSES):
        sets = candidate_sets(
            names, chosen, named_countries=named_countries, gazetteer=gazetteer,
            capitals=capitals, alone=alone,
        )  # fmt: skip
        if number < PASSES - 1:
            chosen = [best(kept, ctx, weights) for kept, ctx in sets]
            alone = alone or list(chosen)
    return sets


def resolve_names(
    names: Sequence[Name],
    *,
    named_countries: frozenset[str],
    gazetteer: Gazetteer,
    weights: Mapping[str, float] | None = None,
) -> list[Candidate | None]:
    """The best candidate for each name (None when the gazetteer has none), in the context of
    the countries, provinces and points the article's other names resolve to (`final_sets`)."""
    weights = learned_weights() if weights is None else weights
    sets = final_sets(names, named_countries=named_countries, gazetteer=gazetteer, weights=weights)
    return [welcome(best(kept, ctx, weights), ctx) for kept, ctx in sets]


STRANGER_POPULATION = 1_000_000


def welcome(candidate: Candidate | None, ctx: Context) -> Candidate | None:
    """`candidate`, unless it is a namesake abroad with nothing for it: the article names a
    country, and the candidate lies in one it neither names nor places anything else in, is no
    capital and has under `STRANGER_POPULATION` people (a
    Myanmar story's "Manton" is no town in Michigan; Cameroon's "Northwest" no district of the
    U.S. Virgin Islands). The name then stays unresolved, and an event there is coded to the
    container the article gives."""
    if candidate is None or not ctx.named_countries or not foreign(candidate, ctx):
        return candidate
    capital = (candidate.country_code, normalise(candidate.name)) in ctx.capitals
    return candidate if capital or candidate.population >= STRANGER_POPULATION else None


def best(
    candidates: Sequence[Candidate], ctx: Context, weights: Mapping[str, float]
) -> Candidate | None:
    """The highest-scoring of already filtered candidates (ties: more populous, then by name)."""
    if not candidates:
        return None
    pairs = active(weights)
    return min(candidates, key=lambda c: (-score(c, ctx, weights, pairs), -c.population, c.name))
