"""Re-measure the quality gate's subsets and rewrite tests/floors.toml: every metric of every task
gets a floor (measured - 3, rounded down) or, for errors in km, a ceiling (measured x 1.25, rounded
up); the tasks and their `limit` are kept from the current file. Run it after a stage improves,
read the diff, and commit it with the BENCHMARKS.md figures:

    .venv/bin/python scripts/pin_floors.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import subprocess
import tomllib
from pathlib import Path

from faultline.evaluate import LazyResources, Metric, default_corpora, evaluate

FLOORS = Path(__file__).resolve().parent.parent / "tests" / "floors.toml"
MARGIN, CEILING_FACTOR = 3, 1.25


MIN_KM_CEILING = 5  # a 1 km median leaves no margin for rounding


def lower_is_better(metric: Metric) -> bool:
    """Errors: kilometres, and the error curve's AUC."""
    return metric.unit == "km" or metric.name == "AUC"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    args = parser.parse_args()
    old = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
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
        f"# down; each ceiling is the measured error in km times {CEILING_FACTOR}, rounded up.",
        "# `limit` is the per-corpus document count the test passes. Written by",
        "# scripts/pin_floors.py on",
        f"# {when} at commit {commit or 'unknown'}; BENCHMARKS.md keeps the full-corpus figures.",
    ]
    for task, settings in old.items():
        limit = settings["limit"]
        metrics = [
            m for m in evaluate(task, args.corpora, limit, loaded)
            if m.value is not None and not m.name.startswith("fatalities miss")  # diagnostics
        ]  # fmt: skip
        lines += ["", f"[{task}]", f"limit = {limit}", "", f"[{task}.floors]"]
        for m in metrics:
            if not lower_is_better(m):
                floor = math.floor(m.value - MARGIN)
                lines.append(f'"{m.key}" = {floor}  # measured {m.value:.1f}')
        ceilings = [m for m in metrics if lower_is_better(m)]
        if ceilings:
            lines += ["", f"[{task}.ceilings]"]
        for m in ceilings:
            if m.unit == "km":
                ceiling = max(math.ceil(m.value * CEILING_FACTOR), MIN_KM_CEILING)
                lines.append(f'"{m.key}" = {ceiling}  # measured {m.value:.0f} km')
            else:  # a 0-1 error score (the places AUC)
                ceiling = math.ceil(m.value * CEILING_FACTOR * 1000) / 1000
                lines.append(f'"{m.key}" = {ceiling}  # measured {m.value:.3f}')
    FLOORS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
