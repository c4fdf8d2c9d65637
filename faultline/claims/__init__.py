"""The counts-and-claims stage: casualty counts (`counts`, numbers read by `quantities`, ACLED's
fatality rules in `fatalities`), accusations and denials (`allegations`), who makes each claim
(`claimants`) and the evidence span of each (`evidence`)."""

from .counts import count_casualties

__all__ = ["count_casualties"]
