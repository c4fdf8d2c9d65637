"""Choosing among a name's candidates: feature type, population, the article's countries, proximity.

A candidate's score is the sum of small, named signals (`SIGNALS`, each a function of the
candidate and the article context), so a new signal is one line and each one can be tested
alone. Typical magnitudes: a country beats a namesake town ("Georgia"), an admin1 beats towns named
after it ("California", "Ontario"), population separates cities ("London": UK over Ontario), and the
article's other places (same country, nearby) overturn population when they agree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..models import Candidate
from .names import normalise

if TYPE_CHECKING:
    from . import Gazetteer

# Base score per feature: what a bare name most likely means when it names several things.
FEATURE_SCORES = {
    "country": 6.0, "region": 5.0, "water": 8.0, "continent": 5.0, "admin1": 3.0,
    "admin2": 1.0, "city": 0.0, "village": 0.0,
}  # fmt: skip
CITY_BEATS_NAMESAKE_SUBDIVISION = 50_000
ALTERNATE_NAME_ABROAD_POPULATION = 1_000_000  # "Peking", "Bombay": famous enough to travel
REGION_WORDS = frozenset(
    "region province oblast governorate state district county raion rayon prefecture "
    "department territory parish".split()
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says about where it happens."""

    key: str  # the normalised name being resolved
    named_countries: frozenset[str] = frozenset()  # countries named or implied by demonyms
    country_shares: dict[str, float] = field(default_factory=dict)  # other mentions' countries
    points: tuple[tuple[float, float], ...] = ()  # other mentions' resolved points
    admin_hint: bool = False  # "X region", "X province": the subdivision, not the city
    capitals: frozenset[tuple[str, str]] = frozenset()  # (country code, normalised capital name)
    promoted: frozenset[tuple[str, str]] = (
        frozenset()
    )  # cities standing in for their namesake admin1


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _feature(c: Candidate, ctx: Context) -> float:
    if ctx.admin_hint:
        return {"admin1": 6.0, "admin2": 5.0, "region": 5.0}.get(c.feature, 0.0)
    if c.feature == "city" and (c.country_code, normalise(c.name)) in ctx.promoted:
        return FEATURE_SCORES["admin1"]  # "Gaza" the city keeps the weight of "Gaza" the province
    return FEATURE_SCORES.get(c.feature, 0.0)


def _curated(c: Candidate, ctx: Context) -> float:
    """The supplement's rows were added on purpose (and carry no population to rank by)."""
    return 2.0 if c.source == "supplement" else 0.0


def _population(c: Candidate, ctx: Context) -> float:
    return math.log10(c.population + 1)


def _exact_name(c: Candidate, ctx: Context) -> float:
    return 1.0 if normalise(c.name) == ctx.key else 0.0


def _capital(c: Candidate, ctx: Context) -> float:
    return 3.0 if (c.country_code, normalise(c.name)) in ctx.capitals else 0.0


def _named_country(c: Candidate, ctx: Context) -> float:
    return 3.5 if c.country_code and c.country_code in ctx.named_countries else 0.0


def _country_share(c: Candidate, ctx: Context) -> float:
    return 5.0 * ctx.country_shares.get(c.country_code, 0.0)


def _proximity(c: Candidate, ctx: Context) -> float:
    if not ctx.points or c.feature in ("country", "continent", "water"):
        return 0.0
    nearest = min(distance_km(c.latitude, c.longitude, lat, lon) for lat, lon in ctx.points)
    return 3.0 if nearest < 50 else 2.0 if nearest < 200 else 1.0 if nearest < 500 else 0.0


SIGNALS: tuple[tuple[str, Callable[[Candidate, Context], float]], ...] = (
    ("feature", _feature),
    ("population", _population),
    ("curated", _curated),
    ("exact_name", _exact_name),
    ("capital", _capital),
    ("named_country", _named_country),
    ("country_share", _country_share),
    ("proximity", _proximity),
)


def prefer_cities_named_like_admin1(
    candidates: Sequence[Candidate], ctx: Context
) -> list[Candidate]:
    """Drop a subdivision named like a sizeable city of its country ("Aleppo", "Kharkiv",
    "Moscow"), and a district named like a town in it: news means the city unless it writes
    "Aleppo province" (`ctx.admin_hint`)."""
    if ctx.admin_hint:
        return list(candidates)
    cities = {
        (c.country_code, normalise(c.name))
        for c in candidates
        if c.feature == "city" and c.population >= CITY_BEATS_NAMESAKE_SUBDIVISION
    } | {  # the seat of its namesake subdivision ("Lachin" the town in Lachin district)
        (c.country_code, ctx.key)
        for c in candidates
        if c.feature == "city" and normalise(c.admin1 or "") == ctx.key
    }
    towns = {(c.country_code, c.admin1, c.admin2) for c in candidates if c.feature == "city"}
    return [
        c for c in candidates
        if not (c.feature in ("admin1", "admin2") and (c.country_code, normalise(c.name)) in cities)
        and not (c.feature == "admin2" and (c.country_code, c.admin1, c.admin2) in towns)
    ]  # fmt: skip


ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
SUFFIXES = REGION_WORDS | {"city", "town", "village"}


