"""The signals a candidate place is scored by, and their learned weights.

A candidate's score is the weighted sum of small, named signals (`SIGNALS`: each a function of
the candidate and the article's `Context`), so a new signal is one line and each one can be tested
alone. The weights are learned (`data/place_weights.tsv`, written by `scripts/train_places.py`: a
conditional logit over each mention's candidates, fitted on LGL and GeoVirus and reported with
cross-validated accuracy); `HAND_WEIGHTS` are the hand-set magnitudes training starts from.

Signals describe the candidate (feature type, population, curated row, exact name), what the
mention says ("X province": `admin_hint`) and what the rest of the article says (its countries,
provinces and points). Nothing here knows any particular place.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ResourceError
from ..gazetteer.names import normalise
from ..records import Candidate

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "place_weights.tsv"
REGION_WORDS = frozenset(
    "region province oblast governorate state district county raion rayon prefecture "
    "department territory parish".split()
)  # fmt: skip
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
SUFFIXES = REGION_WORDS | {"city", "town", "village"}


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
    admin1_shares: dict[tuple[str, str], float] = field(default_factory=dict)  # (cc, admin1)
    admin1s: frozenset[tuple[str, str]] = frozenset()  # provinces the article names
    max_population: int = 0  # of the name's candidates
    country_support: dict[str, float] = field(default_factory=dict)  # other names that may lie in
    admin1_support: dict[tuple[str, str], float] = field(default_factory=dict)  # ... each place


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _plain(key: str) -> list[str]:
    words = [ABBREVIATIONS.get(w, w) for w in key.split()]
    return words[:-1] if len(words) > 1 and words[-1] in SUFFIXES else words


def main_name(key: str, name: str) -> bool:
    """`key` (normalised) is the place's own name, give or take "County"/"City" and "St."/"Saint":
    "Henry County" for Henry, "St. Paul" for Saint Paul; not an alternate name in some language."""
    return _plain(key) == _plain(normalise(name))


def _is(feature: str) -> Callable[[Candidate, Context], float]:
    return lambda c, ctx: float(c.feature == feature)


def _hinted(*features: str) -> Callable[[Candidate, Context], float]:
    return lambda c, ctx: float(ctx.admin_hint and c.feature in features)


def _log_population(c: Candidate) -> float:
    return math.log10(max(c.population, 0) + 1)


def _nearest_km(c: Candidate, ctx: Context) -> float | None:
    if not ctx.points or c.feature in ("country", "continent", "water"):
        return None
    return _nearest(c.latitude, c.longitude, ctx.points)


@functools.lru_cache(maxsize=8192)
def _nearest(lat: float, lon: float, points: tuple[tuple[float, float], ...]) -> float:
    """Distance to the nearest point (cached: three `near` signals ask for it, pass after pass)."""
    return min(distance_km(lat, lon, plat, plon) for plat, plon in points)


def _near(limit_km: float) -> Callable[[Candidate, Context], float]:
    def signal(c: Candidate, ctx: Context) -> float:
        nearest = _nearest_km(c, ctx)
        return float(nearest is not None and nearest < limit_km)

    return signal


def _top_country(c: Candidate, ctx: Context) -> float:
    if not ctx.country_shares or not c.country_code:
        return 0.0
    return float(ctx.country_shares.get(c.country_code, 0.0) == max(ctx.country_shares.values()))


def _admin1_named(c: Candidate, ctx: Context) -> float:
    """The article names the province the candidate lies in ("Albany ... New York")."""
    own = (c.country_code, normalise(c.admin1 or ""))
    return float(c.feature != "admin1" and own in ctx.admin1s)


def foreign(c: Candidate, ctx: Context) -> bool:
    """See `_foreign`."""
    return bool(_foreign(c, ctx))


def _foreign(c: Candidate, ctx: Context) -> float:
    """The candidate lies in a country the article neither names nor places anything else in
    (a namesake abroad: it needs strong evidence, such as a large population)."""
    home = ctx.named_countries or ctx.country_shares
    if not home or not c.country_code or c.feature in ("country", "continent", "water", "region"):
        return 0.0
    return float(
        c.country_code not in ctx.named_countries and c.country_code not in ctx.country_shares
    )


def _alone(c: Candidate, ctx: Context) -> float:
    """Population, when the article gives nothing else to go by."""
    empty = not (ctx.points or ctx.country_shares or ctx.named_countries)
    return _log_population(c) if empty else 0.0


SIGNALS: tuple[tuple[str, Callable[[Candidate, Context], float]], ...] = (
    ("country", _is("country")),
    ("admin1", _is("admin1")),
    ("admin2", _is("admin2")),
    ("region", _is("region")),
    ("water", _is("water")),
    ("continent", _is("continent")),
    ("village", _is("village")),
    ("hint_admin1", _hinted("admin1")),
    ("hint_admin2", _hinted("admin2")),
    ("hint_region", _hinted("region")),
    ("hint_settlement", _hinted("city", "village")),
    ("hint_country", _hinted("country", "continent", "water")),
    ("promoted", lambda c, ctx: float((c.country_code, normalise(c.name)) in ctx.promoted)),
    ("population", lambda c, ctx: _log_population(c)),
    ("population_gap", lambda c, ctx: _log_population(c) - math.log10(ctx.max_population + 1)),
    ("most_populous", lambda c, ctx: float(c.population >= ctx.max_population)),
    ("alone_population", _alone),
    ("curated", lambda c, ctx: float(c.source == "supplement")),
    ("exact_name", lambda c, ctx: float(normalise(c.name) == ctx.key)),
    ("main_name", lambda c, ctx: float(main_name(ctx.key, c.name))),
    ("capital", lambda c, ctx: float((c.country_code, normalise(c.name)) in ctx.capitals)),
    ("named_country", lambda c, ctx: float(c.country_code in ctx.named_countries)),
    ("country_share", lambda c, ctx: ctx.country_shares.get(c.country_code, 0.0)),
    ("top_country", _top_country),
    ("admin1_share", lambda c, ctx: ctx.admin1_shares.get((c.country_code, c.admin1 or ""), 0.0)),
    ("admin1_named", _admin1_named),
    ("country_support", lambda c, ctx: ctx.country_support.get(c.country_code, 0.0)),
    (
        "admin1_support",
        lambda c, ctx: ctx.admin1_support.get((c.country_code, c.admin1 or ""), 0.0),
    ),
    ("foreign", _foreign),
    ("foreign_population", lambda c, ctx: _foreign(c, ctx) * _log_population(c)),
    ("near50", _near(50.0)),
    ("near200", _near(200.0)),
    ("near500", _near(500.0)),
)
SIGNAL_NAMES = tuple(name for name, _ in SIGNALS)

# The hand-set magnitudes the learned weights replace (and training starts from): a country beats
# a namesake town ("Georgia"), an admin1 beats towns named after it ("California"), population
# separates cities ("London": UK over Ontario), and the article's other places overturn population.
HAND_WEIGHTS: dict[str, float] = {
    "country": 6.0, "admin1": 3.0, "admin2": 1.0, "region": 5.0, "water": 8.0, "continent": 5.0,
    "hint_admin1": 3.0, "hint_admin2": 4.0, "hint_settlement": -1.0, "hint_country": -2.0,
    "promoted": 3.0, "population": 1.0, "curated": 2.0, "exact_name": 1.0, "capital": 3.0,
    "named_country": 3.5, "country_share": 5.0, "foreign": -1.0, "near50": 1.0, "near200": 1.0,
    "near500": 1.0,
}  # fmt: skip


def vector(candidate: Candidate, ctx: Context) -> list[float]:
    """The candidate's signals, in `SIGNALS` order."""
    return [signal(candidate, ctx) for _, signal in SIGNALS]


