"""`faultline watch`: follow RSS/Atom feeds and folders, and code each new report as it arrives.

    with open_store("faultline.db") as store, Fetcher(timeout=20, max_bytes=20_000_000) as fetcher:
        run(["https://agency.example/rss", "drops/"], store, fetcher, ingest, every=900)

Each poll reads every source (`poll.poll`), fetches each item not seen before, ingests it as
`faultline ingest` does, and prints a summary line. State (items seen, each source's last poll and
result, ETag / Last-Modified) lives in the store, so a restart resumes where the last run stopped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable

from ..errors import FaultlineError
from ..store.database import Store
from .fetch import USER_AGENT, Fetcher, FetchError
from .poll import Ingest, Summary, expand, poll

__all__ = ["USER_AGENT", "FetchError", "Fetcher", "Summary", "expand", "parse_interval", "poll",
           "run"]  # fmt: skip

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "15m", "30s", "1h", "1d" or a plain number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise FaultlineError(f"--every: cannot read {text!r} (use 30s, 15m, 1h or seconds)")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def run(
    sources: Iterable[str], store: Store, fetcher: Fetcher, ingest: Ingest, *, every: float,
    once: bool = False, echo: Callable[[str], None] = print,
) -> int:  # fmt: skip
    """Poll until interrupted (or once); return 1 when the last poll had a failed source."""
    sources = list(sources)
    while True:
        started = time.monotonic()
        summary = poll(sources, store, fetcher, ingest)
        for source, reason in summary.failed_sources:
            echo(f"faultline: error: source {source}: {reason}")
        for name, reason in summary.failed_items:
            echo(f"faultline: error: {name}: {reason}")
        echo(summary.line())
        if once:
            return 1 if summary.failed_sources else 0
        time.sleep(max(0.0, every - (time.monotonic() - started)))
