"""The words that report a casualty, and of which kind (`trigger_kind`): "killed", "wounded",
"displaced", "abducted", "arrested", "missing", from verbs ("killed"), nouns ("deaths", "the
toll", "lives" after "claimed"), and nouns that stand for a toll ("the number of dead"). A trigger
in an aim ("attempted to kill") or a modifier ("a murder suspect") reports nothing.
"""

from __future__ import annotations

from ..records import Parse, Token

KIND_LEMMAS = {
    "killed": "kill die slay execute behead massacre murder assassinate neutralise neutralize "
    "lynch martyr death dead fatality body corpse toll",
    "injured": "wound injure hurt maim injury",
    "displaced": "displace flee evacuate uproot displacement evacuee refugee homeless",
    "abducted": "abduct kidnap hostage abduction kidnapping",
    "arrested": "arrest detain apprehend jail imprison detention detainee capture",
    "missing": "missing",
}
TRIGGERS = {lemma: kind for kind, lemmas in KIND_LEMMAS.items() for lemma in lemmas.split()}
LIFE_VERBS = frozenset({"claim", "take", "lose", "cost"})
# Nouns that tell a toll through their `of` noun ("the number of dead", "a tally of injuries"):
# they stand for it, so a number set at them ("put ... at 11") is that toll, its claimant the
# subject that sets it.
TALLY_NOUNS = frozenset({"number", "count", "tally", "figure"})
INTENT_VERBS = frozenset("attempt try plan threaten seek vow want intend".split())
# Verbs by which a toll, their subject, comes to a number: "the death toll rose to 23", "the number
# of dead reached 40", "the toll stands at 12", "the toll is 9".
LEVEL_VERBS = frozenset(
    "rise climb reach stand hit jump increase grow mount soar top pass exceed surpass be".split()
)


def trigger_kind(parse: Parse, token: Token) -> str | None:
    """The kind of casualty a token reports ("killed", "lives" after "claimed", ...), or None."""
    lemma = token.lemma.lower()
    if lemma in LIFE_VERBS or token.pos in ("PROPN", "PUNCT"):
        return None
    if token.dep == "xcomp" and parse.tokens[token.head].lemma.lower() in INTENT_VERBS:
        return None  # "attempted to kill a suspect": nobody died
    if token.dep == "compound" and token.pos == "NOUN":
        return None  # "a murder suspect", "death threats": a modifier, not a death
    if lemma in ("life", "live") and token.pos == "NOUN":
        head = parse.tokens[token.head]
        if head.text.lower() == "of":  # "claimed hundreds of lives"
            head = parse.tokens[parse.tokens[head.head].head]
        return "killed" if head.lemma.lower() in LIFE_VERBS else None
    if lemma == "casualty":
        return "killed"
    if lemma in TALLY_NOUNS and token.pos == "NOUN":  # "put the number of dead at 11"
        return tally_kind(parse, token)
    if lemma == "toll" and any(
        c.lemma.lower() in ("injury", "wounded") for c in parse.children(token)
    ):
        return "injured"
    return TRIGGERS.get(lemma) or TRIGGERS.get(token.text.lower())


def is_toll(token: Token) -> bool:
    """A noun that is a toll: "toll", or one of `TALLY_NOUNS` ("the number of dead")."""
    lemma = token.lemma.lower()
    return token.pos == "NOUN" and (lemma == "toll" or lemma in TALLY_NOUNS)


def tally_kind(parse: Parse, noun: Token) -> str | None:
    """The kind a "number of dead" or "a tally of injuries" tells: its `of` noun's."""
    for of in parse.children(noun):
        if of.dep == "prep" and of.text.lower() == "of":
            for counted in parse.children(of):
                if counted.dep == "pobj" and counted.lemma.lower() not in TALLY_NOUNS:
                    return trigger_kind(parse, counted)
    return None
