"""ACLED's taxonomy, in one place: event types and sub-event types, the hierarchy between them,
the actor inter codes and the interaction code made from two of them.

Read by every stage that needs them (events, actors, notes, export, evaluate, web); it imports
nothing of faultline's, so any module may import it. Strings are ACLED's own spellings (ACLED
codebook, 2023 edition)."""

from __future__ import annotations

# sub-event type -> event type, in the codebook's order within each event type
EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

# the six event types, in the order ACLED lists them
FAMILIES: tuple[str, ...] = (
    "Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
    "Strategic developments",
)  # fmt: skip
ARMED_FAMILIES = frozenset({"Battles", "Explosions/Remote violence"})

# ACLED's inter codes: what kind of actor an actor is
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; one actor alone gives e.g. 60."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
