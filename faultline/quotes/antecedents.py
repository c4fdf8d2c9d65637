"""Back-references of speakers: "he", "it", "the ministry", "the statement", "the spokesman".

A memory keeps the speakers met so far, in text order; a back-reference takes the most recent one
that fits (never one that merely spoke last):

    he / she        the most recent person-like speaker, named or not ("a local official ...")
    it              the most recent body
    they / we       the most recent body or group of people
    the statement   the body whose statement was cited last ("X said in a statement", "a statement
                    from X"), else the most recent body
    the HEAD        the most recent speaker with the same head noun ("the ministry" -> "Kenya's
                    interior ministry") or, for a person, the same role word ("the spokesman" ->
                    the army spokesman named before); for heads that do not name a body on their own
                    ("the ministry", "the group"), else the last noun phrase with that head that
                    says whose it is; else the phrase as written ("the army" is the army)
    one-word name   the fuller name said before ("Roe" -> "Jane Roe")

`resolve_speakers` turns attributions into quotes; `resolve_subject` resolves the subject of a
verb that is not a quote cue (an accusation, a denial) against the quotes already resolved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import Parse, Quote, Span, Token
from .speakers import (
    BODY_NOUNS,
    SELF_NAMING_HEADS,
    STATEMENT_NOUNS,
    Attribution,
    Speaker,
    describe,
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SINGULAR_BODY_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
BACK_REFERENCES = frozenset({"pronoun", "statement", "definite"})
NAMING_VERBS = frozenset("call describe term dub label brand".split())


@dataclass(slots=True)
class Memory:
    """The speakers met so far (most recent last) and those who issued a statement."""

    speakers: list[Speaker] = field(default_factory=list)
    statements: list[Speaker] = field(default_factory=list)
    genders: dict[str, bool] = field(default_factory=dict)  # name -> female, as the text shows

    def female(self, parse: Parse, speaker: Speaker) -> bool | None:
        """Whether the text shows the speaker is a woman (True) or a man (False): a gendered
        role word ("spokeswoman", "mother"), a title before their surname anywhere in the text
        ("Ms. Roe", "Mr. Roe"), or a he/she already resolved to them; None when it does not."""
        name = speaker.name or ""
        if name in self.genders:
            return self.genders[name]
        shown = _gender_of(parse, speaker)
        if shown is not None:
            self.genders[name] = shown
        return shown

    def remember(self, speaker: Speaker, issued_statement: bool = False) -> None:
        if speaker.kind in ("person", "body", "nominal", "group", "definite") and speaker.name:
            self.speakers.append(speaker)
            if issued_statement:
                self.statements.append(speaker)

    def last(self, accept: Callable[[Speaker], bool]) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if accept(speaker):
                return speaker
        return None


def resolve_speakers(parse: Parse, attributions: list[Attribution]) -> tuple[Quote, ...]:
    """Quotes in text order with pronouns, "the ministry" and "the statement" resolved."""
    memory = Memory()
    resolved: dict[int, Speaker] = {}
    quotes: list[Quote] = []
    for attribution in attributions:
        if attribution.continues is not None and attribution.continues in resolved:
            speaker = resolved[attribution.continues]
        elif attribution.subject is None:
            speaker = Speaker(None, None, "unknown", None)
        else:
            written = describe(parse, attribution.subject)
            within = (attribution.start, attribution.end)
            speaker = resolve(parse, written, memory, attribution.start, within)
            memory.remember(speaker, _cites_statement(parse, attribution))
        resolved[attribution.start] = speaker
        quotes.append(_quote(attribution, _written_as_relative(parse, attribution, speaker)))
    return tuple(quotes)


def _written_as_relative(parse: Parse, attribution: Attribution, speaker: Speaker) -> Speaker:
    """ "Jane Roe, who said ...": the speaker is Jane Roe, written at "who"."""
    cue = attribution.cue
    if cue is None or attribution.continues is not None:
        return speaker
    for child in parse.children(cue):
        if child.dep in ("nsubj", "nsubjpass") and child.text.lower() in RELATIVE_PRONOUNS:
            return dataclasses.replace(speaker, span=Span(child.start, child.end, child.text))
    return speaker


def resolve(
    parse: Parse, speaker: Speaker, memory: Memory, offset: int, within: tuple[int, int] = (0, 0)
) -> Speaker:
    """Replace a back-reference by the speaker it refers to (keeping where it is written, except
    in "Ban Ki-moon condemned what he called ...", attributed to the words "Ban Ki-moon": see
    `_governs`). A he/she resolved to a person records that person's gender. `within` is the
    quote's own stretch, whose words never name its speaker."""
    target = _antecedent(parse, speaker, memory, offset, within)
    if target is not None:
        if target.span is not None and speaker.span is not None and _governs(parse, target,
                                                                             speaker):
            return target
        if target.is_person_like and speaker.head_lemma in PERSON_PRONOUNS:
            memory.genders.setdefault(target.name or "", speaker.head_lemma in ("she", "her"))
        return dataclasses.replace(target, span=speaker.span)
    if speaker.kind == "definite":  # nothing to refer back to: the phrase names the speaker
        kind = "body" if speaker.head_lemma in BODY_NOUNS else "nominal"
        return dataclasses.replace(speaker, kind=kind)
    return speaker


