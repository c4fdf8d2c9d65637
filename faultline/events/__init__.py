"""The events stage: event mentions detected per sentence (`detection`, with the trigger lexicon in
`triggers`, its vetoes in `nonevents`, toll and follow-up sentences in `followups`), each given
a place (`location`), actors (`perpetrators`, `roles`) and a sub-type chosen with the trained
typer (`model`), the learned detector (`detector`) adding sentences the lexicon leaves untyped;
then the article's reports of one event merged (`merge`), the reports of one incident assembled
into one event (`assembly`) and each event's note written (`notes`)."""

from .assembly import assemble_events
from .detection import detect_events
from .detector import load_detector
from .merge import merge_events
from .model import EventModel, load_event_model
from .notes import write_notes

__all__ = [
    "EventModel",
    "assemble_events",
    "detect_events",
    "load_detector",
    "load_event_model",
    "merge_events",
    "write_notes",
]
