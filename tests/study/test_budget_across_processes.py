"""``optimize(n_trials=N)`` runs N trials, however many other processes work on the study."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tunesmith import TrialState, create_study, load_study

_CALLER = """
import time
import tunesmith

def objective(trial):
    time.sleep(0.01)
    return trial.suggest_float("x", -1.0, 1.0) ** 2

study = tunesmith.load_study("shared", storage={url!r})
study.optimize(objective, n_trials={n_trials}, n_jobs={n_jobs})
"""


@pytest.mark.slow
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_separately_started_processes_each_run_their_n_trials(tmp_path: Path, n_jobs: int) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    create_study(study_name="shared", storage=url)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    script = _CALLER.format(url=url, n_trials=20, n_jobs=n_jobs)
    callers = [subprocess.Popen([sys.executable, "-c", script], env=environment) for _ in range(4)]
    assert [caller.wait(timeout=300) for caller in callers] == [0] * 4
    trials = load_study("shared", storage=url).trials
    assert [t.number for t in trials] == list(range(80))
    assert all(t.state is TrialState.COMPLETE for t in trials)


def test_enqueued_trials_count_towards_the_call_that_runs_them() -> None:
    study = create_study(seed=0)
    study.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=2)
    study.enqueue_trial({"x": 0.5})
    study.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=3)
    assert len(study.trials) == 5
    assert study.trials[2].params == {"x": 0.5}
