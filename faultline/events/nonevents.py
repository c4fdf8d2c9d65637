"""Why a trigger word is not a real event: a denial, a call, a threat, a trial, a forecast, a
commemoration, a negation or a modal, a generic statement, a reference to the dead or to past
events rather than a report. `rejection` walks the trigger's governors (up to a coordinated clause,
which makes its own claim) and returns the reason, which becomes the rule name; None when the
trigger reports an event.
"""

from __future__ import annotations

from ..records import Parse, Token

# A governing word that makes the trigger a non-event, and why (the reason becomes the rule name).
REJECT_GOVERNORS = {
    **dict.fromkeys("deny reject refute dismiss rebuff".split(), "denial"),
    **dict.fromkeys("call urge appeal plead demand ask seek".split(), "call"),
    **dict.fromkeys(
        "ceasefire truce end halt stop cease prevent avoid ban suspend".split(), "call"
    ),
    **dict.fromkeys("offer propose".split(), "offer"),
    **dict.fromkeys(
        "threaten threat warn vow pledge promise plan prepare intend fear risk danger prospect "
        "possibility ready".split(),
        "threat",
    ),
    **dict.fromkeys(
        "commemorate commemoration anniversary memorial mourn remember honor honour "
        "tribute".split(),
        "commemoration",
    ),
    **dict.fromkeys(
        "trial court convict sentence prosecute charge indict verdict jail acquit hearing testify "
        "tribunal guilty imprison".split(),
        "trial",
    ),
    **dict.fromkeys("concern worry alarm".split(), "concern"),
    **dict.fromkeys(
        "condemn condemnation denounce deplore criticize criticise criticism".split(), "reaction"
    ),
    **dict.fromkeys(
        "negotiate negotiation talk discuss discussion mediate broker summit".split(), "negotiation"
    ),
    **dict.fromkeys("expect predict forecast likely".split(), "forecast"),
}
# Predicates that report an event happening when its noun is their subject ("clashes erupted").
OCCUR = frozenset(
    "erupt break take occur continue resume rage kill leave injure wound claim intensify happen "
    "begin "
    "start flare spread hit damage destroy target force cause displace last strike rock shake "
    "kill left explode detonate go rip tear".split()
)
NAMING_VERBS = frozenset("call describe term label brand dub".split())
MODALS = frozenset("could may might would will shall should can must".split())
CONDITIONAL_MARKS = frozenset("if unless whether".split())
HYPOTHETICAL_MODIFIERS = frozenset("possible potential future planned further new".split()) - {
    "new"
}
PEOPLE_STATES = frozenset("wound injure wounded injured".split())
NOMINAL_DEPS = frozenset("pobj dobj nsubj nsubjpass".split())
GENERIC_NOUNS = frozenset("act acts".split())
AFTER = frozenset({"after", "since"})
SPANS = frozenset("minute minutes hour hours day days week weeks month months year years".split())
AGENT_NOUNS = frozenset("mob protester protestor demonstrator rioter bomber".split())


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _chain(parse: Parse, token: Token) -> list[Token]:
    """The token and its governors up to the root, stopping at a coordinated clause (its own
    claim)."""
    chain = [token]
    while chain[-1].head != chain[-1].i and len(chain) < 30:
        current = chain[-1]
        head = parse.tokens[current.head]
        if current.dep == "conj" and head.pos in ("VERB", "AUX") and current.pos in ("VERB", "AUX"):
            break
        chain.append(head)
    return chain


def rejection(parse: Parse, token: Token) -> str | None:
    """Why a trigger is not a real event (denial, call, offer, threat, modality, ...), else None."""
    chain = _chain(parse, token)
    for place, governor in enumerate(chain):
        if governor is not token and _lemma(governor) in REJECT_GOVERNORS:
            if not _names_it(chain, place):
                return REJECT_GOVERNORS[_lemma(governor)]
        for child in parse.children(governor):
            if child.dep == "neg" or (child.dep == "det" and _lemma(child) == "no"):
                return "negation"
            if child.dep == "aux" and _lemma(child) in MODALS:
                return "modality"
            if child.dep == "mark" and _lemma(child) in CONDITIONAL_MARKS:
                return "conditional"
        if _a_while_after(parse, governor):
            return "earlier"  # "..., a day after a suicide bomber killed six policemen"
        if (
            governor.pos == "VERB"
            and _lemma(governor) == "continue"
            and governor.tag in ("VBZ", "VBP")
        ):
            return "generic"
    if token.pos == "VERB" and token.tag in ("VBZ", "VBP"):
        return "generic"
    if _lemma(token) in PEOPLE_STATES and (token.pos != "VERB" or token.dep in NOMINAL_DEPS):
        return "reference"  # "the wounded were evacuated": people, not a report of the event
    if token.dep == "amod" and token.tag == "VBN":
        return "modifier"  # "wounded servicemen": a state of the people, not a report of the event
    if (
        token.dep == "nsubj"
        and token.pos == "NOUN"
        and _lemma(token) not in AGENT_NOUNS
        and _lemma(parse.tokens[token.head]) not in OCCUR
    ):
        return (
            "reference"  # "the clashes have radicalized opinion": talk about events, not a report
        )
    if len(chain) > 2 and _lemma(chain[1]) == "of" and _lemma(chain[2]) in GENERIC_NOUNS:
        return "generic"
    if any(c.dep == "amod" and _lemma(c) in HYPOTHETICAL_MODIFIERS for c in parse.children(token)):
        return "modality"
    return None


def _a_while_after(parse: Parse, token: Token) -> bool:
    """`token` heads a clause or phrase set a while after or since another moment ("a day after
    X killed", "two weeks after soldiers shot", "hours after the attack"): an earlier event the
    report refers to, not the one it reports."""
    def measured(word: Token) -> bool:
        return any(c.dep == "npadvmod" and _lemma(c) in SPANS for c in parse.children(word))

    children = parse.children(token)
    if any(c.dep == "mark" and _lemma(c) in AFTER for c in children) and measured(token):
        return True
    head = parse.tokens[token.head]
    return token.dep == "pobj" and _lemma(head) in AFTER and measured(head)


def _names_it(chain: list[Token], place: int) -> bool:
    """Is the governor at `chain[place]` a verb of naming ("what activists called a chemical
    attack", "described as an attack"), not of appeal ("called for a ceasefire")?"""
    governor, below = chain[place], chain[place - 1]
    return (
        _lemma(governor) in NAMING_VERBS
        and below.dep in ("oprd", "attr", "dobj", "xcomp")
        or (_lemma(governor) in NAMING_VERBS and _lemma(below) == "as")
    )
