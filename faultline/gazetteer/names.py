"""Place-name normalisation: the one key both the index builder and the lookups use.

`normalise("Nagorno–Karabakh") == normalise("nagorno karabakh")`, `normalise("Zürich") == "zurich"`.
Only Latin-script names are kept as alternate names (`is_useful_alternate`): articles are English.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose into ASCII + combining marks.
_FOLD = str.maketrans(
    {
        "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t",
        "ŋ": "n", "ə": "a", "Ə": "a", "ǝ": "e",
    }
)  # fmt: skip
_APOSTROPHES = re.compile(r"[’'ʼʻ`´‘ʹʿʾ]")
_SEPARATORS = re.compile(r"[-‐‑‒–—/_.,()]+")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_LATIN_LETTERS = re.compile(r"^[a-z0-9 ]+$")


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower-case, diacritics and apostrophes dropped, dashes/dots as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_FOLD)
    text = _APOSTROPHES.sub("", text.lower())
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def token_count(name: str) -> int:
    """How many spaCy-like tokens the name spans ("Nagorno-Karabakh" is 3: the hyphen counts)."""
    return len(_TOKEN.findall(name))


def is_latin(name: str) -> bool:
    """True when the name folds to plain a-z letters, digits and spaces."""
    key = normalise(name)
    return bool(key) and _LATIN_LETTERS.match(key) is not None


def is_useful_alternate(name: str, max_tokens: int = 6) -> bool:
    """Keep an alternate name only if an English text could plausibly write it that way.

    GeoNames alternate names mix scripts, airport codes, postal abbreviations and lower-case
    transliteration keys ("swldw"); these are dropped.
    """
    if len(name) < 3 or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    if not name[0].isupper():
        return False  # "surudeu", "al tartr": transliteration keys, not written names
    if name.isupper() and len(name) <= 4:
        return False  # codes: "LON", "NYC", "KBL"
    return token_count(name) <= max_tokens
