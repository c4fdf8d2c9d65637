"""The places stage: place mentions found in a parse and resolved against the gazetteer.

`mentions` finds the names (NER entities, gazetteer n-grams, settlement cues) and turns them into
`records.PlaceMention`; `window` and `accept` decide which spans are names of places; `cues` reads
the words around a name; `signals` and `rank` score the candidates the gazetteer offers for it.
The gazetteer itself (`faultline.gazetteer`) is the index this stage queries."""

from .mentions import find_places

__all__ = ["find_places"]
