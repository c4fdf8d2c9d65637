"""Who said it: from the subject of a speech verb to a speaker name and role, with back-reference.

A subject is described by the shape of its noun phrase:

    person     "The ministry spokesman Ali Hassan"   -> name "Ali Hassan", role "ministry spokesman"
               "Analyst Jane Roe of the X Center"       -> name "Jane Roe", role "analyst"
               "one of the relatives, John Doe, 65,"    -> name "John Doe", role "relative"
    body       "Mali's defence ministry", "Bamako"      -> name as written (without "the")
    statement  "Wednesday's statement", "the statement" -> the body whose statement it is
               "a statement from the armed forces"      -> the armed forces
    definite   "the ministry", "the army", "the spokesman" -> the last speaker with that head noun
               (or role); "the army", "the police" name a body on their own when there is none
    pronoun    "he", "she"                              -> the last person-like speaker
               "it", "they"                             -> the most recent body that spoke
    nominal    "one analyst", "witnesses"               -> the phrase itself, role = its head noun

Resolution of back-references (pronouns, "the ministry", "the statement") is in `antecedents`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

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
PERSON_NOUNS = ROLE_WORDS | frozenset(
    "official source witness villager survivor resident man woman person people parent mother "
    "father relative neighbour neighbor spokesperson eyewitness medic nurse worker resident "
    "farmer trader herder fisherman driver shopkeeper teacher priest officer policeman".split()
)
# Heads that name one body on their own in a news story ("the army said"); the other body nouns
# ("the ministry", "the group") only refer back to a body named before.
SELF_NAMING_HEADS = frozenset(
    "army military police government authorities authority junta presidency forces force "
    "kremlin pentagon parliament cabinet".split()
)
STATEMENT_NOUNS = frozenset(
    "statement communique communiqué release report letter post tweet message announcement "
    "bulletin note declaration".split()
)
BODY_ENTITIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
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


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote before its speaker is resolved: the subject token of its cue verb."""

    start: int
    end: int
    text: str
    is_direct: bool
    subject: Token | None
    cue: Token | None
    rule: str
    continues: int | None = None  # start of the quote whose speaker this one continues
    pieces: tuple[Span, ...] = ()  # a quote split around its attribution: its stretches

    def continuing(self, previous: Attribution) -> Attribution:
        return dataclasses.replace(self, continues=previous.start, rule="direct.continuation")

    def spans(self) -> tuple[Span, ...]:
        """The quote's stretches of text: its pieces, or the one span start..end."""
        return self.pieces or (Span(self.start, self.end, self.text),)

    def joined(self, later: Attribution) -> Attribution:
        """This quote with `later`'s words as further pieces ('"A," she said. "B."'): one quote
        from the first piece's start to the last piece's end, its text the pieces' texts joined
        by a space."""
        pieces = self.spans() + later.spans()
        text = " ".join(piece.text for piece in pieces)
        return dataclasses.replace(self, end=later.end, text=text, pieces=pieces)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None
    kind: str  # person, body, statement, definite, pronoun, nominal, group, unknown
    span: Span | None
    head_lemma: str = ""
    plural: bool = False

    @property
    def is_person_like(self) -> bool:
        """A named person or a person described by a role ("a local official", "witnesses")."""
        if self.kind == "person":
            return True
        return self.kind in ("nominal", "definite") and self.head_lemma in PERSON_NOUNS


# ------------------------------------------------------------------------------------ describing


def describe(parse: Parse, head: Token) -> Speaker:
    """Name, role and kind of the noun phrase headed by `head` (and its conjuncts: "X and Y")."""
    first = _describe_one(parse, head)
    conjuncts = [c for c in parse.children(head) if c.dep == "conj" and c.pos in ("PROPN", "NOUN")]
    if not conjuncts or first.kind == "pronoun":
        return first
    parts = [first] + [_describe_one(parse, c) for c in conjuncts]
    name = " and ".join(p.name or "" for p in parts)
    roles = {p.role for p in parts}
    role = parts[0].role if len(roles) == 1 else None
    kinds = {p.kind for p in parts}
    kind = "group" if len(kinds) > 1 else first.kind
    spans = [p.span for p in parts if p.span is not None]
    span = (
        _span(parse, [parse.tokens[head.i]])
        if not spans
        else Span(spans[0].start, spans[-1].end, parse.text[spans[0].start : spans[-1].end])
    )
    return Speaker(name, role, kind, span, first.head_lemma)


