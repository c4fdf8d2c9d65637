"""Marking spans of an article's text, in the spirit of spaCy's displaCy: `segment_text` cuts the
text at every span boundary, so that overlapping spans (a place inside a quote inside the evidence
of an event) each keep their own style. The templates escape every segment's text.

    segments = segment_text(text, [Mark(0, 5, "place", "Bama"), Mark(0, 40, "quote")])
    # -> Segment("Gunme"... kinds=("quote", "place"), labels=(("place", "Bama"),)), ...

Marks are made from the records of the output contract by `article_marks` (places, dates,
claims, quotes, background) and `evidence_marks` (the spans behind one event).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# Drawing order: a later kind sits inside an earlier one.
KINDS = ("quote", "background", "evidence", "attribution", "claim", "date", "place")
_LABELLED = ("claim", "date", "place")  # kinds short enough to carry a label after them


@dataclass(frozen=True, slots=True)
class Mark:
    """A span [start, end) of the text to mark as `kind`, with a short label and a longer title."""

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text and the kinds of the marks covering all of it; `labels` are the (kind,
    label) pairs of the labelled marks that end with this piece."""

    text: str
    kinds: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()


def segment_text(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text cut into segments at every boundary of `marks`; marks outside the text or empty
    are ignored, marks running past its end are cut at it. Joining the segments gives the text."""
    kept = sorted(
        (Mark(max(m.start, 0), min(m.end, len(text)), m.kind, m.label, m.title) for m in marks
         if m.kind in KINDS and 0 <= m.start < len(text) and m.end > m.start),
        key=lambda m: (KINDS.index(m.kind), m.start, -m.end),
    )  # fmt: skip
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    segments = []
    for start, end in pairwise(cuts):
        covering = [m for m in kept if m.start <= start and end <= m.end]
        segments.append(Segment(
            text=text[start:end],
            kinds=tuple(dict.fromkeys(m.kind for m in covering)),
            titles=tuple(dict.fromkeys(m.title for m in covering if m.title)),
            labels=tuple((m.kind, m.label) for m in covering
                         if m.end == end and m.label and m.kind in _LABELLED),
        ))  # fmt: skip
    return segments


def article_marks(result: Mapping[str, Any]) -> list[Mark]:
    """The marks of a stored article (`ArticleResult.to_dict()`'s shape): places, dates, claims,
    quotes and background."""
    marks = [_place(p) for p in result.get("places", [])]
    marks += [_date(d) for d in result.get("dates", [])]
    marks += [_claim(c) for c in result.get("claims", [])]
    marks += [mark for q in result.get("quotes", []) for mark in _quote(q)]
    marks += [
        Mark(b["start"], b["end"], "background", "", f"background ({b.get('when') or '?'})")
        for b in result.get("background", [])
    ]
    return marks


def evidence_marks(
    evidence: Iterable[Mapping[str, Any]],
    claims: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
) -> list[Mark]:
    """The marks behind one event in one article: its evidence spans, its claims, its quotes."""
    marks = [Mark(span["start"], span["end"], "evidence", "", "evidence of this event")
             for span in evidence]  # fmt: skip
    marks += [_claim(c) for c in claims]
    marks += [mark for q in quotes for mark in _quote(q)]
    return marks


def _place(place: Mapping[str, Any]) -> Mark:
    if place.get("resolved"):
        where = ", ".join(str(x) for x in (place.get("name"), place.get("admin1"),
                                           place.get("country_code")) if x)  # fmt: skip
        title = f"place: {where} ({place.get('latitude')}, {place.get('longitude')})"
        label = str(place.get("name") or "PLACE")
    else:
        title, label = "place: not resolved", "PLACE?"
    return Mark(place["start"], place["end"], "place", label, title)


def _date(date: Mapping[str, Any]) -> Mark:
    value = date.get("value") or "?"
    background = " (background)" if date.get("is_background") else ""
    title = f"date: {value}, {date.get('granularity') or '?'}{background}"
    return Mark(date["start"], date["end"], "date", str(value), title)


def _claim(claim: Mapping[str, Any]) -> Mark:
    evidence = claim["evidence"]
    count = claim.get("count")
    label = claim["kind"] if count is None else f"{claim['kind']} {count}"
    title = (f"claim: {label} {_range(claim)}; victims: {claim.get('victims') or '?'}; "
             f"claimant: {claim.get('claimant') or '?'}")  # fmt: skip
    return Mark(evidence["start"], evidence["end"], "claim", label, title)


def _range(claim: Mapping[str, Any]) -> str:
    low, high = claim.get("count_low"), claim.get("count_high")
    if low is None and high is None:
        return ""
    return f"({'?' if low is None else low}-{'?' if high is None else high})"


def _quote(quote: Mapping[str, Any]) -> list[Mark]:
    """One mark per piece: a quote split around "she said" leaves the attribution unmarked;
    the words naming the speaker ("he", "the ministry") get an `attribution` mark."""
    kind = "direct" if quote.get("is_direct") else "indirect"
    title = f"{kind} quote of {quote.get('speaker') or 'an unknown speaker'}"
    pieces = quote.get("pieces") or [{"start": quote["start"], "end": quote["end"]}]
    marks = [Mark(piece["start"], piece["end"], "quote", "", title) for piece in pieces]
    if quote.get("speaker_start") is not None and quote.get("speaker_end") is not None:
        said = f"the words naming the speaker ({quote.get('speaker') or '?'})"  # "he" -> who
        marks.append(Mark(quote["speaker_start"], quote["speaker_end"], "attribution", "", said))
    return marks
