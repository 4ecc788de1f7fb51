"""CMAESSampler: the sampler contract on numeric spaces, and what a CMA-ES user would notice."""

from __future__ import annotations

import math
import sys
from typing import ClassVar

import numpy as np
import pytest

from tunesmith import InMemoryStorage, create_study, load_study
from tunesmith.exceptions import InvalidArgumentError, InvalidSpaceError
from tunesmith.samplers import CMAESSampler, RandomSampler
from tunesmith.space import Distribution, Float, Int
from tunesmith.study import Trial
from tunesmith.testing.samplers import (
    SPACE,
    SamplerContract,
    SamplerFactory,
    conditional_objective,
    space_objective,
)
from tunesmith.trial import TrialState

NUMERIC_SPACE: dict[str, Distribution] = {
    name: distribution for name, distribution in SPACE.items() if name != "categorical"
}


class TestCMAESSamplerContract(SamplerContract):
    sampler_class = CMAESSampler
    # CMA-ES refuses categoricals, so the suite runs over the numeric part of its space.
    space: ClassVar[dict[str, Distribution]] = NUMERIC_SPACE
    n_trials: ClassVar[int] = 24
    # Results arrive in another order with several workers, and generations follow them.
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: CMAESSampler(seed=seed)

    def test_conditional_space(self, make_sampler: SamplerFactory) -> None:
        # The suite's conditional space branches on a categorical, which CMA-ES refuses by name.
        study = create_study(sampler=make_sampler(0))
        with pytest.raises(InvalidSpaceError, match="'branch'"):
            study.optimize(lambda t: conditional_objective(t, self.conditional_space), 1)

    def test_multi_objective_study(self, make_sampler: SamplerFactory) -> None:
        study = create_study(directions=["minimize", "maximize"], sampler=make_sampler(0))
        with pytest.raises(InvalidArgumentError, match="CMAESSampler supports one objective"):
            study.optimize(lambda t: space_objective(t, self.space), n_trials=3)
        assert [t.state for t in study.trials] == [TrialState.FAIL]  # not left RUNNING


def _shifted_sphere(trial: Trial) -> float:
    x = trial.suggest_float("x", -5.0, 5.0)
    rate = trial.suggest_float("rate", 1e-6, 1.0, log=True)
    depth = trial.suggest_int("depth", 1, 30)
    width = trial.suggest_int("width", 8, 512, step=8)
    return (
        (x - 1.5) ** 2
        + math.log10(rate / 1e-3) ** 2
        + (depth - 12) ** 2 / 25
        + (width - 200) ** 2 / 1e4
    )


def _best_value(sampler: CMAESSampler | RandomSampler, n_trials: int) -> float:
    study = create_study(sampler=sampler)
    study.optimize(_shifted_sphere, n_trials=n_trials)
    return study.best_value


def test_beats_random_search_on_a_mixed_numeric_problem() -> None:
    cma = [_best_value(CMAESSampler(seed=s), 100) for s in range(3)]
    random = [_best_value(RandomSampler(seed=s), 100) for s in range(3)]
    assert np.mean(cma) < 0.2
    assert np.mean(cma) < 0.25 * np.mean(random)


def test_log_and_integer_hyperparameters_are_searched_on_their_scale_and_grid() -> None:
    study = create_study(sampler=CMAESSampler(seed=1))
    study.optimize(_shifted_sphere, n_trials=100)
    space = {
        "x": Float(-5.0, 5.0),
        "rate": Float(1e-6, 1.0, log=True),
        "depth": Int(1, 30),
        "width": Int(8, 512, step=8),
    }
    for trial in study.trials:
        assert all(space[k].contains(v) for k, v in trial.params.items())
    # The best rate is 1e-3, in the middle of a log range: found within a factor of two.
    assert 5e-4 < study.best_params["rate"] < 2e-3


def test_a_categorical_hyperparameter_is_refused_by_name() -> None:
    study = create_study(sampler=CMAESSampler(seed=0))

    def objective(trial: Trial) -> float:
        trial.suggest_float("x", 0.0, 1.0)
        return float(len(str(trial.suggest_categorical("kernel", ["rbf", "linear"]))))

    with pytest.raises(InvalidSpaceError, match=r"'kernel'.*Use sampler='tpe'"):
        study.optimize(objective, n_trials=1)
    assert study.trials[0].state is TrialState.FAIL


def test_running_trials_get_distinct_points_even_in_a_small_integer_space() -> None:
    study = create_study(sampler=CMAESSampler(seed=2))
    space = {"a": Int(0, 3), "b": Int(0, 3)}
    study.optimize(lambda t: float(t.suggest_int("a", 0, 3) + t.suggest_int("b", 0, 3)), 6)
    running = [study.ask(space) for _ in range(8)]
    points = [(t.params["a"], t.params["b"]) for t in running]
    assert len(set(points)) == len(points)


def test_a_numeric_conditional_hyperparameter_is_drawn_on_its_own() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        if x > 0.5:
            return x + trial.suggest_float("extra", 0.0, 1.0)
        return (x - 0.2) ** 2

    study = create_study(sampler=CMAESSampler(seed=3))
    study.optimize(objective, n_trials=40)
    assert {"extra"} <= {name for t in study.trials for name in t.params}
    assert study.best_value < 0.01


def test_the_search_leaves_a_failing_region() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", -3.0, 3.0)
        y = trial.suggest_float("y", -3.0, 3.0)
        if x > -1.0:
            raise RuntimeError("diverged")  # two thirds of the space fail
        return (x + 2.0) ** 2 + y**2

    study = create_study(sampler=CMAESSampler(seed=4))
    study.optimize(objective, n_trials=80, catch=RuntimeError)
    # Random search would fail about 20 of the last 30 trials.
    assert sum(t.state is TrialState.FAIL for t in study.trials[-30:]) <= 3
    assert study.best_value < 0.05


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"sigma0": 0.0}, "'sigma0' argument of CMAESSampler must be a number in \\(0, 1\\]"),
        ({"sigma0": "big"}, "'sigma0'"),
        ({"population_size": 1}, "'population_size' argument of CMAESSampler"),
        ({"n_startup_trials": -1}, "'n_startup_trials' argument of CMAESSampler"),
        ({"seed": -3}, "'seed' argument of CMAESSampler"),
    ],
)
def test_bad_arguments_are_refused_at_first_use(arguments: dict[str, object], message: str) -> None:
    study = create_study(sampler=CMAESSampler(**arguments))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=message):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.FAIL]


def test_repr_shows_the_sampler_as_built() -> None:
    assert repr(CMAESSampler(seed=7, population_size=12)) == (
        "CMAESSampler(seed=7, sigma0=0.2, population_size=12, n_startup_trials=1)"
    )


def test_a_missing_cmaes_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cmaes", None)  # what Python does for a missing package
    study = create_study(sampler=CMAESSampler(seed=0))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    with pytest.raises(ImportError, match=r'pip install "tunesmith\[cmaes\]"'):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)


def test_a_study_that_used_a_categorical_fails_its_next_trial_with_the_reason() -> None:
    def objective(trial: Trial) -> float:
        return float(len(str(trial.suggest_categorical("kernel", ["rbf", "linear"]))))

    storage = InMemoryStorage()
    create_study("svm", storage, sampler=RandomSampler(seed=0)).optimize(objective, n_trials=3)
    resumed = load_study("svm", storage, sampler=CMAESSampler(seed=0))
    with pytest.raises(InvalidSpaceError, match="'kernel'"):
        resumed.optimize(objective, n_trials=1)
    assert resumed.trials[-1].state is TrialState.FAIL  # not left RUNNING
