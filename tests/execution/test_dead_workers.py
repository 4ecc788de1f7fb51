"""Workers that die mid-trial: their trial is failed with the reason, retried when asked.

The workers are killed with real signals: SIGKILL, as the OOM killer sends it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from objectives_for_workers import PID_FILE_VARIABLE, hangs_in_trial_zero, kill_when_written

from tunesmith import TrialState, create_study, load_study
from tunesmith.execution import heartbeat
from tunesmith.trial import FAIL_REASON_ATTR, RETRY_ATTEMPT_ATTR, RETRY_OF_ATTR


@pytest.mark.slow
def test_a_killed_worker_process_fails_its_trial_with_the_reason_and_the_retry_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pid_file = tmp_path / "pid"
    monkeypatch.setenv(PID_FILE_VARIABLE, str(pid_file))
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="killed", storage=url, seed=0)
    killer = kill_when_written(pid_file)

    study.optimize(hangs_in_trial_zero, n_trials=6, n_jobs=2, executor="process", retries=1)

    killer.join(timeout=5)
    trials = load_study("killed", storage=url).trials
    killed_pid = int(pid_file.read_text())
    assert len(trials) == 6
    assert not [t for t in trials if t.state is not TrialState.COMPLETE and t.number != 0]
    assert trials[0].state is TrialState.FAIL
    assert trials[0].system_attrs[FAIL_REASON_ATTR] == (
        f"Worker process {killed_pid} was killed by SIGKILL while running this trial "
        "(the system may have run out of memory)."
    )
    retries = [t for t in trials if t.system_attrs.get(RETRY_OF_ATTR) == 0]
    assert len(retries) == 1
    assert retries[0].system_attrs[RETRY_ATTEMPT_ATTR] == 1
    assert retries[0].params == trials[0].params
    assert retries[0].state is TrialState.COMPLETE
    assert "BrokenProcessPool" not in caplog.text


@pytest.mark.slow
def test_without_retries_a_killed_worker_leaves_no_trial_running_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "pid"
    monkeypatch.setenv(PID_FILE_VARIABLE, str(pid_file))
    study = create_study(seed=0)
    kill_when_written(pid_file)

    study.optimize(hangs_in_trial_zero, n_trials=4, n_jobs=2, executor="process")

    states = [t.state for t in study.trials]
    assert states == [TrialState.FAIL] + [TrialState.COMPLETE] * 3
    assert "killed by SIGKILL" in study.trials[0].system_attrs[FAIL_REASON_ATTR]


_LONE_WORKER = """
import tunesmith
from objectives_for_workers import hangs_in_trial_zero
study = tunesmith.load_study("shared", storage={url!r})
study.optimize(hangs_in_trial_zero, n_trials=1)
"""


@pytest.mark.slow
def test_a_worker_on_another_machine_that_dies_is_failed_by_a_running_worker_within_the_grace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lone worker has no parent that notices its death: only its heartbeat stops.
    pid_file = tmp_path / "pid"
    url = f"sqlite:///{tmp_path / 'study.db'}"
    create_study(study_name="shared", storage=url, seed=0)
    environment = {
        **os.environ,
        PID_FILE_VARIABLE: str(pid_file),
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path]),
    }
    lone = subprocess.Popen([sys.executable, "-c", _LONE_WORKER.format(url=url)], env=environment)
    killer = kill_when_written(pid_file)
    killer.join(timeout=60)
    lone.wait(timeout=10)
    assert lone.returncode == -signal.SIGKILL
    killed_at = time.time()
    grace = 1.5
    monkeypatch.setattr(heartbeat, "HEARTBEAT_INTERVAL_SECONDS", 0.2)
    monkeypatch.setattr(heartbeat, "HEARTBEAT_GRACE_SECONDS", grace)

    study = load_study("shared", storage=url)
    study.optimize(hangs_in_trial_zero, n_trials=15, retries=2)

    trials = study.trials
    dead = trials[0]
    assert dead.state is TrialState.FAIL
    assert dead.system_attrs[FAIL_REASON_ATTR].startswith(
        "The worker stopped sending heartbeats at "
    )
    assert dead.datetime_complete is not None
    # Found while the study ran: within the grace and a few beats of the kill, not at the start.
    assert dead.datetime_complete.timestamp() - killed_at < grace + 2.0
    assert dead.datetime_complete < max(t.datetime_complete for t in trials[1:])  # type: ignore[type-var]
    retried = [t for t in trials if t.system_attrs.get(RETRY_OF_ATTR) == 0]
    assert [t.state for t in retried] == [TrialState.COMPLETE]
    assert retried[0].params == dead.params
    assert len(trials) == 16
    assert study.get_trials(states=[TrialState.RUNNING]) == []


_DIES_BEFORE_ITS_FIRST_BEAT = """
import os, signal
import tunesmith
study = tunesmith.load_study("shared", storage={url!r})
study.ask()
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.slow
def test_a_worker_killed_before_its_first_heartbeat_still_has_its_trial_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    create_study(study_name="shared", storage=url, seed=0)
    script = _DIES_BEFORE_ITS_FIRST_BEAT.format(url=url)
    dead = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert dead.returncode == -signal.SIGKILL
    assert load_study("shared", storage=url).trials[0].state is TrialState.RUNNING
    monkeypatch.setattr(heartbeat, "HEARTBEAT_INTERVAL_SECONDS", 0.2)
    monkeypatch.setattr(heartbeat, "HEARTBEAT_GRACE_SECONDS", 1.0)

    study = load_study("shared", storage=url)
    study.optimize(hangs_in_trial_zero, n_trials=10)

    orphan = study.trials[0]
    assert orphan.state is TrialState.FAIL
    assert orphan.system_attrs[FAIL_REASON_ATTR].startswith(
        "The worker stopped sending heartbeats at "
    )
    assert study.get_trials(states=[TrialState.RUNNING]) == []
    assert len(study.trials) == 11
