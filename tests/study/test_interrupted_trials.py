"""Ctrl-C in an objective: the trial is stored as interrupted, and it costs no budget."""

from __future__ import annotations

import pytest

import tunesmith
from tunesmith import TrialState
from tunesmith.samplers import GridSampler, TPESampler
from tunesmith.study import Trial
from tunesmith.trial import FAIL_REASON_ATTR, INTERRUPTED_ATTR

_POINTS = [0.0, 1.0, 2.0, 3.0, 4.0]


class _CtrlCOnce:
    """An objective whose run ``at`` is stopped by Ctrl-C (the first time only)."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.calls = 0

    def __call__(self, trial: Trial) -> float:
        self.calls += 1
        x = trial.suggest_categorical("x", _POINTS)
        if self.calls == self.at + 1:
            raise KeyboardInterrupt
        return x


def test_ctrl_c_in_the_objective_stores_the_trial_as_interrupted_not_failed() -> None:
    study = tunesmith.create_study(sampler=TPESampler(seed=0))
    with pytest.raises(KeyboardInterrupt):
        study.optimize(_CtrlCOnce(at=2), n_trials=5)

    interrupted = study.trials[2]
    assert interrupted.state is TrialState.FAIL
    assert interrupted.system_attrs[INTERRUPTED_ATTR] is True
    assert interrupted.system_attrs[FAIL_REASON_ATTR].startswith("Interrupted: Ctrl-C")
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 2 + [TrialState.FAIL]


def test_a_grid_runs_the_point_of_an_interrupted_trial_again_and_covers_the_whole_grid() -> None:
    study = tunesmith.create_study(sampler=GridSampler({"x": _POINTS}))
    objective = _CtrlCOnce(at=1)
    with pytest.raises(KeyboardInterrupt):
        study.optimize(objective)
    study.optimize(objective)

    completed = sorted(t.params["x"] for t in study.get_trials([TrialState.COMPLETE]))
    assert completed == _POINTS
    assert len(study.trials) == 6


def test_a_total_budget_does_not_count_interrupted_trials() -> None:
    study = tunesmith.create_study(sampler=TPESampler(seed=0))
    objective = _CtrlCOnce(at=3)
    with pytest.raises(KeyboardInterrupt):
        study.optimize(objective, n_trials=10)
    assert len(study.trials) == 4
    # What `tunesmith run --resume` and TuneSearchCV ask: trials until the study holds 10.
    while (trial := study.ask_within(10)) is not None:
        study.tell(trial, objective(trial))

    states = [t.state for t in study.trials]
    assert states.count(TrialState.COMPLETE) == 10
    assert states.count(TrialState.FAIL) == 1
