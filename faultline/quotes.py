"""Quotes stage: direct and reported speech with the speaker who said it.

`find_quotes(parse)` works in three passes over the parsed article:

1. marks: pair the quotation marks of each paragraph into direct quotes (a stray closing mark
   with no opener is ignored; an opener left open at the end of a paragraph runs to the
   paragraph's end, the news convention for a quote continued in the next paragraph). A doubled
   apostrophe or backtick (''...'', ``...'' in newspaper archives) is a double mark. Single
   quotes are never quotes: the cleaned text keeps them for headings ('Peace efforts undone')
   and apostrophes. A short quoted name in Title Case inside a sentence (a show, a book, a
   nickname) is not a quote.
2. cues: each direct quote gets its speech cue (a speech verb it depends on, a speech verb in
   the same sentence or opening the next one ('"Why?" the mayor asked.'), "as X put it",
   "according to"), else a signature after a dash or a transcript label ('"PENCE: ..."'); a quote
   with no cue of its own continues the quote before it in its paragraph or, opening its
   paragraph, the quoted paragraph or the "X continued:" lead-in before it. A few quoted words
   with no cue and no speaker are scare quotes, not quotes. Every speech verb with a content
   clause gives a reported quote (`faultline.reported`); one that quotes a few of its words
   ('said the plan was "dead"') is a single direct quote.
3. speakers (`faultline.speakers`): the cue's subject becomes a name and a role; pronouns and
   "the ministry" / "the statement" resolve to earlier speakers, in text order
   (`faultline.antecedents`).
"""

from __future__ import annotations

import dataclasses
import re
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
DOUBLED_MARKS = frozenset({"''", "``"})
DASHES = "—―–-"
TITLE_WORDS = 6
SCARE_WORDS = 3
TITLE_FUNCTION_WORDS = frozenset("a an the of and or in on to for with at by from is".split())
# "WALLACE: ...", "SEN. JANE ROE: ...": a speaker label in capitals opening a transcript's turn.
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s+")


def find_quotes(parse: Parse) -> tuple[Quote, ...]:
    """Direct and reported quotes with resolved speakers, in text order."""
    spans = quote_spans(parse.text)
    attributions = [
        _direct_attribution(parse, span, spans) for span in spans if not _is_title(parse.text, span)
    ]
    reported = reported_attributions(parse, spans)
    clauses = [(a.start, a.end) for a in reported if a.is_direct]
    attributions = [  # quoted words inside a reported clause belong to that clause
        a for a in attributions if not any(s <= a.start and a.end <= e for s, e in clauses)
    ]
    attributions.extend(reported)
    attributions.sort(key=lambda a: a.start)
    attributions = [a for a in _mark_continuations(parse, attributions) if not _is_scare(a)]
    return resolve_speakers(parse, attributions)


