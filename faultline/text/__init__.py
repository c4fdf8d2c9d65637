"""The text stage: inputs read into articles (`read`), their text cleaned (`clean`), parsed by spaCy
(`nlp`, the only module that imports spaCy; a Doc becomes our own `records.Parse`)."""

from .clean import clean_text
from .nlp import NLP, load_nlp
from .published import parse_published
from .read import InputFailure, article_from_record, read_inputs

__all__ = [
    "NLP", "InputFailure", "article_from_record", "clean_text", "load_nlp", "parse_published",
    "read_inputs",
]  # fmt: skip
