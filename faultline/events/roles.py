"""Syntactic roles around a trigger: its clause, who acted (agent), who was hit (target).

Read from the dependency parse only (`models.Parse`); naming the actors these tokens stand for is
`actors.ActorDictionary.name_phrase`'s job.
"""

from __future__ import annotations

import itertools

from ..records import Parse, Token

LIGHT_VERBS = frozenset(
    "launch relaunch re-launch carry conduct stage mount hold organize organise resume intensify "
    "commit perpetrate unleash step renew begin start".split()
)
# Verbs whose object is the weapon and whose subject used it (not "the convoy hit a bomb").
WIELD_VERBS = frozenset("fire launch drop plant throw hurl lob detonate use deploy".split())
CLASH_WORDS = frozenset("clash fight battle skirmish exchange fighting gunfight firefight".split())
TARGET_PREPS = frozenset("at on against toward towards into".split())


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def noun_phrase(parse: Parse, token: Token) -> tuple[int, int]:
    """The words that name an actor: the token with its modifiers and coordinated nouns, and an "of"
    phrase ("positions of the army"); not relative clauses or other prepositional phrases."""
    start, end = token.start, token.end
    for child in parse.children(token):
        if child.dep in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"):
            start = min(start, parse.subtree_span(child)[0])
        elif child.dep in ("conj", "cc") or (child.dep == "prep" and _lemma(child) == "of"):
            end = max(end, parse.subtree_span(child)[1])
    return start, end


def governors(parse: Parse, token: Token) -> list[Token]:
    return list(itertools.islice(parse.ancestors(token), 30))


def nearest_verb(parse: Parse, token: Token) -> Token:
    verb = token
    for _ in range(6):
        if verb.pos in ("VERB", "AUX") or verb.head == verb.i:
            break
        verb = parse.tokens[verb.head]
    return verb


def clause_verb(parse: Parse, token: Token) -> Token:
    """The verb whose subject acts: the token itself, or the light verb of a nominal trigger."""
    if token.pos in ("VERB", "AUX"):
        return token
    head = parse.tokens[token.head]
    if token.dep in ("dobj", "nsubjpass", "attr") and _lemma(head) in LIGHT_VERBS:
        return head
    return token


def agent(parse: Parse, anchor: Token) -> Token | None:
    """Who acted: the subject (through coordination), the passive agent, or a possessor/modifier."""
    verb = clause_verb(parse, anchor)
    for current in (verb, *_conj_heads(parse, verb)):
        children = parse.children(current)
        passive = next((c for c in children if c.dep == "agent"), None)
        if passive is not None:
            return next((c for c in parse.children(passive) if c.dep == "pobj"), None)
        subject = next((c for c in children if c.dep == "nsubj"), None)
        if subject is not None:
            return _acl_agent(parse, subject) or subject  # "shells fired by X landed": X
    if anchor.pos in ("NOUN", "PROPN") or anchor.tag == "VBG":
        noun = parse.tokens[anchor.head] if anchor.dep == "compound" else anchor
        found = _noun_agent(parse, anchor) or (
            _noun_agent(parse, noun) if noun is not anchor else None
        )
        if found is not None:
            return found
        head = parse.tokens[noun.head]
        if noun.dep == "dobj" and _lemma(head) in WIELD_VERBS and head.i != noun.i:
            return agent(parse, head)  # "fighters fired mortar rounds": who fired them
        if verb.pos not in ("VERB", "AUX"):
            return None  # "their convoy hit a roadside bomb": the convoy did not plant it
    if verb.dep == "advcl" and verb.tag == "VBG":  # "warplanes struck X, killing 12": who struck
        return agent(parse, parse.tokens[verb.head]) if verb.head != verb.i else None
    return _nearby_subject(parse, verb)


def _acl_agent(parse: Parse, noun: Token) -> Token | None:
    """The agent of a participle on a noun: "mortar rounds fired by Al Shabaab"."""
    for child in parse.children(noun):
        if child.dep == "acl":
            by = next((c for c in parse.children(child) if c.dep == "agent"), None)
            if by is not None:
                return next((c for c in parse.children(by) if c.dep == "pobj"), None)
    return None


def _noun_agent(parse: Parse, anchor: Token) -> Token | None:
    """The agent a nominal trigger names itself: "rounds fired by X", "fighting between X and
    Y", "X's offensive", "a Turkish drone"."""
    found = _acl_agent(parse, anchor)
    if found is not None:
        return found
    for child in parse.children(anchor):
        if child.dep == "prep" and _lemma(child) == "between":
            return next((c for c in parse.children(child) if c.dep == "pobj"), None)
    modifier = next(
        (
            c
            for c in parse.children(anchor)
            if c.dep in ("poss", "amod") or (c.dep == "compound" and c.pos == "PROPN")
        ),
        None,
    )  # "the army's offensive", "a Turkish drone", "an Israeli strike": not "mortar rounds"
    return modifier if modifier is not None and modifier.pos != "PRON" else None


def _nearby_subject(parse: Parse, verb: Token) -> Token | None:
    """A subject just before the verb whose head lies between them (a verb split by the tokenizer:
    "the enemy re - launched")."""
    sentence = parse.sentences[verb.sent]
    for token in reversed(parse.tokens[max(sentence.token_start, verb.i - 6) : verb.i]):
        if token.dep == "nsubj" and token.i < token.head <= verb.i:
            return token
    return None


def _conj_heads(parse: Parse, token: Token) -> list[Token]:
    out: list[Token] = []
    current = token
    while current.dep == "conj" and current.head != current.i and len(out) < 5:
        current = parse.tokens[current.head]
        out.append(current)
    return out


def target(parse: Parse, anchor: Token) -> Token | None:
    """Who or what was hit: the object, a passive subject, or the object of "at/on/against"."""
    verb = clause_verb(parse, anchor)
    coordinated = [c for c in parse.children(verb) if c.dep == "conj" and c.pos == "VERB"]
    governing = (
        [parse.tokens[anchor.head]] if anchor.dep == "nsubj" else []
    )  # "a bomb killed soldiers"
    for head in (anchor, verb, *governing, *coordinated):
        children = parse.children(head)
        direct = next(
            (c for c in children if c.dep in ("dobj", "nsubjpass") and c.i != anchor.i), None
        )
        if direct is not None:
            return direct
        preps = TARGET_PREPS | ({"with"} if _lemma(anchor) in CLASH_WORDS else set())
        for prep in (c for c in children if c.dep == "prep" and _lemma(c) in preps):
            pobj = next((c for c in parse.children(prep) if c.dep == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def victim(parse: Parse, verb: Token) -> Token | None:
    """Who died or was killed: the subject of an intransitive death verb ("civilians died"), the
    passive subject or the object of a killing verb."""
    children = parse.children(verb)
    deps = ("nsubj",) if _lemma(verb) == "die" else ("nsubjpass", "dobj")
    return next((c for c in children if c.dep in deps), None)


def casualties(parse: Parse, anchor: Token, verbs: frozenset[str]) -> Token | None:
    """The victims of a death verb around the trigger: one governing it ("soldiers were killed when
    their convoy hit a bomb") or one it governs ("a bomb exploded, killing five civilians")."""
    verb = nearest_verb(parse, anchor)
    near = [*governors(parse, anchor)[:4], *(c for c in parse.children(verb) if c.pos == "VERB")]
    for token in near:
        if _lemma(token) in verbs and token.pos == "VERB":
            found = victim(parse, token)
            if found is not None:
                return found
    return None
