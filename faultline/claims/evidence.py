"""Where a claim is written and when it happened: its clause span and its date / background flag.

`clause_span` is the clause of an anchor word: the subtree of the nearest verb at or above it,
without the side clauses that do not contain the words to keep ("..., while Bamako reported ..."),
without dangling punctuation or conjunctions. `claim_time` reads the timeline: a claim is
background when its sentence is, when a background date sits in its clause (not one that only
measures the news: "the worst clashes since the 2012 war"), or when its sentence has no date of its
own and follows a background sentence of the same paragraph ("... broke out in 1991. The ensuing
conflict claimed around 30,000 lives."), or when it tells an earlier incident measured from the
news ("came barely a day after five civilians were killed") or the death a protest is about
("demonstrated over the death of a militant").
"""

from __future__ import annotations

from ..dates.timevalue import value_bounds
from ..quotes.reported import DATELINE
from ..records import DateMention, Parse, Sentence, Span, Timeline, Token

COMPARING_PREPOSITIONS = frozenset(
    {"since", "after", "before", "than", "unlike", "like", "compared"}
)
CONFLICT_NOUNS = frozenset(
    "war conflict insurgency violence crisis rebellion uprising unrest campaign".split()
)
TOTAL_ADVERBS = frozenset({"already", "altogether", "overall", "cumulatively"})
START_NOUNS = frozenset({"start", "beginning", "outbreak", "onset"})
PRUNED_DEPS = frozenset({"advcl", "conj", "cc", "parataxis", "ccomp", "mark", "punct", "relcl"})


def clause_span(
    parse: Parse, anchor: Token, keep: list[Token], extra: tuple[int, int] | None = None
) -> Span:
    """The clause around `anchor` that contains every token of `keep` (and the `extra` span)."""
    verb = _verb_above(parse, anchor)
    if verb.pos not in ("VERB", "AUX"):
        verb = anchor
    indices = _pruned_subtree(parse, verb, {t.i for t in keep} | {anchor.i})
    tokens = [parse.tokens[i] for i in sorted(indices) if not parse.tokens[i].is_space]
    start, end = tokens[0].start, tokens[-1].end
    for token in keep + [anchor]:
        start, end = min(start, token.start), max(end, token.end)
    if extra is not None:
        start, end = min(start, extra[0]), max(end, extra[1])
    dateline = DATELINE.match(parse.text, start, end)  # "BOGOTA (AFP) - " is not the claim
    start, end = trim(parse, dateline.end() if dateline else start, end)
    return Span(start, end, parse.text[start:end])


def _pruned_subtree(parse: Parse, root: Token, keep: set[int]) -> set[int]:
    out, stack = {root.i}, [root]
    while stack:
        for child in parse.children(stack.pop()):
            if child.dep in PRUNED_DEPS and not (_subtree(parse, child) & keep):
                continue
            out.add(child.i)
            stack.append(child)
    return out


def _subtree(parse: Parse, token: Token) -> set[int]:
    out, stack = {token.i}, [token]
    while stack:
        for child in parse.children(stack.pop()):
            out.add(child.i)
            stack.append(child)
    return out


