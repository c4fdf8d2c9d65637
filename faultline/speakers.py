"""Who said it: from the subject of a speech verb to a speaker name and role, with back-reference.

A subject is described by the shape of its noun phrase:

    person     "The ministry spokesman Ali Hassan"   -> name "Ali Hassan", role "ministry spokesman"
               "Analyst Jane Roe of the X Center"       -> name "Jane Roe", role "analyst"
               "one of the relatives, John Doe, 65,"    -> name "John Doe", role "relative"
    body       "Mali's defence ministry", "Bamako"      -> name as written (without "the")
    statement  "Wednesday's statement", "the statement" -> the most recent body that spoke
    definite   "the ministry", "the army"               -> the most recent body with that head noun
    pronoun    "he", "she"                              -> the last person who spoke (or was named)
               "it", "they"                             -> the most recent body that spoke
    nominal    "one analyst", "witnesses"               -> the phrase itself, role = its head noun

`resolve_speakers` walks the attributions in text order and keeps that memory.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .models import Parse, Quote, Span, Token
from .sides import country_of, is_city

RELATIVES = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
BODY_PRONOUNS = frozenset({"it", "they", "we", "them"})
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
STATEMENT_NOUNS = frozenset(
    "statement communique communiqué release report letter post tweet message announcement "
    "bulletin note declaration".split()
)
BODY_ENTITIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp")
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

    def continuing(self, previous: Attribution) -> Attribution:
        return dataclasses.replace(self, continues=previous.start, rule="direct.continuation")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None
    kind: str  # person, body, statement, definite, pronoun, nominal
    span: Span | None
    head_lemma: str = ""


# ------------------------------------------------------------------------------------- subjects


def subject_of(parse: Parse, verb: Token, fallback: bool = True) -> Token | None:
    """The subject of a speech verb; shared through "called for X and said", "..., adding that"."""
    node, seen = verb, set()
    while node.i not in seen:
        seen.add(node.i)
        subjects = [c for c in parse.children(node) if c.dep in SUBJECT_DEPS]
        if subjects and subjects[0].text.lower() in RELATIVES and node.dep == "relcl":
            return parse.tokens[node.head]  # "Jane Roe, who said ..." -> Jane Roe
        if subjects:
            return subjects[0]
        if node.dep == "acl" and parse.tokens[node.head].pos in ("NOUN", "PROPN"):
            return parse.tokens[node.head]  # "footage of Jane Roe asking, "..."" -> Jane Roe
        if node.dep not in INHERIT_DEPS or node.head == node.i:
            break
        node = parse.tokens[node.head]
    if fallback:
        return _preceding_noun(parse, verb)
    return None


def _preceding_noun(parse: Parse, verb: Token) -> Token | None:
    """No subject from the parser: the nearest noun before the verb ("..., Anna Roe, 66, told")."""
    sentence = parse.sentences[verb.sent]
    for i in range(verb.i - 1, sentence.token_start - 1, -1):
        token = parse.tokens[i]
        if token.pos in ("PUNCT", "NUM", "SPACE") or token.is_space:
            if token.text in '"“”':
                return None
            continue
        if token.pos in ("NOUN", "PROPN", "PRON"):
            return token
        return None
    return None


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
    of_object = (
        _of_object(parse, head) if lower in ("one", "some", "many", "two", "three") else None
    )
    appos = [
        c for c in parse.children(head)
        if c.dep == "appos" and c.pos == "PROPN" and parse.tokens[c.i - 1].text != "("
    ]  # fmt: skip
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
        return _named(parse, head, _role_text(parse, head, include_head=False))
    return _non_person(parse, head)


def _named(parse: Parse, head: Token, role: str | None) -> Speaker:
    left = [
        c for c in parse.children(head) if c.i < head.i and c.dep in ("compound", "amod", "nmod")
    ]
    tokens = [head]
    for child in sorted(left, key=lambda t: -t.i):
        if child.pos == "PROPN" and _is_name_word(child) and child.i == tokens[0].i - 1:
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
    if lemma in STATEMENT_NOUNS:
        return Speaker(name, None, "statement", _span(parse, tokens), lemma)
    proper_modifier = any(
        t.i != head.i and (t.pos == "PROPN" or t.ent_type in ("NORP", "GPE", "ORG")) for t in tokens
    )
    if head.pos == "PROPN" or proper_modifier or head.ent_type in ("ORG", "GPE", "NORP"):
        return Speaker(name, None, "body", _span(parse, tokens), lemma)
    if lemma in BODY_NOUNS:
        return Speaker(name, None, "definite", _span(parse, tokens), lemma)
    return _nominal(parse, head, _role_text(parse, head, include_head=True))


def _nominal(parse: Parse, head: Token, role: str | None) -> Speaker:
    tokens = _phrase_tokens(parse, head)
    return Speaker(
        _strip_determiner(parse, tokens), role, "nominal", _span(parse, tokens), head.lemma.lower()
    )


def _is_personal(parse: Parse, head: Token) -> bool:
    """A proper-noun head names a person: a role word in front of it, a first name, or a PERSON
    entity that is not a country or city ("Bamako said" is a government speaking)."""
    if not _is_name_word(head):
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
        for child in parse.children(stack.pop()):
            if child.i > head.i or child.dep not in ("compound", "amod"):
                continue
            if child.pos == "PROPN" and _is_name_word(child):
                continue
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
            keep.update(_subtree_indices(parse, child))
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


def _subtree_indices(parse: Parse, token: Token) -> set[int]:
    out, stack = {token.i}, [token]
    while stack:
        for child in parse.children(stack.pop()):
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


# ------------------------------------------------------------------------------------ resolution


@dataclass(slots=True)
class _Memory:
    persons: list[Speaker] = dataclasses.field(default_factory=list)
    bodies: list[Speaker] = dataclasses.field(default_factory=list)

    def remember(self, speaker: Speaker) -> None:
        if speaker.kind == "person":
            self.persons.append(speaker)
        elif speaker.kind == "body":
            self.bodies.append(speaker)


def resolve_speakers(parse: Parse, attributions: list[Attribution]) -> tuple[Quote, ...]:
    """Quotes in text order with pronouns, "the ministry" and "the statement" resolved."""
    memory = _Memory()
    resolved: dict[int, Speaker] = {}
    quotes: list[Quote] = []
    for attribution in attributions:
        if attribution.continues is not None and attribution.continues in resolved:
            speaker = resolved[attribution.continues]
        elif attribution.subject is None:
            speaker = Speaker(None, None, "unknown", None)
        else:
            written = describe(parse, attribution.subject)
            speaker = _resolve(parse, written, memory, attribution.start)
            memory.remember(speaker)
        resolved[attribution.start] = speaker
        quotes.append(_quote(parse, attribution, speaker))
    return tuple(quotes)


def _resolve(parse: Parse, speaker: Speaker, memory: _Memory, offset: int) -> Speaker:
    """Replace a back-reference by the speaker it refers to (keeping where it is written)."""
    target: Speaker | None = None
    if speaker.kind == "pronoun" and speaker.head_lemma in PERSON_PRONOUNS:
        target = memory.persons[-1] if memory.persons else _last_named_person(parse, offset)
    elif speaker.kind == "pronoun" and speaker.head_lemma in BODY_PRONOUNS:
        target = memory.bodies[-1] if memory.bodies else None
    elif speaker.kind == "statement":
        target = memory.bodies[-1] if memory.bodies else None
    elif speaker.kind == "definite":
        same = [b for b in memory.bodies if speaker.head_lemma in (b.name or "").lower()]
        target = same[-1] if same else (memory.bodies[-1] if memory.bodies else None)
    elif speaker.kind == "person" and speaker.name and " " not in speaker.name:
        fuller = [p for p in memory.persons if (p.name or "").split()[-1:] == [speaker.name]]
        target = fuller[-1] if fuller else None
    if target is None:
        return speaker
    return dataclasses.replace(target, span=speaker.span)


def _last_named_person(parse: Parse, offset: int) -> Speaker | None:
    """The last PERSON entity of two or more words before `offset` (he/she, no earlier speaker)."""
    people = [
        e for e in parse.entities
        if e.label == "PERSON" and e.end <= offset and e.token_end - e.token_start >= 2
    ]  # fmt: skip
    if not people:
        return None
    entity = people[-1]
    return Speaker(entity.text, None, "person", Span(entity.start, entity.end, entity.text))


def _quote(parse: Parse, attribution: Attribution, speaker: Speaker) -> Quote:
    cue = None
    if attribution.cue is not None:
        cue = Span(attribution.cue.start, attribution.cue.end, attribution.cue.text)
    return Quote(
        speaker=speaker.name or None,
        speaker_role=speaker.role,
        text=attribution.text,
        start=attribution.start,
        end=attribution.end,
        is_direct=attribution.is_direct,
        speaker_span=speaker.span,
        cue=cue,
    )
