"""ACLED's own locations as a gazetteer layer over the index: villages, camps and neighbourhoods
of conflict zones that cities500 lacks, as ACLED spells and places them.

`AcledLayer` holds the rows of `data/acled_locations.tsv` (scripts/build_acled_locations.py), each
with the `event_id_cnty` of the ACLED rows that name it; `LayeredGazetteer` answers a lookup with
the index's candidates plus the layer's (feature "village", source "acled", no population), less
a layer place that repeats one of the index's (same name and country, within DUPLICATE_KM).

An evaluation on ACLED rows must not resolve a row with its own coordinates:
`LayeredGazetteer.without_events(ids)` is a view without the locations that only the rows `ids`
attest (a location another row also names stays: a place ACLED coded before).
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ResourceError
from ..records import Candidate
from . import sources
from .names import normalise, token_count

if TYPE_CHECKING:
    from . import Gazetteer

DUPLICATE_KM = 10.0
FEATURE = "village"
SOURCE = "acled"


@dataclass(frozen=True, slots=True)
class LayerPlace:
    """One ACLED location: the candidate it offers, the names it answers to, the rows naming it."""

    candidate: Candidate
    names: tuple[str, ...]
    event_ids: frozenset[str]


def location_names(location: str) -> tuple[str, ...]:
    """The names a location answers to: as ACLED writes it, and the part a text would write of a
    "City - Neighbourhood" name ("Dhaka - Gulshan": "Gulshan") or of a name with a parenthesis
    ("Nameless Hills (Agdam Region)": "Nameless Hills")."""
    names = [location]
    if " - " in location:
        names.append(location.split(" - ", 1)[1])
    if "(" in location:
        names.append(location.split("(", 1)[0])
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def read_layer_places(path: Path = sources.ACLED_LOCATIONS_PATH) -> list[LayerPlace]:
    try:
        rows = sources.read_table(path)
    except OSError as exc:
        raise ResourceError(
            f"cannot read ACLED's locations {path}: {exc} (scripts/build_acled_locations.py "
            "writes it)"
        ) from exc
    return [
        LayerPlace(
            Candidate(
                None,
                r["location"],
                float(r["latitude"]),
                float(r["longitude"]),
                r["country_code"],
                r["admin1"] or None,
                r["admin2"] or None,
                FEATURE,
                0,
                SOURCE,
            ),  # fmt: skip
            location_names(r["location"]),
            frozenset(r["event_ids"].split("|")) if r["event_ids"] else frozenset(),
        )
        for r in rows
    ]


class AcledLayer:
    """ACLED's locations by normalised name."""

    def __init__(self, places: Iterable[LayerPlace]) -> None:
        self.places = tuple(places)
        self._by_name: dict[str, list[Candidate]] = defaultdict(list)
        for place in self.places:
            for name in place.names:
                self._by_name[normalise(name)].append(place.candidate)
        self.max_name_tokens = max(
            (token_count(n) for p in self.places for n in p.names), default=1
        )

    @classmethod
    def read(cls, path: Path = sources.ACLED_LOCATIONS_PATH) -> AcledLayer:
        return cls(read_layer_places(path))

    def lookup(self, key: str) -> list[Candidate]:
        """The layer's places named `key` (already normalised)."""
        return list(self._by_name.get(key, ()))

    def without_events(self, event_ids: Collection[str]) -> AcledLayer:
        """The layer less the places that only the rows `event_ids` name."""
        excluded = frozenset(event_ids)
        return AcledLayer(p for p in self.places if not p.event_ids <= excluded)

    def with_admin1_names(self, gazetteer: Gazetteer) -> AcledLayer:
        """The places with ACLED's province names replaced by the index's ("Jubbada Hoose" for
        "Lower Juba" where the index names it so), so that province signals compare like with
        like; a province the index does not know keeps ACLED's name."""
        names: dict[tuple[str, str], str] = {}
        for place in self.places:
            c = place.candidate
            key = (c.country_code, c.admin1 or "")
            if c.admin1 and key not in names:
                found = [
                    p.admin1 for p in gazetteer.lookup(c.admin1)
                    if p.feature == "admin1" and p.country_code == c.country_code
                ]  # fmt: skip
                names[key] = found[0] if found and found[0] else c.admin1
        return AcledLayer(
            LayerPlace(_with_admin1(p.candidate, names), p.names, p.event_ids) for p in self.places
        )


def _with_admin1(c: Candidate, names: dict[tuple[str, str], str]) -> Candidate:
    admin1 = names.get((c.country_code, c.admin1 or ""), c.admin1)
    return dataclasses.replace(c, admin1=admin1)


def _near(a: Candidate, b: Candidate) -> bool:
    dlat = math.radians(b.latitude - a.latitude)
    dlon = math.radians(b.longitude - a.longitude) * math.cos(math.radians(a.latitude))
    return 6371.0 * math.hypot(dlat, dlon) <= DUPLICATE_KM


def new_places(base: Sequence[Candidate], extra: Sequence[Candidate]) -> list[Candidate]:
    """The `extra` candidates that repeat none of `base` (same country, within DUPLICATE_KM)."""
    return [
        c for c in extra
        if not any(b.country_code == c.country_code and _near(b, c) for b in base)
    ]  # fmt: skip


class LayeredGazetteer:
    """A gazetteer with ACLED's locations added as candidates (see the module docstring)."""

    def __init__(self, base: Gazetteer, layer: AcledLayer) -> None:
        self.base = base
        self.layer = layer
        self.max_name_tokens = max(base.max_name_tokens, layer.max_name_tokens)
        self._cache: dict[str, list[Candidate]] = {}

    def lookup(self, name: str) -> list[Candidate]:
        key = normalise(name)
        cached = self._cache.get(key)
        if cached is None:
            found = self.base.lookup(name)
            extra = self.layer.lookup(key)
            cached = found + new_places(found, extra) if extra else found
            if len(self._cache) >= 50_000:
                self._cache.clear()
            self._cache[key] = cached
        return list(cached)

    def without_events(self, event_ids: Collection[str]) -> LayeredGazetteer:
        """This gazetteer without the ACLED locations that only the rows `event_ids` attest: for
        scoring those rows (an evaluation fold)."""
        return LayeredGazetteer(self.base, self.layer.without_events(event_ids))

    def country(self, code: str) -> Candidate | None:
        return self.base.country(code)

    def capital(self, code: str) -> Candidate | None:
        return self.base.capital(code)

    def country_name(self, code: str) -> str:
        return self.base.country_name(code)

    def country_for_demonym(self, word: str) -> str | None:
        return self.base.country_for_demonym(word)
