"""Geoparsing against LGL and GeoVirus: toponym recognition and resolution within 161 km.

Gold: LGL (`lgl.xml`, US local news, toponyms with GeoNames coordinates) and GeoVirus
(`GeoVirus.xml`, WikiNews, locations with Wikipedia coordinates), with the coordinate corrections
of `<corpus>_patches.tsv` applied (lines `name TAB old_lat , old_lon TAB new_lat , new_lon`; a
patch applies to a gold toponym with that name whose coordinates are the old ones).

Decisions, documented in BENCHMARKS.md:
- GeoVirus offsets count from 1 (its `start`/`end` are one past LGL's convention): they are shifted
  by one so that `text[start:end]` is the location name, as checked on all 2,170 locations.
- Every predicted `PlaceMention` counts as a toponym whatever its `role`: LGL annotates demonyms
  ("American", "Georgian", "Palestinians") and metonyms ("Washington", "Moscow" as governments) as
  toponyms with coordinates, so a metonym or demonym mention is a correct recognition there.
- Recognition: one-to-one matching of predicted and gold spans that overlap.
- Resolution: over gold toponyms that carry coordinates (LGL leaves streets and some villages
  without a gazetteer entry); a recognised gold toponym is a hit when its matched prediction is
  resolved and lies within 161 km (100 miles). Reported over recognised gold toponyms and over
  all gold toponyms (an unrecognised toponym is a miss), with the mean and median error in km of
  resolved matches, and the AUC of the error curve (Gritta et al. 2018: the area under sorted
  log(error km + 1) / log(20039), lower is better) over the same resolved matches.
- At a centre: the share of resolved matches whose place is a country, province or district
  (`CENTRE_FEATURES`: a point standing for an area) rather than a town, village or landmark.
"""

from __future__ import annotations

import itertools
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..records import PlaceMention
from .scoring import Counts, Metric, haversine_km, match_spans, ratio

ACC_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error
ANCHORS = {
    "LGL": "CamCoder 76, Edinburgh 76, Mordecai 3 82.7 (acc@161)",
    "GeoVirus": "CamCoder 82, Edinburgh 78 (acc@161)",
}
PATCH_TOLERANCE = 1e-3  # degrees
CENTRE_FEATURES = frozenset({"country", "admin1", "admin2", "region", "continent"})


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None
    names: tuple[str, ...] = ()  # names a patch may be filed under (gazetteer name, phrase, page)


@dataclass(frozen=True, slots=True)
class GoldPlaceDocument:
    id: str
    text: str
    places: tuple[GoldPlace, ...]


Patches = dict[str, list[tuple[float, float, float, float]]]


def read_patches(path: Path) -> Patches:
    """name -> [(old_lat, old_lon, new_lat, new_lon)] from a `*_patches.tsv` file (absent: none)."""
    patches: Patches = {}
    if not path.is_file():
        return patches
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3:
            continue
        old, new = (tuple(float(x) for x in p.split(",")) for p in parts[1:])
        patches.setdefault(parts[0], []).append((old[0], old[1], new[0], new[1]))
    return patches


def patch_place(place: GoldPlace, patches: Patches) -> GoldPlace:
    """The gold toponym with corrected coordinates when a patch names it at its old coordinates."""
    if place.latitude is None or place.longitude is None:
        return place
    for name in place.names:
        for old_lat, old_lon, new_lat, new_lon in patches.get(name, ()):
            if (
                abs(old_lat - place.latitude) <= PATCH_TOLERANCE
                and abs(old_lon - place.longitude) <= PATCH_TOLERANCE
            ):
                return GoldPlace(place.start, place.end, place.text, new_lat, new_lon, place.names)
    return place


def _float(element: ET.Element | None, tag: str) -> float | None:
    value = element.findtext(tag) if element is not None else None
    return float(value) if value not in (None, "") else None


def _lgl_place(toponym: ET.Element) -> GoldPlace:
    gaztag = toponym.find("gaztag")
    phrase = toponym.findtext("phrase") or ""
    names = (gaztag.findtext("name") or "", phrase) if gaztag is not None else (phrase,)
    return GoldPlace(
        int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0), phrase,
        _float(gaztag, "lat"), _float(gaztag, "lon"), tuple(n for n in names if n),
    )  # fmt: skip


def _geovirus_place(location: ET.Element) -> GoldPlace:
    name = location.findtext("name") or ""
    page = unquote((location.findtext("page") or "").rsplit("/", 1)[-1]).replace("_", " ")
    return GoldPlace(
        int(location.findtext("start") or 1) - 1, int(location.findtext("end") or 1) - 1, name,
        _float(location, "lat"), _float(location, "lon"), tuple(n for n in (name, page) if n),
    )  # fmt: skip


