"""The two gazetteers: `PlaceIndex` (the SQLite file `build.py` writes) and `InMemoryGazetteer`
(built from a list of `Candidate` rows, for tests and small custom gazetteers).

Both answer by normalised name (`names.normalise`), so lookups ignore case, diacritics, apostrophes
and hyphens. A plural demonym ("Armenians") is looked up by its singular too.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import ResourceError
from ..records import Candidate
from . import sources
from .names import normalise, token_count

_LOOKUP_LIMIT = 60  # "San Jose" has dozens of namesakes; the most populous are kept
_CACHE_SIZE = 50_000


def demonym_keys(word: str) -> list[str]:
    """Keys to try for a demonym: as written, then singulars ("Azerbaijanis" -> "azerbaijani")."""
    key = normalise(word)
    keys = [key]
    if key.endswith("es"):
        keys.append(key[:-1])
        keys.append(key[:-2])
    elif key.endswith("s"):
        keys.append(key[:-1])
    if key.endswith("men"):
        keys.append(key[:-3] + "man")
    return keys


class PlaceIndex:
    """The disk-backed gazetteer: an SQLite file opened read-only; small caches in memory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ResourceError(
                f"place index {self.path} is missing: run `faultline.gazetteer.load_gazetteer` "
                "(it builds the index) or `python -m faultline.gazetteer CACHE_DIR`"
            )
        self._local = threading.local()
        self._cache: dict[str, list[Candidate]] = {}
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        self.meta = meta
        self.max_name_tokens = int(meta["max_name_tokens"])
        self._demonyms = dict(self._db().execute("SELECT word, code FROM demonyms"))

    def _db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.connection = connection
        return connection

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def __getstate__(self) -> dict[str, str]:  # pickled to Dask workers: reopen the file there
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _places(self, where: str, args: tuple) -> list[Candidate]:
        rows = self._db().execute(
            "SELECT geonameid, name, latitude, longitude, country_code, admin1, admin2, feature,"
            f" population, source FROM places WHERE {where}",
            args,
        )
        return [Candidate(*row) for row in rows]

    def lookup(self, name: str) -> list[Candidate]:
        key = normalise(name)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._places(
                "id IN (SELECT place FROM names WHERE norm = ?) ORDER BY population DESC LIMIT ?",
                (key, _LOOKUP_LIMIT),
            )
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return list(cached)

    def country(self, code: str) -> Candidate | None:
        found = self._places("id = (SELECT place FROM countries WHERE code = ?)", (code.upper(),))
        return found[0] if found else None

    def capital(self, code: str) -> Candidate | None:
        found = self._places("id = (SELECT capital FROM countries WHERE code = ?)", (code.upper(),))
        return found[0] if found else None

    def country_name(self, code: str) -> str:
        country = self.country(code)
        return country.name if country else code

    def country_for_demonym(self, word: str) -> str | None:
        return next((self._demonyms[k] for k in demonym_keys(word) if k in self._demonyms), None)


class InMemoryGazetteer:
    """A gazetteer held in dicts. `aliases` maps extra names to a candidate's `name`; `capitals`
    maps a country code to its capital's `name`; demonyms default to the packaged list."""

    def __init__(
        self,
        candidates: Iterable[Candidate],
        *,
        aliases: Mapping[str, str] | None = None,
        capitals: Mapping[str, str] | None = None,
        demonyms: Mapping[str, str] | None = None,
    ) -> None:
        self.candidates = tuple(candidates)
        self._names: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in self.candidates:
            self._names[normalise(candidate.name)].append(candidate)
        longest = max((token_count(c.name) for c in self.candidates), default=1)
        for alias, target in (aliases or {}).items():
            self._names[normalise(alias)].extend(self._names.get(normalise(target), []))
            longest = max(longest, token_count(alias))
        self.max_name_tokens = longest
        self._capitals = dict(capitals or {})
        raw = sources.read_demonyms() if demonyms is None else demonyms
        self._demonyms = {normalise(k): v for k, v in raw.items()}

    def lookup(self, name: str) -> list[Candidate]:
        found = self._names.get(normalise(name), [])
        return sorted(found, key=lambda c: -c.population)

    def country(self, code: str) -> Candidate | None:
        code = code.upper()
        return next(
            (c for c in self.candidates if c.feature == "country" and c.country_code == code), None
        )

    def capital(self, code: str) -> Candidate | None:
        name = self._capitals.get(code.upper())
        if name is None:
            return None
        return next(
            (c for c in self._names.get(normalise(name), []) if c.country_code == code.upper()),
            None,
        )

    def country_name(self, code: str) -> str:
        country = self.country(code)
        return country.name if country else code

    def country_for_demonym(self, word: str) -> str | None:
        return next((self._demonyms[k] for k in demonym_keys(word) if k in self._demonyms), None)
