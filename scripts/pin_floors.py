"""Re-measure the quality gate's subsets and rewrite tests/floors.toml: every metric of every task
gets a floor (measured - 3, rounded down) or, for errors in km, a ceiling (measured x 1.25, rounded
up); the tasks and their `limit` are kept from the current file. Run it after a stage improves,
read the diff, and commit it with the BENCHMARKS.md figures:

    .venv/bin/python scripts/pin_floors.py [--corpora ../shared/corpora] [--task articles ...]

`--task` re-measures only the tasks named (repeatable; a new task is added with --limit) and
keeps the other tasks' sections as they are. The articles task is measured without the real
articles' texts ($FAULTLINE_ARTICLE_TEXTS is ignored): CI has only the project's own articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
import subprocess
import tomllib
from pathlib import Path

from faultline.evaluate import LazyResources, Metric, default_corpora, evaluate

FLOORS = Path(__file__).resolve().parent.parent / "tests" / "floors.toml"
MARGIN, CEILING_FACTOR = 3, 1.25


MIN_KM_CEILING = 5  # a 1 km median leaves no margin for rounding


COUNTED_ERRORS = ("duplicates", "duplicates per article", "stale events")
# Shares where lower is better (issue 17): places at a province or country centre.
SHARE_ERRORS = ("at a centre", "at a centre, the note naming a smaller place")


def lower_is_better(metric: Metric) -> bool:
    """Errors: kilometres, the error curve's AUC, duplicate and stale event records, the share
    placed at a centre."""
    return (
        metric.unit == "km"
        or metric.name == "AUC"
        or metric.name in COUNTED_ERRORS
        or metric.name in SHARE_ERRORS
    )


def sections(text: str) -> dict[str, str]:
    """The file's text per task: from its `[task]` line to the next task's."""
    blocks = re.split(r"(?m)^(?=\[[^.\]]+\]$)", text)
    return {b.split("]", 1)[0][1:]: b.rstrip() for b in blocks if b.startswith("[")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    parser.add_argument("--task", action="append", default=[], help="only these tasks")
    parser.add_argument("--limit", type=int, default=None, help="for a task new to the file")
    args = parser.parse_args()
    os.environ.pop("FAULTLINE_ARTICLE_TEXTS", None)
    text = FLOORS.read_text(encoding="utf-8")
    old = tomllib.loads(text)
    kept = sections(text)
    for task in args.task:
        old.setdefault(task, {"limit": args.limit})
    loaded = LazyResources()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Quality floors for tests/test_quality.py: the evaluation (faultline.evaluate) on",
        "# small fixed subsets must not score below these figures, nor above the km ceilings.",
        "#",
        f"# Each floor is the figure measured on the same subset minus {MARGIN} points, rounded",
        f"# down; each ceiling is the measured error in km times {CEILING_FACTOR}, rounded up",
        f"# (a share placed at a centre: measured plus {MARGIN}).",
        "# `limit` is the per-corpus document count the test passes. Written by",
        "# scripts/pin_floors.py on",
        f"# {when} at commit {commit or 'unknown'}; BENCHMARKS.md keeps the full-corpus figures.",
    ]
    for task, settings in old.items():
        if args.task and task not in args.task:
            lines += ["", kept[task]]
            continue
        limit = settings["limit"]
        metrics = [
            m for m in evaluate(task, args.corpora, limit, loaded)
            if m.value is not None
            and not m.name.startswith(("fatalities miss", "sub-type F1: "))  # diagnostics
        ]  # fmt: skip
        metrics = [m for m in metrics if not m.key.startswith(f"{task}.real ")]
        lines += ["", f"[{task}]", f"limit = {limit}", "", f"[{task}.floors]"]
        for m in metrics:
            if not lower_is_better(m):
                floor = math.floor(m.value - MARGIN)
                lines.append(f'"{m.key}" = {floor}  # measured {m.value:.1f}')
        ceilings = [m for m in metrics if lower_is_better(m)]
        if ceilings:
            lines += ["", f"[{task}.ceilings]"]
        for m in ceilings:
            if m.name in SHARE_ERRORS:  # a share: the floors' margin, upwards
                lines.append(f'"{m.key}" = {math.ceil(m.value + MARGIN)}  # measured {m.value:.1f}')
            elif m.name in COUNTED_ERRORS:  # a count: one more than measured is the slack
                lines.append(f'"{m.key}" = {math.floor(m.value) + 1}  # measured {m.value:g}')
            elif m.unit == "km":
                ceiling = max(math.ceil(m.value * CEILING_FACTOR), MIN_KM_CEILING)
                lines.append(f'"{m.key}" = {ceiling}  # measured {m.value:.0f} km')
            else:  # a 0-1 error score (the places AUC)
                ceiling = math.ceil(m.value * CEILING_FACTOR * 1000) / 1000
                lines.append(f'"{m.key}" = {ceiling}  # measured {m.value:.3f}')
    FLOORS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
