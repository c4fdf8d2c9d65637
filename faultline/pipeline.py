"""The pipeline on one screen: `load` the heavy resources once, then `extract` article by article.

Stage order (DESIGN.md), with one deliberate change: quotes run before events, because an event's
claimant and a count's claimant are the speaker of the statement that reports them.

    read -> clean -> parse -> places -> dates -> quotes -> events -> merge -> counts -> notes

and merge runs before counts, so that a casualty claim links to the merged event whichever of its
reports the claim's sentence belongs to.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .actors import ActorDictionary, load_actors
from .claims import count_casualties
from .dates import resolve_dates
from .events import EventModel, detect_events, load_event_model, merge_events, write_notes
from .gazetteer import Gazetteer, load_gazetteer
from .places import find_places
from .quotes import find_quotes
from .records import Article, ArticleResult, Parse
from .settings import Settings, load_settings
from .text import NLP, clean_text, load_nlp


@dataclass(frozen=True, slots=True)
class Resources:
    """What a process loads once and shares across articles."""

    nlp: NLP
    gazetteer: Gazetteer
    actors: ActorDictionary
    event_model: EventModel | None = None


def load(settings: Settings | None = None) -> Resources:
    """The shared resources; `settings` default to `load_settings()` (faultline.toml and the
    FAULTLINE_* environment, so FAULTLINE_CACHE_DIR picks the place index's folder)."""
    settings = settings or load_settings()
    return Resources(
        nlp=load_nlp(settings.model),
        gazetteer=load_gazetteer(settings.cache_dir),
        actors=load_actors(),
        event_model=load_event_model(),
    )


def extract(article: Article, resources: Resources) -> ArticleResult:
    """Run every stage on one article (its `text` still raw) and return the result."""
    article = prepare(article)
    return analyse(article, resources.nlp.parse(article.text), resources)


def prepare(article: Article) -> Article:
    """The article with its text cleaned: the text every offset of the result refers to.

    Batch callers prepare many articles, parse their texts with `resources.nlp.pipe` (faster than
    one call per text) and pass each parse to `analyse`."""
    return dataclasses.replace(article, text=clean_text(article.text).text)


def analyse(article: Article, parse: Parse, resources: Resources) -> ArticleResult:
    """The stages after parsing, on an article whose text is already clean."""
    places = find_places(parse, gazetteer=resources.gazetteer)
    timeline = resolve_dates(parse, published=article.published)
    quotes = find_quotes(parse)
    events = detect_events(
        parse, places=places, timeline=timeline, quotes=quotes, actors=resources.actors,
        article_id=article.id, model=resources.event_model,
    )  # fmt: skip
    claims, events = count_casualties(
        parse, timeline=timeline, quotes=quotes, events=merge_events(events), article_id=article.id
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
        problems=(*article.problems, *timeline.problems),
    )
