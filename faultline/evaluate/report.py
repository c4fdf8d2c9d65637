"""Printing scores: a rich table for people, a JSON file for machines (and tests/floors.toml)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .scoring import Metric


def format_value(metric: Metric) -> str:
    if metric.value is None:
        return "—"
    if metric.unit == "%":
        return f"{metric.value:.1f}"
    if metric.unit == "km":
        return f"{metric.value:,.0f} km"
    return f"{metric.value:g}"


def metrics_table(metrics: Sequence[Metric], title: str = "faultline evaluate") -> Table:
    table = Table(title=title)
    for column, justify in (
        ("task", "left"), ("corpus", "left"), ("metric", "left"), ("value", "right"),
        ("items", "right"), ("gold/pred", "right"), ("anchor", "left"),
    ):  # fmt: skip
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for m in metrics:
        table.add_row(
            m.task, m.corpus, m.name, format_value(m), str(m.items), str(m.support), m.anchor
        )
    return table


def print_metrics(metrics: Sequence[Metric], console: Console | None = None) -> None:
    (console or wide_console()).print(metrics_table(metrics))


def wide_console() -> Console:
    """The terminal, or 140 columns when output is piped (rich would otherwise wrap at 80)."""
    console = Console()
    return console if console.is_terminal else Console(width=140)


def write_json(metrics: Sequence[Metric], path: Path, limit: int | None) -> None:
    """{"limit": N, "metrics": [{key, task, name, corpus, items, value, support, anchor, unit}]}."""
    payload = {"limit": limit, "metrics": [m.to_dict() for m in metrics]}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
