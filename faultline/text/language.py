"""Which language an article is written in: faultline reads English news and refuses the rest.

    check_language(text, "a.txt")     # InputError(code="read.language") unless English
    identify_language(text)           # ("fr", 0.99): ISO 639-1 code and probability

The identifier is py3langid (langid.py's maintained fork; its model ships inside the wheel, so it
runs offline), restricted to the languages news comes in most (`LANGUAGES`), since a short text
scored over all 97 of its languages is often taken for a rare one. A text is refused only when it
has enough words to judge (`MIN_WORDS`), the identifier is confident (`MIN_PROBABILITY`), and few
of its words are common English function words (`_STOPWORDS`): English full of names or Arabic
place names stays English. BENCHMARKS.md ("Language identification") has its figures on short
news texts.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..errors import InputError

# The languages a text may be identified as, with their English names for messages.
LANGUAGES = {
    "en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German",
    "it": "Italian", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "tr": "Turkish", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "hi": "Hindi", "bn": "Bengali",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "id": "Indonesian", "ms": "Malay",
    "sw": "Swahili", "am": "Amharic", "so": "Somali", "ha": "Hausa", "he": "Hebrew",
    "el": "Greek", "ro": "Romanian", "sr": "Serbian", "hr": "Croatian", "bg": "Bulgarian",
    "cs": "Czech", "hu": "Hungarian", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "ka": "Georgian", "hy": "Armenian", "az": "Azerbaijani", "ps": "Pashto",
    "ku": "Kurdish", "my": "Burmese", "th": "Thai", "vi": "Vietnamese", "tl": "Tagalog",
}  # fmt: skip
MIN_WORDS = 8
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 3000  # the identifier reads at most this much of the text, from its start
# Common English function words: English news has 35-50% of its words among them, other
# languages a few percent.
_STOPWORDS = frozenset(
    "the a an and or but of in on at to for from by with about against between into through "
    "during before after above below up down out off over under again further then once here "
    "there when where why how all both each few more most other some such no nor not only own "
    "same so than too very can will just should now is are was were be been being have has "
    "had having do does did i me my we our you your he him his she her it its they them their "
    "what which who whom this that these those am would could said says say also as if while "
    "since until because told".split()
)
_ENGLISH_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]+")


def identify_language(text: str) -> tuple[str, float]:
    """The most probable language of (the start of) `text`: ISO 639-1 code and probability."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(probability)


def check_language(text: str, name: str) -> None:
    """Refuse (InputError, code `read.language`) a text that is confidently not English."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return
    if sum(1 for w in words if w in _STOPWORDS) / len(words) >= _ENGLISH_SHARE:
        return
    code, probability = identify_language(sample)
    if code == "en" or probability < MIN_PROBABILITY:
        return
    language = LANGUAGES.get(code, code)
    raise InputError(
        name,
        f"the text is in {language} ({code}, probability {probability:.2f}), not English: "
        "faultline reads English news",
        code="read.language",
    )


@functools.cache
def _identifier() -> Any:
    """py3langid's identifier over `LANGUAGES`, with normalised probabilities (loaded once)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier
