"""Accusations and denials: "X accused Y of shelling", "each accused the other of violating the
truce", "X denied having targeted civilians", "X rejected the allegations".

Each becomes a `Claim` of kind accusation or denial with count None, the claimant (subject of the
verb, resolved through quotes; "each ... the other" -> "both sides"), the target (who is accused, or
what is denied) and the clause as evidence.
"""

from __future__ import annotations

from ..quotes.reported import subject_of
from ..records import Claim, Parse, Quote, Span, Timeline, Token
from .claimants import speaker_evidence
from .evidence import claim_time, clause_span

ACCUSING_LEMMAS = frozenset({"accuse", "blame"})
DENYING_LEMMAS = frozenset({"deny"})
REJECTING_LEMMAS = frozenset({"reject", "dismiss", "refute"})
ALLEGATION_NOUNS = frozenset(
    {"accusation", "allegation", "claim", "charge", "report", "responsibility"}
)
RECIPROCAL = frozenset({"each", "both"})


def find_allegations(parse: Parse, *, quotes: tuple[Quote, ...], timeline: Timeline) -> list[Claim]:
    """Accusation and denial claims (claim_id left empty for the caller to number)."""
    claims: list[Claim] = []
    for token in parse.tokens:
        if token.pos != "VERB":
            continue
        lemma = token.lemma.lower()
        if lemma in ACCUSING_LEMMAS:
            claims.append(
                _claim(parse, token, "accusation", _accused(parse, token), quotes, timeline)
            )
        elif lemma in DENYING_LEMMAS or (
            lemma in REJECTING_LEMMAS and _rejects_allegation(parse, token)
        ):
            claims.append(_claim(parse, token, "denial", _denied(parse, token), quotes, timeline))
    return claims


def _claim(
    parse: Parse,
    verb: Token,
    kind: str,
    target: str | None,
    quotes: tuple[Quote, ...],
    timeline: Timeline,
) -> Claim:
    claimant, claimant_span, rule = _claimant(parse, verb, quotes)
    if claimant == "both sides":
        target = "each other"
    evidence = clause_span(parse, verb, [verb])
    sentence = parse.sentences[verb.sent]
    is_background, date = claim_time(parse, timeline, sentence, evidence)
    return Claim(
        claim_id="", kind=kind, count=None, count_low=None, count_high=None, victims=None,
        claimant=claimant, is_background=is_background, date=date, evidence=evidence,
        target=target, rule=f"{kind}.{verb.lemma.lower()};{rule}", claimant_span=claimant_span,
    )  # fmt: skip


def _claimant(
    parse: Parse, verb: Token, quotes: tuple[Quote, ...]
) -> tuple[str | None, Span | None, str]:
    for quote in quotes:
        if quote.is_direct and quote.covers(verb.start) and quote.speaker:
            return quote.speaker, quote.speaker_span, "claimant.direct_quote"
    subject = subject_of(parse, verb, fallback=False)
    if subject is not None and _reciprocal(parse, verb, subject):
        start, end = parse.subtree_span(subject)
        span = Span(start, end, parse.text[start:end])
        return "both sides", span, "claimant.reciprocal"
    name, span = speaker_evidence(parse, verb, quotes)
    return name, span, "claimant.speech_verb" if name else "claimant.none"


def _reciprocal(parse: Parse, verb: Token, subject: Token) -> bool:
    """Reciprocal blame: "each accused the other", "both sides accused each other"."""
    if subject.text.lower() in RECIPROCAL:
        return True
    if any(c.text.lower() in RECIPROCAL for c in parse.children(subject)):
        return True
    objects = [c for c in parse.children(verb) if c.dep == "dobj"]
    return any(
        parse.text[o.start - 5 : o.end].lower().endswith(("each other", "one another"))
        for o in objects
    )


def _accused(parse: Parse, verb: Token) -> str | None:
    """Who is accused, as written: "both the army and the jihadists of abuses" -> "the army and
    the jihadists" (no "both", no charge, no clause)."""
    objects = [c for c in parse.children(verb) if c.dep == "dobj"]
    if not objects:
        return None
    keep, stack = {objects[0].i}, [objects[0]]
    while stack:
        for child in parse.children(stack.pop()):
            if child.dep in ("prep", "preconj", "relcl", "acl", "punct", "appos", "advcl"):
                continue
            keep.add(child.i)
            stack.append(child)
    first, last = parse.tokens[min(keep)], parse.tokens[max(keep)]
    return parse.text[first.start : last.end] or objects[0].text


def _denied(parse: Parse, verb: Token) -> str | None:
    for child in parse.children(verb):
        if child.dep in ("xcomp", "ccomp", "dobj", "pcomp") and child.i > verb.i:
            start, end = parse.subtree_span(child)
            for mark in parse.children(child):
                if mark.dep == "mark" and mark.start == start:
                    start = mark.end
            return parse.text[start:end].strip(" ,.;") or None
    return None


def _rejects_allegation(parse: Parse, verb: Token) -> bool:
    return any(
        c.dep == "dobj" and c.lemma.lower() in ALLEGATION_NOUNS for c in parse.children(verb)
    )
