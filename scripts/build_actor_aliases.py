"""Build faultline/data/actor_aliases.tsv (issue 16): more names for the armed groups the actor
dictionary already knows, from two public lists in ../shared/corpora/actors/:

- UCDP's actor list (ucdp-actor-221.csv, CC BY 4.0, Uppsala Conflict Data Program): the name in
  the data, the original name, its English translation and the name the group changed to;
- the Phoenix/PETRARCH dictionary of armed non-state groups (Phoenix.MilNonState.actors.txt, MIT,
  openeventdata/petrarch2): each group with its aliases.

A list entry joins a dictionary actor when one of its names equals (case, hyphens and a leading
"al"/"the" aside) the actor's name or one of its aliases. Its other names become aliases of that
actor, except names of people and acronyms (the Phoenix lists add leaders and affiliates: kept only
names that share a word of four letters or more with a name the actor already has, that name no
other known group and no country, and not "... linked", "... operatives"). Only derived rows are
written: (actor, alias, source). Deterministic; run again when the lists or actors.tsv change:

    .venv/bin/python scripts/build_actor_aliases.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "faultline" / "data"
OUT = DATA / "actor_aliases.tsv"
WORD = re.compile(r"[a-z0-9]+")
STOP = {"al", "the", "of", "and", "el", "ul"}
LOOSE = {"linked", "operatives", "affiliated", "supporters"}  # the group's circle, not its name


def key(name: str) -> str:
    words = WORD.findall(name.lower().replace("'", ""))
    while words and words[0] in ("al", "the"):
        words = words[1:]
    return " ".join(words)


def words(name: str) -> set[str]:
    return {w for w in WORD.findall(name.lower()) if len(w) >= 4 and w not in STOP}


def _spans(text: str) -> set[str]:
    """Every run of words in `text`."""
    parts = text.split()
    return {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


def phoenix(path: Path) -> list[list[str]]:
    """Each group of the Phoenix list as [name, alias, ...], underscores read as spaces."""
    groups: list[list[str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if text.startswith("+"):
            if groups:
                groups[-1].append(_phrase(text[1:]))
        elif not text.startswith("["):
            groups.append([_phrase(text.split("[", 1)[0])])
    return [[n for n in g if n] for g in groups]


def _phrase(token: str) -> str:
    name = re.sub(r"\(.*?\)", " ", token.replace("_", " ")).strip()
    if name.isupper() and " " not in name and len(name) <= 6:
        return name  # an acronym stays upper-case
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split()).title()


def ucdp(path: Path) -> list[list[str]]:
    """Each UCDP actor as [name in the data, original name, English name, new names]."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        names = [row["NameData"], row["NameOrig"], row["NameOrigFullEng"], row["NameOrigFull"]]
        names += [row["NewName"], row["NewNameFullEng"]]
        split = [part.strip() for n in names if n for part in n.split(", ")]
        out.append([n for n in split if n and n != "n/a"])
    return out


def read_actors() -> list[dict[str, str]]:
    rows = []
    for name in ("actors.tsv", "actors_supplement.tsv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if not line.startswith("#"))
            rows += list(csv.DictReader(lines, delimiter="\t"))
    return [r for r in rows if r["inter"] in ("2", "3")]  # armed groups and militias


def build(corpora: Path) -> list[tuple[str, str, str]]:
    actors = read_actors()
    known: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for row in actors:
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            known.setdefault(key(name), row["name"])
            names[row["name"]].add(key(name))
    lists = [("phoenix", g) for g in phoenix(corpora / "actors" / "Phoenix.MilNonState.actors.txt")]
    lists += [("ucdp", g) for g in ucdp(corpora / "actors" / "ucdp-actor-221.csv")]
    with (DATA / "countries.tsv").open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        places = {key(r["name"]) for r in csv.DictReader(lines, delimiter="\t")}
    out: set[tuple[str, str, str]] = set()
    for source, group in lists:
        actor = next((known[key(n)] for n in group if key(n) in known), None)
        if actor is None:
            continue
        own = set().union(*(words(n) for n in names[actor]))
        for name in group:
            if key(name) in names[actor] or len(key(name)) < 3:
                continue
            others = {known[k] for k in _spans(key(name)) if k in known} - {actor}
            if others or any(p in _spans(key(name)) for p in places):
                continue  # names another group ("Al Qaeda linked Abu Sayyaf") or a country
            if words(name) & own and not words(name) & LOOSE:
                out.add((actor, name, source))
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.corpora)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# More names of the armed groups in actors.tsv, derived by\n"
            "# scripts/build_actor_aliases.py from UCDP's actor list (CC BY 4.0, Uppsala Conflict\n"
            "# Data Program) and the Phoenix list of armed non-state groups (MIT,\n"
            "# openeventdata/petrarch2). Columns: actor, alias, source.\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "alias", "source"])
        writer.writerows(rows)
    print(f"wrote {args.out} ({len(rows)} aliases of {len({r[0] for r in rows})} actors)")


if __name__ == "__main__":
    main()
