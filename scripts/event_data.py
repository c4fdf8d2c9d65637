"""Training rows for the event detector and typer (issue 16), from ../shared/corpora.

    .venv/bin/python scripts/event_data.py              # counts per source, split and label
    .venv/bin/python scripts/event_data.py --write X    # every row as JSON lines

Sources, each read as sentences with a `detector` label (event / none; ambiguous sentences left
out) and, where a documented mapping allows, an ACLED `sub_event_type` for the typer:
- ACLED notes (`acled/*.csv`): `note_text(notes)` (ACLED's bookkeeping removed), labelled with
  their sub_event_type, in the 5 folds of `faultline evaluate events --corpus acled` (`fold`).
- news_events (see its MANIFEST.tsv): WikiEvents train+dev (never test), M2E2, PLOVER, NGEC's
  synthetic stories (lead sentence only: the stories are labelled as a whole), through
  `faultline/data/event_mappings.tsv`: (source, label, condition) -> detector, sub_event_type.
  A condition is an argument check coded below (CONDITIONS).
- The project's news passages, DEV split only (`faultline/evaluate/data/news_events_dev.tsv`).
- Sentences the project wrote itself (`faultline/data/event_sentences.tsv`): Chemical weapon and
  other sub-types no source covers in wire style, and talk/background negatives.

News rows are split by DOCUMENT into train / heldout (sha1 of source and document id; about one
document in five held out), so no document is on both sides.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

try:  # after the package reorganisation
    from faultline.events.model import note_text
except ImportError:  # pragma: no cover - before it
    from faultline.eventmodel import note_text  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
NEWS = CORPORA / "news_events"
DATA = ROOT / "faultline" / "data"
MAPPINGS = DATA / "event_mappings.tsv"
OWN = DATA / "event_sentences.tsv"
DEV = ROOT / "faultline" / "evaluate" / "data" / "news_events_dev.tsv"
ACLED_FILES = ("acled-2020-dev.csv", "acled-extra.csv")
FOLDS = 5
HELDOUT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Row:
    source: str  # acled, wikievents, m2e2, plover, ngec, news-dev, own
    doc: str  # document id: the unit of the train/heldout split
    text: str
    event: int | None  # detector label: 1 event, 0 none, None left out
    sub_event_type: str | None  # typer label (None: not for the typer)
    label: str = ""  # the source's own label, for per-mapping experiments
    split: str = "train"  # train / heldout (news) or "fold<k>" (ACLED)
    acled_file: str = ""


def heldout(source: str, doc: str) -> bool:
    digest = hashlib.sha1(f"{source}\t{doc}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < HELDOUT_SHARE


def split_of(source: str, doc: str) -> str:
    return "heldout" if heldout(source, doc) else "train"


# --------------------------------------------------------------------------------------- mappings


@dataclass(frozen=True, slots=True)
class Mapping:
    source: str
    label: str
    condition: str
    detector: str
    sub_event_type: str
    typer: bool


def read_mappings(path: Path = MAPPINGS) -> list[Mapping]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        Mapping(
            r["source"],
            r["label"],
            r["condition"],
            r["detector"],
            r["sub_event_type"],
            r["typer"] == "yes",
        )
        for r in rows
    ]


def lookup(mappings: list[Mapping], source: str, label: str, facts: set[str]) -> Mapping | None:
    """The first mapping of (source, label) whose condition holds; "*" matches any label and
    "X/*" any mode of X."""
    for m in mappings:
        if m.source != source:
            continue
        fits = (
            m.label == label
            or m.label == "*"
            or (m.label.endswith("/*") and label.startswith(m.label[:-1]))
        )
        if fits and (not m.condition or m.condition in facts):
            return m
    return None


# Argument checks: words of an argument or of the sentence.
CIVILIAN = re.compile(
    r"\b(?:civilians?|people|villagers?|worshipp?ers?|shoppers?|passengers?|pedestrians?|"
    r"students?|children|women|men|residents?|crowds?|tourists?|families|family|journalists?|"
    r"mosque|church|market|school|hospital|wedding|shrine|bus|restaurant|hotel)\b",
    re.I,
)
ARMED = re.compile(
    r"\b(?:soldiers?|troops?|army|police(?:men)?|officers?|forces?|fighters?|militants?|rebels?|"
    r"insurgents?|guards?|base|checkpoint|convoy|patrol|military|marines?|militia)\b",
    re.I,
)
SUICIDE = re.compile(r"\bsuicide\b|\bblew (?:him|her|them)sel(?:f|ves) up\b|\bself-detonat", re.I)
GRENADE = re.compile(r"\bgrenades?\b", re.I)
SHELL = re.compile(r"\b(?:rockets?|missiles?|mortars?|shells?|shelling|artillery)\b", re.I)
AIR = re.compile(r"\b(?:air ?strikes?|drones?|warplanes?|jets?|bomber aircraft|aircraft)\b", re.I)
IED = re.compile(
    r"\b(?:ied|improvised|roadside|car bombs?|truck bombs?|landmines?|mines?|pipe bombs?|"
    r"explosive devices?|booby)\b",
    re.I,
)


# Sentences left out whatever their mentions: photo captions and page debris ("FILE - ...",
# "image caption"), and, among would-be events, trials and attacks dated by a year (background
# that the detector must not learn as an event, nor as a non-event).
CAPTION = re.compile(r"^\s*FILE\b|\bimage (?:caption|copyright)\b", re.I)
TRIAL = re.compile(
    r"\b(?:trial|court|jury|judge|prosecutors?|convicted|guilty|sentenced|indicted|charged with|"
    r"inquests?|testified|verdict)\b",
    re.I,
)
PAST_YEAR = re.compile(r"\b(?:19[0-9]{2}|20[01][0-9])\b")


def attack_facts(sentence: str, args: list[tuple[str, str]], victims: set[str]) -> set[str]:
    """Named facts about an attack from its (role, text) arguments, the sentence and the victims
    of deaths in the same sentence."""
    facts = set()
    attackers = {t.lower() for r, t in args if r == "Attacker"}
    if attackers & victims or SUICIDE.search(sentence):
        facts.add("attacker_dies")
    devices = " ".join(t for r, t in args if r in ("ExplosiveDevice", "Instrument"))
    for name, pattern in (
        ("device_grenade", GRENADE),
        ("device_shell", SHELL),
        ("device_air", AIR),
        ("device_ied", IED),
    ):
        if pattern.search(devices or sentence):
            facts.add(name)
            break
    targets = " ".join(t for r, t in args if r in ("Target", "Victim"))
    if targets and ARMED.search(targets):
        facts.add("target_armed")
    elif targets and CIVILIAN.search(targets):
        facts.add("target_civilian")
    if any(r in ("Killer", "Injurer", "Instrument", "Agent") for r, _ in args):
        facts.add("killer_or_instrument")
    return facts


def sentence_rows(
    source: str,
    doc: str,
    sentence: str,
    mentions: list[tuple[str, list[tuple[str, str]]]],
    mappings: list[Mapping],
) -> Row | None:
    """One row for a sentence and its event mentions [(type, [(role, text)])]: an event if any
    mention maps to an event; left out if any is ambiguous; else none. Its sub-type is the first
    kept mapping's (or any mapping's: `label` keeps them all for experiments)."""
    victims = {t.lower() for _, args in mentions for r, t in args if r == "Victim"}
    if any(kind == "Conflict.Demonstrate.Unspecified" for kind, _ in mentions) and any(
        kind.startswith("Justice.ArrestJailDetain") for kind, _ in mentions
    ):
        extra = {"demonstration_arrest"}
    else:
        extra = set()
    chosen = [
        lookup(mappings, source, kind, attack_facts(sentence, args, victims) | extra)
        for kind, args in mentions
    ]
    if not mentions:
        chosen = [lookup(mappings, source, "", set())]
    decisions = [m.detector for m in chosen if m is not None]
    typed = [m for m in chosen if m is not None and m.sub_event_type]
    if CAPTION.search(sentence):
        return None
    if "event" in decisions and (TRIAL.search(sentence) or PAST_YEAR.search(sentence)):
        return None  # a trial about an attack, or an attack dated in another year: background
    if "event" in decisions:
        event = 1
    elif "skip" in decisions:
        return None
    else:
        event = 0
    label = "|".join(f"{m.label}>{m.sub_event_type}" for m in typed)
    kept = next((m.sub_event_type for m in typed if m.typer), None)
    return Row(source, doc, sentence, event, kept if event else None, label, split_of(source, doc))


# ------------------------------------------------------------------------------------ the sources

SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]’”'])|(?<=[(\[“]) ")
SENTENCE_END = {".", "!", "?"}


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = SPACE_BEFORE.sub(lambda m: m.group(1) or "", text)
    return re.sub(r" ?([-’]) ?(?=\w)", r"\1", text).replace(" n't", "n't")


def split_tokens(tokens: list[str]) -> list[tuple[int, int]]:
    """Token ranges of sentences: a break after . ! ? (and a closing quote)."""
    spans, start = [], 0
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            token in SENTENCE_END
            and nxt not in ("”", '"', "’")
            or token in ("”",)
            and i
            and (tokens[i - 1] in SENTENCE_END)
        ):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def wikievents(mappings: list[Mapping]) -> Iterator[Row]:
    """Train windows (grouped back into their documents) and dev documents; never test."""
    sentences: dict[tuple[str, str], list] = {}
    with (NEWS / "wikievents" / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            doc, tokens = r["id"].split("-", 1)[1], r["context"]
            for start, end in split_tokens(tokens):
                key = (doc, detokenize(tokens[start:end]))
                found = sentences.setdefault(key, [])
                for e in r["events"]:
                    if start <= e["trigger"][0] < end:
                        args = [(a[3], a[2]) for a in e["args"]]
                        if (e["event_type"], args) not in found:
                            found.append((e["event_type"], args))
    with (NEWS / "wikievents" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            d = json.loads(line)
            texts = [s[1] for s in d["sentences"]]
            for text in texts:
                sentences.setdefault((d["doc_id"], text), [])
            for e in d["event_mentions"]:
                args = [(a["role"], a["text"]) for a in e["arguments"]]
                sentences[(d["doc_id"], texts[e["trigger"]["sent_idx"]])].append(
                    (e["event_type"], args)
                )
    for (doc, text), mentions in sentences.items():
        if len(text.split()) >= 4:
            row = sentence_rows("wikievents", doc, text, mentions, mappings)
            if row is not None:
                yield row


def m2e2(mappings: list[Mapping]) -> Iterator[Row]:
    seen = set()
    for name in ("text_only_event.json", "text_multimedia_event.json"):
        with (NEWS / "m2e2" / name).open(encoding="utf-8") as handle:
            for s in json.load(handle):
                if s["sentence_id"] in seen or len(s["words"]) < 4:
                    continue
                seen.add(s["sentence_id"])
                mentions = [
                    (e["event_type"], [(a["role"], a["text"]) for a in e["arguments"]])
                    for e in s["golden-event-mentions"]
                ]
                doc = s["sentence_id"].rsplit("_", 1)[0]
                text = " ".join(s["sentence"].split())
                row = sentence_rows("m2e2", doc, text, mentions, mappings)
                if row is not None:
                    yield row


def plover(mappings: list[Mapping]) -> Iterator[Row]:
    with (NEWS / "plover" / "PLOVER_GSR_CAMEO.json").open(encoding="utf-8") as handle:
        records = json.load(handle)
    for r in records:
        if r.get("text") and r["event"] != "DOCUMENT":
            m = lookup(mappings, "plover", r["event"], set())
            if m is not None and m.detector != "skip":
                event = int(m.detector == "event")
                yield Row(
                    "plover",
                    r["id"],
                    r["text"],
                    event,
                    None,
                    r["event"],
                    split_of("plover", r["id"]),
                )


LEAD_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“(])")


def lead_sentence(text: str) -> str:
    first = text.strip().split("\n")[0]
    return LEAD_END.split(first, maxsplit=1)[0].strip()


def ngec(mappings: list[Mapping]) -> Iterator[Row]:
    path = NEWS / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for i, r in enumerate(csv.DictReader(handle)):
            label = f"{r['label']}/{r['mode']}"
            m = lookup(mappings, "ngec", label, set())
            lead = lead_sentence(r["text"])
            if m is None or m.detector == "skip" or len(lead.split()) < 5 or "{" in lead:
                continue
            event = int(m.detector == "event")
            sub = m.sub_event_type if (event and m.typer) else None
            yield Row(
                "ngec",
                str(i),
                lead,
                event,
                sub,
                f"{label}>{m.sub_event_type}",
                split_of("ngec", str(i)),
            )


def news_dev(path: Path = DEV) -> Iterator[Row]:
    """The project's news passages, dev split: one row per passage (its own document)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            none = r["sub_event_type"] == "none"
            yield Row(
                "news-dev",
                r["id"],
                r["text"],
                int(not none),
                None if none else r["sub_event_type"],
                r["sub_event_type"],
                "dev",
            )


