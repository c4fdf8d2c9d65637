"""Quotes stage: direct and reported speech with the speaker who said it.

`find_quotes(parse)` works in three passes over the parsed article:

1. marks: pair the quotation marks of each paragraph into direct quotes (a stray closing mark
   with no opener is ignored; an opener left open at the end of a paragraph runs to the
   paragraph's end, the news convention for a quote continued in the next paragraph). Single
   quotes are never quotes: the cleaned text keeps them for headings ('Peace efforts undone')
   and apostrophes.
2. cues: each direct quote gets its speech cue (a speech verb it depends on, a speech verb in
   the same sentence, "according to"), and every speech verb with a content clause not in quote
   marks gives a reported quote (`is_direct=False`, text = the content clause).
3. speakers (`faultline.speakers`): the cue's subject becomes a name and a role; pronouns and
   "the ministry" / "the statement" resolve to earlier speakers, in text order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from .models import Parse, Quote, Span, Token
from .speakers import Attribution, resolve_speakers, subject_of

OPENING_MARKS = frozenset('"“„')
CLOSING_MARKS = frozenset('"”')
OPENERS_BEFORE = frozenset(" \t\n([{—–-/")

# Verbs that introduce speech when a quote depends on them or sits in their clause.
SPEECH_LEMMAS = frozenset(
    "say tell add state announce confirm report claim deny accuse warn write tweet insist explain "
    "note declare stress argue allege acknowledge admit assert estimate reply respond urge vow "
    "predict suggest reveal comment remark maintain contend testify inform caution complain "
    "post recall emphasize emphasise underline conclude agree promise threaten pledge ask "
    "quote blame affirm reiterate observe describe call term dub".split()
)
# Of those, the ones whose clausal complement is reported speech ("X said that ...").
REPORTING_LEMMAS = SPEECH_LEMMAS - frozenset("describe call term dub agree ask promise".split())
# Verbs that report speech whose content is a gerund ("Bamako denied having targeted ...").
GERUND_REPORTING_LEMMAS = frozenset({"deny", "admit", "acknowledge"})


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch between quotation marks: `start`/`end` the content, `open`/`close` the marks."""

    open: int
    start: int
    end: int
    close: (
        int  # offset just after the closing mark (== end when the quote runs to the paragraph end)
    )


def find_quotes(parse: Parse) -> tuple[Quote, ...]:
    """Direct and reported quotes with resolved speakers, in text order."""
    spans = quote_spans(parse.text)
    attributions = [_direct_attribution(parse, span, spans) for span in spans]
    attributions.extend(_reported_attributions(parse, spans))
    attributions.sort(key=lambda a: a.start)
    return resolve_speakers(parse, _mark_continuations(parse, attributions))


# ------------------------------------------------------------------------------------------ marks


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of the cleaned text (one paragraph per line)."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the double quotation marks of each paragraph; see the module docstring."""
    spans: list[QuoteSpan] = []
    for para_start, para_end in paragraphs(text):
        opened: int | None = None
        for i in range(para_start, para_end):
            char = text[i]
            if char not in OPENING_MARKS and char not in CLOSING_MARKS:
                continue
            if opened is None and _is_opening(text, i, para_start):
                opened = i
            elif opened is not None and char in CLOSING_MARKS and i > opened + 1:
                spans.append(_trimmed(text, opened, i + 1))
                opened = None
        if opened is not None and para_end - opened > 2:
            spans.append(_trimmed(text, opened, para_end))
    return spans


def _is_opening(text: str, i: int, para_start: int) -> bool:
    char = text[i]
    if char == "”":
        return False
    if char in "“„":
        return True
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (i == para_start or before in OPENERS_BEFORE) and not after.isspace()


def _trimmed(text: str, open_: int, close: int) -> QuoteSpan:
    start = open_ + 1
    end = close - 1 if close - 1 > start and text[close - 1] in CLOSING_MARKS else close
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return QuoteSpan(open_, start, end, close)