def read_places(path: Path, patches: Patches | None = None) -> Iterator[GoldPlaceDocument]:
    """Stream the articles of an LGL or GeoVirus file (the format is told by its tags)."""
    patches = patches or {}
    number = 0
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag != "article":
            continue
        number += 1
        raw = [_lgl_place(t) for t in element.iter("toponym")]
        raw += [_geovirus_place(loc) for loc in element.iter("location")]
        places = tuple(patch_place(p, patches) for p in raw)
        doc_id = element.get("docid") or f"{path.stem}-{number}"
        yield GoldPlaceDocument(doc_id, element.findtext("text") or "", places)
        element.clear()


@dataclass(slots=True)
class PlaceTally:
    """Running totals over documents; only numbers and a list of error distances are kept."""

    recognition: Counts = field(default_factory=Counts)
    resolvable: int = 0  # gold toponyms with coordinates
    recognised: int = 0  # ... of which a prediction overlaps
    hits: int = 0  # ... resolved within ACC_KM
    errors_km: list[float] = field(default_factory=list)
    documents: int = 0
    centres: int = 0  # resolved matches placed at a country/province/district centre


def score_places(
    gold: Sequence[GoldPlace], pred: Sequence[PlaceMention], tally: PlaceTally
) -> None:
    """Add one document's gold toponyms and predicted mentions to `tally`."""
    pairs = match_spans([(g.start, g.end) for g in gold], [(p.start, p.end) for p in pred])
    tally.documents += 1
    tally.recognition.add(len(pairs), len(pred), len(pairs), len(gold))
    tally.resolvable += sum(g.latitude is not None for g in gold)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if g.latitude is None or g.longitude is None:
            continue
        tally.recognised += 1
        if p.resolved and p.latitude is not None and p.longitude is not None:
            error = haversine_km(g.latitude, g.longitude, p.latitude, p.longitude)
            tally.errors_km.append(error)
            tally.hits += error <= ACC_KM
            tally.centres += p.feature in CENTRE_FEATURES


def place_metrics(corpus: str, tally: PlaceTally) -> list[Metric]:
    n, anchor, rec = tally.documents, ANCHORS.get(corpus, ""), tally.recognition
    errors = tally.errors_km
    return [
        Metric("places", "toponym precision", corpus, n, rec.precision, rec.pred),
        Metric("places", "toponym recall", corpus, n, rec.recall, rec.gold),
        Metric("places", "toponym F1", corpus, n, rec.f1, rec.gold),
        Metric("places", "acc@161 recognised", corpus, n, ratio(tally.hits, tally.recognised),
               tally.recognised, anchor),
        Metric("places", "acc@161 all", corpus, n, ratio(tally.hits, tally.resolvable),
               tally.resolvable, anchor),
        Metric("places", "mean error", corpus, n, statistics.fmean(errors) if errors else None,
               len(errors), unit="km"),
        Metric("places", "median error", corpus, n, statistics.median(errors) if errors else None,
               len(errors), unit="km"),
        Metric("places", "AUC", corpus, n, error_auc(errors), len(errors),
               "0-1, lower is better", unit=""),
        Metric("places", "at a centre", corpus, n, ratio(tally.centres, len(errors)),
               len(errors), "country, province or district point"),
    ]  # fmt: skip


def error_auc(errors_km: Sequence[float]) -> float | None:
    """Gritta et al.'s AUC: the area under the curve of sorted log(error + 1) / log(20039), by
    the trapezoid rule over resolved matches; 0 is perfect, 1 every error as large as can be."""
    if len(errors_km) < 2:
        return None
    scaled = sorted(math.log(e + 1) / math.log(MAX_ERROR_KM) for e in errors_km)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return round(area / (len(scaled) - 1), 4)


CORPORA = {  # --corpus name -> (label, gold file, coordinate patches)
    "lgl": ("LGL", "lgl.xml", "lgl_patches.tsv"),
    "geovirus": ("GeoVirus", "GeoVirus.xml", "GeoVirus_patches.tsv"),
}


def evaluate(
    corpora: Path, limit: int | None, *, nlp: Any, gazetteer: Any, corpus: Sequence[str] = ()
) -> list[Metric]:
    """Parse each gold article, run `find_places` and score; one article in memory at a time.
    `corpus` names the corpora to read (keys of CORPORA; all when empty)."""
    from ..places.mentions import find_places

    metrics: list[Metric] = []
    for label, name, patch_name in [CORPORA[key] for key in corpus or CORPORA]:
        folder = corpora / "geoparsing"
        tally = PlaceTally()
        for number, document in enumerate(
            read_places(folder / name, read_patches(folder / patch_name))
        ):
            if limit is not None and number >= limit:
                break
            pred = find_places(nlp.parse(document.text), gazetteer=gazetteer)
            score_places(document.places, pred, tally)
        metrics += place_metrics(label, tally)
    return metrics