def _describe_one(parse: Parse, head: Token) -> Speaker:
    lower = head.text.lower()
    if head.pos == "PRON" and lower not in ("one",):
        return Speaker(head.text, None, "pronoun", _span(parse, [head]), lower)
    if head.lemma.lower() in STATEMENT_NOUNS:
        issuer = _statement_issuer(parse, head)
        if issuer is not None:  # "a statement from the armed forces" -> the armed forces
            return _describe_one(parse, issuer)
    of_object = (
        _of_object(parse, head) if lower in ("one", "some", "many", "two", "three") else None
    )
    appos = [
        c for c in parse.children(head)
        if c.dep == "appos" and c.pos == "PROPN"
        and not any(t.text == "(" for t in parse.tokens[head.i + 1 : c.i])  # "(D-Ore.)"
    ]  # fmt: skip
    if not appos and head.lemma.lower() in PERSON_NOUNS:  # "the mayor of X, Ana Ortiz,"
        owner = _of_object(parse, head)
        children = parse.children(owner) if owner is not None else []
        appos = [c for c in children if c.dep == "appos" and c.ent_type == "PERSON"]
    if appos and head.lemma.lower() in BODY_NOUNS:  # "the UN humanitarian office, OCHA,"
        return dataclasses.replace(_named(parse, appos[0], None), kind="body")
    if appos:
        role = (
            _singular(of_object)
            if of_object is not None
            else _role_text(parse, head, include_head=True)
        )
        return _named(parse, appos[0], role)
    if of_object is not None:
        return _nominal(parse, head, _singular(of_object))
    if head.pos == "PROPN" and _is_personal(parse, head):
        role = _role_text(parse, head, include_head=False) or _appositive_role(parse, head)
        return _named(parse, head, role)
    return _non_person(parse, head)


def _appositive_role(parse: Parse, head: Token) -> str | None:
    """ "Aminata Guindo, a mother of five who ..." -> "mother"."""
    for child in parse.children(head):
        if child.dep == "appos" and child.pos == "NOUN" and child.lemma.lower() in PERSON_NOUNS:
            return _role_text(parse, child, include_head=True)
    return None


def _named(parse: Parse, head: Token, role: str | None) -> Speaker:
    left = [
        c for c in parse.children(head)
        if c.i < head.i and (c.dep in ("compound", "amod", "nmod") or c.text == "-")
    ]  # fmt: skip
    tokens = [head]
    for child in sorted(left, key=lambda t: -t.i):
        hyphen = child.text == "-" and _hyphen_tail(parse, tokens[0])  # "Ban Ki-moon"
        if (hyphen or child.pos == "PROPN" and _is_name_word(child)) and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
    name = parse.text[tokens[0].start : tokens[-1].end]
    kind = "person"
    if head.ent_type in ("ORG", "GPE", "NORP") and not role:
        kind = "body"
    return Speaker(name, role or None, kind, _span(parse, tokens), head.lemma.lower())


