"""True-casing for text written all in lower case or all in capitals.

spaCy's tagger and NER read capitals: "gunmen killed nine people in maru town in zamfara state"
gives no entity, so no place and no event. Text of one case (some archives, shouted headlines,
chat exports) is given capitals before parsing: each sentence's first letter, "I", every word
or phrase of up to `MAX_WORDS` words that `is_name` accepts (places, countries, demonyms: the
caller supplies the gazetteer's judgement), and every word that is not an English word (it is
most likely a name: "dansadau", "shehu").

The result has exactly the length of the input, character for character, so every offset of the
parse (whose text is the true-cased one) is an offset into the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .clean import english_words

MAX_WORDS = 3
MIN_LETTERS = 20  # shorter texts (a headline alone) say too little about their case
LOWER_SHARE = 0.02  # at most this share of capitals: written in lower case
UPPER_SHARE = 0.9  # at least this share: written in capitals

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
POSSESSIVE = re.compile(r"['’]s$")
JOINER = re.compile(r"[ \-]")  # what may stand between the words of one name
SENTENCE_END = re.compile(r"(?:^|[.!?]['\"’”)]*\s+|\n\s*)['\"“‘(\[]*$")
MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)

NameTest = Callable[[str], bool]


def single_case(text: str) -> str | None:
    """ "lower" or "upper" when the text's letters are (almost) all of one case, else None."""
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) < MIN_LETTERS:
        return None
    share = sum(c.isupper() for c in letters) / len(letters)
    if share <= LOWER_SHARE:
        return "lower"
    if share >= UPPER_SHARE:
        return "upper"
    return None


def _lower(text: str) -> str:
    """Lower case, character by character where one would change the length ("İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _capital(word: str) -> str:
    upper = word[0].upper()
    return (upper if len(upper) == 1 else word[0]) + word[1:]


def truecase(text: str, is_name: NameTest) -> str:
    """`text` with capitals where English writes them, when it is written in one case; the text
    itself otherwise. Same length as `text`."""
    if single_case(text) is None:
        return text
    base = _lower(text)
    words = list(WORD.finditer(base))
    common = english_words()
    out = list(base)
    i = 0
    while i < len(words):
        width = _name_width(base, words, i, is_name)
        if width:
            for match in words[i : i + width]:
                out[match.start()] = _capital(match.group())[0]
            i += width
            continue
        match = words[i]
        word = match.group()
        if (
            word == "i"
            or word in MONTHS_AND_DAYS
            or SENTENCE_END.search(base, 0, match.start())
            or (len(word) > 2 and word.split("'")[0].split("’")[0] not in common)
        ):
            out[match.start()] = _capital(word)[0]
        i += 1
    return "".join(out)


def _name_width(base: str, words: list[re.Match[str]], i: int, is_name: NameTest) -> int:
    """How many words from `words[i]` make a name (0 when none)."""
    for width in range(min(MAX_WORDS, len(words) - i), 0, -1):
        chunk = words[i : i + width]
        if any(
            not JOINER.fullmatch(base[a.end() : b.start()])
            for a, b in zip(chunk, chunk[1:], strict=False)
        ):
            continue
        phrase = POSSESSIVE.sub("", base[chunk[0].start() : chunk[-1].end()])
        if is_name(phrase):
            return width
    return 0