def active(weights: Mapping[str, float]) -> tuple[tuple[float, Callable], ...]:
    """The (weight, signal) pairs with a non-zero weight, for scoring many candidates."""
    return tuple((weights[name], signal) for name, signal in SIGNALS if weights.get(name, 0.0))


def score(
    candidate: Candidate, ctx: Context, weights: Mapping[str, float], pairs: tuple = ()
) -> float:
    """The weighted sum of the candidate's signals (`pairs`: `active(weights)`, precomputed)."""
    return sum(w * signal(candidate, ctx) for w, signal in pairs or active(weights))


def read_weights(path: Path) -> dict[str, float]:
    """`signal TAB weight` lines ('#' comments skipped); every signal must be there."""
    weights: dict[str, float] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read the place ranking weights {path}: {exc}") from exc
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, value = line.split("\t")[:2]
            if name != "signal":
                weights[name] = float(value)
    missing = set(SIGNAL_NAMES) - weights.keys()
    if missing:
        raise ResourceError(f"{path} lacks weights for {sorted(missing)}: retrain")
    return weights


@functools.cache
def learned_weights() -> dict[str, float]:
    """The shipped weights (read once)."""
    return read_weights(WEIGHTS_PATH)


def write_weights(path: Path, weights: Mapping[str, float], header: str) -> None:
    lines = [f"# {line}" for line in header.splitlines()] + ["signal\tweight"]
    lines += [f"{name}\t{weights[name]:.4f}" for name in SIGNAL_NAMES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