def _non_person(parse: Parse, head: Token) -> Speaker:
    lemma = head.lemma.lower()
    tokens = _phrase_tokens(parse, head)
    name = _strip_determiner(parse, tokens)
    plural = head.tag in ("NNS", "NNPS")
    if lemma in STATEMENT_NOUNS:
        return Speaker(name, None, "statement", _span(parse, tokens), lemma)
    if lemma in PERSON_NOUNS and lemma not in BODY_NOUNS and head.pos == "NOUN":
        speaker = _nominal(parse, head, _role_text(parse, head, include_head=True))
        if is_definite(parse, head):  # "the spokesman", "the governor"
            return dataclasses.replace(speaker, kind="definite")
        return speaker  # "a local official in Douentza", "a UN official"
    proper_modifier = any(
        t.i != head.i and (t.pos == "PROPN" or t.ent_type in ("NORP", "GPE", "ORG")) for t in tokens
    )
    if head.pos == "PROPN" or proper_modifier or head.ent_type in ("ORG", "GPE", "NORP"):
        return Speaker(name, None, "body", _span(parse, tokens), lemma, plural)
    if lemma in BODY_NOUNS:
        kind = "definite" if is_definite(parse, head) else "body"
        return Speaker(name, None, kind, _span(parse, tokens), lemma, plural)
    return _nominal(parse, head, _role_text(parse, head, include_head=True))


def is_definite(parse: Parse, head: Token) -> bool:
    """ "the ministry", "the armed forces": "the" and at most plain adjectives, nothing that names
    whose it is (no possessor, no proper or compound modifier, no "of" phrase)."""
    children = parse.children(head)
    left = [c for c in children if c.i < head.i]
    if not any(c.dep == "det" and c.text.lower() in ("the", "this", "these") for c in left):
        return False
    plain = all(
        c.dep == "det" or (c.dep in ("amod", "compound") and c.pos in ("ADJ", "NOUN")
                           and c.ent_type == "")
        for c in left
    )  # fmt: skip
    of_phrase = any(c.dep == "prep" and c.text.lower() in ("of", "in", "for") for c in children)
    return plain and not of_phrase


def _statement_issuer(parse: Parse, head: Token) -> Token | None:
    """Who issued a statement: "a statement from/by X", "X's statement" (not "Wednesday's")."""
    for child in parse.children(head):
        if child.dep == "prep" and child.text.lower() in ("from", "by", "of"):
            objects = [c for c in parse.children(child) if c.dep == "pobj"]
            if objects and objects[0].lemma.lower() not in STATEMENT_NOUNS:
                return objects[0]
        if child.dep == "poss" and child.ent_type not in ("DATE", "TIME"):
            if child.pos in ("PROPN", "NOUN"):
                return child
    return None


def _nominal(parse: Parse, head: Token, role: str | None) -> Speaker:
    tokens = _phrase_tokens(parse, head)
    return Speaker(
        _strip_determiner(parse, tokens), role, "nominal", _span(parse, tokens),
        head.lemma.lower(), head.tag in ("NNS", "NNPS"),
    )  # fmt: skip


def _is_personal(parse: Parse, head: Token) -> bool:
    """A proper-noun head names a person: a role word in front of it, a first name, or a PERSON
    entity that is not a country or city ("Bamako said" is a government speaking)."""
    if not (_is_name_word(head) or _hyphen_tail(parse, head)):
        return False
    left = [c for c in parse.children(head) if c.i < head.i]
    if any(c.text.lower().rstrip(".") in ROLE_WORDS for c in left):
        return True
    names = [
        c for c in left
        if c.dep == "compound" and c.pos == "PROPN" and _is_name_word(c)
        and c.ent_type not in BODY_ENTITIES
    ]  # fmt: skip
    if names:
        return head.ent_type not in BODY_ENTITIES
    return head.ent_type == "PERSON" and not _is_place(head.text)


def _hyphen_tail(parse: Parse, token: Token) -> bool:
    """The part after the hyphen of a capitalised name written as one word ("Ki-moon")."""
    if token.i < 2:
        return False
    hyphen, before = parse.tokens[token.i - 1], parse.tokens[token.i - 2]
    joined = before.end == hyphen.start and hyphen.end == token.start
    return hyphen.text == "-" and joined and before.text[:1].isupper()


def _is_name_word(token: Token) -> bool:
    word = token.text.lower().rstrip(".")
    return (
        token.text[:1].isupper() and word not in ROLE_WORDS | BODY_NOUNS and word not in HONORIFICS
    )