# ------------------------------------------------------------------------------------------- cues


def _inside(token: Token, span: QuoteSpan) -> bool:
    return token.start >= span.open and token.end <= span.close


def _in_any(token: Token, spans: list[QuoteSpan]) -> bool:
    return any(_inside(token, s) for s in spans)


def _quote_tokens(parse: Parse, span: QuoteSpan) -> list[Token]:
    return [
        t for t in parse.tokens if span.start <= t.start and t.end <= span.end and not t.is_space
    ]


def _speech_ancestor(parse: Parse, tokens: list[Token], spans: list[QuoteSpan]) -> Token | None:
    """The first speech verb outside every quote on the head chain of the quote's tokens."""
    for token in tokens:
        node, seen = token, set()
        while node.head != node.i and node.i not in seen:
            seen.add(node.i)
            node = parse.tokens[node.head]
            if _in_any(node, spans):
                continue
            if node.lemma.lower() in SPEECH_LEMMAS and node.pos in ("VERB", "AUX"):
                return node
    return None


def _context_tokens(parse: Parse, span: QuoteSpan, spans: list[QuoteSpan]) -> list[Token]:
    """Tokens of the sentences the quote touches, outside every quote, in the quote's paragraph."""
    first = parse.sentence_at(span.open)
    last = parse.sentence_at(max(span.close - 1, span.open))
    if first is None or last is None:
        return []
    para_end = parse.text.find("\n", span.close)
    para_end = len(parse.text) if para_end < 0 else para_end
    para_start = parse.text.rfind("\n", 0, span.open) + 1
    tokens = parse.tokens[first.token_start : last.token_end]
    return [
        t for t in tokens
        if para_start <= t.start and t.end <= para_end and not t.is_space and not _in_any(t, spans)
    ]  # fmt: skip


def _nearby_speech_verb(parse: Parse, span: QuoteSpan, spans: list[QuoteSpan]) -> Token | None:
    """The speech verb of the quote's sentence(s) nearest to the quote (not a describing verb)."""
    candidates = [
        t for t in _context_tokens(parse, span, spans)
        if t.pos in ("VERB", "AUX") and t.lemma.lower() in REPORTING_LEMMAS
    ]  # fmt: skip
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.start - span.close), abs(span.open - t.end)))


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


def _direct_attribution(parse: Parse, span: QuoteSpan, spans: list[QuoteSpan]) -> Attribution:
    text = parse.text[span.start : span.end]
    tokens = _quote_tokens(parse, span)
    cue = _speech_ancestor(parse, tokens, spans)
    rule = "direct.speech_ancestor"
    if cue is None:
        cue = _nearby_speech_verb(parse, span, spans)
        rule = "direct.speech_in_sentence"
    if cue is not None:
        return Attribution(span.start, span.end, text, True, subject_of(parse, cue), cue, rule)
    source = according_to(parse, _context_tokens(parse, span, spans))
    if source is not None:
        return Attribution(span.start, span.end, text, True, source, None, "direct.according_to")
    source = _dash_source(parse, span)
    if source is not None:
        return Attribution(span.start, span.end, text, True, source, None, "direct.dash")
    governing = _governing_subject(parse, tokens, spans)
    return Attribution(
        span.start, span.end, text, True, governing, None, "direct.governing_subject"
    )


def _governing_subject(parse: Parse, tokens: list[Token], spans: list[QuoteSpan]) -> Token | None:
    """A partial quote with no speech verb ("agreed to "advance talks""): the clause's subject."""
    for token in tokens:
        node, seen = token, set()
        while node.head != node.i and node.i not in seen:
            seen.add(node.i)
            node = parse.tokens[node.head]
            if node.pos in ("VERB", "AUX") and not _in_any(node, spans):
                subject = subject_of(parse, node, fallback=False)
                if subject is not None and _can_speak(subject):
                    return subject
    return None