def _is_scare(attribution: Attribution) -> bool:
    """A few quoted words with no speech verb and no one to say them: scare quotes, a term."""
    unsaid = attribution.subject is None and attribution.cue is None
    short = len(attribution.text.split()) <= SCARE_WORDS
    return attribution.is_direct and unsaid and attribution.continues is None and short


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
        for i, width in _marks(text, para_start, para_end):
            if opened is None and _is_opening(text, i, para_start, width):
                opened = i
            elif opened is not None and _is_closing(text, i, width) and i > opened + width:
                spans.append(_trimmed(text, opened, i + width))
                opened = None
        if opened is not None and para_end - opened > 2:
            spans.append(_trimmed(text, opened, para_end))
    return spans


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(offset, width) of each double quotation mark: one character, or a doubled apostrophe or
    backtick (''...'' and ``...'' in wire and newspaper archives)."""
    i = start
    while i < end:
        if text[i] in OPENING_MARKS or text[i] in CLOSING_MARKS:
            yield i, 1
        elif text[i : i + 2] in DOUBLED_MARKS and i + 2 <= end:
            yield i, 2
            i += 1
        i += 1


def _is_opening(text: str, i: int, para_start: int, width: int = 1) -> bool:
    char = text[i : i + width]
    if char == "”":
        return False
    if char in ("“", "„", "``"):
        return True
    before = text[i - 1] if i > para_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (i == para_start or before in OPENERS_BEFORE) and not after.isspace()


def _is_closing(text: str, i: int, width: int) -> bool:
    return text[i : i + width] in CLOSING_MARKS or text[i : i + width] == "''"


def _trimmed(text: str, open_: int, close: int) -> QuoteSpan:
    width = 2 if text[open_ : open_ + 2] in DOUBLED_MARKS else 1
    start = open_ + width
    end = close
    if text[close - 2 : close] == "''" and close - 2 >= start:
        end = close - 2
    elif close - 1 > start and text[close - 1] in CLOSING_MARKS:
        end = close - 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return QuoteSpan(open_, start, end, close)


def _is_title(text: str, span: QuoteSpan) -> bool:
    """A short quoted name inside a sentence: a show, a book, a nickname ('told "Morning Joe"',
    'the nickname "Lyin' Ted"'), every word capitalised; not words someone said."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[span.start : span.end])
    if not words or len(words) > TITLE_WORDS:
        return False
    capitalised = all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words)
    line_start = text.rfind("\n", 0, span.open) + 1
    return capitalised and words[0][0].isupper() and bool(text[line_start : span.open].strip())


# ------------------------------------------------------------------------------------------- cues


def _quote_tokens(parse: Parse, span: QuoteSpan) -> list[Token]:
    return [
        t for t in parse.tokens if span.start <= t.start and t.end <= span.end and not t.is_space
    ]


def _speech_ancestor(parse: Parse, tokens: list[Token], spans: list[QuoteSpan]) -> Token | None:
    """The first speech verb outside every quote on the head chain of the quote's tokens."""
    for token in tokens:
        for node in parse.ancestors(token):
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
        if t.pos in ("VERB", "AUX") and (t.lemma.lower() in REPORTING_LEMMAS or _puts_it(parse, t))
    ]  # fmt: skip
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.start - span.close), abs(span.open - t.end)))


def _subject_outside(parse: Parse, cue: Token, span: QuoteSpan) -> Token | None:
    """The speaker written next to the cue outside the quote: '"...," police chief Jane Roe said'
    or '"...," said Jane Roe, an analyst' (the last word of the name after the verb)."""
    sentence = parse.sentences[cue.sent]
    before = parse.tokens[cue.i - 1] if cue.i > sentence.token_start else None
    if (
        before is not None
        and before.pos in ("PROPN", "NOUN", "PRON")
        and before.start >= span.close
    ):
        return before
    run: list[Token] = []
    for token in parse.tokens[cue.i + 1 : sentence.token_end]:
        if token.pos in ("PROPN", "NOUN") and token.ent_type not in ("DATE", "TIME"):
            run.append(token)
        elif run or token.pos not in ("DET", "ADJ"):
            break
    if run and not span.open <= run[0].start < span.close:
        return run[-1]
    return None


def _puts_it(parse: Parse, verb: Token) -> bool:
    """'as the minister put it, "..."': "put it" is a way of saying."""
    return verb.lemma.lower() == "put" and any(
        c.dep == "dobj" and c.text.lower() == "it" for c in parse.children(verb)
    )


def _following_cue(parse: Parse, span: QuoteSpan, spans: list[QuoteSpan]) -> Token | None:
    """'"How long must we wait?" the mayor asked.': the parser ends the sentence at the question
    mark, so the speech verb opens the next sentence, right after the closing mark."""
    last = parse.sentence_at(max(span.close - 1, span.open))
    if last is None or last.index + 1 >= len(parse.sentences):
        return None
    following = parse.sentences[last.index + 1]
    if (
        parse.text[span.close : following.start].strip()
        or "\n" in parse.text[span.close : following.start]
    ):
        return None
    tokens = [t for t in parse.sentence_tokens(following) if not t.is_space][:8]
    for token in tokens:
        if in_any(token, spans):
            return None
        if token.pos in ("VERB", "AUX") and token.lemma.lower() in SPEECH_LEMMAS:
            content = [c for c in parse.children(token) if c.dep in ("ccomp", "dobj")]
            return None if content else token
    return None


