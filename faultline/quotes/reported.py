"""Reported speech: a speech verb's content clause not in quote marks is an indirect quote.

"X said (that) ...", "X denied having ...", "X said in a statement that ..." (the parser hangs the
clause on "statement"), "..., police said" (a parenthetical speech verb: the clause before it),
"The camp, he said, will close" (the sentence around it), "a poll shows that ...", "X urged Y to
...", "according to X, ...". A clause that quotes a few of its words is one direct quote.
Also who speaks (`subject_of`: the subject of a speech verb, shared through "... and said",
"..., adding that", "aside from saying"), the speech lexicon and the quote-mark spans shared
with `quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Parse, Token
from .speakers import STATEMENT_NOUNS, Attribution

# "MAIDUGURI, Nigeria (Reuters) - ", "BOGOTA (AFP) — ": the wire's dateline before the story.
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,[^()\n]{0,40})?\s*(?:\([^()\n]{1,30}\))?\s*[-—–]+\s+")

RELATIVES = frozenset({"who", "which", "that"})
SAYING_LEMMAS = frozenset("say deny add claim insist accuse reject confirm announce".split())
SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp", "prep", "advmod")

# Verbs that introduce speech when a quote depends on them or sits in their clause.
SPEECH_LEMMAS = frozenset(
    "say tell add state announce confirm report claim deny accuse warn write tweet insist explain "
    "note declare stress argue allege acknowledge admit assert estimate reply respond urge vow "
    "predict suggest reveal comment remark maintain contend testify inform caution complain "
    "post recall emphasize emphasise underline conclude agree promise threaten pledge ask "
    "quote blame affirm reiterate observe describe call term dub demand chant shout yell scream "
    "scold joke boast brag exclaim proclaim retort quip concede lament plead counter tout "
    "whisper mutter".split()
)
# Of those, the ones whose clausal complement is reported speech ("X said that ...").
REPORTING_LEMMAS = SPEECH_LEMMAS - frozenset("describe call term dub agree ask promise".split())
# Verbs that report speech whose content is a gerund ("Bamako denied having targeted ...").
GERUND_REPORTING_LEMMAS = frozenset({"deny", "admit", "acknowledge"})
# Verbs that report a demand on someone ("urged the rebels to lay down their arms").
DIRECTIVE_LEMMAS = frozenset("urge warn tell ask advise order instruct implore".split())
# Verbs whose "that" clause reports what a poll, a study or a person found ("a poll shows that").
FINDING_LEMMAS = frozenset("show find indicate demonstrate signal learn".split())


def points_out(parse: Parse, verb: Token) -> bool:
    """ "..., the statement pointed out": a phrasal speech verb (its particle makes it one)."""
    return verb.lemma.lower() == "point" and any(
        c.dep == "prt" and c.text.lower() == "out" for c in parse.children(verb)
    )


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch between quotation marks: `start`/`end` the content, `open`/`close` the marks."""

    open: int
    start: int
    end: int
    close: (
        int  # offset just after the closing mark (== end when the quote runs to the paragraph end)
    )


def inside(token: Token, span: QuoteSpan) -> bool:
    return token.start >= span.open and token.end <= span.close


def in_any(token: Token, spans: list[QuoteSpan]) -> bool:
    return any(inside(token, s) for s in spans)


def according_to(parse: Parse, tokens: list[Token]) -> Token | None:
    """The source noun of "according to X" among `tokens`, if any."""
    for token in tokens:
        if token.text.lower() == "according":
            for to in parse.children(token):
                if to.text.lower() == "to":
                    objects = [c for c in parse.children(to) if c.dep == "pobj"]
                    if objects:
                        return objects[0]
    return None


# ------------------------------------------------------------------------- subjects of speech


