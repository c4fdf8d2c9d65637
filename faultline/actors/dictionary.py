"""ACLED-style actor names: the dictionary built from ACLED rows, and naming rules for news wording.

`load_actors()` reads `data/actors.tsv` (made by `scripts/build_actors.py`), our own
`data/actors_supplement.tsv` (groups in current news that those ACLED rows lack),
`data/actor_aliases.tsv`
(UCDP's and Phoenix's other names of known groups, by `scripts/build_actor_aliases.py`),
`data/countries.tsv` and `data/demonyms.tsv` (shared with the gazetteer).
`ActorDictionary.name_phrase` turns a noun phrase as written ("Azerbaijani forces", "unidentified
gunmen", "the Kenyan police", "Al Shabaab militants") into an `Actor` with ACLED's name and inter
code (1 State forces, 2 Rebel groups, 3 Political militias, 4 Identity militias, 5 Rioters,
6 Protesters, 7 Civilians, 8 External/Other forces: state forces acting outside their own country).
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..records import Actor
from ..taxonomy import EVENT_TYPES
from ..text.clean import english_words

DATA = Path(__file__).resolve().parent.parent / "data"

POLICE_WORDS = frozenset(
    "police policeman policemen officer officers gendarme gendarmes gendarmerie constable".split()
)
FORCE_WORDS = frozenset(
    """force forces troop troops army armies soldier soldiers military militaries servicemen
    serviceman
    unit units position positions artillery navy jets warplanes drones base bases guard guards post
    posts outpost outposts battalion brigade regiment personnel paratroopers marines
    checkpoint checkpoints camp camps barracks garrison convoy convoys patrol patrols""".split()
)
# An aircraft named with its country is that country's forces ("a Turkish drone"); without one it
# names nobody (whose drone it was is the news).
AIRCRAFT_WORDS = frozenset("jet warplane drone aircraft helicopter gunship".split())
CIVILIAN_WORDS = frozenset(
    """civilian civilians villager villagers resident residents people person man men woman women
    child
    children boy boys girl girls farmer farmers herder herders house houses home homes settlement
    settlements village villages school schools hospital market worshippers student students teacher
    journalist journalists family families locals community passenger passengers driver motorist
    trader traders
    infrastructure neighborhood neighbourhood church mosque displaced""".split()
)
CIVILIAN_SITES = frozenset(
    "refugee refugees idp idps displacement displaced humanitarian aid market bus".split()
)  # "a camp for displaced people", "an aid convoy": civilian before the force words
PROTESTER_WORDS = frozenset(
    "protester protesters protestor protestors demonstrators demonstrator marchers".split()
)
RIOTER_WORDS = frozenset("rioter rioters mob mobs youths looters".split())
UNIDENTIFIED_WORDS = frozenset(
    """gunmen gunman assailant assailants attacker attackers militant militants unknown unidentified
    armed bandits kidnappers jihadists jihadist insurgents insurgent rebels rebel fighters fighter
    terrorists
    terrorist extremists""".split()
)
GANG_WORDS = frozenset(
    "gang gangs gangster gangsters cartel cartels pandilleros sicarios hitmen narcos".split()
)  # ACLED's "Unidentified Gang (X)": criminal groups not named
ENEMY_WORDS = frozenset("enemy adversary opponent".split())
WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
REGIME = re.compile(
    r"^(?P<kind>Military|Police) Forces of .+?(?: \((?P<start>\d{4})-(?P<end>\d{4})?\))?$"
)


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str  # ACLED's spelling


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of actors.tsv."""

    name: str
    inter: int
    country_code: str
    kind: str  # military, police, government, group
    rows: int
    aliases: tuple[str, ...] = ()


