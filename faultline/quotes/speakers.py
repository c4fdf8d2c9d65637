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

from ..records import Parse, Span, Token
from .phrases import (
    BODY_NOUNS,
    ROLE_WORDS,
    is_name_word,
    is_place,
    object_of,
    phrase_span,
    phrase_tokens,
    role_text,
    singular,
    strip_determiner,
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
        phrase_span(parse, [parse.tokens[head.i]])
        if not spans
        else Span(spans[0].start, spans[-1].end, parse.text[spans[0].start : spans[-1].end])
    )
    return Speaker(name, role, kind, span, first.head_lemma)


def _describe_one(parse: Parse, head: Token) -> Speaker:
    lower = head.text.lower()
    if head.pos == "PRON" and lower not in ("one",):
        return Speaker(head.text, None, "pronoun", phrase_span(parse, [head]), lower)
    if head.lemma.lower() in STATEMENT_NOUNS:
        issuer = _statement_issuer(parse, head)
        if issuer is not None:  # "a statement from the armed forces" -> the armed forces
            return _describe_one(parse, issuer)
    of_object = object_of(parse, head) if lower in ("one", "some", "many", "two", "three") else None
    appos = [
        c for c in parse.children(head)
        if c.dep == "appos" and c.pos == "PROPN" and not _in_brackets(parse, head, c)
    ]  # fmt: skip
    if not appos and head.lemma.lower() in PERSON_NOUNS:  # "the mayor of X, Ana Ortiz,"
        owners = [  # "the U.N. envoy to Sudan, Volker Perthes,"
            o for prep in parse.children(head)
            if prep.dep == "prep" and prep.text.lower() in ("of", "to", "for", "in")
            for o in parse.children(prep) if o.dep == "pobj"
        ]  # fmt: skip
        appos = [
            c for o in owners[:1] for c in parse.children(o)
            if c.dep == "appos" and (c.ent_type == "PERSON" or _is_personal(parse, c))
        ]  # fmt: skip
    if appos and head.lemma.lower() in BODY_NOUNS:  # "the UN humanitarian office, OCHA,"
        return dataclasses.replace(_named(parse, appos[0], None), kind="body")
    if appos:
        role = (
            singular(of_object)
            if of_object is not None
            else role_text(parse, head, include_head=True)
        )
        return _named(parse, appos[0], role)
    if of_object is not None:
        return _nominal(parse, head, singular(of_object))
    if head.pos == "PROPN" and _is_personal(parse, head):
        role = role_text(parse, head, include_head=False) or _appositive_role(parse, head)
        return _named(parse, head, role)
    return _non_person(parse, head)


def _in_brackets(parse: Parse, head: Token, appos: Token) -> bool:
    """The appositive sits inside brackets opened after the head ("Sen. Ron Wyden (D-Ore.)"),
    not after brackets closed before it ("joint secretary (home) Mayengbam Veto Singh")."""
    depth = 0
    for token in parse.tokens[head.i + 1 : appos.i]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


def _appositive_role(parse: Parse, head: Token) -> str | None:
    """ "Aminata Guindo, a mother of five who ..." -> "mother"."""
    for child in parse.children(head):
        if child.dep == "appos" and child.pos == "NOUN" and child.lemma.lower() in PERSON_NOUNS:
            return role_text(parse, child, include_head=True)
    return None


def _named(parse: Parse, head: Token, role: str | None) -> Speaker:
    left = [
        c for c in parse.children(head)
        if c.i < head.i and (c.dep in ("compound", "amod", "nmod") or c.text == "-")
    ]  # fmt: skip
    tokens = [head]
    for child in sorted(left, key=lambda t: -t.i):
        hyphen = child.text == "-" and _hyphen_tail(parse, tokens[0])  # "Ban Ki-moon"
        if (hyphen or child.pos == "PROPN" and is_name_word(child)) and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
    name = parse.text[tokens[0].start : tokens[-1].end]
    kind = "person"
    if head.ent_type in ("ORG", "GPE", "NORP") and not role:
        kind = "body"
    return Speaker(name, role or None, kind, phrase_span(parse, tokens), head.lemma.lower())


def _non_person(parse: Parse, head: Token) -> Speaker:
    lemma = head.lemma.lower()
    tokens = phrase_tokens(parse, head)
    name = strip_determiner(parse, tokens)
    plural = head.tag in ("NNS", "NNPS")
    if lemma in STATEMENT_NOUNS:
        return Speaker(name, None, "statement", phrase_span(parse, tokens), lemma)
    if lemma in PERSON_NOUNS and lemma not in BODY_NOUNS and head.pos == "NOUN":
        speaker = _nominal(parse, head, role_text(parse, head, include_head=True))
        if is_definite(parse, head):  # "the spokesman", "the governor"
            return dataclasses.replace(speaker, kind="definite")
        return speaker  # "a local official in Douentza", "a UN official"
    proper_modifier = any(
        t.i != head.i and (t.pos == "PROPN" or t.ent_type in ("NORP", "GPE", "ORG")) for t in tokens
    )
    if head.pos == "PROPN" or proper_modifier or head.ent_type in ("ORG", "GPE", "NORP"):
        return Speaker(name, None, "body", phrase_span(parse, tokens), lemma, plural)
    if lemma in BODY_NOUNS:
        kind = "definite" if is_definite(parse, head) else "body"
        return Speaker(name, None, kind, phrase_span(parse, tokens), lemma, plural)
    return _nominal(parse, head, role_text(parse, head, include_head=True))


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


ISSUING_LEMMAS = frozenset("issue release publish send post circulate".split())


def _statement_issuer(parse: Parse, head: Token) -> Token | None:
    """Who issued a statement: "a statement from/by X", "X's statement" (not "Wednesday's"),
    "X issued a statement calling ..." (the subject of the verb that issued it)."""
    verb = parse.tokens[head.head]
    if head.dep == "dobj" and verb.lemma.lower() in ISSUING_LEMMAS:
        subjects = [c for c in parse.children(verb) if c.dep == "nsubj" and c.pos != "PRON"]
        if subjects and subjects[0].lemma.lower() not in STATEMENT_NOUNS:
            return subjects[0]
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
    tokens = phrase_tokens(parse, head)
    return Speaker(
        strip_determiner(parse, tokens), role, "nominal", phrase_span(parse, tokens),
        head.lemma.lower(), head.tag in ("NNS", "NNPS"),
    )  # fmt: skip


def _is_personal(parse: Parse, head: Token) -> bool:
    """A proper-noun head names a person: a role word in front of it, a first name, or a PERSON
    entity that is not a country or city ("Bamako said" is a government speaking)."""
    if not (is_name_word(head) or _hyphen_tail(parse, head)):
        return False
    left = [c for c in parse.children(head) if c.i < head.i]
    if any(c.text.lower().rstrip(".") in ROLE_WORDS for c in left):
        return True
    names = [
        c for c in left
        if c.dep == "compound" and c.pos == "PROPN" and is_name_word(c)
        and c.ent_type not in BODY_ENTITIES
    ]  # fmt: skip
    if names:
        return head.ent_type not in BODY_ENTITIES
    return head.ent_type == "PERSON" and not is_place(head.text)


def _hyphen_tail(parse: Parse, token: Token) -> bool:
    """The part after the hyphen of a capitalised name written as one word ("Ki-moon")."""
    if token.i < 2:
        return False
    hyphen, before = parse.tokens[token.i - 1], parse.tokens[token.i - 2]
    joined = before.end == hyphen.start and hyphen.end == token.start
    return hyphen.text == "-" and joined and before.text[:1].isupper()
