"""The quality gate: evaluation scores on small fixed corpus subsets stay above tests/floors.toml.

Each task in floors.toml names the `limit` (documents per corpus) it was measured with, `floors`
(scores that must not drop below) and `ceilings` (errors in km that must not rise above). A floor is
set a little below the measured figure; raise it when the pipeline improves (BENCHMARKS.md has the
figures and commands). Skipped only when ../shared/corpora is absent.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from faultline.evaluate import LazyResources, evaluate

pytestmark = [pytest.mark.corpus, pytest.mark.model]

FLOORS = tomllib.loads((Path(__file__).parents[1] / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded() -> LazyResources:
    return LazyResources()


@pytest.mark.parametrize("task", sorted(FLOORS))
def test_scores_stay_above_floors(task: str, corpora: Path, loaded: LazyResources) -> None:
    settings = FLOORS[task]
    scores = {m.key: m.value for m in evaluate(task, corpora, settings["limit"], loaded)}
    failures = []
    for key, floor in settings.get("floors", {}).items():
        if key not in scores:
            failures.append(f"{key}: no longer measured")
        elif scores[key] is None or scores[key] < floor:
            failures.append(f"{key}: {scores[key]} < floor {floor}")
    for key, ceiling in settings.get("ceilings", {}).items():
        if key not in scores:
            failures.append(f"{key}: no longer measured")
        elif scores[key] is None or scores[key] > ceiling:
            failures.append(f"{key}: {scores[key]} > ceiling {ceiling}")
    assert not failures, "\n".join(failures)
