"""executor="dask": trials as tasks on a real distributed.LocalCluster of worker processes."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from objectives_for_workers import PID_FILE_VARIABLE, hangs_in_trial_zero, kill_when_written

from tunesmith import Trial, TrialState, create_study, load_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution import DaskExecutor
from tunesmith.trial import FAIL_REASON_ATTR, RETRY_ATTEMPT_ATTR, RETRY_OF_ATTR


def quadratic(trial: Trial) -> float:
    x = trial.suggest_float("x", -5.0, 5.0)
    return (x - 1.0) ** 2


@pytest.fixture
def pid_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the worker running trial 0 of ``hangs_in_trial_zero`` writes its pid."""
    path = tmp_path / "pid"
    # Set before the cluster starts, so its worker processes inherit it.
    monkeypatch.setenv(PID_FILE_VARIABLE, str(path))
    return path


@pytest.fixture
def client(pid_file: Path) -> Iterator[Client]:
    with (
        LocalCluster(
            processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A storage every worker process reaches: a SQLite file, or this session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'study.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.mark.slow
def test_the_budget_is_stored_exactly_with_no_duplicates_and_nothing_running(
    client: Client, shared_url: str, request: pytest.FixtureRequest
) -> None:
    name = f"dask-{request.node.callspec.id}-{os.getpid()}"
    study = create_study(study_name=name, storage=shared_url, seed=0)

    study.optimize(quadratic, n_trials=12, n_jobs=2, executor="dask")

    study.storage.close()
    reloaded = load_study(name, storage=shared_url)
    trials = reloaded.trials
    reloaded.storage.close()
    assert len(trials) == 12
    assert sorted(t.number for t in trials) == list(range(12))
    assert {t.state for t in trials} == {TrialState.COMPLETE}


@pytest.mark.slow
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_killed_dask_worker_fails_its_trial_with_the_reason_and_the_retry_runs(
    client: Client, pid_file: Path, tmp_path: Path, n_jobs: int
) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="killed", storage=url, seed=0)
    killer = kill_when_written(pid_file)

    study.optimize(hangs_in_trial_zero, n_trials=5, n_jobs=n_jobs, executor="dask", retries=1)

    killer.join(timeout=5)
    trials = load_study("killed", storage=url).trials
    assert len(trials) == 5
    assert trials[0].state is TrialState.FAIL
    assert "The Dask worker running this trial was lost" in trials[0].system_attrs[FAIL_REASON_ATTR]
    assert [t.state for t in trials[1:]] == [TrialState.COMPLETE] * 4
    retries = [t for t in trials if t.system_attrs.get(RETRY_OF_ATTR) == 0]
    assert len(retries) == 1
    assert retries[0].system_attrs[RETRY_ATTEMPT_ATTR] == 1
    assert retries[0].params == trials[0].params


def test_an_address_connects_to_that_scheduler(client: Client, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(storage=url, seed=0)

    study.optimize(quadratic, n_trials=3, executor=DaskExecutor(address=client.scheduler.address))

    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 3


def test_a_scheduler_that_does_not_answer_leaves_no_half_made_client_behind() -> None:
    # Left to a later collection, such a client closes itself while distributed starts another
    # client's loop, and both wait on one lock for ever: the suite hung that way once.
    clients_before = _live_clients()
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(InvalidArgumentError, match="No Dask scheduler answered"),
        DaskExecutor(address="tcp://127.0.0.1:9"),
    ):
        pass

    assert _live_clients() <= clients_before


def _live_clients() -> int:
    # type(), not isinstance(): some objects (torch's deprecated ones) warn when asked their class.
    return sum(issubclass(type(thing), Client) for thing in gc.get_objects())


def test_a_study_in_memory_is_refused_naming_the_storages_to_use() -> None:
    study = create_study(study_name="in-memory")

    with pytest.raises(InvalidArgumentError, match=r"storage='sqlite:///study\.db'") as raised:
        study.optimize(quadratic, n_trials=2, executor="dask")

    assert "'in-memory' is kept in memory" in str(raised.value)
    assert study.trials == []


@pytest.mark.slow
def test_a_trial_past_its_timeout_is_failed_with_the_reason_and_the_retry_runs(
    client: Client, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="timed", storage=url, sampler="random", seed=0)
    started = time.monotonic()

    study.optimize(
        hangs_in_trial_zero, n_trials=5, n_jobs=1, executor="dask", trial_timeout=5, retries=1
    )

    # Trial 0 hangs for ten minutes; the run does not wait for it.
    assert time.monotonic() - started < 60
    trials = load_study("timed", storage=url).trials
    assert len(trials) == 5
    assert trials[0].state is TrialState.FAIL
    assert trials[0].system_attrs[FAIL_REASON_ATTR] == (
        "The trial ran longer than trial_timeout=5 s and was stopped."
    )
    assert [t.state for t in trials[1:]] == [TrialState.COMPLETE] * 4
    assert trials[1].system_attrs[RETRY_OF_ATTR] == 0
    assert trials[1].params == trials[0].params


def test_without_a_client_the_error_says_how_to_connect(tmp_path: Path) -> None:
    study = create_study(storage=f"sqlite:///{tmp_path / 'study.db'}")

    with pytest.raises(ValueError, match="found no Dask client"):
        study.optimize(quadratic, n_trials=2, executor="dask")

    assert study.trials == []


def test_without_the_extra_the_error_names_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    study = create_study(storage=f"sqlite:///{tmp_path / 'study.db'}")

    with pytest.raises(ImportError, match=r'pip install "tunesmith\[dask\]"'):
        study.optimize(quadratic, n_trials=2, executor="dask")


def test_importing_tunesmith_does_not_import_dask() -> None:
    code = "import sys, tunesmith; print('distributed' in sys.modules, 'dask' in sys.modules)"
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert printed.strip() == "False False"
