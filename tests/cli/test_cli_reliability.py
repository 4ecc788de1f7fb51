"""Many `tunesmith` processes on one study, started as a user would: nothing lost, nothing twice.

Eight `tunesmith worker` processes share one budget on PostgreSQL and on
SQLite; a `tunesmith run` killed mid-trial leaves a trial that a worker fails
within the heartbeat grace and retries, touching nothing else. Each call of
the objective is logged to a file, so a result computed but never stored
would show.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tunesmith import TrialState, load_study
from tunesmith.execution import heartbeat
from tunesmith.trial import FAIL_REASON_ATTR, RETRY_OF_ATTR, FrozenTrial

N_WORKERS = 8
BUDGET = 500


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A storage every worker process reaches: a SQLite file, or this session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'studies.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def logging_config(
    tmp_path: Path, write_config: Callable[..., Path], objective_module: Callable[[str], str]
) -> Callable[[str], Path]:
    """A config whose objective logs "number value" per call, and hangs in trial 0 if told to.

    ``TRIAL_SECONDS`` in the environment makes each trial sleep that long.
    """
    log = tmp_path / "calls.log"
    pid_file = tmp_path / "pid"
    module = objective_module(f"""\
        import os, time

        def objective(trial):
            x = trial.suggest_float("x", -1.0, 1.0)
            if trial.number == 0 and os.environ.get("HANG_IN_TRIAL_ZERO"):
                with open({str(pid_file)!r}, "w") as pid:
                    pid.write(str(os.getpid()))
                time.sleep(600)
            time.sleep(float(os.environ.get("TRIAL_SECONDS", "0")))
            with open({str(log)!r}, "a") as calls:
                calls.write(f"{{trial.number}} {{x * x!r}}\\n")
            return x * x
        """)

    def write(name: str) -> Path:
        text = f"study: {name}\nobjective: {module}:objective\nsampler: random\nseed: 0\n"
        return write_config(text + f"n_trials: {BUDGET}\nretries: 1\n", name=f"{name}.yaml")

    return write


def _logged_calls(tmp_path: Path) -> list[tuple[int, float]]:
    lines = (tmp_path / "calls.log").read_text().splitlines()
    return [(int(number), float(value)) for number, value in (line.split() for line in lines)]


def _stored(url: str, name: str) -> list[FrozenTrial]:
    study = load_study(name, url)
    try:
        return study.trials
    finally:
        study.storage.close()


def _tunesmith(*args: str) -> list[str]:
    return [sys.executable, "-m", "tunesmith.cli", *args]


@pytest.mark.slow
def test_eight_workers_store_the_budget_exactly_and_lose_nothing(
    invoke: Callable[..., Result],
    logging_config: Callable[[str], Path],
    shared_url: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    name = f"eight-{request.node.callspec.id}-{os.getpid()}"
    config = str(logging_config(name))
    started = invoke("run", config, "--storage", shared_url, "--n-trials", "1")
    assert started.exit_code == 0, started.output

    workers = [
        subprocess.Popen(
            _tunesmith("worker", config, "--storage", shared_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(N_WORKERS)
    ]
    outputs = [worker.communicate(timeout=600) for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * N_WORKERS, outputs
    assert not [err for _, err in outputs if "Traceback" in err or "locked" in err]
    trials = _stored(shared_url, name)
    assert [t.number for t in trials] == list(range(BUDGET))
    assert Counter(t.state for t in trials) == {TrialState.COMPLETE: BUDGET}
    calls = _logged_calls(tmp_path)
    # Each trial ran once, and each result computed is the one stored.
    assert sorted(number for number, _ in calls) == list(range(BUDGET))
    assert sorted(calls) == [(t.number, t.value) for t in trials]


@pytest.mark.slow
def test_a_run_killed_mid_trial_is_failed_by_a_worker_within_the_grace_and_retried(
    invoke: Callable[..., Result],
    logging_config: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"sqlite:///{tmp_path / 'studies.db'}"
    config = str(logging_config("killed"))
    pid_file = tmp_path / "pid"
    run = subprocess.Popen(
        _tunesmith("run", config, "--storage", url, "--n-trials", "3"),
        env={**os.environ, "HANG_IN_TRIAL_ZERO": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        assert run.poll() is None
        time.sleep(0.05)
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    run.wait(timeout=10)
    killed_at = time.time()
    [orphan] = _stored(url, "killed")
    assert orphan.state is TrialState.RUNNING
    grace = 1.5
    monkeypatch.setattr(heartbeat, "HEARTBEAT_INTERVAL_SECONDS", 0.2)
    monkeypatch.setattr(heartbeat, "HEARTBEAT_GRACE_SECONDS", grace)

    # Trials slow enough that the dead one is found while the worker runs, not after.
    monkeypatch.setenv("TRIAL_SECONDS", "0.1")
    result = invoke("worker", config, "--storage", url, "--n-trials", "40")

    assert result.exit_code == 0, result.output
    trials = _stored(url, "killed")
    failed = trials[0]
    assert failed.state is TrialState.FAIL
    assert failed.params == orphan.params
    assert failed.system_attrs[FAIL_REASON_ATTR].startswith(
        "The worker stopped sending heartbeats at "
    )
    assert failed.datetime_complete is not None
    assert failed.datetime_complete.timestamp() - killed_at < grace + 2.0
    retried = [t for t in trials if t.system_attrs.get(RETRY_OF_ATTR) == 0]
    assert [(t.state, t.params) for t in retried] == [(TrialState.COMPLETE, orphan.params)]
    assert len(trials) == 40
    assert Counter(t.state for t in trials[1:]) == {TrialState.COMPLETE: 39}
    assert sorted(_logged_calls(tmp_path)) == [(t.number, t.value) for t in trials[1:]]
