"""enqueue_trial: fixed hyperparameters that the next trials use before any sampling."""

from __future__ import annotations

import pytest

from tunesmith import Trial, TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.trial import FAIL_REASON_ATTR


def objective(trial: Trial) -> float:
    x = trial.suggest_float("x", -10.0, 10.0)
    n = trial.suggest_int("n", 1, 5)
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear"])
    return x**2 + n + (kernel == "rbf")


def test_enqueued_hyperparameters_are_used_first() -> None:
    study = create_study(seed=0)
    study.enqueue_trial({"x": 0.0, "n": 1, "kernel": "linear"})
    study.enqueue_trial({"x": 3.0}, user_attrs={"source": "expert"})
    study.optimize(objective, n_trials=5)
    first, second = study.trials[:2]
    assert dict(first.params) == {"x": 0.0, "n": 1, "kernel": "linear"}
    assert first.value == 1.0
    assert second.params["x"] == 3.0
    assert second.user_attrs["source"] == "expert"
    assert len(study.trials) == 5
    assert study.best_value == 1.0


def test_enqueued_trials_count_towards_n_trials() -> None:
    study = create_study()
    for x in (1.0, 2.0, 3.0):
        study.enqueue_trial({"x": x})
    study.optimize(objective, n_trials=2)
    states = [t.state for t in study.trials]
    assert states == [TrialState.COMPLETE, TrialState.COMPLETE, TrialState.WAITING]
    study.optimize(objective, n_trials=2)
    assert [t.params["x"] for t in study.trials[:3]] == [1.0, 2.0, 3.0]
    assert len(study.get_trials(states=[TrialState.COMPLETE])) == 4


def test_ask_takes_the_enqueued_trial() -> None:
    study = create_study()
    study.enqueue_trial({"kernel": "rbf"})
    trial = study.ask()
    assert trial.suggest_categorical("kernel", ["rbf", "linear"]) == "rbf"
    assert trial.params == {"kernel": "rbf"}


def test_an_enqueued_value_outside_the_range_fails_the_trial_with_a_message() -> None:
    study = create_study()
    study.enqueue_trial({"x": 99.0})
    with pytest.raises(InvalidArgumentError, match=r"'x'.*-10\.0.*99\.0"):
        study.optimize(objective, n_trials=1)
    (trial,) = study.trials
    assert trial.state is TrialState.FAIL
    assert "'x'" in trial.system_attrs[FAIL_REASON_ATTR]


def test_params_must_be_a_mapping() -> None:
    study = create_study()
    with pytest.raises(InvalidArgumentError, match="'params'"):
        study.enqueue_trial([("x", 1.0)])  # type: ignore[arg-type]
