"""Ctrl-C on `tunesmith run` with several workers: prompt, and the message says what happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import tunesmith
from tunesmith import TrialState
from tunesmith.trial import INTERRUPTED_ATTR


def _start(config: Path, storage_url: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tunesmith.cli", "run", str(config), "--storage", storage_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
        cwd=cwd,
    )


def _wait_until(
    storage_url: str, process: subprocess.Popen[str], enough: Callable[[list[TrialState]], bool]
) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            study = tunesmith.load_study("waits", storage_url)
        except tunesmith.exceptions.StudyNotFoundError:
            study = None
        if study is not None:
            states = [t.state for t in study.trials]
            study.storage.close()
            if enough(states):
                return
        time.sleep(0.1)
    pytest.fail("the run did not get there within 120 seconds")


@pytest.fixture
def sleepy_config(
    write_config: Callable[..., Path], objective_module: Callable[[str], str]
) -> Callable[[str], Path]:
    module = objective_module("""\
        import time

        def sleepy(trial):
            time.sleep(trial.params["seconds"])
            return trial.params["seconds"]
        """)

    def write(extra: str) -> Path:
        return write_config(
            f"""\
            study: waits
            objective: {module}:sleepy
            space:
              seconds: [SECONDS]
            n_trials: 40
            n_jobs: 2
            """
            + extra
        )

    return write


@pytest.mark.slow
def test_ctrl_c_with_two_threads_stops_at_once_and_stores_both_trials_as_interrupted(
    sleepy_config: Callable[[str], Path], storage_url: str, tmp_path: Path
) -> None:
    config = sleepy_config("")
    config.write_text(config.read_text().replace("[SECONDS]", "[60]"))
    process = _start(config, storage_url, tmp_path)
    try:
        _wait_until(storage_url, process, lambda states: states.count(TrialState.RUNNING) == 2)
        interrupted_at = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()

    assert time.monotonic() - interrupted_at < 30
    assert process.returncode == 130, stderr
    assert "holds 2 trials, none left running (2 trials Ctrl-C stopped are stored" in stderr
    trials = tunesmith.load_study("waits", storage_url).trials
    assert [t.state for t in trials] == [TrialState.FAIL, TrialState.FAIL]
    assert all(t.system_attrs[INTERRUPTED_ATTR] is True for t in trials)
    assert "failed:" not in stderr


@pytest.mark.slow
def test_ctrl_c_to_the_parent_of_worker_processes_stops_them_from_starting_trials(
    sleepy_config: Callable[[str], Path], storage_url: str, tmp_path: Path
) -> None:
    config = sleepy_config("executor: process\n")
    config.write_text(config.read_text().replace("[SECONDS]", "[0.5]"))
    process = _start(config, storage_url, tmp_path)
    try:
        _wait_until(storage_url, process, lambda states: TrialState.COMPLETE in states)
        # Only the parent: the workers hear of it from it.
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()

    assert process.returncode == 130, stderr
    assert "the running trials finished before the run stopped" in stderr
    trials = tunesmith.load_study("waits", storage_url).trials
    assert len(trials) < 20
    assert all(t.state is TrialState.COMPLETE for t in trials)
