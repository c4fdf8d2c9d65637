"""Quotes stage: direct and reported speech with the speaker who said it.

`find_quotes(parse)` works in four passes over the parsed article:

1. marks (`faultline.quotemarks`): pair the quotation marks of each paragraph into direct quotes;
   a short quoted name in Title Case inside a sentence (a show, a nickname) is not a quote.
2. cues: each direct quote gets its speech cue (a speech verb it depends on, a speech verb in
   the same sentence or opening the next one ('"Why?" the mayor asked.'), "as X put it",
   "according to"), else a signature after a dash or a transcript label ('"PENCE: ..."'); a quote
   with no cue of its own continues the quote (or the reported clause) before it in its
   paragraph or, opening its paragraph, the quoted paragraph or the "X continued:" lead-in
   before it. A few quoted words with no cue and no speaker are scare quotes, not quotes. Every
   speech verb with a content clause gives a reported quote (`faultline.reported`); one that
   quotes a few of its words ('said the plan was "dead"') is a single direct quote.
3. pieces: a quote the writer split around its attribution is one quote in pieces
   ('"We will stay," she said. "This is our land."', '"We will stay," she said, "this is our
   land."'), as is a quote whose paragraph ends with it still open and that goes on in the next
   paragraph; `Quote.pieces` keeps each piece's offsets, `Quote.text` joins them with a space.
4. speakers (`faultline.speakers`): the cue's subject becomes a name and a role; pronouns and
   "the ministry" / "the statement" resolve to earlier speakers, in text order
   (`faultline.antecedents`).
"""

from __future__ import annotations

import dataclasses
import re

from ..records import Parse, Quote, Span, Token
from .antecedents import resolve_speakers
from .marks import is_title, paragraphs, quote_spans
from .reported import (
    REPORTING_LEMMAS,
    SPEECH_LEMMAS,
    QuoteSpan,
    according_to,
    coordinated_subject,
    in_any,
    points_out,
    reported_attributions,
    subject_of,
)
from .speakers import Attribution

DASHES = "—―–-"
SCARE_WORDS = 3
# Speech verbs whose object is what is named, never who speaks ("calls the plan "a disaster"").
NAMING_LEMMAS = frozenset("call describe term dub label brand".split())
# Nouns that name what someone said ("Trump's claim that ...", "the mayor's promise of ...").
CLAIM_NOUNS = frozenset(
    "claim statement remark comment warning promise pledge vow assertion accusation allegation "
    "prediction insistence argument contention suggestion description words call demand threat "
    "declaration announcement admission denial".split()
)
ABOUT = frozenset({"about", "on", "over", "regarding", "concerning"})
# "WALLACE: ...", "SEN. JANE ROE: ...": a speaker label in capitals opening a transcript's turn.
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s+")


def find_quotes(parse: Parse) -> tuple[Quote, ...]:
    """Direct and reported quotes with resolved speakers, in text order."""
    spans = quote_spans(parse.text)
    attributions = [
        _direct_attribution(parse, span, spans) for span in spans if not is_title(parse.text, span)
    ]
    reported = reported_attributions(parse, spans)
    clauses = [(a.start, a.end) for a in reported if a.is_direct]
    attributions = [  # quoted words inside a reported clause belong to that clause
        a for a in attributions if not any(s <= a.start and a.end <= e for s, e in clauses)
    ]
    attributions.extend(reported)
    attributions.sort(key=lambda a: a.start)
    attributions = [a for a in _mark_continuations(parse, attributions) if not _is_scare(a)]
    return resolve_speakers(parse, join_pieces(parse.text, attributions))


def _is_scare(attribution: Attribution) -> bool:
    """A few quoted words with no speech verb and no one to say them: scare quotes, a term."""
    unsaid = attribution.subject is None and attribution.cue is None
    short = len(attribution.text.split()) <= SCARE_WORDS
    return attribution.is_direct and unsaid and attribution.continues is None and short


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
            if node.pos in ("VERB", "AUX") and (
                node.lemma.lower() in SPEECH_LEMMAS or points_out(parse, node)
            ):
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
        if t.pos in ("VERB", "AUX")
        and (t.lemma.lower() in REPORTING_LEMMAS or _puts_it(parse, t) or points_out(parse, t))
    ]  # fmt: skip
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.start - span.close), abs(span.open - t.end)))


