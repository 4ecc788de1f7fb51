"""`tunesmith run --dask ADDRESS` and `tunesmith worker`: one study, trials run elsewhere."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dask
import pytest
from click.testing import Result
from distributed import LocalCluster

from tunesmith import TrialState, list_studies, load_study

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


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("tcp://127.0.0.1:1", "No Dask scheduler answered at 'tcp://127.0.0.1:1'"),
        ("scheduler", "must look like tcp://host:8786, as `dask scheduler` prints it; got"),
    ],
)
def test_a_dask_address_without_a_scheduler_is_one_line_before_any_study_is_stored(
    invoke: Callable[..., Result], storage_url: str, address: str, expected: str
) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = invoke("run", QUADRATIC, "--dask", address, "--storage", storage_url)

    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr
    assert "objective raised" not in result.stderr
    assert not Path(storage_url.removeprefix("sqlite:///")).exists() or not list_studies(
        storage_url
    )


@pytest.fixture
def start_slow_run(
    write_config: Callable[..., Path], objective_module: Callable[[str], str], storage_url: str
) -> Callable[[str], subprocess.Popen[str]]:
    """Start `tunesmith run --dask ADDRESS` of half-second trials; return once one completed."""
    module = objective_module("""\
        import time

        def slow(trial):
            time.sleep(0.5)
            return trial.suggest_float("x", 0.0, 1.0)
        """)
    config = write_config(f"study: slow\nobjective: {module}:slow\nn_trials: 200\n")

    def start(address: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "tunesmith.cli", "run", str(config)]
        command += ["--dask", address, "--storage", storage_url, "--n-jobs", "2"]
        run = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not _completed_trials(storage_url, "slow") and time.monotonic() < deadline:
            assert run.poll() is None, run.communicate()
            time.sleep(0.2)
        return run

    return start


def _completed_trials(storage_url: str, name: str) -> int:
    if not Path(storage_url.removeprefix("sqlite:///")).exists():
        return 0
    summaries = [s for s in list_studies(storage_url) if s.study_name == name]
    return summaries[0].n_complete if summaries else 0


@pytest.mark.slow
def test_the_resume_hint_after_ctrl_c_keeps_the_dask_address(
    start_slow_run: Callable[[str], subprocess.Popen[str]],
    storage_url: str,
    scheduler_address: str,
) -> None:
    run = start_slow_run(scheduler_address)

    os.kill(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=120)

    assert run.returncode == 130, stderr
    assert f"--storage {storage_url} --dask {scheduler_address}`" in stderr


@pytest.mark.slow
def test_a_cluster_lost_mid_run_is_named_and_not_blamed_on_the_objective(
    start_slow_run: Callable[[str], subprocess.Popen[str]], storage_url: str
) -> None:
    with LocalCluster(
        processes=True, n_workers=1, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        run = start_slow_run(address)

    _, stderr = run.communicate(timeout=120)

    assert run.returncode == 2, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: The Dask cluster at {address!r} stopped answering"), stderr
    assert f"--resume --storage {storage_url} --dask {address}`" in last
    assert "objective raised" not in stderr
