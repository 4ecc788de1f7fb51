"""Objective values and arguments that once escaped optimize: now a FAIL with a reason or a
one-line error naming the argument."""

from __future__ import annotations

import numpy as np
import pytest

from tunesmith import Trial, TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.trial import FAIL_REASON_ATTR


def test_a_zero_dimensional_array_is_the_number_it_holds() -> None:
    study = create_study()
    study.optimize(lambda trial: np.array(trial.suggest_float("x", 0.0, 1.0)), n_trials=2)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 2
    assert study.trials[0].value == study.trials[0].params["x"]


def test_an_int_too_large_for_a_float_fails_its_trial_with_the_reason() -> None:
    def objective(trial: Trial) -> float:
        trial.suggest_float("x", 0.0, 1.0)
        return 10**400 if trial.number == 0 else 1.0

    study = create_study()
    study.optimize(objective, n_trials=2)
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.COMPLETE]
    assert study.trials[0].system_attrs[FAIL_REASON_ATTR] == (
        "The objective must return finite numbers; got a number too large for a float, of type int."
    )


def test_n_jobs_has_an_upper_bound() -> None:
    study = create_study()
    with pytest.raises(InvalidArgumentError, match=r"'n_jobs'.*from 1 to 256.*got 100000"):
        study.optimize(lambda trial: 0.0, n_trials=1, n_jobs=100_000)
    assert study.trials == []
