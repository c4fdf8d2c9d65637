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
   "the ministry" / "the statement" resolve to earlier speakers, in text order
   (`faultline.antecedents`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .antecedents import resolve_speakers
from .models import Parse, Quote, Span, Token
from .reported import (
    REPORTING_LEMMAS,
    SPEECH_LEMMAS,
    QuoteSpan,
    according_to,
    in_any,
    reported_attributions,
    subject_of,
)
from .speakers import Attribution

OPENING_MARKS = frozenset('"“„')
CLOSING_MARKS = frozenset('"”')
OPENERS_BEFORE = frozenset(" \t\n([{—–-/")


def find_quotes(parse: Parse) -> tuple[Quote, ...]:
    """Direct and reported quotes with resolved speakers, in text order."""
    spans = quote_spans(parse.text)
    attributions = [_direct_attribution(parse, span, spans) for span in spans]
    attributions.extend(reported_attributions(parse, spans))
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
            if in_any(node, spans):
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
        if para_start <= t.start and t.end <= para_end and not t.is_space and not in_any(t, spans)
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
            if node.pos in ("VERB", "AUX") and not in_any(node, spans):
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


__all__ = ["Quote", "QuoteSpan", "Span", "find_quotes", "paragraphs", "quote_spans"]
