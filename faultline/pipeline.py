"""The pipeline on one screen: `load` the heavy resources once, then `extract` article by article.

Stage order (DESIGN.md), with one deliberate change: quotes run before events, because an event's
claimant and a count's claimant are the speaker of the statement that reports them.

    read -> clean -> parse -> places -> dates -> quotes -> events -> merge -> assemble -> counts
    -> notes

and merge and assembly run before counts, so that a casualty claim links to the incident
whichever of its reports (headline, lead, body) the claim's sentence belongs to.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

from .actors import ActorDictionary, load_actors
from .claims import count_casualties
from .dates import resolve_dates
from .events import (
    EventModel,
    assemble_events,
    detect_events,
    load_detector,
    load_event_model,
    merge_events,
    write_notes,
)
from .gazetteer import Gazetteer, load_gazetteer
from .places import find_places
from .quotes import find_quotes
from .records import Article, ArticleResult, Parse
from .settings import Settings, load_settings
from .text import NLP, clean_text, load_nlp
from .text.case import truecase
from .text.clean import english_words
from .text.read import encodable_article
from .text.windows import shifted, windows


@dataclass(frozen=True, slots=True)
class Resources:
    """What a process loads once and shares across articles."""

    nlp: NLP
    gazetteer: Gazetteer
    actors: ActorDictionary
    event_model: EventModel | None = None  # the typer (events/model.py)
    event_detector: EventModel | None = None  # the detector (events/detector.py)


def load(settings: Settings | None = None) -> Resources:
    """The shared resources; `settings` default to `load_settings()` (faultline.toml and the
    FAULTLINE_* environment, so FAULTLINE_CACHE_DIR picks the place index's folder)."""
    settings = settings or load_settings()
    nlp, gazetteer = load_nlp(settings.model), load_gazetteer(settings.cache_dir)
    nlp.recase = functools.partial(truecase, is_name=name_test(gazetteer))
    return Resources(
        nlp=nlp, gazetteer=gazetteer, actors=load_actors(), event_model=load_event_model(),
        event_detector=load_detector(),
    )  # fmt: skip


# An article longer than this (cleaned) is analysed in windows of whole paragraphs of at most
# this many characters, each on its own: the stages' cost per window is bounded, so an article's
# cost grows linearly with its length. Events are merged, and places and dates read in context,
# within a window. Nearly every news article is shorter and is analysed whole.
WINDOW_CHARS = 20_000
# Problems about the whole article: each window reports them, the result once (the first).
ARTICLE_PROBLEMS = frozenset({"dates.no_publication_date"})


PROMINENT = 100_000  # people: a place whose name is also an English word ("Mobile", "Police")


def name_test(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """Is a lower-case phrase a name the gazetteer knows (for `truecase`)? A country's or
    province's name, a demonym, or a place, where a phrase that is also English must be a
    prominent place."""
    common = english_words()

    def is_name(phrase: str) -> bool:
        if gazetteer.country_for_demonym(phrase):
            return True
        candidates = gazetteer.lookup(phrase)
        if not candidates:
            return False
        if all(word in common for word in phrase.replace("-", " ").split()):
            return any(
                c.feature in ("country", "admin1") or c.population >= PROMINENT for c in candidates
            )
        return True

    return is_name


def extract(article: Article, resources: Resources) -> ArticleResult:
    """Run every stage on one article (its `text` still raw) and return the result."""
    return extract_prepared(prepare(article), resources)


def extract_prepared(article: Article, resources: Resources) -> ArticleResult:
    """Parse and analyse an article whose text is already clean (in windows when it is long)."""
    if not is_long(article):
        return analyse(article, resources.nlp.parse(article.text), resources)
    if resources.nlp.recase is not None:  # true-cased once, so every window quotes one text
        article = dataclasses.replace(article, text=resources.nlp.recase(article.text))
    results = [
        (start, analyse(window, resources.nlp.parse(window.text), resources))
        for start, window in _windows(article)
    ]
    return join_results(article, results)


def is_long(article: Article) -> bool:
    """Whether the article is analysed in windows (batch callers parse only the others)."""
    return len(article.text) > WINDOW_CHARS


def prepare(article: Article) -> Article:
    """The article with its text cleaned: the text every offset of the result refers to.

    Batch callers prepare many articles, parse their texts with `resources.nlp.pipe` (faster than
    one call per text) and pass each parse to `analyse`."""
    article = encodable_article(article)  # the library's edge: read does it for inputs
    return dataclasses.replace(article, text=clean_text(article.text).text)


def analyse(article: Article, parse: Parse, resources: Resources) -> ArticleResult:
    """The stages after parsing, on an article whose text is already clean. Text written in one
    case was true-cased for parsing (same length): the result's text is the parse's, so every
    span quotes it."""
    if parse.text != article.text and len(parse.text) == len(article.text):
        article = dataclasses.replace(article, text=parse.text)
    places = find_places(parse, gazetteer=resources.gazetteer)
    timeline = resolve_dates(parse, published=article.published)
    quotes = find_quotes(parse)
    events = detect_events(
        parse, places=places, timeline=timeline, quotes=quotes, actors=resources.actors,
        article_id=article.id, model=resources.event_model, detector=resources.event_detector,
    )  # fmt: skip
    events, statements = assemble_events(
        merge_events(events), parse, timeline, quotes=quotes, published=article.published
    )
    claims, events = count_casualties(
        parse,
        timeline=timeline,
        quotes=quotes,
        events=events,
        article_id=article.id,
        places=places,
    )
    events = write_notes(events, claims=claims)
    return ArticleResult(
        article=article,
        events=events,
        claims=claims,
        quotes=quotes,
        places=places,
        dates=timeline.dates,
        background=timeline.background,
        problems=(*article.problems, *timeline.problems, *statements),
    )


def _windows(article: Article) -> list[tuple[int, Article]]:
    return [
        (start, dataclasses.replace(article, text=article.text[start:end], problems=()))
        for start, end in windows(article.text, WINDOW_CHARS)
    ]


def join_results(article: Article, parts: list[tuple[int, ArticleResult]]) -> ArticleResult:
    """One article's result from its windows' (start offset, result): offsets moved into the
    whole text, events and claims numbered through the article (`ID-e1`, `ID-c1`, ...)."""
    events, claims, rest = [], [], {"quotes": [], "places": [], "dates": [], "background": []}
    problems: list = list(article.problems)
    for start, part in parts:
        name = article.id
        ids = {e.event_id: f"{name}-e{len(events) + n}" for n, e in enumerate(part.events, 1)}
        ids |= {c.claim_id: f"{name}-c{len(claims) + n}" for n, c in enumerate(part.claims, 1)}
        events.extend(dataclasses.replace(
            shifted(e, start), event_id=ids[e.event_id], sentence=None,
            claim_ids=tuple(ids.get(i, i) for i in e.claim_ids)) for e in part.events)  # fmt: skip
        claims.extend(dataclasses.replace(
            shifted(c, start), claim_id=ids[c.claim_id],
            event_ids=tuple(ids.get(i, i) for i in c.event_ids)) for c in part.claims)  # fmt: skip
        for field, found in rest.items():
            found.extend(shifted(getattr(part, field), start))
        codes = {p.code for p in problems}
        problems.extend(p for p in shifted(part.problems, start)
                        if p.code not in codes or p.code not in ARTICLE_PROBLEMS)  # fmt: skip
    return ArticleResult(
        article=article, events=tuple(events), claims=tuple(claims), problems=tuple(problems),
        **{name: tuple(found) for name, found in rest.items()},
    )  # fmt: skip
