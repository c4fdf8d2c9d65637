"""Issue 14: a library's own log lines never reach the terminal beside faultline's message."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from faultline import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "faultline.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip


def test_trafilatura_is_quiet_unless_verbose(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    quiet = run("extract", str(page))
    assert quiet.returncode == 1
    assert quiet.stderr.splitlines() == [
        f"faultline: error: {page}: no article text found in the HTML",
        "faultline: 1 of 1 inputs failed",
    ]
    verbose = run("-v", "extract", str(page))
    assert "faultline: DEBUG: trafilatura" in verbose.stderr


def test_library_records_go_through_faultlines_logger(caplog) -> None:
    cli.route_library_logs()
    with caplog.at_level(logging.DEBUG, logger="faultline"):
        logging.getLogger("trafilatura.core").warning("discarding data: None")
    routed = ("faultline", logging.DEBUG, "trafilatura.core: discarding data: None")
    assert routed in [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert logging.getLogger("trafilatura").propagate is False  # not also to the root's handler
