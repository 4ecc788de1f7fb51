"""`tunesmith run --dask ADDRESS` and `tunesmith worker`: one study, trials run elsewhere."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from distributed import LocalCluster

from tunesmith import TrialState, load_study

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
QUADRATIC = str(EXAMPLES / "quadratic.yaml")


@pytest.fixture
def scheduler_address() -> Iterator[str]:
    with LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def _stored(storage_url: str) -> list[tuple[int, TrialState]]:
    study = load_study("quadratic", storage_url)
    try:
        return sorted((t.number, t.state) for t in study.trials)
    finally:
        study.storage.close()


@pytest.mark.slow
def test_run_with_dask_runs_the_config_objective_on_the_cluster(
    invoke: Callable[..., Result], storage_url: str, scheduler_address: str
) -> None:
    result = invoke(
        "run",
        QUADRATIC,
        "--dask",
        scheduler_address,
        "--storage",
        storage_url,
        "--n-trials",
        "6",
        "--n-jobs",
        "2",
    )

    assert result.exit_code == 0, result.output
    assert "6 trials: 6 complete, 0 pruned, 0 failed" in result.stdout
    assert _stored(storage_url) == [(n, TrialState.COMPLETE) for n in range(6)]


def test_a_worker_joins_a_started_study_and_runs_it_to_its_total(
    invoke: Callable[..., Result], storage_url: str
) -> None:
    invoke("run", QUADRATIC, "--storage", storage_url, "--n-trials", "3")

    result = invoke("worker", QUADRATIC, "--storage", storage_url, "--n-trials", "7")

    assert result.exit_code == 0, result.output
    assert "Joining study 'quadratic' (3 trial(s) so far)" in result.stdout
    assert "Study 'quadratic' holds 7 trial(s), 7 complete." in result.stdout
    assert _stored(storage_url) == [(n, TrialState.COMPLETE) for n in range(7)]


def test_a_worker_refuses_a_study_that_was_not_started_and_says_how(
    invoke: Callable[..., Result], storage_url: str
) -> None:
    result = invoke("worker", QUADRATIC, "--storage", storage_url, "--study", "missing")

    assert result.exit_code == 2
    assert "There is no study 'missing'" in result.stderr
    assert f"start it first with `tunesmith run {QUADRATIC} --storage" in result.stderr


@pytest.mark.slow
def test_workers_in_separate_processes_share_one_budget(
    invoke: Callable[..., Result], storage_url: str
) -> None:
    invoke("run", QUADRATIC, "--storage", storage_url, "--n-trials", "1")
    command = [sys.executable, "-m", "tunesmith.cli", "worker", QUADRATIC]
    command += ["--storage", storage_url, "--n-trials", "30"]

    workers = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0, 0], outputs
    assert _stored(storage_url) == [(n, TrialState.COMPLETE) for n in range(30)]
