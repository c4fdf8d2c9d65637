"""The words of a speaker's phrase, read from the parse: its tokens, role text, determiner-free
span and name parts."""

from __future__ import annotations

from ..actors.sides import country_of, is_city
from ..records import Parse, Span, Token

HONORIFICS = frozenset("mr mrs ms dr sir dame".split())
ROLE_WORDS = frozenset(
    "analyst spokesman spokeswoman spokesperson minister president prime premier resident official "
    "commander general colonel major captain lieutenant governor mayor chief director head leader "
    "ambassador envoy secretary senator representative ombudsperson ombudsman expert researcher "
    "professor witness relative doctor journalist reporter activist lawyer chairman chairwoman "
    "chair "
    "deputy adviser advisor aide officer soldier sergeant lawmaker inspector prosecutor judge king "
    "queen prince sheikh imam bishop pastor cleric elder chieftain councillor councilor member "
    "coordinator negotiator mediator commissioner administrator manager founder farmer teacher "
    "student survivor victim mother father brother sister son daughter wife husband local "
    "brigadier marshal admiral corporal private warlord emir sultan pope cardinal archbishop rabbi "
    "gen col lt sgt capt maj rep sen gov pres brig".split()
)
BODY_NOUNS = frozenset(
    "ministry government army military police commission council office authorities authority "
    "committee agency forces force command administration presidency embassy group movement party "
    "union organisation organization mission court parliament cabinet junta department service "
    "headquarters coalition alliance front brigade battalion regiment division militia rebels "
    "kremlin pentagon secretariat bureau center centre institute observatory spokesperson's "
    "company network federation assembly".split()
)
PHRASE_LEFT_DEPS = (
    "det",
    "poss",
    "case",
    "compound",
    "amod",
    "nmod",
    "nummod",
    "quantmod",
    "npadvmod",
)


def is_name_word(token: Token) -> bool:
    word = token.text.lower().rstrip(".")
    return (
        token.text[:1].isupper() and word not in ROLE_WORDS | BODY_NOUNS and word not in HONORIFICS
    )


def role_text(parse: Parse, head: Token, include_head: bool) -> str | None:
    """Role words of a phrase: compounds/adjectives (not names or possessors) and the head noun."""
    words: list[Token] = [head] if include_head else []
    stack = [head]
    while stack:
        parent = stack.pop()
        for child in parse.children(parent):
            if child.i > head.i or child.dep not in ("compound", "amod"):
                continue
            of_role = parent.text.lower().rstrip(".") in ROLE_WORDS and child.ent_type == ""
            if child.pos == "PROPN" and is_name_word(child) and not of_role:
                continue  # a name, not "Defence" in "Defence Minister"
            words.append(child)
            stack.append(child)
    words = [w for w in words if w.text.lower().rstrip(".") not in HONORIFICS]
    if not words:
        return None
    ordered = sorted(words, key=lambda t: t.i)
    return " ".join(w.text if w.ent_type == "NORP" else w.text.lower() for w in ordered)


def object_of(parse: Parse, head: Token) -> Token | None:
    for prep in parse.children(head):
        if prep.dep == "prep" and prep.text.lower() == "of":
            objects = [c for c in parse.children(prep) if c.dep == "pobj"]
            if objects:
                return objects[0]
    return None


def singular(token: Token) -> str:
    return token.lemma.lower() if token.tag in ("NNS", "NNPS") else token.text.lower()


def phrase_tokens(parse: Parse, head: Token) -> list[Token]:
    """The head with its left modifiers and its "of/on/for" phrases (no clauses, no appositions);
    a proper name keeps its whole written form ("Group to Support Islam and Muslims (GSIM)")."""
    keep = {head.i}
    for child in parse.children(head):
        if child.i < head.i and child.dep in PHRASE_LEFT_DEPS:
            keep.update(subtree_indices(parse, child))
        elif (
            child.i > head.i
            and child.dep == "prep"
            and child.text.lower() in ("of", "on", "for", "in")
        ):
            keep.update(subtree_indices(parse, child, prune=CLAUSE_DEPS))
        elif child.i > head.i and head.pos == "PROPN" and is_name_part(parse, child):
            keep.update(subtree_indices(parse, child))
    low, high = min(keep), max(keep)
    tokens = list(parse.tokens[low : high + 1])
    opened = sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
    if opened > 0 and high + 1 < len(parse.tokens) and parse.tokens[high + 1].text == ")":
        tokens.append(parse.tokens[high + 1])
    return tokens


NAME_FUNCTION_WORDS = frozenset({"to", "of", "and", "for", "the", "in", "(", ")", "&", "-"})


def is_name_part(parse: Parse, child: Token) -> bool:
    """A right-hand part of a proper name: capitalised words and function words only."""
    if child.dep not in ("acl", "relcl", "appos", "prep", "compound", "npadvmod", "conj", "cc"):
        return False
    words = [parse.tokens[i] for i in subtree_indices(parse, child)]
    proper = [w for w in words if w.text[:1].isupper()]
    rest = [w for w in words if w.text.lower() in NAME_FUNCTION_WORDS]
    return bool(proper) and len(proper) + len(rest) == len(words)


CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "punct", "parataxis"})


def subtree_indices(parse: Parse, token: Token, prune: frozenset[str] = frozenset()) -> set[int]:
    """Indices of `token`'s subtree, without the children whose dependency is in `prune`
    ("in Douentza, who asked not to be named" -> "in Douentza")."""
    out, stack = {token.i}, [token]
    while stack:
        for child in parse.children(stack.pop()):
            if child.dep in prune:
                continue
            out.add(child.i)
            stack.append(child)
    return out


def strip_determiner(parse: Parse, tokens: list[Token]) -> str:
    while tokens and (tokens[0].dep == "det" and tokens[0].text.lower() in ("the", "a", "an")):
        tokens = tokens[1:]
    if not tokens:
        return ""
    return parse.text[tokens[0].start : tokens[-1].end]


def phrase_span(parse: Parse, tokens: list[Token]) -> Span:
    start, end = tokens[0].start, tokens[-1].end
    return Span(start, end, parse.text[start:end])


def is_place(name: str) -> bool:
    return country_of(name) is not None or is_city(name)