def _governs(parse: Parse, target: Speaker, pronoun: Speaker) -> bool:
    """The antecedent is written before the pronoun in its own sentence, and the pronoun names
    what the antecedent is quoted as calling something ("X condemned what he called ..."); in
    other shapes ("X said he ...") the pronoun's own words are the attribution's."""
    assert target.span is not None and pronoun.span is not None
    if pronoun.kind != "pronoun" or target.span.start >= pronoun.span.start:
        return False
    tokens = [t for t in parse.tokens if t.start == pronoun.span.start]
    if not tokens or parse.tokens[tokens[0].head].lemma.lower() not in NAMING_VERBS:
        return False
    return parse.sentence_at(target.span.start) == parse.sentence_at(pronoun.span.start)


def _antecedent(
    parse: Parse, speaker: Speaker, memory: Memory, offset: int, within: tuple[int, int] = (0, 0)
) -> Speaker | None:
    head = speaker.head_lemma
    if speaker.kind == "pronoun" and head in PERSON_PRONOUNS:
        female = head in ("she", "her")
        governing = _governing_person(parse, speaker)
        if governing is not None and memory.female(parse, governing) in (None, female):
            return governing  # "Jane Roe condemned what she called ..."
        person = memory.last(
            lambda s: s.is_person_like and not s.plural
            and memory.female(parse, s) in (None, female)
        )  # fmt: skip
        if person is None or memory.female(parse, person) is None:
            after = person.span.end if person is not None and person.span is not None else 0
            shown = _last_named_person(parse, offset, memory, female, after)
            if shown is not None:  # "Ms. Roe" named since: "she" is Ms. Roe, not that speaker
                return shown
        if person is not None:
            return person
        found = _last_named_person(parse, offset)
        if found is not None and memory.female(parse, found) in (None, female):
            return found
        return None
    if speaker.kind == "pronoun" and head in SINGULAR_BODY_PRONOUNS | PLURAL_PRONOUNS:
        same_sentence = _subject_before(parse, speaker, within)
        if same_sentence is not None:  # "Clinton's campaign is seeking ... what they call"
            return same_sentence
    if speaker.kind == "pronoun" and head in SINGULAR_BODY_PRONOUNS:
        return memory.last(lambda s: _is_body(s) and not s.plural) or memory.last(_is_body)
    if speaker.kind == "pronoun" and head in PLURAL_PRONOUNS:
        return memory.last(lambda s: _is_body(s) or (s.is_person_like and s.plural))
    if speaker.kind == "statement":
        if memory.statements:
            return memory.statements[-1]
        return memory.last(_is_body)
    if speaker.kind == "definite":
        return _same_head(parse, speaker, memory, offset)
    if speaker.kind == "person" and speaker.name and " " not in speaker.name:
        return memory.last(
            lambda s: s.kind == "person" and (s.name or "").split()[-1:] == [speaker.name]
        )
    return None


