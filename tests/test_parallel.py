"""Parallel extraction in worker processes: same results and order; a dead worker loses nothing."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal

import pytest

from faultline.parallel import WorkFailure, extract_parallel
from faultline.pipeline import extract
from faultline.records import Article
from faultline.settings import load_settings
from faultline.text.read import InputFailure

pytestmark = pytest.mark.model

TEXTS = [
    "Gunmen attacked a village near Gao in Mali on Monday, killing five civilians, officials said.",
    "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said.",
    "An air strike hit a market in Sagaing, Myanmar, on Sunday, killing 12 people.",
    "Al Shabaab fighters stormed a base in Mogadishu on Friday, the army said.",
    "Rebels shelled positions near Goma in eastern Congo on Wednesday.",
    "Troops clashed with ELN guerrillas near Tame, Colombia, on Thursday.",
]


def articles() -> list[Article | InputFailure]:
    items: list[Article | InputFailure] = [
        Article(id=f"a{i}", text=text, published=dt.date(2024, 3, 8), input_name=f"a{i}.txt")
        for i, text in enumerate(TEXTS)
    ]
    items.insert(2, InputFailure("broken.jsonl:3", "invalid JSON"))
    return items


def as_dicts(outcomes: list) -> list:
    return [o.to_dict() if hasattr(o, "to_dict") else o for o in outcomes]


def test_workers_give_the_single_process_results_in_input_order(resources):
    expected = [
        item if isinstance(item, InputFailure) else extract(item, resources) for item in articles()
    ]
    got = list(extract_parallel(articles(), load_settings(), workers=2))
    assert as_dicts(got) == as_dicts(expected)


def test_a_worker_killed_mid_batch_loses_no_article(resources):
    outcomes = extract_parallel(articles() * 2, load_settings(), workers=2)
    got = [next(outcomes)]
    workers = multiprocessing.active_children()
    assert workers, "the pool's worker processes are children of this process"
    os.kill(workers[0].pid, signal.SIGKILL)
    got += list(outcomes)
    assert not [o for o in got if isinstance(o, WorkFailure)]
    ids = [o.input_name if isinstance(o, InputFailure) else o.article.id for o in got]
    assert ids == [i.input_name if isinstance(i, InputFailure) else i.id for i in articles() * 2]


def test_the_command_line_with_workers_writes_what_one_process_writes(tmp_path):
    from typer.testing import CliRunner

    from faultline import cli

    paths = []
    for i, text in enumerate(TEXTS[:3]):
        paths.append(tmp_path / f"a{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    inputs = [str(p) for p in paths]
    inputs.insert(1, str(tmp_path / "empty.txt"))
    command = ["extract", "--published", "2024-03-08", *inputs]
    runner = CliRunner()
    one = runner.invoke(cli.app, command)
    two = runner.invoke(cli.app, [*command, "--workers", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") == 3
    assert "empty.txt: empty input" in two.stderr


@pytest.fixture(scope="module")
def cluster():
    import distributed

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_gives_the_single_process_results_in_input_order(resources, cluster):
    from faultline.cluster import extract_dask

    expected = [
        item if isinstance(item, InputFailure) else extract(item, resources) for item in articles()
    ]
    got = list(extract_dask(articles(), load_settings(), cluster))
    assert as_dicts(got) == as_dicts(expected)


def test_a_dask_worker_that_dies_mid_batch_loses_no_article(cluster):
    from distributed import Client

    from faultline.cluster import extract_dask

    outcomes = extract_dask(articles() * 3, load_settings(), cluster)
    got = [next(outcomes)]
    with Client(cluster) as client:
        pid = next(iter(client.run(os.getpid).values()))
    os.kill(pid, signal.SIGKILL)
    got += list(outcomes)
    ids = [o.input_name if isinstance(o, InputFailure) else o.article.id for o in got]
    assert ids == [i.input_name if isinstance(i, InputFailure) else i.id for i in articles() * 3]


def test_the_command_line_on_a_dask_scheduler_writes_what_one_process_writes(tmp_path, cluster):
    from typer.testing import CliRunner

    from faultline import cli

    path = tmp_path / "articles.jsonl"
    path.write_text(
        "".join(f'{{"id": "a{i}", "text": "{t}"}}\n' for i, t in enumerate(TEXTS[:3])) + "{bad\n",
        encoding="utf-8",
    )
    command = ["extract", "--published", "2024-03-08", str(path)]
    runner = CliRunner()
    one = runner.invoke(cli.app, command)
    two = runner.invoke(cli.app, [*command, "--dask", cluster.scheduler_address])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") == 3
    assert "articles.jsonl:4: invalid JSON" in two.stderr
