"""Counts & claims stage: who says how many were killed, injured, displaced, abducted, arrested
or went missing.

`count_casualties` finds, sentence by sentence, each quantity (`quantities.find_quantities`) that a
casualty word governs or is governed by within a few dependency steps ("105 of its troops were
killed", "the death of 50 servicemen", "claimed around 30,000 lives", "2,750 people were forced to
flee"), plus single victims ("a soldier was killed" -> 1; "a seventh person died", one more of a
toll told before) and "casualties" with no number (0 killed, as ACLED codes it). A number that
counts the victims' group ("three members of one family") is not a count. Each becomes a `Claim`
with its claimant (`claimants`), victims and their side, date and background flag from the
timeline. Accusations and denials come from `allegations`. Restatements of the same figure by the
same side collapse into one claim (`restatements`).

Claims are then linked to events and the events' fatalities filled (`fatalities.link_claims`).
"""

from __future__ import annotations

import dataclasses

from ..events.assembly import own_dates
from ..records import Claim, Event, Parse, PlaceMention, Quote, Sentence, Timeline, Token
from .allegations import find_allegations
from .claimants import claimant_evidence, victims_of
from .evidence import claim_time, clause_span
from .fatalities import link_claims
from .quantities import Quantity, find_quantities
from .restatements import collapse_restatements
from .triggers import LEVEL_VERBS, is_toll, trigger_kind

VICTIMLESS_NOUNS = frozenset(
    {"death", "dead", "fatality", "body", "corpse", "life", "live", "toll", "casualty"}
)
UNIT_NOUNS = frozenset(
    "village town city house home building day week month year hour minute km kilometre kilometer "
    "mile metre meter time rocket shell round vehicle car truck tank drone missile percent dollar "
    "point attack raid incident strike shot bomb mortar province district region area site".split()
)
SKIP_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
QUANTITY_EDGES = frozenset(
    "nummod quantmod nsubj nsubjpass dobj attr appos conj npadvmod oprd nmod compound amod pobj "
    "prep".split()
)
TRIGGER_EDGES = frozenset(
    {"acl", "relcl", "xcomp", "amod", "oprd", "acomp", "compound", "dobj", "conj"}
)
MAX_STEPS = 4
HUMAN_SINGULAR_DETS = frozenset({"a", "an", "one", "the", "his", "her", "their", "its"})


def count_casualties(
    parse: Parse,
    *,
    timeline: Timeline,
    quotes: tuple[Quote, ...],
    events: tuple[Event, ...],
    article_id: str,
    places: tuple[PlaceMention, ...] = (),
) -> tuple[tuple[Claim, ...], tuple[Event, ...]]:
    """Claims in text order (ids `{article_id}-c{n}`); the events (the article's assembled
    incidents) with fatalities and claim ids. `places` lets a toll tell an incident elsewhere
    from the one reported before it."""
    drafts: list[Claim] = []
    for sentence in parse.sentences:
        drafts.extend(_sentence_counts(parse, sentence, timeline, quotes))
    drafts.extend(find_allegations(parse, quotes=quotes, timeline=timeline))
    drafts = sorted(collapse_restatements(drafts), key=lambda c: (c.evidence.start, c.evidence.end))
    claims = [
        dataclasses.replace(c, claim_id=f"{article_id}-c{n}") for n, c in enumerate(drafts, 1)
    ]
    return link_claims(parse, claims, events, dated=own_dates(parse, timeline), places=places)


# ----------------------------------------------------------------------------------------- finding


def _sentence_counts(
    parse: Parse, sentence: Sentence, timeline: Timeline, quotes: tuple[Quote, ...]
) -> list[Claim]:
    tokens = [t for t in parse.sentence_tokens(sentence) if not t.is_space]
    triggers = [t for t in tokens if trigger_kind(parse, t)]
    if not triggers:
        return []
    claims: list[Claim] = []
    counted: set[int] = set()
    for quantity in find_quantities(parse.text, sentence.start, sentence.end):
        linked = None
        for number in _number_tokens(tokens, quantity):
            if number.ent_type not in SKIP_ENTITIES or _counts_people(parse, number):
                linked = linked or _nearest_trigger(parse, number, triggers)
        if linked is None or _counts_the_whole(parse, quantity, tokens):
            continue
        trigger, noun = linked
        counted.add(trigger.i)
        claims.append(_claim(parse, trigger, noun, quantity, timeline, quotes))
    has_killed = any(c.kind == "killed" for c in claims)
    for trigger in triggers:
        if trigger.lemma.lower() == "casualty" and has_killed:
            continue
        if trigger.i not in counted:
            claim = _uncounted_claim(parse, trigger, timeline, quotes)
            if claim is not None:
                claims.append(claim)
    return claims


