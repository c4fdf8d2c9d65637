"""Who claims a figure, and whose victims they are.

The claimant of a count is, in order (first that applies):
    1. the speaker of the direct quote that contains it;
    2. the subject of the nearest speech verb governing it ("X confirmed that N ... were killed",
       "X reported the death of N ...", "X accused Y of killing N ..."), resolved through the quote
       that verb introduces when there is one ("he said" -> the person);
    3. the speaker of the reported-speech quote ("according to X, ...") that contains it;
       the subject of the verb that gives a toll ("the governor put the toll at 40");
    3b. the subject (or passive agent) of a counting verb governing it ("a journalist counted
       14 bodies", "local sources mention a toll of 30": `SOURCE_FRAMES`);
    4. the subject of a verb that hands over the dead ("X offered to return the bodies of N ...").
Otherwise the claim has no claimant (the outlet's own report).
"""

from __future__ import annotations

from collections.abc import Callable

from ..actors.sides import country_of, demonym
from ..quotes.antecedents import resolve_subject
from ..quotes.reported import REPORTING_LEMMAS, subject_of
from ..quotes.speakers import describe
from ..records import Parse, Quote, Span, Token
from .triggers import is_toll

# The verb-frame table: verbs that report a figure, and where their source is written. "subject":
# the verb's subject ("a journalist counted 14 bodies", "local sources mention a toll of 30",
# "a medic verified 12 deaths"), the agent of a passive ("14 bodies were counted by a
# journalist") when there is one; "subject+toll": only with "the toll" as object ("the governor
# put the toll at 40"). Speech verbs (say, tell, report, confirm ...: `REPORTING_LEMMAS`) are
# "subject" too and come first.
SOURCE_FRAMES: dict[str, str] = {
    **{lemma: "subject" for lemma in REPORTING_LEMMAS},
    **{lemma: "subject" for lemma in
       "count tally record document register mention verify cite list number log".split()},
    **{lemma: "subject+toll" for lemma in "put give raise revise set place update lower".split()},
}  # fmt: skip
COUNTING_LEMMAS = frozenset(
    lemma for lemma, role in SOURCE_FRAMES.items()
    if role == "subject" and lemma not in REPORTING_LEMMAS
)  # fmt: skip
HANDOVER_LEMMAS = frozenset(
    "offer return hand repatriate exchange recover retrieve collect identify propose".split()
)
TOLL_VERBS = frozenset(lemma for lemma, role in SOURCE_FRAMES.items() if role == "subject+toll")
LIFE_LEMMAS = frozenset({"life", "live"})
POSSESSIVES = frozenset({"its", "their"})


def claimant_of(
    parse: Parse, trigger: Token, offset: int, quotes: tuple[Quote, ...]
) -> tuple[str | None, str]:
    """(claimant, rule) for a figure written at `offset` and reported by `trigger`."""
    name, _, rule = claimant_evidence(parse, trigger, offset, quotes)
    return name, rule


def claimant_evidence(
    parse: Parse, trigger: Token, offset: int, quotes: tuple[Quote, ...]
) -> tuple[str | None, Span | None, str]:
    """(claimant, the words of the text naming it, rule) for a figure written at `offset` and
    reported by `trigger`: the span is the attribution's own words ("he", "the ministry", "Jane
    Roe"), the name is what they resolve to."""
    for quote in quotes:
        if quote.is_direct and quote.covers(offset) and quote.speaker:
            return quote.speaker, quote.speaker_span, "claimant.direct_quote"
    verb = _governing(parse, trigger, quotes, lambda t: t.lemma.lower() in REPORTING_LEMMAS)
    if verb is not None:
        name, span = speaker_evidence(parse, verb, quotes)
        if name:
            return name, span, "claimant.speech_verb"
    for quote in quotes:
        if not quote.is_direct and quote.covers(offset) and quote.speaker:
            return quote.speaker, quote.speaker_span, "claimant.reported_speech"
    verb = _governing(parse, trigger, quotes, lambda t: t.lemma.lower() in COUNTING_LEMMAS)
    if verb is not None:  # "a journalist counted the bodies", "sources mention a toll of 30"
        subject = _agent(parse, verb) or subject_of(parse, verb, fallback=False)
        if subject is not None:
            name = _resolved_name(parse, subject, subject.start, quotes)
            if name:
                return name, _subject_span(parse, subject), "claimant.counting_verb"
    head = parse.tokens[trigger.head]
    if is_toll(trigger) and trigger.dep == "dobj" and head.lemma in TOLL_VERBS:
        subject = subject_of(parse, head, fallback=False)  # "the governor put the toll at 40"
        if subject is not None:
            name = _resolved_name(parse, subject, subject.start, quotes)
            return name, _subject_span(parse, subject), "claimant.toll"
    verb = _governing(parse, trigger, quotes, lambda t: t.lemma.lower() in HANDOVER_LEMMAS)
    if verb is not None:
        subject = subject_of(parse, verb, fallback=False)
        if subject is not None:
            name = _resolved_name(parse, subject, subject.start, quotes)
            return name, _subject_span(parse, subject), "claimant.handover"
    return None, None, "claimant.none"