def _role_text(parse: Parse, head: Token, include_head: bool) -> str | None:
    """Role words of a phrase: compounds/adjectives (not names or possessors) and the head noun."""
    words: list[Token] = [head] if include_head else []
    stack = [head]
    while stack:
        parent = stack.pop()
        for child in parse.children(parent):
            if child.i > head.i or child.dep not in ("compound", "amod"):
                continue
            of_role = parent.text.lower().rstrip(".") in ROLE_WORDS and child.ent_type == ""
            if child.pos == "PROPN" and _is_name_word(child) and not of_role:
                continue  # a name, not "Defence" in "Defence Minister"
            words.append(child)
            stack.append(child)
    words = [w for w in words if w.text.lower().rstrip(".") not in HONORIFICS]
    if not words:
        return None
    ordered = sorted(words, key=lambda t: t.i)
    return " ".join(w.text if w.ent_type == "NORP" else w.text.lower() for w in ordered)


def _of_object(parse: Parse, head: Token) -> Token | None:
    for prep in parse.children(head):
        if prep.dep == "prep" and prep.text.lower() == "of":
            objects = [c for c in parse.children(prep) if c.dep == "pobj"]
            if objects:
                return objects[0]
    return None


def _singular(token: Token) -> str:
    return token.lemma.lower() if token.tag in ("NNS", "NNPS") else token.text.lower()


def _phrase_tokens(parse: Parse, head: Token) -> list[Token]:
    """The head with its left modifiers and its "of/on/for" phrases (no clauses, no appositions);
    a proper name keeps its whole written form ("Group to Support Islam and Muslims (GSIM)")."""
    keep = {head.i}
    for child in parse.children(head):
        if child.i < head.i and child.dep in PHRASE_LEFT_DEPS:
            keep.update(_subtree_indices(parse, child))
        elif (
            child.i > head.i
            and child.dep == "prep"
            and child.text.lower() in ("of", "on", "for", "in")
        ):
            keep.update(_subtree_indices(parse, child, prune=CLAUSE_DEPS))
        elif child.i > head.i and head.pos == "PROPN" and _is_name_part(parse, child):
            keep.update(_subtree_indices(parse, child))
    low, high = min(keep), max(keep)
    tokens = list(parse.tokens[low : high + 1])
    opened = sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
    if opened > 0 and high + 1 < len(parse.tokens) and parse.tokens[high + 1].text == ")":
        tokens.append(parse.tokens[high + 1])
    return tokens


NAME_FUNCTION_WORDS = frozenset({"to", "of", "and", "for", "the", "in", "(", ")", "&", "-"})


def _is_name_part(parse: Parse, child: Token) -> bool:
    """A right-hand part of a proper name: capitalised words and function words only."""
    if child.dep not in ("acl", "relcl", "appos", "prep", "compound", "npadvmod", "conj", "cc"):
        return False
    words = [parse.tokens[i] for i in _subtree_indices(parse, child)]
    proper = [w for w in words if w.text[:1].isupper()]
    rest = [w for w in words if w.text.lower() in NAME_FUNCTION_WORDS]
    return bool(proper) and len(proper) + len(rest) == len(words)


CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "punct", "parataxis"})


def _subtree_indices(parse: Parse, token: Token, prune: frozenset[str] = frozenset()) -> set[int]:
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


def _strip_determiner(parse: Parse, tokens: list[Token]) -> str:
    while tokens and (tokens[0].dep == "det" and tokens[0].text.lower() in ("the", "a", "an")):
        tokens = tokens[1:]
    if not tokens:
        return ""
    return parse.text[tokens[0].start : tokens[-1].end]


def _span(parse: Parse, tokens: list[Token]) -> Span:
    start, end = tokens[0].start, tokens[-1].end
    return Span(start, end, parse.text[start:end])


def _is_place(name: str) -> bool:
    return country_of(name) is not None or is_city(name)