def _counts_the_whole(parse: Parse, quantity: Quantity, tokens: list[Token]) -> bool:
    """A number that counts the group the victims belong to, not the victims: "one family" in
    "killing three members of one family" (a noun counted by a number of its own governs it)."""
    for number in _number_tokens(tokens, quantity):
        noun = parse.tokens[number.head] if number.dep == "nummod" else None
        if noun is None or noun.dep != "pobj":
            continue
        of = parse.tokens[noun.head]
        owner = parse.tokens[of.head]
        if (
            of.text.lower() == "of"
            and owner.pos == "NOUN"
            and any(c.dep == "nummod" and c.i != number.i for c in parse.children(owner))
        ):
            return True
    return False


def _counts_people(parse: Parse, number: Token) -> bool:
    """A number the tagger took for a date ("Between 10 and 15 soldiers") that counts people."""
    noun = _counted_noun(parse, number)
    return noun is not None and noun.lemma.lower() in HUMAN_NOUNS | VICTIMLESS_NOUNS


def _number_tokens(tokens: list[Token], quantity: Quantity) -> list[Token]:
    """The tokens of the number, last first ("2.5 million" -> million; a range tries both ends)."""
    inside = [
        t for t in tokens if quantity.number_start <= t.start and t.end <= quantity.number_end
    ]
    return inside[::-1]


def _nearest_trigger(
    parse: Parse, number: Token, triggers: list[Token]
) -> tuple[Token, Token | None] | None:
    """The trigger linked to the number by the shortest allowed path, and the counted noun."""
    best: tuple[int, int, Token] | None = None
    for trigger in triggers:
        if _counts_another(parse, number, trigger):
            continue
        steps = _path_length(parse, number, trigger)
        if steps is not None:
            key = (steps, abs(trigger.start - number.start), trigger)
            if best is None or key[:2] < best[:2]:
                best = key
    if best is None:
        return None
    noun = _counted_noun(parse, number)
    if noun is not None and noun.lemma.lower() in UNIT_NOUNS:
        return None
    return best[2], noun


def _counts_another(parse: Parse, number: Token, trigger: Token) -> bool:
    """ "3 fatalities and 4 injured": a number joined to a casualty noun that has a number of its
    own counts the next casualty word, not that noun."""
    return (
        number.dep == "conj"
        and number.head == trigger.i
        and any(c.dep == "nummod" and c.i != number.i for c in parse.children(trigger))
    )


def _chain(parse: Parse, token: Token) -> list[Token]:
    return [token, *parse.ancestors(token)]


def _path_length(parse: Parse, number: Token, trigger: Token) -> int | None:
    up_number, up_trigger = _chain(parse, number), _chain(parse, trigger)
    trigger_index = {t.i: n for n, t in enumerate(up_trigger)}
    for n, node in enumerate(up_number):
        if node.i in trigger_index:
            m = trigger_index[node.i]
            if n + m > MAX_STEPS:
                return None
            if not all(_quantity_edge(parse, t) for t in up_number[:n]):
                return None
            if any(t.pos in ("VERB", "AUX") for t in up_number[1:n]):  # the count climbs nouns only
                return None
            if not all(_trigger_edge(parse, t) for t in up_trigger[:m]):
                return None
            return n + m
    return None


def _quantity_edge(parse: Parse, token: Token) -> bool:
    if token.dep == "advmod":  # "kills at least seven", the number parsed as the verb's adverb
        return token.pos == "NUM" and parse.tokens[token.head].pos == "VERB"
    if token.dep not in QUANTITY_EDGES:
        return False
    if token.dep == "prep":
        return token.text.lower() in ("of", "among", "including", "to", "at")
    if token.dep == "pobj":
        return parse.tokens[token.head].text.lower() in ("of", "among", "including", "to", "at")
    return True


def _trigger_edge(parse: Parse, token: Token) -> bool:
    if token.dep == "nsubj" and is_toll(token):  # "the death toll rose to 23"
        return parse.tokens[token.head].lemma.lower() in LEVEL_VERBS
    if token.dep == "prep":
        return token.text.lower() == "of"
    if token.dep == "pobj":
        return parse.tokens[token.head].text.lower() == "of"
    return token.dep in TRIGGER_EDGES


