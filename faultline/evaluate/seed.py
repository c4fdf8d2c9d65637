"""A checklist on the seed article (no gold: counts of what the pipeline found, to eyeball)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..records import Article
from .scoring import Metric

PUBLISHED = dt.date(2022, 9, 14)


def evaluate(corpora: Path, limit: int | None, *, resources: Any) -> list[Metric]:
    from ..pipeline import extract

    text = (corpora / "seed" / "article.txt").read_text(encoding="utf-8")
    result = extract(Article(id="seed", text=text, published=PUBLISHED), resources)
    checks = {
        "events": len(result.events),
        "events with a location": sum(e.location is not None for e in result.events),
        "events with a date": sum(e.event_date is not None for e in result.events),
        "events with fatalities": sum(e.fatalities is not None for e in result.events),
        "claims": len(result.claims),
        "background claims": sum(c.is_background for c in result.claims),
        "quotes": len(result.quotes),
        "quotes with a speaker": sum(q.speaker is not None for q in result.quotes),
        "places resolved": sum(p.resolved for p in result.places),
        "places unresolved": sum(not p.resolved for p in result.places),
        "problems": len(result.problems),
    }
    return [
        Metric("seed", name, "seed article", 1, float(n), unit="") for name, n in checks.items()
    ]
