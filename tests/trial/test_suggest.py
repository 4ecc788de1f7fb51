"""Trial.suggest_*: define-by-run spaces, repeated names and ranges that change."""

from __future__ import annotations

import dataclasses
import math
import pickle
from collections.abc import Callable

import pytest

from tunesmith import Trial, TrialState, create_study
from tunesmith.exceptions import (
    IncompatibleDistributionError,
    InvalidArgumentError,
    InvalidSpaceError,
)
from tunesmith.space import Categorical, Distribution, Float, Int


def test_suggestions_have_the_asked_type_and_range() -> None:
    trial = create_study(seed=0).ask()
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5, step=0.1)
    units = trial.suggest_int("units", 16, 256, log=True)
    layers = trial.suggest_int("layers", 2, 10, step=2)
    flag = trial.suggest_categorical("flag", [True, False, None])
    assert (type(lr), type(dropout), type(units), type(layers)) == (float, float, int, int)
    assert 1e-5 <= lr <= 1e-1
    assert Float(0.0, 0.5, step=0.1).contains(dropout)
    assert 16 <= units <= 256
    assert layers in {2, 4, 6, 8, 10}
    assert flag in (True, False, None)
    assert trial.params == {
        "lr": lr,
        "dropout": dropout,
        "units": units,
        "layers": layers,
        "flag": flag,
    }


def test_suggesting_a_name_twice_returns_the_first_value() -> None:
    trial = create_study(seed=0).ask()
    first = [
        trial.suggest_float("x", 0.0, 1.0),
        trial.suggest_int("n", 0, 1000),
        trial.suggest_categorical("c", ["a", "b", "c", "d"]),
    ]
    again = [
        trial.suggest_float("x", 0.0, 1.0),
        trial.suggest_int("n", 0, 1000),
        trial.suggest_categorical("c", ["a", "b", "c", "d"]),
    ]
    assert again == first


def test_another_range_in_the_same_trial_is_refused() -> None:
    trial = create_study().ask()
    trial.suggest_float("x", 0.0, 1.0)
    with pytest.raises(IncompatibleDistributionError, match=r"'x'.*high=1\.0.*high=2\.0"):
        trial.suggest_float("x", 0.0, 2.0)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Float(0.0, 1.0), Float(0.0, 1.0, step=0.5)),
        (Int(1, 10), Int(1, 10, log=True)),
        (Int(0, 1), Float(0.0, 1.0)),
        # Equal in Python, but the objective would get 1 where it got True before.
        (Categorical([True, False]), Categorical([1, 0])),
    ],
)
def test_another_range_than_earlier_trials_is_refused(
    first: Distribution, second: Distribution
) -> None:
    def using(distribution: Distribution) -> Callable[[Trial], float]:
        def objective(trial: Trial) -> float:
            trial.suggest("p", distribution)
            return 0.0

        return objective

    study = create_study()
    study.optimize(using(first), n_trials=2)
    with pytest.raises(IncompatibleDistributionError, match=r"'p'.*earlier trials"):
        study.optimize(using(second), n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 2 + [TrialState.FAIL]
    study.optimize(using(first), n_trials=1)
    assert study.trials[-1].state is TrialState.COMPLETE


def test_a_conditional_space() -> None:
    def objective(trial: Trial) -> float:
        model = trial.suggest_categorical("model", ["svm", "tree"])
        if model == "svm":
            return math.log(trial.suggest_float("C", 1e-3, 1e3, log=True)) ** 2
        return float(trial.suggest_int("depth", 1, 12))

    study = create_study(seed=0)
    study.optimize(objective, n_trials=40)
    for trial in study.trials:
        expected = {"model", "C"} if trial.params["model"] == "svm" else {"model", "depth"}
        assert set(trial.params) == expected
        assert set(trial.distributions) == expected
    assert {t.params["model"] for t in study.trials} == {"svm", "tree"}


def test_bad_suggestions_are_refused_and_leave_the_trial_usable() -> None:
    study = create_study()
    trial = study.ask()
    with pytest.raises(InvalidSpaceError, match="'low'"):
        trial.suggest_float("x", 1.0, 0.0)
    with pytest.raises(InvalidArgumentError, match="'name'"):
        trial.suggest_int("", 0, 1)
    with pytest.raises(InvalidSpaceError, match="'choices'"):
        trial.suggest_categorical("c", [])
    assert trial.suggest_float("x", 0.0, 1.0) <= 1.0
    study.tell(trial, 1.0)
    assert list(study.trials[0].params) == ["x"]


def test_frozen_trials_cannot_be_changed() -> None:
    study = create_study()
    study.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=1)
    record = study.trials[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.number = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.params["x"] = 2.0  # type: ignore[index]
    assert study.trials[0].params["x"] == record.params["x"]
    assert pickle.loads(pickle.dumps(record)) == record