def subject_of(parse: Parse, verb: Token, fallback: bool = True) -> Token | None:
    """The subject of a speech verb; shared through "called for X and said", "..., adding that"."""
    node, seen = verb, set()
    while node.i not in seen:
        seen.add(node.i)
        subjects = [c for c in parse.children(node) if c.dep in SUBJECT_DEPS]
        if subjects and subjects[0].text.lower() in RELATIVES and node.dep == "relcl":
            return parse.tokens[node.head]  # "Jane Roe, who said ..." -> Jane Roe
        if subjects and node is not verb and _said_within(parse, verb, node):
            return subject_of(parse, parse.tokens[node.head], fallback)
        if subjects:
            return subjects[0]
        if node.dep == "acl" and parse.tokens[node.head].pos in ("NOUN", "PROPN"):
            return parse.tokens[node.head]  # "footage of Jane Roe asking, "..."" -> Jane Roe
        if node.dep not in INHERIT_DEPS or node.head == node.i:
            break
        node = parse.tokens[node.head]
    if fallback:
        return coordinated_subject(parse, verb) or _preceding_noun(parse, verb)
    return None


def coordinated_subject(parse: Parse, verb: Token) -> Token | None:
    """ "X said Friday that ... but said "..."", "X said, suggesting "..."": a speech verb right
    after "but"/"and", or a participle right after a comma, shares the subject of the speech
    verb before it in the sentence (wherever the parser hangs it)."""
    sentence = parse.sentences[verb.sent]
    if verb.i == sentence.token_start:
        return None
    before = parse.tokens[verb.i - 1]
    if not (before.pos == "CCONJ" or (before.text == "," and verb.tag == "VBG")):
        return None
    for i in range(verb.i - 2, sentence.token_start - 1, -1):
        token = parse.tokens[i]
        if token.pos == "VERB" and token.lemma.lower() in SPEECH_LEMMAS:
            subjects = [c for c in parse.children(token) if c.dep in SUBJECT_DEPS]
            return subjects[0] if subjects else None
    return None


def _said_within(parse: Parse, verb: Token, node: Token) -> bool:
    """ "X said its forces had struck ... and denied targeting civilians": a saying verb joined to
    the reported clause belongs to the one who reports it (X), not to the clause's subject."""
    head = parse.tokens[node.head]
    return (
        verb.lemma.lower() in SAYING_LEMMAS
        and node.dep == "ccomp"
        and head.lemma.lower() in SAYING_LEMMAS
        and head.i < node.i
    )


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


# ------------------------------------------------------------------------------ reported speech