def _can_speak(token: Token) -> bool:
    """A name, a body or a person pronoun: not "the money" or "it"."""
    if token.pos == "PRON":
        return token.text.lower() in ("he", "she", "they", "we", "i")
    return token.pos == "PROPN" or token.ent_type in ("PERSON", "ORG", "GPE", "NORP")


def _dash_source(parse: Parse, span: QuoteSpan) -> Token | None:
    """A quote signed after a dash: '"We want peace." — Amina Sow, 34'."""
    para_end = parse.text.find("\n", span.close)
    para_end = len(parse.text) if para_end < 0 else para_end
    after = [t for t in parse.tokens if span.close <= t.start < para_end and not t.is_space]
    if len(after) < 2 or after[0].text not in ("—", "―", "–", "-", "--"):
        return None
    names: list[Token] = []
    for token in after[1:]:
        if token.pos != "PROPN":
            break
        names.append(token)
    return names[-1] if names else None


def _mark_continuations(parse: Parse, attributions: list[Attribution]) -> list[Attribution]:
    """A quote paragraph with no cue right after a quoted paragraph continues its speaker."""
    out: list[Attribution] = []
    paras = list(paragraphs(parse.text))
    for attribution in attributions:
        if attribution.is_direct and attribution.cue is None and attribution.subject is None:
            index = _paragraph_index(paras, attribution.start)
            if index > 0 and _is_whole_paragraph(parse.text, paras[index], attribution):
                previous = [a for a in out if _paragraph_index(paras, a.start) == index - 1]
                if previous:
                    attribution = attribution.continuing(previous[-1])
                else:
                    attribution = _after_lead_in(parse, paras[index - 1], attribution)
        out.append(attribution)
    return out


def _after_lead_in(parse: Parse, para: tuple[int, int], attribution: Attribution) -> Attribution:
    """A quote paragraph after a lead-in ending with a colon ("The minister continued:")."""
    if not parse.text[para[0] : para[1]].rstrip().endswith(":"):
        return attribution
    last = parse.sentence_at(para[1] - 1)
    if last is None:
        return attribution
    verbs = [
        t for t in parse.sentence_tokens(last) if t.pos in ("VERB", "AUX") and t.dep == "ROOT"
    ]  # fmt: skip
    if not verbs:
        return attribution
    subject = subject_of(parse, verbs[0])
    return dataclasses.replace(attribution, subject=subject, cue=verbs[0], rule="direct.lead_in")


def _paragraph_index(paras: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(paras):
        if start <= offset <= end:
            return index
    return -1


def _is_whole_paragraph(text: str, para: tuple[int, int], attribution: Attribution) -> bool:
    outside = text[para[0] : attribution.start] + text[attribution.end : para[1]]
    return sum(ch.isalnum() for ch in outside) <= 3


# --------------------------------------------------------------------------------------- reported


def _reported_attributions(parse: Parse, spans: list[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    for token in parse.tokens:
        if token.pos not in ("VERB", "AUX") or _in_any(token, spans):
            continue
        lemma = token.lemma.lower()
        content = None
        if lemma in REPORTING_LEMMAS:
            content = _clause_child(parse, token, ("ccomp",))
        if content is None and lemma in GERUND_REPORTING_LEMMAS:
            content = _clause_child(parse, token, ("xcomp", "pcomp", "ccomp"), gerund=True)
        if content is None:
            continue
        start, end = _content_span(parse, token, content)
        if end <= start or any(s.open < end and start < s.close for s in spans):
            continue
        text = parse.text[start:end]
        out.append(
            Attribution(start, end, text, False, subject_of(parse, token), token, "reported.ccomp")
        )
    out.extend(_according_to_attributions(parse, spans))
    return out


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
    if not any(c.dep == "mark" for c in children) and verb.lemma.lower() != "tell":
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
        if token.text.lower() != "according" or _in_any(token, spans):
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


__all__ = ["Quote", "QuoteSpan", "Span", "find_quotes", "paragraphs", "quote_spans"]