def trim(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, punctuation, a dangling conjunction or "that" at either end of [start, end)."""
    inner = [t for t in parse.tokens if start <= t.start and t.end <= end and not t.is_space]
    while inner and (
        inner[-1].pos in ("PUNCT", "CCONJ", "SCONJ") or inner[-1].dep in ("cc", "mark")
    ):
        inner.pop()
    while inner and (inner[0].pos in ("PUNCT", "CCONJ") or inner[0].dep in ("cc", "mark")):
        inner.pop(0)
    if not inner:
        return start, end
    return inner[0].start, inner[-1].end


# --------------------------------------------------------------------------------------------- time


def claim_time(
    parse: Parse,
    timeline: Timeline,
    sentence: Sentence,
    evidence: Span,
    trigger: Token | None = None,
    noun: Token | None = None,
) -> tuple[bool, str | None]:
    """(is_background, date) of a claim written in `sentence` at `evidence`."""
    if trigger is not None and _is_aggregate_toll(parse, timeline, sentence, trigger):
        return True, _earlier_background(parse, timeline, sentence)
    time = timeline.sentences[sentence.index] if sentence.index < len(timeline.sentences) else None
    if trigger is not None and (
        is_running_total(parse, trigger, noun) or is_earlier_incident(parse, trigger)
    ):
        return True, time.date if time is not None else None
    own = [d for d in timeline.dates if sentence.start <= d.start < sentence.end]
    in_clause = [
        d for d in own
        if d.is_background
        and evidence.start <= d.start < evidence.end
        and not _comparison(parse, d.start)
    ]  # fmt: skip
    if in_clause:
        return True, in_clause[0].value
    if time is not None and time.is_background:
        return True, _background_value(timeline, sentence, own)
    previous = parse.sentences[sentence.index - 1] if sentence.index > 0 else None
    if not own and previous is not None and previous.paragraph == sentence.paragraph:
        before = (
            timeline.sentences[previous.index] if previous.index < len(timeline.sentences) else None
        )
        if before is not None and before.is_background:
            earlier = [d for d in timeline.dates if previous.start <= d.start < previous.end]
            return True, _background_value(timeline, previous, earlier)
    return False, time.date if time is not None else None


def is_running_total(parse: Parse, trigger: Token, noun: Token | None) -> bool:
    """A running total, not a new count: "adding to the 375,000 displaced people already
    registered", "killed 300 people so far this year", "arrested 40 in total", "displaced 2
    million since the war began"."""
    if noun is not None:
        head = parse.tokens[noun.head]
        if head.lemma.lower() == "to" and parse.tokens[head.head].lemma.lower() == "add":
            return True
        if any(_total_marker(parse, t) for t in _subtree_tokens(parse, noun) if t.i != noun.i):
            return True
    verb = _verb_above(parse, trigger)
    near = parse.children(verb) + parse.children(trigger)
    near += [g for c in near if c.dep == "npadvmod" for g in parse.children(c)]  # so far this year
    return any(_total_marker(parse, c) for c in near)


TIME_UNITS = frozenset("hour day week month year".split())


CAUSE_PREPOSITIONS = frozenset({"over", "against", "following", "after"})
CAUSE_VERBS = frozenset({"protest", "condemn", "denounce", "mourn"})
DEATH_NOUNS = frozenset({"death", "killing", "murder", "assassination", "lynching"})


def is_earlier_incident(parse: Parse, trigger: Token) -> bool:
    """A toll of another, earlier incident: measured from the news ("Friday's attack came barely
    a day after five civilians were killed", "two weeks before three soldiers died"), or the
    death that a protest or riot is about ("demonstrated over the death of a militant",
    "following the death of a shopkeeper", "to protest the killing of")."""
    for node in [trigger, *parse.ancestors(trigger)][
        :6
    ]:  # "... over the death of a woman who died"
        head = parse.tokens[node.head]
        if node.pos == "NOUN" and head.i != node.i and node.lemma.lower() in DEATH_NOUNS:
            if node.dep == "pobj" and head.text.lower() in CAUSE_PREPOSITIONS:
                return True
            if node.dep == "dobj" and head.lemma.lower() in CAUSE_VERBS:
                return True
        if node.i != trigger.i and node.pos in ("VERB", "AUX"):
            break
    verb = _verb_above(parse, trigger)
    children = parse.children(verb)
    marked = any(c.dep == "mark" and c.text.lower() in ("after", "before") for c in children)
    return (
        verb.dep == "advcl"
        and marked
        and any(c.dep == "npadvmod" and c.lemma.lower() in TIME_UNITS for c in children)
    )


def _total_marker(parse: Parse, token: Token) -> bool:
    """ "already", "so far", "to date", "in total", "since the start of ...", "since the war
    began" (not "the worst clashes since their war": that only measures the news)."""
    word, children = token.text.lower(), parse.children(token)
    objects = [c.lemma.lower() for c in children if c.dep == "pobj"]
    subjects = [c.lemma.lower() for c in children if c.dep in ("nsubj", "nsubjpass")]
    if token.dep == "advmod" and word in TOTAL_ADVERBS:
        return True
    if token.dep == "advmod" and word == "far":
        return any(c.text.lower() in ("so", "thus") for c in children)
    if token.dep == "prep" and word in ("to", "in") and objects:
        return (word, objects[0]) in (("to", "date"), ("in", "total"), ("in", "all"))
    if token.dep == "prep" and word == "since":
        return any(o in START_NOUNS for o in objects)
    since = any(c.dep == "mark" and c.text.lower() == "since" for c in children)
    return token.dep == "advcl" and since and any(s in CONFLICT_NOUNS for s in subjects)


def _subtree_tokens(parse: Parse, token: Token) -> list[Token]:
    return [parse.tokens[i] for i in sorted(_subtree(parse, token))]


def _is_aggregate_toll(
    parse: Parse, timeline: Timeline, sentence: Sentence, trigger: Token
) -> bool:
    """A war's running toll with no date of the news ("The conflict has since killed thousands")."""
    own = (d for d in timeline.dates if sentence.start <= d.start < sentence.end)
    if any(not d.is_background and value_bounds(d.value) is not None for d in own):
        return False  # a dated current sentence (not "recent", "now" or a duration)
    verb = _verb_above(parse, trigger)
    children = parse.children(verb)
    while verb.dep == "conj" and verb.head != verb.i:  # "has since killed ... and displaced ..."
        verb = parse.tokens[verb.head]
        children = children + parse.children(verb)
    if any(c.dep in ("advmod", "prep") and c.text.lower() == "since" for c in children):
        return True
    subjects = [c for c in children if c.dep in ("nsubj", "nsubjpass")]
    return any(s.lemma.lower() in CONFLICT_NOUNS for s in subjects)


def _earlier_background(parse: Parse, timeline: Timeline, sentence: Sentence) -> str | None:
    """The last background date of the paragraph up to the end of `sentence`."""
    paragraph = [s for s in parse.sentences if s.paragraph == sentence.paragraph]
    start = paragraph[0].start if paragraph else sentence.start
    earlier = [d for d in timeline.dates if start <= d.start < sentence.end and d.is_background]
    return earlier[-1].value if earlier else None


def _comparison(parse: Parse, offset: int) -> bool:
    """A past date that only measures the news ("the worst clashes since their war in 2020")."""
    tokens = [t for t in parse.tokens if t.start <= offset < t.end]
    node, steps = (tokens[0] if tokens else None), 0
    while node is not None and steps < 6:
        if node.dep == "prep" and node.text.lower() in COMPARING_PREPOSITIONS:
            return True
        if node.head == node.i or node.pos in ("VERB", "AUX"):
            return False
        node, steps = parse.tokens[node.head], steps + 1
    return False


def _background_value(timeline: Timeline, sentence: Sentence, own: list[DateMention]) -> str | None:
    for mention in own:
        if mention.is_background and mention.value:
            return mention.value
    for stretch in timeline.background:
        if stretch.start < sentence.end and sentence.start < stretch.end and stretch.when:
            return stretch.when
    return None


def _verb_above(parse: Parse, token: Token) -> Token:
    """The first verb on the way from `token` up its head chain; the root when there is none."""
    chain = [token, *parse.ancestors(token)]
    return next((t for t in chain if t.pos in ("VERB", "AUX")), chain[-1])
