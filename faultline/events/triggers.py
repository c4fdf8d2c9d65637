"""Event trigger words: finding them in a sentence, rejecting non-events, and typing by ACLED's
rules.

The lexicon (`data/event_triggers.tsv`) maps lemma phrases to an ACLED sub-event type, to a generic
trigger resolved later from cues and actors (`@attack`, `@capture`), or to a cue (`cue:shelling`,
`cue:intervention`, ...) that refines a trigger but never makes an event alone.

Why a trigger is no event (a denial, a call, a trial, ...) is `nonevents.rejection`'s job.
ACLED's hierarchy, as ordered rules in `classify`: protests first (their violence, police
intervention or lethal force decide the sub-type); then mob violence, territory changes, armed
clashes (shelling or an airstrike within a ground battle is one battle), the explosion sub-types,
violence against civilians, the generic attack (typed by its weapon), and last strategic
developments.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import Parse, Sentence, Token
from ..taxonomy import EVENT_TYPES
from .nonevents import AGENT_NOUNS, rejection

LEXICON = Path(__file__).resolve().parent.parent / "data" / "event_triggers.tsv"

SECURITY_WORDS = frozenset(
    "police policeman officer security force gendarme gendarmerie soldier troop".split()
)
PROTEST_AGENTS = frozenset("protester protestor demonstrator".split())
VERB_ONLY_CUES = frozenset(
    "arrest detain kill shoot".split()
)  # as nouns they are often the grievance

PROTEST = frozenset({"Peaceful protest"})
DISRUPTED = ("Disrupted weapons use",)  # a defused or intercepted weapon is not an explosion
NONVIOLENT_TRANSFER = "Non-violent transfer of territory"
EXPLOSIONS = (
    "Suicide bomb",
    "Chemical weapon",
    "Grenade",
    "Remote explosive/landmine/IED",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
)
CIVILIAN_VIOLENCE = ("Sexual violence", "Abduction/forced disappearance", "Attack")
STRATEGIC = (
    "Disrupted weapons use",
    "Arrests",
    "Looting/property destruction",
    "Headquarters or base established",
    "Agreement",
    "Non-violent transfer of territory",
    "Change to group/activity",
    "Other",
)
# What a trigger or cue can stand for beyond its own label (the event model chooses among them).
ALTERNATIVES = {
    "@attack": ("Attack", "Armed clash", "Mob violence"),
    "@entry": (NONVIOLENT_TRANSFER,),
    "@capture": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        NONVIOLENT_TRANSFER,
    ),
    "@gathering": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Peaceful protest": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    ),
    "Violent demonstration": ("Violent demonstration", "Mob violence"),
    "Remote explosive/landmine/IED": ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade"),
    "Looting/property destruction": (
        "Looting/property destruction",
        "Violent demonstration",
        "Mob violence",
    ),
    "Arrests": ("Arrests", "Protest with intervention"),
    "Armed clash": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
}
CUE_TYPES = {
    "cue:air": "Air/drone strike",
    "cue:shelling": "Shelling/artillery/missile attack",
    "cue:ied": "Remote explosive/landmine/IED",
    "cue:grenade": "Grenade",
    "cue:suicide": "Suicide bomb",
    "cue:chemical": "Chemical weapon",
    "cue:intervention": "Protest with intervention",
    "cue:excessive": "Excessive force against protesters",
    "cue:violent": "Violent demonstration",
}
WEAPON_CUES = (
    ("suicide", "Suicide bomb"),
    ("chemical", "Chemical weapon"),
    ("air", "Air/drone strike"),
    ("shelling", "Shelling/artillery/missile attack"),
    ("ied", "Remote explosive/landmine/IED"),
    ("grenade", "Grenade"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    lemmas: tuple[str, ...]
    label: str
    weight: float


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon phrase found in a sentence; `anchor` is its syntactic head token."""

    anchor: Token
    label: str
    weight: float
    start: int
    end: int
    rejected: str | None = None  # why it is not an event ("denial", "modality", ...), None if it is