def _subject_outside(parse: Parse, cue: Token, span: QuoteSpan) -> Token | None:
    """The speaker written next to the cue outside the quote: '"...," police chief Jane Roe said'
    or '"...," said Jane Roe, an analyst' (the last word of the name after the verb)."""
    sentence = parse.sentences[cue.sent]
    for child in parse.children(cue):  # "..., " Jane Roe (D-Ore.) said": a second subject
        if child.dep in ("nsubj", "nsubjpass") and not span.open <= child.start < span.close:
            return child
    shared = coordinated_subject(parse, cue)  # 'X said, adding "..."'
    if shared is not None and not span.open <= shared.start < span.close:
        return shared
    before = parse.tokens[cue.i - 1] if cue.i > sentence.token_start else None
    if (
        before is not None
        and before.pos in ("PROPN", "NOUN", "PRON")
        and before.start >= span.close
    ):
        return before
    if cue.lemma.lower() in NAMING_LEMMAS or cue.tag == "VBG":  # "calls men names", "saying
        return None  # a few words": what follows is the object; a participle never inverts
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
        if subject is None or span.open <= subject.start < span.close:
            subject = _subject_outside(parse, cue, span)  # none, or a word of the quote
        return Attribution(span.start, span.end, text, True, subject, cue, rule)
    source = according_to(parse, _context_tokens(parse, span, spans))
    if source is not None:
        return Attribution(span.start, span.end, text, True, source, None, "direct.according_to")
    source = _dash_source(parse, span)
    if source is not None:
        return Attribution(span.start, span.end, text, True, source, None, "direct.dash")
    owner = _claim_owner(parse, tokens, spans)
    if owner is not None:
        return Attribution(span.start, span.end, text, True, owner, None, "direct.claim_owner")
    governing = _governing_subject(parse, tokens, spans)
    return Attribution(
        span.start, span.end, text, True, governing, None, "direct.governing_subject"
    )


def _claim_owner(parse: Parse, tokens: list[Token], spans: list[QuoteSpan]) -> Token | None:
    """Whose words a saying noun quotes: 'Trump's claim that there were "thousands of
    shootings"', 'the minister's warning of "grave consequences"'."""
    for token in tokens[:1]:
        for node in parse.ancestors(token):
            if in_any(node, spans) or node.pos in ("VERB", "AUX"):
                continue
            if node.pos == "ADP" and node.text.lower() in ABOUT:  # 'a claim about "X"'
                return None
            if node.pos == "NOUN" and node.lemma.lower() in CLAIM_NOUNS:
                owners = [c for c in parse.children(node) if c.dep == "poss"]
                if owners and _can_speak(owners[0]):
                    return owners[0]
                return None
    return None


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
            term = len(attribution.text.split()) <= SCARE_WORDS  # continues direct speech only
            same = [
                a for a in out
                if _paragraph_index(paras, a.start) == index and (a.is_direct or not term)
            ]  # fmt: skip
            if same:  # '"We will stay," she said. "This is our land."', 'X said A. "B."'
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


def join_pieces(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Quotes the writer split around their attribution become the pieces of one quote:
    '"We will stay," she said. "This is our land."' (the second piece continues the first) and
    '"We will stay," she said, "this is our land."' (both pieces hang on the same speech verb).
    A quote continued in the next paragraph joins only when its paragraph ended with the quote
    still open (the convention for a long quote); otherwise it stays a quote of its own, with the
    same speaker."""
    out: list[Attribution] = []
    where: dict[int, int] = {}  # start of each attribution -> index in `out` of the quote it joined
    for attribution in attributions:
        target = _piece_of(text, out, where, attribution)
        if target is not None:
            out[target] = out[target].joined(attribution)
            where[attribution.start] = target
            continue
        if attribution.continues in where:  # continues a piece of a quote that starts earlier
            start = out[where[attribution.continues]].start
            attribution = dataclasses.replace(attribution, continues=start)
        where[attribution.start] = len(out)
        out.append(attribution)
    return out


def _piece_of(
    text: str, out: list[Attribution], where: dict[int, int], attribution: Attribution
) -> int | None:
    """The index in `out` of the quote `attribution` is a further piece of, if any."""
    if attribution.continues is not None:
        target = where.get(attribution.continues)
        if (
            target is not None
            and out[target].is_direct
            and _runs_on(text, out[target].end, attribution.start)
        ):
            return target
        return None
    if not attribution.is_direct or attribution.cue is None:
        return None
    for index in range(len(out) - 1, -1, -1):  # the last direct quote, in the same paragraph
        before = out[index]
        if before.is_direct:
            same_cue = before.cue is not None and before.cue.i == attribution.cue.i
            same_paragraph = "\n" not in text[before.end : attribution.start]
            return index if same_cue and same_paragraph else None
    return None


def _runs_on(text: str, end: int, start: int) -> bool:
    """The quote ending at `end` goes on at `start`: in the same paragraph, or in the next one
    when its paragraph ended with the quote still open."""
    between = text[end:start]
    return "\n" not in between or not between[: between.index("\n")].strip()


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


__all__ = [
    "Quote", "QuoteSpan", "Span", "find_quotes", "join_pieces", "paragraphs", "quote_spans",
]  # fmt: skip
