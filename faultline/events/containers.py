"""The place a text writes another in: "Kamianka, Donetsk", "X, in Y province", "X (Y)", "X
village in central Y", "Shewan area of Bala Buluk district". ACLED codes an event at the most
specific place its words name, so a container is not a place of its own when the place it holds
is known, and is where an event at a place the gazetteer lacks is coded when it is not.
"""

from __future__ import annotations

import dataclasses

from ..gazetteer.names import normalise
from ..places.window import container_gap
from ..records import PlaceMention

COARSE = frozenset({"country", "admin1", "admin2", "region"})


def province_like(place: PlaceMention) -> bool:
    """A country, province, district or region, or a city named like its own province ("Donetsk",
    "Idlib"): what the text may write as a container."""
    if place.feature in COARSE:
        return True
    return bool(place.admin1) and normalise(place.name or "") == normalise(place.admin1 or "")


def holds(text: str, inner: PlaceMention, outer: PlaceMention) -> bool:
    """Does the text write `outer` as the container of `inner` ("Kamianka, Donetsk", "X, in Y
    province", "X (Y)", "X village in central Y") with the gazetteer agreeing (`agrees`)?"""
    return (
        inner.end <= outer.start
        and container_gap(text[inner.end : outer.start])
        and agrees(inner, outer)
    )


def agrees(inner: PlaceMention, outer: PlaceMention) -> bool:
    """Both resolved, `outer` a possible container, in one country, and `inner` in the province
    or district `outer` names."""
    if not (inner.resolved and outer.resolved and province_like(outer)):
        return False
    if inner.feature == "country" or inner.country_code != outer.country_code:
        return False
    if outer.feature == "country":
        return True
    names = {normalise(n) for n in (outer.name, outer.text, outer.admin1) if n}
    return bool(names & {normalise(n) for n in (inner.admin1, inner.admin2) if n})


def chained(
    text: str, inner: PlaceMention, outer: PlaceMention, places: list[PlaceMention]
) -> bool:
    """`outer` holds `inner` directly, or through a container written between them ("Hays
    district in western Yemen (Al Hudaydah)", "Karakai (Bungudu LGA, Zamfara)")."""
    if holds(text, inner, outer):
        return True
    return agrees(inner, outer) and any(
        inner.end <= mid.start
        and mid.end <= outer.start
        and container_gap(text[inner.end : mid.start])
        and container_gap(text[mid.end : outer.start])
        for mid in places
    )


def without_containers(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places, less those written as the container of another ("X, in Y province" is at X:
    ACLED codes the most specific place the text names)."""
    return [
        p for p in places if not any(chained(text, q, p, places) for q in places if q is not p)
    ]  # fmt: skip


def written_container(
    text: str, unknown: list[PlaceMention], places: tuple[PlaceMention, ...]
) -> PlaceMention | None:
    """The place the text writes right after the first place the gazetteer lacks as its container
    ("in Shewan area of Bala Buluk district", "Karakai (Bungudu, Zamfara)"): where ACLED codes
    an event at an unknown village (precision 2, a region 3)."""
    if not unknown:
        return None
    first = unknown[0]
    after = [p for p in places if p.start >= first.end and p.role == "place"]
    if not after or not after[0].resolved or not container_gap(text[first.end : after[0].start]):
        return None
    outer = after[0]
    return dataclasses.replace(outer, precision=3 if outer.feature in COARSE - {"admin2"} else 2)
