"""One merged event from its reports: the most precise report's fields, the fatalities
reconciled from all of them, and a note that names each report's figure and the sources. Read by
the merge (`merged.py` keeps the rows it filters on) and by the web view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..events.notes import note
from ..records import EVENT_FIELDS, Event


def reconcile(cluster_id: str, reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One event from its reports (dicts: the Event fields, `report_id` and `source`, a dict of
    the reporting article). The most precise report gives the fields; fatalities are reconciled
    from all: the lowest credible figure, low/best/high, and `contested` when claimants differ."""
    ordered = sorted(reports, key=lambda r: r["report_id"])
    lead = min(ordered, key=precision_rank)
    merged: dict[str, Any] = {name: lead[name] for name in EVENT_FIELDS}
    merged["event_id"] = cluster_id
    merged["claim_ids"] = [claim for r in ordered for claim in r["claim_ids"]]
    merged["confidence"] = max(r["confidence"] for r in ordered)
    merged.update(fatalities_of(ordered))
    if len(ordered) > 1:
        merged["notes"] = _merged_note(merged, ordered)
    merged["sources"] = [
        {**r["source"], "report_id": r["report_id"], "event_id": r["event_id"],
         "fatalities": r["fatalities"], "claimant": r["claimant"], "evidence": r["evidence"]}
        for r in ordered
    ]  # fmt: skip
    return merged


def _merged_note(merged: dict[str, Any], reports: Sequence[Mapping[str, Any]]) -> str:
    """The note of the merged event: the lead's sentence, each report's figure, the sources."""
    fields = {name: merged[name] for name in EVENT_FIELDS}
    fields.update(claim_ids=tuple(merged["claim_ids"]), evidence=())
    head = note(Event(**fields)).rsplit(" Fatalities:", 1)[0]
    figures = [
        f"{r['claimant'] or r['source'].get('source') or 'A report'} reported "
        f"{r['fatalities']} killed."
        for r in reports
        if r["fatalities"] is not None
    ]
    figures = [text[0].upper() + text[1:] for text in dict.fromkeys(figures)][:4]
    count = merged["fatalities"] if merged["fatalities"] is not None else 0
    contested = " (contested)" if merged["contested"] else ""
    tail = f"Reported by {len(reports)} sources. Fatalities: {count}{contested}."
    return " ".join([head, *figures, tail])


def precision_rank(report: Mapping[str, Any]) -> tuple[int, int, float, str]:
    return (
        report["geo_precision"] or 9,
        report["time_precision"] or 9,
        -(report["confidence"] or 0.0),
        report["report_id"],
    )


def fatalities_of(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    counted = [r for r in reports if r["fatalities"] is not None]
    if not counted:
        return {"fatalities": None, "fatalities_low": None, "fatalities_best": None,
                "fatalities_high": None, "contested": False}  # fmt: skip
    figures = [r["fatalities"] for r in counted]
    lows = [r["fatalities_low"] if r["fatalities_low"] is not None else r["fatalities"]
            for r in counted]  # fmt: skip
    highs = [r["fatalities_high"] if r["fatalities_high"] is not None else r["fatalities"]
             for r in counted]  # fmt: skip
    bests = sorted(r["fatalities_best"] if r["fatalities_best"] is not None else r["fatalities"]
                   for r in counted)  # fmt: skip
    by_claimant = {(r["claimant"] or "").casefold(): set() for r in counted}
    for r in counted:
        by_claimant[(r["claimant"] or "").casefold()].add(r["fatalities"])
    claimed = [figures for figures in by_claimant.values()]
    contested = len(claimed) > 1 and len(set().union(*claimed)) > 1
    return {
        "fatalities": min(figures),
        "fatalities_low": min(lows),
        "fatalities_best": bests[(len(bests) - 1) // 2],
        "fatalities_high": max(highs),
        "contested": contested,
    }