def _direct_attribution(parse: Parse, span: QuoteSpan, spans: list[QuoteSpan]) -> Attribution:
    label = TRANSCRIPT_LABEL.match(parse.text, span.start, span.end)
    if label is not None:  # '"PENCE: Well, look, ..."': a transcript names its speaker first
        names = [t for t in parse.tokens if label.start(1) <= t.start and t.end <= label.end(1)]
        start = label.end()
        text = parse.text[start : span.end]
        if names and start < span.end:
            return Attribution(start, span.end, text, True, names[-1], None, "direct.transcript")
    text = parse.text[span.start : span.end]
    tokens = _quote_tokens(parse, span)
    cue = _speech_ancestor(parse, tokens, spans)
    rule = "direct.speech_ancestor"
    if cue is None:
        cue = _nearby_speech_verb(parse, span, spans)
        rule = "direct.speech_in_sentence"
    if cue is None:
        cue = _following_cue(parse, span, spans)
        rule = "direct.next_sentence"
    if cue is not None:
        subject = subject_of(parse, cue)
        if subject is not None and span.open <= subject.start < span.close:
            subject = _subject_outside(parse, cue, span)  # the parser took a word of the quote
        return Attribution(span.start, span.end, text, True, subject, cue, rule)
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
        for node in parse.ancestors(token):
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
    after = parse.text[span.close : para_end]
    signed = after.lstrip()
    dash = len(signed) - len(signed.lstrip(DASHES))
    if not 0 < dash <= 2:
        return None
    name_start = span.close + len(after) - len(signed) + dash
    names: list[Token] = []
    for token in parse.tokens:
        if token.end <= name_start or token.is_space:
            continue
        if token.start >= para_end or token.pos != "PROPN":
            break
        names.append(token)
    return names[-1] if names else None


def _mark_continuations(parse: Parse, attributions: list[Attribution]) -> list[Attribution]:
    """A quote with no cue continues the speaker of the quote before it in its paragraph, or, as a
    whole paragraph, of the quoted paragraph before it."""
    out: list[Attribution] = []
    paras = list(paragraphs(parse.text))
    for attribution in attributions:
        if attribution.is_direct and attribution.cue is None and attribution.subject is None:
            index = _paragraph_index(paras, attribution.start)
            same = [a for a in out if a.is_direct and _paragraph_index(paras, a.start) == index]
            if same:  # '"We will stay," she said. "This is our land."'
                attribution = attribution.continuing(same[-1])
            elif index > 0 and _is_whole_paragraph(parse.text, paras[index], attribution):
                previous = [a for a in out if _paragraph_index(paras, a.start) == index - 1]
                if previous:
                    attribution = attribution.continuing(previous[-1])
                else:
                    attribution = _after_lead_in(parse, paras[index - 1], attribution)
            elif index > 0 and _opens_paragraph(parse.text, paras[index], attribution):
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


def _opens_paragraph(text: str, para: tuple[int, int], attribution: Attribution) -> bool:
    return not any(ch.isalnum() for ch in text[para[0] : attribution.start])


def _is_whole_paragraph(text: str, para: tuple[int, int], attribution: Attribution) -> bool:
    outside = text[para[0] : attribution.start] + text[attribution.end : para[1]]
    return sum(ch.isalnum() for ch in outside) <= 3


__all__ = ["Quote", "QuoteSpan", "Span", "find_quotes", "paragraphs", "quote_spans"]
