"""When a predicted event is a gold one, for the article-level evaluation (`articles.py`):

- the same type (`SAME_TYPE`: sub-event type, event type, or any: "located");
- the place within `MATCH_KM` of the gold point, or, when either side has no coordinates, the
  same location name with accents, case, hyphens and apostrophes folded (`folded`);
- the date within the gold range, with `DATE_SLACK` either side.

`match_events` pairs them one to one, greedily, closest first (km, plus 100 per day off).
Plain dicts of the output contract and of the gold; nothing from the pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .scoring import greedy_pairs, haversine_km

MATCH_KM = 50.0
DATE_SLACK = dt.timedelta(days=1)


def parse_date(value: object) -> dt.date | None:
    """An ISO calendar date; None for null, a month ("2023-05") or anything else."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def folded(name: str | None) -> str:
    """A name without accents, case, hyphens or apostrophes ("Pétion-Ville" is "petion ville")."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[-‐'’`]", " ", bare.lower()).split())


def point(item: Mapping[str, Any]) -> tuple[float, float] | None:
    """(latitude, longitude) of a gold or predicted event; None without both."""
    lat, lon = item.get("latitude"), item.get("longitude")
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def place_km(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float | None:
    """Distance between the two points; None when either has no coordinates."""
    a, b = point(gold), point(pred)
    return haversine_km(a[0], a[1], b[0], b[1]) if a and b else None


def place_fits(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float | None:
    """km ranking a fitting place (MATCH_KM for a match by name); None if it does not fit."""
    km = place_km(gold, pred)
    if km is not None:
        return km if km <= MATCH_KM else None
    name = folded(gold.get("location"))
    return MATCH_KM if name and name == folded(pred.get("location")) else None


def days_off(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> int | None:
    """Days the predicted date lies outside the gold range; None beyond the one-day slack."""
    start, day = parse_date(gold.get("date_start")), parse_date(pred.get("event_date"))
    end = parse_date(gold.get("date_end")) or start
    if start is None or end is None or day is None:
        return None
    if start - DATE_SLACK <= day <= end + DATE_SLACK:
        return max((start - day).days, (day - end).days, 0)
    return None


TypeRule = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]
SAME_TYPE: dict[str, TypeRule] = {
    "sub_event_type": lambda g, p: g.get("sub_event_type") == p.get("sub_event_type"),
    "event_type": lambda g, p: g.get("event_type") == p.get("event_type"),
    "located": lambda g, p: True,
}


def fits(gold: Mapping[str, Any], pred: Mapping[str, Any], same_type: TypeRule) -> float | None:
    """The pairing weight (higher is closer) when `pred` matches `gold`, else None."""
    if not same_type(gold, pred):
        return None
    days, km = days_off(gold, pred), place_fits(gold, pred)
    return None if days is None or km is None else -(km + 100.0 * days)


def match_events(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], same_type: TypeRule
) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) matches, the closest in place and date first."""
    candidates = (
        (weight, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (weight := fits(g, p, same_type)) is not None
    )
    return greedy_pairs(candidates)