def _plain(key: str) -> list[str]:
    words = [ABBREVIATIONS.get(w, w) for w in key.split()]
    return words[:-1] if len(words) > 1 and words[-1] in SUFFIXES else words


def main_name(key: str, name: str) -> bool:
    """`key` (normalised) is the place's own name, give or take "County"/"City" and "St."/"Saint":
    "Henry County" for Henry, "St. Paul" for Saint Paul; not an alternate name in some language."""
    return _plain(key) == _plain(normalise(name))


def drop_alternates_abroad(candidates: Sequence[Candidate], ctx: Context) -> list[Candidate]:
    """Drop a place outside the article's countries that the name matches only as one of its
    alternate names, unless it is a country, region or large city: in a story about Mali, "Boni"
    is an unknown Malian village, not Bonn (German "Boni" in some language's spelling) or a French
    hamlet. With no context countries yet, nothing is dropped."""
    home = ctx.named_countries | ctx.country_shares.keys()
    if not home:
        return list(candidates)
    return [
        c for c in candidates
        if c.country_code in home
        or main_name(ctx.key, c.name)
        or c.feature in ("country", "region", "water", "continent")
        or c.population >= ALTERNATE_NAME_ABROAD_POPULATION
    ]  # fmt: skip


def score(candidate: Candidate, ctx: Context) -> float:
    return sum(signal(candidate, ctx) for _, signal in SIGNALS)


def rank(candidates: Sequence[Candidate], ctx: Context) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first (ties: more populous first, then by name)."""
    kept = prefer_cities_named_like_admin1(candidates, ctx)
    promoted = frozenset(
        (c.country_code, normalise(c.name))
        for c in candidates
        if c.feature == "admin1" and c not in kept
    )
    ctx = replace(ctx, promoted=promoted)
    scored = [(score(c, ctx), c) for c in drop_alternates_abroad(kept, ctx)]
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
    """Keep the candidates that lie in the country the text puts the name in. A country lies in no
    other country, and a province in no other province: "France, Italy and Spain" and "Texas,
    Oklahoma" are lists, not "X, Y" containment."""
    if container is None or container.feature not in ("country", "admin1", "admin2"):
        return candidates
    peers = {"country"} | ({"admin1"} if container.feature == "admin1" else set())
    return [
        c for c in candidates
        if c.country_code == container.country_code or c.feature in peers
    ]  # fmt: skip


def plausible(name: Name, candidates: list[Candidate]) -> list[Candidate]:
    """An acronym ("US", "UK", "DRC") names a country or province, never a village called "Us"."""
    letters = name.key.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 4:
        return [c for c in candidates if c.feature in ("country", "admin1", "region")]
    return candidates


def _capitals(candidates: Sequence[Candidate], gazetteer: Gazetteer, known: dict) -> frozenset:
    """(country code, normalised capital name) for the countries the candidates lie in."""
    for code in {c.country_code for c in candidates if c.country_code} - known.keys():
        capital = gazetteer.capital(code)
        known[code] = (code, normalise(capital.name)) if capital else None
    return frozenset(v for v in known.values() if v)


def _context(name: Name, others: list[Candidate], named: frozenset[str]) -> Context:
    return Context(
        key=normalise(name.key),
        named_countries=named | {c.country_code for c in others if c.feature == "country"},
        country_shares=country_shares([c.country_code for c in others]),
        points=tuple((c.latitude, c.longitude) for c in others if c.feature in ("city", "village")),
        admin_hint=name.admin_hint,
    )


def resolve_names(
    names: Sequence[Name], *, named_countries: frozenset[str], gazetteer: Gazetteer
) -> list[Candidate | None]:
    """The best candidate for each name (None when the gazetteer has none). Two passes: each name
    alone, then with the countries and points the article's other names resolved to."""
    chosen: list[Candidate | None] = [None] * len(names)
    capitals: dict[str, tuple[str, str] | None] = {}
    for _ in range(2):
        previous = list(chosen)
        for i, name in enumerate(names):
            key = normalise(name.key)
            others = [
                c for other, c in zip(names, previous, strict=True)
                if c is not None and normalise(other.key) != key
            ]  # fmt: skip
            candidates = plausible(name, gazetteer.lookup(name.key))
            if name.within is not None:
                candidates = inside(candidates, previous[name.within])
            ctx = replace(
                _context(name, others, named_countries),
                capitals=_capitals(candidates, gazetteer, capitals),
            )
            ranked = rank(candidates, ctx)
            chosen[i] = ranked[0][1] if ranked else None
    return chosen
