"""The learned detector: WHETHER a news sentence reports an event of ACLED's kind.

An `EventModel` (tf-idf word unigrams and bigrams, logistic regression; see `model.py`) with two
labels, "event" and "none", trained by `scripts/train_event_detector.py` on news sentences with
and without events (WikiEvents, M2E2, PLOVER, NGEC through `data/event_mappings.tsv`, the
project's own sentences and news passages) and ACLED notes as further positives. Talk
(statements, calls, denials, forecasts, analysis), background and captions are its negatives.
Which sub-type an event is, is the typer's decision (`model.py`, `data/event_model.npz`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..records import Parse, Sentence, Token
from . import roles
from .model import EventModel, load_event_model
from .sides import SPEECH_VERBS
from .triggers import Hit, Typing

DETECTOR_PATH = Path(__file__).resolve().parent.parent / "data" / "event_detector.npz"
THRESHOLD = 0.5  # P(event) at which the detector alone calls a sentence an event


def load_detector(path: Path = DETECTOR_PATH) -> EventModel | None:
    """The shipped detector, None when its file is absent (the lexicon then decides alone)."""
    return load_event_model(path)


def event_scores(detector: EventModel, texts: Sequence[str]) -> list[float]:
    """P(event) of each text."""
    return [detector.probabilities(text).get("event", 0.0) for text in texts]


# ------------------------------------------------------------------- the learned say on an article

DETECTOR_CONFIDENT = 0.6  # P(event) at which the detector alone makes an event of a sentence
TYPER_SURE = 0.5  # the typer's probability that such an event needs for its sub-type
TYPER_CONFIDENT = 0.6  # the typer's probability at which it overrules the triggers' sub-type
DETECTOR_VETO = 0.1  # P(event) under which a sentence's triggers make no event
UNPLACED_SURE = 0.3  # P(event) an article's only event needs when the article names no place for it


def sentence_scores(parse: Parse, detector: EventModel) -> list[float]:
    """P(event) of each sentence of the parse, by sentence index."""
    return event_scores(detector, [parse.text[s.start : s.end] for s in parse.sentences])


def learned_typings(
    parse: Parse, hits: Sequence[Sequence[Hit]], detector: EventModel | None,
    typer: EventModel | None, scores: Sequence[float] | None = None,
) -> dict[int, Typing]:  # fmt: skip
    """Typings for the sentences the lexicon cannot type but the detector confidently calls
    events, by sentence index: the typer's likeliest sub-type, anchored at the sentence's main
    verb. Never where a rule rejected one of the sentence's triggers (a denial, a call, a threat,
    a trial, a forecast): the rule overrides the model. `scores`: the detector's
    `sentence_scores`, when the caller has them already."""
    if detector is None or typer is None:
        return {}
    scores = scores if scores is not None else sentence_scores(parse, detector)
    out: dict[int, Typing] = {}
    for sentence in parse.sentences:
        score = scores[sentence.index]
        if score < DETECTOR_CONFIDENT:
            continue
        root = _main_verb(parse, sentence)
        if root is None or any(_overrules(parse, h, root) for h in hits[sentence.index]):
            continue
        probabilities = typer.probabilities(parse.text[sentence.start : sentence.end])
        label = max(sorted(probabilities), key=probabilities.__getitem__)
        if probabilities[label] < TYPER_SURE:
            continue
        hit = Hit(root, label, round(score, 3), root.start, root.end)
        out[sentence.index] = Typing(label, round(score, 3), hit, frozenset(), "detector")
    return out


def _overrules(parse: Parse, hit: Hit, root: Token) -> bool:
    """A rejected trigger overrules the detector when it is what the sentence reports: its verb is
    the sentence's main verb or the content of it ("The rebels denied that they attacked ..."),
    not a side clause ("..., raising fears of a new offensive")."""
    if hit.rejected is None:
        return False
    verb = roles.nearest_verb(parse, hit.anchor)
    return verb.i == root.i or (verb.head == root.i and verb.dep in ("ccomp", "xcomp", "conj"))


def confident_type(probabilities: dict[str, float]) -> str | None:
    """The typer's sub-type when it is sure enough to overrule the triggers' choice."""
    if not probabilities:
        return None
    best = max(sorted(probabilities), key=probabilities.__getitem__)
    return best if probabilities[best] >= TYPER_CONFIDENT else None


def _main_verb(parse: Parse, sentence: Sentence) -> Token | None:
    """The sentence's root when it is a verb, else its first verb; under a reporting verb, the
    verb of what is reported ("The bomber rammed a car into a van, police said": rammed)."""
    tokens = parse.sentence_tokens(sentence)
    verbs = [t for t in tokens if t.pos == "VERB"]
    roots = [t for t in verbs if t.head == t.i]
    main = (roots or verbs or [None])[0]
    if main is not None and main.lemma.lower() in SPEECH_VERBS:
        reported = [t for t in verbs if t.head == main.i and t.dep in ("ccomp", "parataxis")]
        return (reported or [main])[0]
    return main