def _counted_noun(parse: Parse, number: Token) -> Token | None:
    """The noun a number counts: "100 troops" -> troops; "105 of its troops" -> troops."""
    node = number
    while node.dep in ("nummod", "quantmod", "compound", "amod") and node.head != node.i:
        node = parse.tokens[node.head]
        if node.pos in ("NOUN", "PROPN"):
            break
    if node.i == number.i or node.pos not in ("NOUN", "PROPN"):
        for prep in parse.children(node):
            if prep.dep == "prep" and prep.text.lower() == "of":
                objects = [c for c in parse.children(prep) if c.dep == "pobj"]
                if objects:
                    return objects[0]
        return None if node.i == number.i else node
    if node.lemma.lower() in VICTIMLESS_NOUNS:
        return _of_object(parse, node)
    return node


def _partitive(parse: Parse, noun: Token, number: list[Token]) -> bool:
    """ "One of the men", "two of these victims": a number of victims already spoken of."""
    of = parse.tokens[noun.head]
    return (
        noun.dep == "pobj"
        and of.text.lower() == "of"
        and any(t.i == of.head for t in number)
        and any(c.dep == "det" and c.text.lower() in ("the", "these", "those")
                for c in parse.children(noun))
    )  # fmt: skip


def _of_object(parse: Parse, noun: Token) -> Token | None:
    for prep in parse.children(noun):
        if prep.dep == "prep" and prep.text.lower() == "of":
            objects = [c for c in parse.children(prep) if c.dep == "pobj"]
            if objects:
                return objects[0]
    return None


# ------------------------------------------------------------------------------------------ claims

HUMAN_NOUNS = frozenset(
    "person civilian soldier troop serviceman man woman child boy girl fighter militant rebel "
    "insurgent "
    "policeman policewoman officer worker farmer student protester demonstrator villager resident "
    "member journalist teacher pupil herder miner trader driver passenger pilgrim refugee migrant "
    "guard militiaman jihadist gunman attacker suspect assailant combatant peacekeeper citizen "
    "victim "
    "infant baby elder chief leader commander official employee prisoner detainee inmate hostage "
    "individual adult youth teenager cadet gendarme doctor nurse priest imam activist "
    "politician thief robber murderer kidnapper bandit informant pastor cleric businessman "
    "candidate ranger commuter shopkeeper vendor fisherman bodyguard collaborator lawyer judge "
    "mayor councillor councilor chairman mother father son daughter wife husband brother sister "
    "owner relative neighbour neighbor tribesman sergeant captain lieutenant colonel shepherd "
    "labourer laborer engineer contractor".split()
)


def _claim(parse: Parse, trigger: Token, noun: Token | None, quantity: Quantity, timeline: Timeline,
           quotes: tuple[Quote, ...]) -> Claim:  # fmt: skip
    claimant, claimant_span, claimant_rule = claimant_evidence(
        parse, trigger, quantity.start, quotes
    )
    victims, side = victims_of(parse, noun, claimant)
    number = [t for t in parse.tokens if quantity.number_start <= t.start < quantity.number_end]
    evidence = clause_span(parse, trigger, number, extra=(quantity.start, quantity.end))
    is_background, date = claim_time(
        parse, timeline, parse.sentences[trigger.sent], evidence, trigger, noun
    )
    count, low, high, rule = quantity.count, quantity.low, quantity.high, quantity.rule
    if noun is not None and _partitive(parse, noun, number):
        rule = f"{rule}+part"  # "one of the men who died": part of a toll told (`fatalities`)
    if trigger.lemma.lower() == "casualty":  # dead and wounded together: at most N dead
        count, low, high, rule = 0, 0, quantity.high or quantity.count, f"casualties+{rule}"
    return Claim(
        claim_id="", kind=trigger_kind(parse, trigger) or "killed", count=count, count_low=low,
        count_high=high, victims=victims, claimant=claimant, is_background=is_background,
        date=date, evidence=evidence, victim_side=side, rule=f"count.{rule};{claimant_rule}",
        claimant_span=claimant_span,
    )  # fmt: skip


def _uncounted_claim(
    parse: Parse, trigger: Token, timeline: Timeline, quotes: tuple[Quote, ...]
) -> Claim | None:
    """A single named or "a/an" victim (count 1), or "casualties" with no figure (0 killed)."""
    kind = trigger_kind(parse, trigger) or "killed"
    if trigger.lemma.lower() == "casualty":
        count, low, high, noun, rule = 0, 0, None, None, "count.casualties_unspecified"
    else:
        noun = _single_victim(parse, trigger)
        if noun is None:
            return None
        count, low, high, rule = 1, 1, 1, "count.single_victim"
    if noun is not None and _ordinal(parse, noun):  # "a seventh person died": one more death
        rule = "count.ordinal_victim"  # of a toll told before (`fatalities` adds no group)
    claimant, claimant_span, claimant_rule = claimant_evidence(
        parse, trigger, trigger.start, quotes
    )
    victims, side = victims_of(parse, noun, claimant)
    evidence = clause_span(parse, trigger, [noun] if noun is not None else [])
    is_background, date = claim_time(
        parse, timeline, parse.sentences[trigger.sent], evidence, trigger
    )
    return Claim(
        claim_id="", kind=kind, count=count, count_low=low, count_high=high, victims=victims,
        claimant=claimant, is_background=is_background, date=date, evidence=evidence,
        victim_side=side, rule=f"{rule};{claimant_rule}", claimant_span=claimant_span,
    )  # fmt: skip


ORDINALS = frozenset(
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


def _ordinal(parse: Parse, noun: Token) -> bool:
    """ "a seventh person", "the 12th victim": a victim counted on top of those told before."""
    for child in parse.children(noun):
        word = child.text.lower()
        if child.dep == "amod" and (
            word in ORDINALS or (word[:-2].isdigit() and word[-2:] in ("th", "st", "nd", "rd"))
        ):
            return True
    return False


def _single_victim(parse: Parse, trigger: Token) -> Token | None:
    candidates: list[Token] = []
    if trigger.pos in ("VERB", "AUX"):
        wanted = (
            ("nsubjpass", "dobj", "nsubj")
            if trigger.lemma.lower() == "die"
            else ("nsubjpass", "dobj")
        )
        candidates = [c for c in parse.children(trigger) if c.dep in wanted]
        if trigger.dep == "conj" and not candidates:  # "a suspect was shot and died"
            shared = parse.tokens[trigger.head]
            candidates = [c for c in parse.children(shared) if c.dep in ("nsubj", "nsubjpass")]
        if trigger.dep in ("acl", "relcl", "amod"):
            candidates.append(parse.tokens[trigger.head])
        if trigger.dep in ("xcomp", "oprd") and not candidates:  # "was found killed"
            candidates = _victims_of_verb(parse, parse.tokens[trigger.head])
    elif trigger.pos == "NOUN":
        of_object = _of_object(parse, trigger)
        candidates = [of_object] if of_object is not None else []
        candidates += _victims_of_verb(parse, _verb_above(parse, trigger))  # "shot to death"
    elif trigger.pos == "ADJ":
        candidates = _victims_of_verb(parse, _verb_above(parse, trigger))  # "was found dead"
    for noun in candidates:
        if noun.tag not in ("NN", "NNP") or noun.ent_type in SKIP_ENTITIES:
            continue
        determined = any(c.text.lower() in HUMAN_SINGULAR_DETS for c in parse.children(noun))
        if noun.ent_type == "PERSON" or (determined and noun.lemma.lower() in HUMAN_NOUNS):
            return noun
    return None


def _verb_above(parse: Parse, trigger: Token) -> Token | None:
    """The verb of "shot to death" / "found dead": the trigger's head verb, through "to"."""
    head = parse.tokens[trigger.head]
    if head.text.lower() == "to" and trigger.dep == "pobj":
        head = parse.tokens[head.head]
    ok = trigger.dep in ("pobj", "oprd", "acomp", "xcomp", "advmod") and head.pos == "VERB"
    return head if ok and head.i != trigger.i else None


def _victims_of_verb(parse: Parse, verb: Token | None) -> list[Token]:
    if verb is None:
        return []
    found = [c for c in parse.children(verb) if c.dep in ("nsubjpass", "dobj")]
    if not found and verb.dep == "conj":  # "a man was attacked and beaten to death"
        shared = parse.tokens[verb.head]
        found = [c for c in parse.children(shared) if c.dep == "nsubjpass"]
    return found