def _subject_before(
    parse: Parse, pronoun: Speaker, within: tuple[int, int] = (0, 0)
) -> Speaker | None:
    """A body that is the subject of an earlier clause of the pronoun's own sentence (not a word
    of the quote itself: '"Our forces held," it said' is not said by "our forces")."""
    if pronoun.span is None:
        return None
    sentence = parse.sentence_at(pronoun.span.start)
    if sentence is None:
        return None
    for token in reversed(parse.sentence_tokens(sentence)):
        if token.end > pronoun.span.start or token.dep != "nsubj":
            continue
        if within[0] <= token.start < within[1]:
            continue
        if token.pos in ("NOUN", "PROPN"):
            found = describe(parse, token)
            return found if _is_body(found) else None
    return None


def _governing_person(parse: Parse, pronoun: Speaker) -> Speaker | None:
    """A named person who is the subject of a clause the pronoun's clause depends on, written
    before it: "Jane Roe condemned what she called ...", "Roe said she ..." (she is Roe)."""
    if pronoun.span is None:
        return None
    tokens = [t for t in parse.tokens if t.start == pronoun.span.start]
    if not tokens:
        return None
    for node in parse.ancestors(tokens[0]):
        for child in parse.children(node):
            if child.dep == "nsubj" and child.end <= pronoun.span.start and child.pos == "PROPN":
                found = describe(parse, child)
                return found if found.kind == "person" else None
    return None


FEMALE_WORDS = frozenset(
    "she her woman mother wife daughter sister spokeswoman chairwoman congresswoman businesswoman "
    "grandmother girl aunt niece widow queen princess actress".split()
)
MALE_WORDS = frozenset(
    "he his man father husband son brother spokesman chairman congressman businessman "
    "grandfather boy uncle nephew widower king prince actor".split()
)
FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "madam", "mme"})
MALE_TITLES = frozenset({"mr", "sir", "m"})


def _gender_of(parse: Parse, speaker: Speaker) -> bool | None:
    if speaker.kind != "person" or not speaker.name:
        return None
    role = set((speaker.role or "").lower().split())
    if role & FEMALE_WORDS:
        return True
    if role & MALE_WORDS:
        return False
    surname = speaker.name.split()[-1]
    titles: set[bool] = set()
    for token in parse.tokens[1:]:
        if token.text == surname:
            title = parse.tokens[token.i - 1].text.lower().rstrip(".")
            if title in FEMALE_TITLES:
                titles.add(True)
            elif title in MALE_TITLES:
                titles.add(False)
    return titles.pop() if len(titles) == 1 else None


def _is_body(speaker: Speaker) -> bool:
    """A body that speaks ("Mali's army", "the police"), not "the ad" or "the campaign"."""
    return speaker.kind == "body" or (
        speaker.kind == "definite" and speaker.head_lemma in BODY_NOUNS
    )


def _same_head(parse: Parse, speaker: Speaker, memory: Memory, offset: int) -> Speaker | None:
    """ "the ministry" -> the last body whose head is "ministry"; "the spokesman" -> the last
    person whose role ends in "spokesman"; a body head that does not name a body on its own
    falls back to the text ("Kenya's interior ministry" mentioned earlier, not as a speaker)."""
    head = speaker.head_lemma
    words = set((speaker.name or "").lower().split())
    if head in BODY_NOUNS:  # "the air force" -> "Ukraine's air force", not "the armed forces"
        found = memory.last(
            lambda s: not s.is_person_like and s.head_lemma == head
            and words <= set((s.name or "").lower().split())
        )  # fmt: skip
        if found is None and head not in SELF_NAMING_HEADS:
            found = _textual_antecedent(parse, head, speaker, offset)
        return found
    return memory.last(
        lambda s: s.is_person_like and not s.plural
        and (s.head_lemma == head or (s.role or "").split()[-1:] == [head])
    )  # fmt: skip