@dataclass(frozen=True, slots=True)
class Typing:
    """The decision for one sentence: a sub-event type (or `@attack`/`@capture` to resolve from
    actors)."""

    label: str
    weight: float
    anchor: Hit
    cues: frozenset[str]
    rule: str
    candidates: frozenset[str] = frozenset()  # every sub-type the sentence's words allow


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> tuple[Entry, ...]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return tuple(Entry(tuple(r[0].split()), r[1], float(r[2])) for r in rows if r)


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _matches(parse: Parse, tokens: tuple[Token, ...], entry: Entry) -> list[tuple[Token, ...]]:
    """Where `entry` occurs: consecutive lemmas, or for two words a head and its (grand)child."""
    size, found = len(entry.lemmas), []
    for k, token in enumerate(tokens):
        window = tokens[k : k + size]
        words = tuple(_lemma(t) if _lemma(t) in entry.lemmas else t.text.lower() for t in window)
        if words == entry.lemmas:
            found.append(window)
        elif size == 2 and _lemma(token) == entry.lemmas[0]:
            for other in tokens:
                linked = other.head == token.i or parse.tokens[other.head].head == token.i
                if other.i > token.i and linked and _lemma(other) == entry.lemmas[1]:
                    found.append((token, other))
    return found


def _head_of(parse: Parse, window: tuple[Token, ...]) -> Token:
    inside = {t.i for t in window}
    return next((t for t in window if t.head not in inside or t.head == t.i), window[0])


def find_hits(parse: Parse, sentence: Sentence, lexicon: tuple[Entry, ...]) -> list[Hit]:
    """Every trigger and cue in the sentence, longest phrase first at each token, with its
    rejection."""
    tokens = parse.sentence_tokens(sentence)
    words = {_lemma(t) for t in tokens} | {t.text.lower() for t in tokens}
    present = [e for e in lexicon if all(w in words for w in e.lemmas)]  # cheap pre-filter
    hits: list[Hit] = []
    taken: dict[tuple[int, bool], int] = {}  # (token, is_cue) -> length of the phrase that took it
    for entry in sorted(present, key=lambda e: -len(e.lemmas)):
        is_cue = entry.label.startswith("cue:")
        for window in _matches(parse, tokens, entry):
            if any(taken.get((t.i, is_cue), 0) > len(window) for t in window):
                continue
            if not is_cue and len(window) == 1 and taken.get((window[0].i, True), 0) > 1:
                continue  # inside a longer cue: the "riot" of "riot police" is no riot
            if len(window) == 1 and window[0].text == "March":
                continue  # the month, not a march
            for t in window:
                taken[(t.i, is_cue)] = len(window)
            anchor = _head_of(parse, window)
            start, end = min(t.start for t in window), max(t.end for t in window)
            reason = None if is_cue else rejection(parse, anchor)
            hits.append(Hit(anchor, entry.label, entry.weight, start, end, reason))
    return hits


def _best(hits: list[Hit], labels: tuple[str, ...] | frozenset[str]) -> Hit | None:
    chosen = [h for h in hits if h.label in labels]
    if not chosen:
        return None
    if isinstance(labels, tuple):  # ordered by precedence
        return min(chosen, key=lambda h: (labels.index(h.label), -h.weight, h.start))
    return max(chosen, key=lambda h: (h.weight, -h.start))


def _anchor(live: list[Hit], chosen: Hit) -> Hit:
    """The hit to take actors and the clause from: the typed one, or a stronger generic attack in
    the same sentence ("launched an attack with mortars": the attack, not the mortars, has a
    subject)."""
    attack = _best(live, ("@attack",))
    if attack and attack.weight > chosen.weight and chosen.label in EXPLOSIONS + CIVILIAN_VIOLENCE:
        return Hit(attack.anchor, chosen.label, attack.weight, attack.start, attack.end)
    return chosen