def reported_attributions(parse: Parse, spans: list[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    for token in parse.tokens:
        if token.pos not in ("VERB", "AUX") or in_any(token, spans):
            continue
        lemma = token.lemma.lower()
        content = None
        if lemma in REPORTING_LEMMAS:
            content = _clause_child(parse, token, ("ccomp",))
        if content is None and lemma in DIRECTIVE_LEMMAS:
            content = _directive(parse, token)
        if content is None and lemma in FINDING_LEMMAS:
            content = _that_clause(parse, token)
        if content is None and lemma in GERUND_REPORTING_LEMMAS:
            content = _clause_child(parse, token, ("xcomp", "pcomp", "ccomp"), gerund=True)
        if content is None and lemma in REPORTING_LEMMAS:
            content = _statement_clause(parse, token)
        if content is None and lemma in REPORTING_LEMMAS:
            out.extend(_parenthetical(parse, token, spans))
            continue
        if content is None or _is_participle_modifier(parse, content):
            continue
        start, end = _content_span(parse, token, content)
        quoted = [s for s in spans if s.open < end and start < s.close]
        if end <= start or (quoted and not _scare_quotes(parse, start, end, quoted)):
            continue
        if quoted:  # take in the closing mark of a clause that ends with quoted words
            end = max(end, *(s.close for s in quoted))
        text = parse.text[start:end]
        rule = "reported.with_quoted_words" if quoted else "reported.ccomp"
        subject = subject_of(parse, token)
        out.append(Attribution(start, end, text, bool(quoted), subject, token, rule))
    out.extend(_according_to_attributions(parse, spans))
    return out


def _scare_quotes(parse: Parse, start: int, end: int, quoted: list[QuoteSpan]) -> bool:
    """A reported clause that quotes a few of its words ('said the plan was "dead on arrival"
    and "reckless"'): the clause is the quote, its quoted words are not quotes of their own.
    Not when the clause opens with the quote: then the quote is the words said."""
    return all(
        start < s.open and s.end <= end and len(parse.text[s.start : s.end].split()) <= 4
        for s in quoted
    )


def _directive(parse: Parse, verb: Token) -> Token | None:
    """ "urged the rebels to lay down their arms": the infinitive after the object."""
    objects = [c for c in parse.children(verb) if c.dep == "dobj" and c.i > verb.i]
    clause = _clause_child(parse, verb, ("xcomp", "ccomp"))
    if not objects or clause is None or clause.i < objects[0].i:
        return None
    if not any(c.dep == "aux" and c.text.lower() == "to" for c in parse.children(clause)):
        return None
    return clause


def _that_clause(parse: Parse, verb: Token) -> Token | None:
    clause = _clause_child(parse, verb, ("ccomp",))
    if clause is None or not any(
        c.dep == "mark" and c.text.lower() == "that" for c in parse.children(clause)
    ):
        return None
    return clause


def _statement_clause(parse: Parse, verb: Token) -> Token | None:
    """ "said in a statement that the attackers fled": the parser hangs the "that" clause on the
    statement noun."""
    for prep in parse.children(verb):
        if prep.dep != "prep" or prep.text.lower() not in ("in", "through", "via"):
            continue
        for noun in parse.children(prep):
            if noun.dep != "pobj" or noun.lemma.lower() not in STATEMENT_NOUNS:
                continue
            for clause in parse.children(noun):
                marks = [c for c in parse.children(clause) if c.dep == "mark"]
                if clause.dep in ("acl", "relcl", "ccomp") and marks and marks[0].text == "that":
                    return clause
    return None


def _parenthetical(parse: Parse, verb: Token, spans: list[QuoteSpan]) -> list[Attribution]:
    """A speech verb set off by commas, with a subject of its own and no content after it:
    "Gunmen killed 23 villagers, police said, but ..." (the clause before it), "The camp, he
    said, will close" (the sentence around it)."""
    subjects = [c for c in parse.children(verb) if c.dep in ("nsubj", "nsubjpass")]
    objects = [c for c in parse.children(verb) if c.dep in ("dobj", "xcomp", "mark")]
    if not subjects or objects:
        return []
    said_at = min(parse.subtree_span(subjects[0])[0], verb.start)
    if not parse.text[:said_at].rstrip().endswith((",", "—", "–")):  # set off: ", police said"
        return []
    span = _parenthetical_span(parse, verb, said_at)
    if span is None:
        return []
    dateline = DATELINE.match(parse.text, span[0], span[1])
    start, end = _trim(parse, dateline.end() if dateline else span[0], span[1])
    if end <= start or any(s.open < end and start < s.close for s in spans):
        return []
    text = parse.text[start:end]
    return [Attribution(start, end, text, False, subjects[0], verb, "reported.parenthetical")]


def _parenthetical_span(parse: Parse, verb: Token, said_at: int) -> tuple[int, int] | None:
    head = parse.tokens[verb.head]
    fronted = [c for c in parse.children(verb) if c.dep == "ccomp" and c.i < verb.i]
    if verb.dep in ("parataxis", "ccomp") and head.i < verb.i:  # "X happened, police said"
        return parse.subtree_span(head)[0], said_at
    if fronted:  # "X happened, he said." with the clause hung on the verb
        return parse.subtree_span(fronted[0])
    if verb.dep == "parataxis" and head.i > verb.i:  # "The camp, he said, will close"
        said_end = parse.subtree_span(verb)[1]
        if (
            parse.text[:said_end].rstrip().endswith(",")
            or parse.text[said_end:].lstrip()[:1] == ","
        ):
            return parse.subtree_span(head)
    return None


def _is_participle_modifier(parse: Parse, content: Token) -> bool:
    """ "said in the statement read on state television": a bare participle with no subject, no
    auxiliary and no "that" modifies a noun before it; it is not what was said."""
    if content.tag not in ("VBN", "VBG"):
        return False
    deps = {c.dep for c in parse.children(content)}
    clause_deps = {"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "mark"}
    previous = parse.tokens[content.i - 1] if content.i > 0 else None
    after_noun = previous is not None and previous.pos in ("NOUN", "PROPN")
    return not deps & clause_deps and after_noun


def _clause_child(
    parse: Parse, verb: Token, deps: tuple[str, ...], gerund: bool = False
) -> Token | None:
    for child in parse.children(verb):
        if child.dep in deps and child.i > verb.i and (not gerund or child.pos in ("VERB", "AUX")):
            return child
    return None


def _content_span(parse: Parse, verb: Token, content: Token) -> tuple[int, int]:
    """The content clause without "that", without a trailing "but"/"while X reported ..." clause."""
    start, end = parse.subtree_span(content)
    children = parse.children(content)
    for child in children:
        if child.dep == "mark" and child.start == start:
            start = child.end
        elif child.dep in ("advcl", "conj") and child.i > content.i and _reports(parse, child):
            end = min(end, _left_edge(parse, child))
    infinitive = any(c.dep == "aux" and c.text.lower() == "to" for c in children)
    if not any(c.dep == "mark" for c in children) and (verb.lemma.lower() != "tell" or infinitive):
        objects = [c for c in parse.children(verb) if c.dep == "dobj" and verb.i < c.i < content.i]
        if objects:
            start = min(start, parse.subtree_span(objects[0])[0])
    return _trim(parse, start, end)


def _reports(parse: Parse, verb: Token) -> bool:
    has_subject = any(c.dep in ("nsubj", "nsubjpass") for c in parse.children(verb))
    return verb.lemma.lower() in SPEECH_LEMMAS and has_subject


def _left_edge(parse: Parse, token: Token) -> int:
    start = parse.subtree_span(token)[0]
    for child in parse.children(token):
        if child.dep == "mark":
            start = min(start, child.start)
    return start


def _trim(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, punctuation and a dangling conjunction at either end of [start, end)."""
    inner = [t for t in parse.tokens if start <= t.start and t.end <= end and not t.is_space]
    while inner and (
        inner[-1].pos in ("PUNCT", "CCONJ", "SCONJ") or inner[-1].dep in ("cc", "mark")
    ):
        inner.pop()
    while inner and inner[0].pos == "PUNCT":
        inner.pop(0)
    if not inner:
        return start, start
    return inner[0].start, inner[-1].end


def _according_to_attributions(parse: Parse, spans: list[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    for token in parse.tokens:
        if token.text.lower() != "according" or in_any(token, spans):
            continue
        source = according_to(parse, [token])
        if source is None:
            continue
        sentence = parse.sentences[token.sent]
        phrase_start, phrase_end = parse.subtree_span(token)
        before = parse.text[sentence.start : phrase_start].strip(" ,")
        after = parse.text[phrase_end : sentence.end].strip(" ,.")
        if len(after) >= len(before):
            start = parse.text.index(after, phrase_end) if after else phrase_end
            end = start + len(after)
        else:
            start = parse.text.index(before, sentence.start) if before else sentence.start
            end = start + len(before)
        if end > start and not any(s.open < end and start < s.close for s in spans):
            out.append(
                Attribution(
                    start, end, parse.text[start:end], False, source, None, "reported.according_to"
                )
            )
    return out
