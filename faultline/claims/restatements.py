"""The same figure restated by the same side is one claim ("offered to return 100 bodies" ...
"said it was ready to hand over the bodies of 100 servicemen"): the best-attributed wording is
kept, with the bounds both wordings allow ("at least 14" and "14": 14 to 14)."""

from __future__ import annotations

import dataclasses

from ..records import Claim
from .claimants import claimant_country


def collapse_restatements(claims: list[Claim]) -> list[Claim]:
    """The same figure restated by the same side ("offered to return 100 bodies" ... "said it was
    ready to hand over the bodies of 100 servicemen") is one claim: keep the best-attributed one."""
    kept: list[Claim] = []
    for claim in claims:
        twin = next((k for k in kept if _restates(k, claim)), None)
        if twin is None:
            kept.append(claim)
        else:
            best = claim if _attribution_rank(claim) > _attribution_rank(twin) else twin
            kept[kept.index(twin)] = _narrowed(best, claim, twin)
    return kept


def _restates(a: Claim, b: Claim) -> bool:
    if a.count is None or a.count < 2 or a.kind in ("accusation", "denial"):
        return False
    same = (a.kind, a.count, a.is_background, a.date, a.victim_side) == (
        b.kind, b.count, b.is_background, b.date, b.victim_side
    )  # fmt: skip
    return same and _bounds_agree(a, b) and _same_claimant(a.claimant, b.claimant)


def _bounds_agree(a: Claim, b: Claim) -> bool:
    """ "at least 14" and "14" restate one figure; "up to 14" and "at least 14" do not."""
    lows = [x for x in (a.count_low, b.count_low) if x is not None]
    highs = [x for x in (a.count_high, b.count_high) if x is not None]
    return not lows or not highs or max(lows) <= min(highs)


def _same_claimant(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    if a in b or b in a:
        return True
    return claimant_country(a) is not None and claimant_country(a) == claimant_country(b)


def _narrowed(best: Claim, a: Claim, b: Claim) -> Claim:
    """`best` with the bounds both wordings allow ("at least 14" + "14" -> 14 to 14)."""
    lows = [x for x in (a.count_low, b.count_low) if x is not None]
    highs = [x for x in (a.count_high, b.count_high) if x is not None]
    return dataclasses.replace(
        best, count_low=max(lows) if lows else None, count_high=min(highs) if highs else None
    )


RULE_RANK = {"claimant.direct_quote": 4, "claimant.speech_verb": 3, "claimant.reported_speech": 3,
             "claimant.handover": 2, "claimant.toll": 2}  # fmt: skip


def _attribution_rank(claim: Claim) -> tuple[int, int]:
    rank = max((r for key, r in RULE_RANK.items() if key in claim.rule), default=0)
    return rank, len(claim.claimant or "")