def _protest_type(cues: frozenset[str], hits: list[Hit]) -> str:
    if "cue:violent" in cues or any(h.label == "Violent demonstration" for h in hits):
        return "Violent demonstration"
    if "cue:excessive" in cues:
        return "Excessive force against protesters"
    if "cue:intervention" in cues:
        return "Protest with intervention"
    return "Peaceful protest"


def classify(hits: list[Hit], following: list[Hit] | tuple[Hit, ...] = ()) -> Typing | None:
    """ACLED's hierarchy applied to a sentence's accepted triggers and cues. `following`: hits of
    the next sentence of the paragraph, whose cues can tell how a protest ended ("Police dispersed
    them.") or what it was for ("They demanded ..."). The typing carries the sub-types its words
    allow (`candidates`), among which the event model may choose."""
    typing = _decide(hits, following)
    if typing is None:
        return None
    return dataclasses.replace(typing, candidates=candidates(hits) | {typing.label})


def candidates(hits: list[Hit] | tuple[Hit, ...]) -> frozenset[str]:
    """The sub-types that the accepted triggers and cues of a sentence can stand for."""
    found: set[str] = set()
    for hit in hits:
        if hit.rejected is None:
            found.update(ALTERNATIVES.get(hit.label, (CUE_TYPES.get(hit.label, hit.label),)))
    return frozenset(label for label in found if label in EVENT_TYPES)


def _decide(hits: list[Hit], following: list[Hit] | tuple[Hit, ...]) -> Typing | None:
    hits = _inside_ground_weapons(hits)
    live = [h for h in hits if h.rejected is None and not h.label.startswith("cue:")]
    cues = _cues(hits)
    live = _ground_assault(live, cues)
    if any(h.label in PROTEST or h.label == "@gathering" for h in live):
        forces = any(
            _lemma(h.anchor) in SECURITY_WORDS
            or h.label == "cue:grievance"
            or (h.label in PROTEST and _lemma(h.anchor) in AGENT_NOUNS | PROTEST_AGENTS)
            for h in following
        )  # "... Police dispersed them." / "The demonstrators burned tyres."
        cues |= _cues(following) if forces else frozenset()
    if not _protest_context(cues):
        live = [h for h in live if h.label != "@gathering"]
    if "cue:nonviolent" not in cues:  # "entered the town" is a handover only "without a fight"
        live = [h for h in live if h.label != "@entry"]
    if not live:
        return None
    protest = _best(live, PROTEST | {"Violent demonstration", "@gathering"})
    if protest and _targeted(protest, live):
        live = [h for h in live if h.label not in PROTEST | {"@gathering"}]
        protest = None
    if protest:
        return Typing(_protest_type(cues, live), protest.weight, protest, cues, "protest")
    for labels, rule in (
        (("Mob violence",), "mob"),
        (("@capture", "@entry"), "territory"),
        (("Armed clash",), "battle"),
        (DISRUPTED, "disrupted"),
        (EXPLOSIONS, "explosion"),
        (CIVILIAN_VIOLENCE, "civilians"),
    ):
        hit = _best(live, labels)
        if hit and (rule != "battle" or hit.weight >= 0.6):
            anchor = _anchor(live, hit)
            if rule == "territory" and "cue:nonviolent" in cues:  # "took the town without a fight"
                return Typing(NONVIOLENT_TRANSFER, anchor.weight, anchor, cues, rule)
            if rule == "explosion":  # the weapon decides: "a suicide vest", "shells with chlorine"
                label = next((s for c, s in WEAPON_CUES[:2] if f"cue:{c}" in cues), hit.label)
                return Typing(label, anchor.weight, anchor, cues, rule)
            return Typing(hit.label, anchor.weight, anchor, cues, rule)
    attack = _best(live, ("@attack",))
    if attack:
        ground = ("Grenade", "Shelling/artillery/missile attack") if "cue:ground" in cues else ()
        label = next(
            (s for cue, s in WEAPON_CUES if f"cue:{cue}" in cues and s not in ground), "@attack"
        )
        return Typing(
            label, attack.weight, attack, cues, "attack-weapon" if label[0] != "@" else "attack"
        )
    hit = _best(live, STRATEGIC) or _best(live, ("Armed clash",))
    return Typing(hit.label, hit.weight, hit, cues, "strategic") if hit else None