def _textual_antecedent(parse: Parse, head: str, speaker: Speaker, offset: int) -> Speaker | None:
    limit = speaker.span.start if speaker.span is not None else offset
    for token in reversed(parse.tokens):
        if token.end > limit or token.lemma.lower() != head or token.pos not in ("NOUN", "PROPN"):
            continue
        if token.dep in ("compound", "amod", "poss"):
            continue
        found = describe(parse, token)
        if found.kind == "body" and found.name:
            return found
    return None


def _last_named_person(
    parse: Parse, offset: int, memory: Memory | None = None, female: bool | None = None,
    after: int = 0,
) -> Speaker | None:
    """The last PERSON entity of two or more words before `offset` (he/she, no earlier speaker);
    given a `memory` and a gender, the last person named between `after` and `offset` whom the
    text shows to be of that gender (a title or a gendered role: "Ms. Roe", "X, a mother of
    five")."""
    people = [
        e for e in parse.entities
        if e.label == "PERSON" and after <= e.start and e.end <= offset
        and (memory is not None or e.token_end - e.token_start >= 2)
    ]  # fmt: skip
    if memory is None:
        if not people:
            return None
        entity = people[-1]
        return Speaker(entity.text, None, "person", Span(entity.start, entity.end, entity.text))
    for entity in reversed(people):
        found = describe(parse, parse.tokens[entity.token_end - 1])
        if found.kind == "person" and found.name and memory.female(parse, found) is female:
            return found
    return None


def _cites_statement(parse: Parse, attribution: Attribution) -> bool:
    """ "X said in a statement", "a statement from X said", "according to X's statement"."""
    subject, cue = attribution.subject, attribution.cue
    if subject is not None and subject.lemma.lower() in STATEMENT_NOUNS:
        return True
    if cue is None:
        return False
    for prep in parse.children(cue):
        if prep.dep == "prep" and prep.text.lower() in ("in", "through", "via"):
            if any(c.lemma.lower() in STATEMENT_NOUNS for c in parse.children(prep)):
                return True
    return False


def _quote(attribution: Attribution, speaker: Speaker) -> Quote:
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
        pieces=attribution.pieces,
    )


# ------------------------------------------------------------------------- outside quotes


def resolve_subject(
    parse: Parse, subject: Token, quotes: tuple[Quote, ...], offset: int
) -> str | None:
    """The name of the subject of a verb written at `offset`, back-references resolved against
    the speakers of the quotes before it ("the authorities deny" -> the authorities)."""
    speaker = describe(parse, subject)
    if speaker.kind not in BACK_REFERENCES and not (speaker.kind == "person" and speaker.name
                                                    and " " not in speaker.name):  # fmt: skip
        return speaker.name or None
    return resolve(parse, speaker, memory_of(parse, quotes, offset), offset).name or None


def memory_of(parse: Parse, quotes: tuple[Quote, ...], offset: int) -> Memory:
    """The memory of speakers rebuilt from the quotes written before `offset`."""
    memory = Memory()
    for quote in quotes:
        if quote.start >= offset or not quote.speaker:
            continue
        memory.remember(_speaker_of_quote(parse, quote))
    return memory


def _speaker_of_quote(parse: Parse, quote: Quote) -> Speaker:
    span = quote.speaker_span
    written: Speaker | None = None
    if span is not None:
        inside = [t for t in parse.tokens if span.start <= t.start and t.end <= span.end]
        heads = [t for t in inside if not span.start <= parse.tokens[t.head].start < span.end]
        if heads or inside:
            written = describe(parse, (heads or inside)[-1])
    if (
        written is not None
        and written.name == quote.speaker
        and written.kind not in BACK_REFERENCES
    ):
        return written
    pronoun = written is not None and written.head_lemma in PERSON_PRONOUNS
    kind = "person" if quote.speaker_role or pronoun else "body"
    head = quote.speaker.split()[-1].lower() if quote.speaker else ""
    return Speaker(quote.speaker, quote.speaker_role, kind, span, head)
