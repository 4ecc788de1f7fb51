"""optimize with several workers: threads, and processes sharing one budget."""

from __future__ import annotations

import math
import os
import threading
import time
from typing import Any

import pytest
from objectives_for_processes import fails_on_odd_trials, quadratic

from tunesmith import Study, Trial, TrialState, create_study, load_study
from tunesmith.trial import FAIL_REASON_ATTR


def test_four_threads_share_one_budget() -> None:
    threads: set[str] = set()
    first_four = threading.Barrier(4)

    def objective(trial: Trial) -> float:
        threads.add(threading.current_thread().name)
        if trial.number < 4:
            first_four.wait(timeout=30)  # passes only when four trials run at once
        time.sleep(0.001)
        return quadratic(trial)

    study = create_study(seed=0)
    study.optimize(objective, n_trials=100, n_jobs=4)
    trials = study.trials
    assert [t.number for t in trials] == list(range(100))
    assert all(t.state is TrialState.COMPLETE for t in trials)
    assert len(threads) == 4


def test_an_error_in_one_thread_stops_all_and_leaves_nothing_running() -> None:
    def objective(trial: Trial) -> float:
        time.sleep(0.002)
        if trial.number == 5:
            raise RuntimeError("out of memory")
        return quadratic(trial)

    study = create_study()
    with pytest.raises(RuntimeError, match="out of memory"):
        study.optimize(objective, n_trials=100, n_jobs=4)
    assert len(study.trials) < 100
    assert study.get_trials(states=[TrialState.RUNNING]) == []
    assert study.trials[5].state is TrialState.FAIL


def test_two_processes_share_one_budget_of_an_in_memory_study() -> None:
    # One run covers it all, as starting worker processes takes seconds.
    def run(**process: Any) -> Study:
        study = create_study(seed=3)
        study.optimize(quadratic, n_trials=2)
        study.enqueue_trial({"x": 1.0, "kernel": "linear"})
        study.optimize(fails_on_odd_trials, n_trials=8, catch=ValueError, **process)
        return study

    study = run(n_jobs=2, executor="process")
    trials = study.trials
    assert [t.number for t in trials] == list(range(10))
    assert [t.state for t in trials] == [TrialState.COMPLETE] * 3 + [
        TrialState.FAIL,
        TrialState.COMPLETE,
    ] * 3 + [TrialState.FAIL]
    assert trials[3].system_attrs[FAIL_REASON_ATTR] == "ValueError: odd trial 3"
    assert os.getpid() not in {t.user_attrs["pid"] for t in trials[2:]}
    assert dict(trials[2].params) == {"x": 1.0, "kernel": "linear"}
    assert study.best_value == 0.0
    # Each trial's randomness comes from the seed and its number, in whichever process.
    sequential = run()
    assert [dict(t.params) for t in trials] == [dict(t.params) for t in sequential.trials]


@pytest.mark.parametrize("second_worker", ["same study object", "study loaded again"])
def test_a_worker_keeps_away_from_a_point_another_has_not_suggested_yet(
    second_worker: str, tmp_path: Any
) -> None:
    # Define-by-run: the first worker's objective has not called suggest_float yet when the
    # second worker asks. The second must still see the first one's point as taken, whether
    # it shares the study object (a thread) or loads the study from storage (a process).
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="spread", storage=storage, sampler="gp", seed=0)

    def objective(trial: Trial) -> float:
        point = [trial.suggest_float(name, -2.0, 2.0) for name in ("x", "y")]
        return float(sum((value - 0.5) ** 2 for value in point))

    study.optimize(objective, n_trials=10)  # the random startup; the GP proposes from here
    first = study.ask()
    other = (
        study
        if second_worker == "same study object"
        else load_study("spread", storage, sampler="gp")
    )
    second = other.ask()
    firsts = [first.suggest_float(name, -2.0, 2.0) for name in ("x", "y")]
    seconds = [second.suggest_float(name, -2.0, 2.0) for name in ("x", "y")]
    assert math.dist(firsts, seconds) > 0.1