def _targeted(protest: Hit, live: list[Hit]) -> bool:
    """Is the protest what a bomb or an attack hit ("a suicide blast ripped through a rally")?
    Then the explosion or attack is the event, not the rally."""
    weapons = [h for h in live if h.label in EXPLOSIONS or h.label == "@attack"]
    if protest.anchor.dep not in ("pobj", "dobj") or not weapons:
        return False
    if _lemma(protest.anchor) in AGENT_NOUNS | PROTEST_AGENTS:
        return False  # fired on protesters: how a protest went (excessive force), not a bombing
    heads = {protest.anchor.head}
    return any(h.anchor.i in heads or h.start <= protest.start - 1 <= h.end for h in weapons) or (
        protest.anchor.dep == "pobj" and any(w.anchor.i < protest.anchor.i for w in weapons)
    )


def _protest_context(cues: frozenset[str]) -> bool:
    """Does a gathering ("marched", "gathered") count as a protest? When it voices a grievance, or
    the police broke it up, or security forces fired on it."""
    return bool(
        "cue:grievance" in cues
        or "cue:intervention" in cues
        or {"cue:excessive", "cue:security"} <= cues
    )


def _inside_ground_weapons(hits: list[Hit]) -> list[Hit]:
    """A rocket-propelled grenade is not a (hand) Grenade: drop what lies inside a ground weapon."""
    ground = [h for h in hits if h.label == "cue:ground"]
    return [
        h
        for h in hits
        if h.label == "cue:ground" or not any(g.start <= h.start and h.end <= g.end for g in ground)
    ]


def _ground_assault(live: list[Hit], cues: frozenset[str]) -> list[Hit]:
    """Mortar fire within an assault with small arms or RPGs is one battle (ACLED's hierarchy):
    weapon-noun triggers give way when the sentence also has an attack or a clash."""
    if "cue:ground" not in cues or not any(h.label in ("@attack", "Armed clash") for h in live):
        return live
    weapons = ("Grenade", "Shelling/artillery/missile attack")
    return [h for h in live if not (h.label in weapons and h.weight < 0.9)]


def _cues(hits: list[Hit] | tuple[Hit, ...]) -> frozenset[str]:
    return frozenset(
        h.label
        for h in hits
        if h.label.startswith("cue:")
        and (h.anchor.pos == "VERB" or _lemma(h.anchor) not in VERB_ONLY_CUES)
    )


def resolve_generic(label: str, inter1: int | None, inter2: int | None) -> str:
    """Type a generic trigger from its actors: an attack on civilians or on armed men (by a crowd of
    civilians it is mob violence); who took ground; property destroyed by a crowd is a riot."""
    if label == "@capture":
        return (
            "Government regains territory"
            if inter1 in (1, 8)
            else "Non-state actor overtakes territory"
        )
    if label == "@attack":
        if inter1 in (5, 7):
            return "Mob violence"
        if inter2 in (1, 2, 3, 4, 8) or (inter2 is None and inter1 in (1, 2, 8)):
            return "Armed clash"
        return "Attack"
    if label == "Armed clash" and inter1 in (5, 7) and inter2 in (None, 5, 7):
        return "Mob violence"  # crowds, party supporters or villagers fighting: no armed group
    if label == "Looting/property destruction" and inter1 in (5, 6, 7):
        return "Violent demonstration"
    return label
