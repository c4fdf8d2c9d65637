"""The dates stage: temporal expressions found and normalised (`timex`, its grammar's values in
`timenorm` and `timevalue`, the anchor they resolve against in `timeanchor`), and the article's
`timeline` (each sentence's event time, background) built from them."""

from .timeline import resolve_dates

__all__ = ["resolve_dates"]