def _governing(
    parse: Parse, trigger: Token, quotes: tuple[Quote, ...], accept: Callable[[Token], bool]
) -> Token | None:
    """The nearest verb on the trigger's head chain (trigger included) that `accept`s."""
    node, seen = trigger, set()
    while node.i not in seen:
        seen.add(node.i)
        if node.pos in ("VERB", "AUX") and accept(node) and not _kills_lives(parse, node):
            if not any(q.is_direct and q.covers(node.start) for q in quotes):
                return node
        if node.head == node.i:
            break
        node = parse.tokens[node.head]
    return None


def _agent(parse: Parse, verb: Token) -> Token | None:
    """The agent of a passive: "14 bodies were counted by a journalist" -> journalist."""
    for child in parse.children(verb):
        if child.dep == "agent":
            objects = [c for c in parse.children(child) if c.dep == "pobj"]
            if objects:
                return objects[0]
    return None


def _kills_lives(parse: Parse, verb: Token) -> bool:
    """ "claimed the lives of" is a death, not a claim."""
    return any(c.dep == "dobj" and c.lemma.lower() in LIFE_LEMMAS for c in parse.children(verb))


def speaker_of_verb(parse: Parse, verb: Token, quotes: tuple[Quote, ...]) -> str | None:
    return speaker_evidence(parse, verb, quotes)[0]


def speaker_evidence(
    parse: Parse, verb: Token, quotes: tuple[Quote, ...]
) -> tuple[str | None, Span | None]:
    """(who a reporting verb's subject is, the words naming them)."""
    for quote in quotes:
        if quote.cue is not None and quote.cue.start == verb.start and quote.speaker:
            return quote.speaker, quote.speaker_span
    subject = subject_of(parse, verb)
    if subject is None:
        return None, None
    name = _resolved_name(parse, subject, verb.start, quotes)
    return name, _subject_span(parse, subject) if name else None


def _subject_span(parse: Parse, subject: Token) -> Span | None:
    return describe(parse, subject).span


def _resolved_name(
    parse: Parse, subject: Token, offset: int, quotes: tuple[Quote, ...]
) -> str | None:
    return resolve_subject(parse, subject, quotes, offset)


# ------------------------------------------------------------------------------------------ victims


def victims_of(
    parse: Parse, noun: Token | None, claimant: str | None
) -> tuple[str | None, str | None]:
    """(victims as written, "its"/"their" made the claimant's country; the victims' country)."""
    if noun is None:
        return None, None
    words: list[str] = []
    side: str | None = None
    for token in _modifiers(parse, noun) + [noun]:
        text = token.text
        if token.text.lower() in POSSESSIVES and token.dep == "poss":
            code = claimant_country(claimant)
            if code is None:
                words.append(text)
                continue
            text, side = demonym(code) or text, code
        elif token.text.lower() not in ("'s", "’s"):
            side = side or _country_of_token(token)
        words.append(text)
    return " ".join(words), side


def _modifiers(parse: Parse, noun: Token) -> list[Token]:
    keep = [
        c
        for c in parse.children(noun)
        if c.i < noun.i and c.dep in ("amod", "compound", "poss", "nmod")
    ]
    out: list[Token] = []
    for child in sorted(keep, key=lambda t: t.i):
        out.extend(
            t for t in parse.tokens[parse_left(parse, child) : child.i + 1] if not t.is_space
        )
    return out


def parse_left(parse: Parse, token: Token) -> int:
    """Index of the leftmost token of `token`'s subtree."""
    start, _ = parse.subtree_span(token)
    for t in parse.tokens[: token.i + 1][::-1]:
        if t.start == start:
            return t.i
    return token.i


def _country_of_token(token: Token) -> str | None:
    if token.ent_type in ("NORP", "GPE") or token.pos in ("PROPN", "ADJ"):
        return country_of(token.text)
    return None


def claimant_country(claimant: str | None) -> str | None:
    """The country of a claimant that is a country, a capital or a national body ("Mali's army")."""
    if not claimant:
        return None
    whole = country_of(claimant)
    if whole is not None:
        return whole
    first = claimant.replace("’", "'").split("'s ")[0].split()[0] if claimant.split() else ""
    return country_of(first) if first else None