class ActorDictionary:
    """ACLED actor names, state forces per country, country names, demonyms (state: tables)."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        countries: Iterable[Country],
        demonyms: dict[str, str],
    ) -> None:
        self.countries = {c.iso2: c for c in countries}
        self._regimes: dict[tuple[str, str], list[ActorEntry]] = defaultdict(list)
        self._aliases: dict[str, list[ActorEntry]] = defaultdict(list)
        for entry in entries:
            if entry.kind in ("military", "police") and _years(entry.name)[0]:
                self._regimes[(entry.kind, entry.country_code)].append(entry)
                continue  # a regime of whole forces ("Police Militia" is a group)
            for alias in (entry.name, *entry.aliases):
                for written in _spellings(alias):
                    self._aliases[written].append(entry)
        self._words: dict[str, str] = dict(demonyms)
        for country in self.countries.values():
            self._words.setdefault(country.name, country.iso2)
        self._alias_pattern = _alternation(self._aliases)
        self._country_pattern = _alternation(self._words)

    # ---------------------------------------------------------------- countries
    def country_name(self, iso2: str | None) -> str | None:
        country = self.countries.get(iso2 or "")
        return country.name if country else None

    def isonumeric(self, iso2: str | None) -> int | None:
        country = self.countries.get(iso2 or "")
        return country.isonumeric if country else None

    def country_in(self, text: str) -> str | None:
        """ISO2 of the first country name or demonym written in `text` ("Armenia's", "Kenyan")."""
        match = self._country_pattern.search(text)
        return self._words[match.group(1)] if match else None

    # ---------------------------------------------------------------- actors by formula
    def state_forces(self, kind: str, iso2: str | None, where: str | None = None) -> Actor | None:
        """Military or police forces of a country; inter 8 when they act in another country."""
        name = self.country_name(iso2)
        label = "Military" if kind == "military" else "Police"
        if not iso2 or not name:
            return Actor(f"{label} Forces", 1, None)  # the country is unknown: still state forces
        entry = self.regime(kind, iso2, None)
        full = entry.name if entry else f"{label} Forces of {name}"
        return Actor(full, 8 if where and where != iso2 else 1, iso2)

    def regime(self, kind: str, iso2: str, year: int | None) -> ActorEntry | None:
        """ACLED's name of a country's military or police forces in `year` ("Military Forces of
        Mexico (2012-2018)" in 2016): the regime whose years cover it, else the latest before it;
        with no year, the current one (the latest open-ended)."""
        entries = sorted(self._regimes.get((kind, iso2), ()), key=_regime_order)
        spans = [(_years(e.name), e.name, e) for e in entries]
        if year is None:
            current = [e for (start, end), _, e in spans if end is None]
            return current[-1] if current else None
        covering = [e for (start, end), _, e in spans if start <= year <= (end or 9999)]
        earlier = [e for (start, _), _, e in spans if start <= year]
        return (covering or earlier or [None])[-1]

    def dated(self, actor: Actor | None, day: str | None) -> Actor | None:
        """`actor` named as ACLED names state forces in the year of `day` (an ISO date)."""
        match = REGIME.match(actor.name) if actor and actor.country_code else None
        if actor is None or match is None or not day or not day[:4].isdigit():
            return actor
        kind, code = match["kind"].lower(), actor.country_code or ""
        whole = {e.name for e in self._regimes.get((kind, code), ())}
        if actor.name not in whole:  # a unit or a faction ("... (2016-) Supreme Political Council")
            return actor
        entry = self.regime(kind, code, int(day[:4]))
        return dataclasses.replace(actor, name=entry.name) if entry else actor

    def formula(self, label: str, inter: int, iso2: str | None) -> Actor | None:
        name = self.country_name(iso2)
        return Actor(f"{label} ({name})", inter, iso2) if name else Actor(label, inter, None)

    def civilians(self, iso2: str | None) -> Actor | None:
        return self.formula("Civilians", 7, iso2)

    def protesters(self, iso2: str | None) -> Actor | None:
        return self.formula("Protesters", 6, iso2)

    def rioters(self, iso2: str | None) -> Actor | None:
        return self.formula("Rioters", 5, iso2)

    def unidentified(self, iso2: str | None) -> Actor | None:
        return self.formula("Unidentified Armed Group", 3, iso2)

    # ---------------------------------------------------------------- named groups
    def named(self, text: str, where: str | None = None) -> Actor | None:
        """A named ACLED actor written in `text` (longest alias wins; the event's country breaks
        ties)."""
        found = self._alias_pattern.finditer(text) if self._aliases else iter(())
        match = next((m for m in found if not self._inside_longer_name(text, m)), None)
        if not match:
            return None
        entries = self._aliases[match.group(1)]
        entry = max(entries, key=lambda e: (e.country_code == where, e.rows))
        return Actor(entry.name, entry.inter, entry.country_code or None)

    def _inside_longer_name(self, text: str, match: re.Match[str]) -> bool:
        """A descriptive alias (English words only: "National Liberation Army") that continues
        a capitalised name written before it ("Ta'ang National Liberation Army"): a group the
        dictionary does not know, not the one it knows. A demonym or country before it does not
        count, nor does a distinctive alias ("Mayi Mayi UPLC")."""
        words = WORD.findall(match.group(1).lower())
        if len(words) < 2 or not all(w in english_words() for w in words):
            return False
        start = match.start(1)
        before = text[max(0, start - 40) : start]
        word = re.search(r"([\w'’.-]+)\s+$", before)
        if word is None or not word.group(1)[0].isupper():
            return False
        stem = word.group(1).rstrip("'’s.")
        sentence_start = re.search(r"(?:^|[.!?:;\n\"“]\s*)$", before[: word.start()]) is not None
        return not (sentence_start or stem in self._words or word.group(1) in self._words)

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Where named actors are written in `text` ("M23", "Islamic State"), as offsets."""
        if not self._aliases:
            return []
        return [match.span(1) for match in self._alias_pattern.finditer(text)]

    # ---------------------------------------------------------------- phrases
    def name_phrase(
        self,
        phrase: str,
        *,
        where: str | None,
        country: str | None = None,
        enemy: str | None = None,
    ) -> Actor | None:
        """The actor a noun phrase names. `where`: ISO2 of the event's place; `country`: a country
        already known for the phrase (from a demonym place mention); `enemy`: the country "the
        enemy" stands for. None when the phrase names no actor."""
        words = {w.lower() for w in WORD.findall(phrase)}
        named = self.named(phrase, where)
        if named:
            return named
        country = country or self.country_in(phrase) or self._plural_demonym(phrase)
        if words & ENEMY_WORDS:
            return self.state_forces("military", enemy, where) if enemy else None
        for test, make in (
            (POLICE_WORDS, lambda: self.state_forces("police", country or where, where)),
            (PROTESTER_WORDS, lambda: self.protesters(where or country)),
            (RIOTER_WORDS, lambda: self.rioters(where or country)),
            (GANG_WORDS, lambda: self.formula("Unidentified Gang", 3, where or country)),
            (UNIDENTIFIED_WORDS, lambda: self.unidentified(where or country)),
            (CIVILIAN_SITES, lambda: self.civilians(where or country)),
            (FORCE_WORDS, lambda: self.state_forces("military", country or where, where)),
            (CIVILIAN_WORDS, lambda: self.civilians(where or country)),
        ):
            if words & test:
                return make()
        if country and self._plural_demonym(phrase):
            return self.civilians(where or country)  # "two Palestinians", "Afghans"
        if country and words & AIRCRAFT_WORDS:
            return self.state_forces("military", country, where)
        if country and phrase.strip().lower().rstrip("'s’") in self._country_names():
            return self.state_forces("military", country, where)  # "Azerbaijan shelled ..."
        return None

    def _plural_demonym(self, phrase: str) -> str | None:
        """ISO2 of a demonym used as a plural noun ("Palestinians"), else None."""
        found = (self._words.get(w[:-1]) for w in WORD.findall(phrase) if w.endswith("s"))
        return next((code for code in found if code), None)

    def _country_names(self) -> set[str]:
        return {c.name.lower() for c in self.countries.values()}


ARTICLE = re.compile(r"^(?:Al|al|El|el)[ -](?=[A-Z])")


def _spellings(alias: str) -> set[str]:
    """An alias as news writes it: the Arabic article of "Al Shabaab" also as "al-Shabaab",
    "Al-Shabaab" and "al Shabaab"."""
    match = ARTICLE.match(alias)
    if match is None:
        return {alias}
    rest = alias[match.end() :]
    return {alias} | {f"{article}{sep}{rest}" for article in ("Al", "al") for sep in (" ", "-")}


def _regime_order(entry: ActorEntry) -> tuple[int, int, str]:
    start, end = _years(entry.name)
    return (start, end if end is not None else 9999, entry.name)


def _years(name: str) -> tuple[int, int | None]:
    match = REGIME.match(name)
    if match is None or match["start"] is None:
        return (0, None)
    return (int(match["start"]), int(match["end"]) if match["end"] else None)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered) or "(?!)"
    # case matters: "AA" is a group, "aa" not; "pro-Houthi forces" are the Houthis' own
    return re.compile(rf"(?:(?<![\w-])|(?<=\bpro-))({body})(?![\w-])")


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def load_actors(data: Path = DATA) -> ActorDictionary:
    """The actor dictionary from the packaged TSV files."""
    more: dict[str, list[str]] = defaultdict(list)  # UCDP's and Phoenix's names of known groups
    aliases = data / "actor_aliases.tsv"
    for row in _read_tsv(aliases) if aliases.is_file() else []:
        more[row["name"]].append(row["alias"])
    entries = [
        ActorEntry(
            name=row["name"],
            inter=int(row["inter"] or 0),
            country_code=row["country_code"],
            kind=row["kind"],
            rows=int(row["rows"]),
            aliases=tuple(a for a in row["aliases"].split("|") if a) + tuple(more[row["name"]]),
        )
        for name in ("actors.tsv", "actors_supplement.tsv")
        for row in _read_tsv(data / name)
    ]
    countries = [
        Country(r["iso2"], r["iso3"], int(r["isonumeric"] or 0), r["name"])
        for r in _read_tsv(data / "countries.tsv")
    ]
    demonyms = {r["demonym"]: r["country_code"] for r in _read_tsv(data / "demonyms.tsv")}
    return ActorDictionary(entries, countries, demonyms)


def default_sides(
    actors: ActorDictionary, sub: str, actor1: Actor | None, actor2: Actor | None, where: str | None
) -> tuple[Actor | None, Actor | None]:
    """ACLED's fixed sides for an event of sub-type `sub`: protesters and rioters act; violence
    against civilians targets civilians; a one-sided attack by a foreign state's forces targets
    the forces of the country it hit."""
    family = EVENT_TYPES[sub]
    if family == "Protests":
        police = actor1 if actor1 and actor1.inter == 1 else actor2
        return actors.protesters(where), police if sub != "Peaceful protest" else None
    if family == "Riots" and (actor1 is None or actor1.inter != 5):
        return actors.rioters(where), actor1 or actor2
    if family == "Violence against civilians" and actor2 is None:
        actor2 = actors.civilians(where)
    if actor1 is None and family in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    ):
        actor1 = actors.unidentified(where)  # ACLED names an unknown perpetrator so
    if (
        actor1
        and actor1.inter == 8
        and actor2 is None
        and family in ("Battles", "Explosions/Remote violence")
    ):
        actor2 = actors.state_forces("military", where, where)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    return actor1, actor2