def own(path: Path = OWN) -> Iterator[Row]:
    """Sentences written for this project: `doc`, `sub_event_type` (none: not an event), `text`."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        none = r["sub_event_type"] == "none"
        yield Row(
            "own",
            r["doc"],
            r["text"],
            int(not none),
            None if none else r["sub_event_type"],
            r["sub_event_type"],
            split_of("own", r["doc"]),
        )


def acled(folder: Path = CORPORA / "acled") -> Iterator[Row]:
    """ACLED rows with notes in file order, folds as in faultline/evaluate/events.py (seed 0)."""
    rows = []
    for name in ACLED_FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            rows += [
                (name, r)
                for r in csv.DictReader(handle)
                if r["notes"].strip() and r["sub_event_type"]
            ]
    folds = np.random.default_rng(0).permutation(len(rows)) % FOLDS
    for (name, r), fold in zip(rows, folds, strict=True):
        yield Row(
            "acled",
            r["data_id"] or r.get("event_id_cnty", ""),
            note_text(r["notes"]),
            1,
            r["sub_event_type"],
            r["sub_event_type"],
            f"fold{fold}",
            name,
        )


SOURCES: dict[str, Callable[..., Iterator[Row]]] = {
    "wikievents": wikievents,
    "m2e2": m2e2,
    "plover": plover,
    "ngec": ngec,
}


def news_rows(mappings_path: Path = MAPPINGS, own_path: Path = OWN) -> list[Row]:
    """The mapped news sources' rows and our own sentences (read from NEWS)."""
    mappings = read_mappings(mappings_path)
    rows: list[Row] = []
    for read in SOURCES.values():
        rows += read(mappings)
    if own_path.is_file():
        rows += own(own_path)
    return rows


def load(mappings_path: Path = MAPPINGS, own_path: Path = OWN) -> list[Row]:
    """Every row: ACLED, the mapped news sources, our own sentences, the news passages dev split."""
    return [*acled(), *news_rows(mappings_path, own_path), *news_dev()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mappings", type=Path, default=MAPPINGS)
    parser.add_argument("--own", type=Path, default=OWN)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = load(args.mappings, args.own)
    counts = Counter((r.source, r.split if r.source != "acled" else "folds", r.event) for r in rows)
    for (source, split, event), n in sorted(counts.items(), key=str):
        print(f"{source:11} {split:8} {'event' if event else 'none':6} {n:6}")
    typed = Counter(r.sub_event_type for r in rows if r.source != "acled" and r.sub_event_type)
    print("typer rows from news:", dict(typed.most_common()))
    if args.write:
        with args.write.open("w", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(asdict(r)) + "\n")
        print(f"wrote {len(rows)} rows to {args.write}")


if __name__ == "__main__":
    main()
