"""GPSampler: the sampler contract, and what a user of Bayesian optimisation would notice."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np
import pytest

from tunesmith import TrialPruned, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers import RandomSampler, Sampler
from tunesmith.samplers.gp import GPSampler
from tunesmith.space import Categorical, Float, Int
from tunesmith.study import Trial
from tunesmith.testing.samplers import SamplerContract, SamplerFactory, space_objective
from tunesmith.trial import TrialState


class TestGPSamplerContract(SamplerContract):
    sampler_class = GPSampler
    # Enough trials past the startup ones for the GP to steer, few enough to stay quick.
    n_trials: ClassVar[int] = 14
    # Results arrive in another order with several workers, and the GP follows them.
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: GPSampler(n_startup_trials=4, seed=seed)

    def test_multi_objective_study(self, make_sampler: SamplerFactory) -> None:
        # GPSampler models one objective; it refuses several at once with a pointer.
        study = create_study(directions=["minimize", "maximize"], sampler=make_sampler(0))
        with pytest.raises(InvalidArgumentError, match="GPSampler supports one objective"):
            study.optimize(lambda t: space_objective(t, self.space), n_trials=3)
        assert [t.state for t in study.trials] == [TrialState.FAIL]  # not left RUNNING


def _branin(trial: Trial) -> float:
    x = trial.suggest_float("x", -5.0, 10.0)
    y = trial.suggest_float("y", 0.0, 15.0)
    b, c = 5.1 / (4 * math.pi**2), 5 / math.pi
    return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x) + 10


def _best_values(sampler: Sampler, objective, n_trials: int) -> float:  # type: ignore[no-untyped-def]
    study = create_study(sampler=sampler)
    study.optimize(objective, n_trials=n_trials)
    return study.best_value


def test_beats_random_search_on_branin() -> None:
    seeds = range(3)
    gp = [_best_values(GPSampler(seed=s), _branin, 40) for s in seeds]
    random = [_best_values(RandomSampler(seed=s), _branin, 40) for s in seeds]
    optimum = 0.397887
    # Random search ends about 1 above the optimum here; the GP within 0.01.
    assert np.mean(gp) - optimum < 0.05
    assert np.mean(gp) - optimum < 0.2 * (np.mean(random) - optimum)


def test_running_trials_get_distinct_points() -> None:
    study = create_study(sampler=GPSampler(n_startup_trials=5, seed=0))
    space = {"x": Float(-1.0, 1.0), "y": Float(-1.0, 1.0)}
    study.optimize(
        lambda t: t.suggest_float("x", -1, 1) ** 2 + t.suggest_float("y", -1, 1) ** 2, 12
    )
    running = [study.ask(space) for _ in range(4)]
    points = np.array([[t.params["x"], t.params["y"]] for t in running])
    distances = np.linalg.norm(points[:, None] - points[None, :], axis=2)
    assert distances[np.triu_indices(4, 1)].min() > 1e-3


def test_categorical_hyperparameter_is_learned() -> None:
    def objective(trial: Trial) -> float:
        kernel = trial.suggest_categorical("kernel", ["linear", "rbf", "poly", "sigmoid"])
        c = trial.suggest_float("c", 1e-3, 1e3, log=True)
        depth = trial.suggest_int("depth", 1, 12)
        offset = {"linear": 2.0, "rbf": 0.0, "poly": 1.5, "sigmoid": 3.0}[kernel]
        return offset + math.log10(c) ** 2 / 9 + (depth - 5) ** 2 / 50

    study = create_study(sampler=GPSampler(n_startup_trials=8, seed=1))
    study.optimize(objective, n_trials=30)
    late = [t.params["kernel"] for t in study.trials[-10:]]
    assert study.best_params["kernel"] == "rbf"
    assert late.count("rbf") >= 6
    assert study.best_value < 0.3


def test_heavy_tailed_objective_is_fitted() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", -3.0, 3.0)
        y = trial.suggest_float("y", -3.0, 3.0)
        return math.exp((x - 0.7) ** 2 + (y + 1.1) ** 2) * 5.0  # spans 5 to about 1e14

    study = create_study(sampler=GPSampler(seed=2))
    study.optimize(objective, n_trials=35)
    assert all(t.state is TrialState.COMPLETE for t in study.trials)
    assert study.best_value < 5.0 * math.exp(0.01)


def test_failed_region_is_avoided() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        if x > 0.6:
            raise RuntimeError("diverged")
        return -x  # best just below the failing region

    study = create_study(sampler=GPSampler(n_startup_trials=6, seed=3))
    study.optimize(objective, n_trials=30, catch=RuntimeError)
    failed_late = [t for t in study.trials[-12:] if t.state is TrialState.FAIL]
    assert len(failed_late) <= 4
    assert study.best_value < -0.55


@pytest.mark.parametrize("last_report", [100.0, math.nan], ids=["bad value", "diverged"])
def test_pruned_region_is_avoided_by_its_last_values(last_report: float) -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", 0.0, 1.0)
        if x > 0.6:
            trial.report(last_report, step=0)
            raise TrialPruned()
        return -x + (y - 0.5) ** 2  # completed trials point into the pruned region

    deep_late = 0
    for seed in range(2):
        study = create_study(sampler=GPSampler(n_startup_trials=6, seed=seed))
        study.optimize(objective, n_trials=30)
        deep_late += sum(t.params["x"] > 0.7 for t in study.trials[-15:])
    # Random search would put about 9 of these 30 late trials there.
    assert deep_late <= 5


def test_integer_and_stepped_values_stay_on_their_grid() -> None:
    def objective(trial: Trial) -> float:
        n = trial.suggest_int("n", 1, 64, log=True)
        w = trial.suggest_int("w", 0, 300, step=3)
        f = trial.suggest_float("f", 0.0, 1.0, step=0.1)
        return (math.log2(n) - 3) ** 2 + (w - 150) ** 2 / 1e4 + (f - 0.3) ** 2

    study = create_study(sampler=GPSampler(n_startup_trials=6, seed=4))
    study.optimize(objective, n_trials=30)
    space = {"n": Int(1, 64, log=True), "w": Int(0, 300, step=3), "f": Float(0.0, 1.0, step=0.1)}
    for trial in study.trials:
        assert all(space[k].contains(v) for k, v in trial.params.items())
    assert study.best_value < 0.3


def test_small_discrete_space_is_not_repeated() -> None:
    study = create_study(sampler=GPSampler(n_startup_trials=3, seed=5))
    choices = Categorical(["a", "b", "c"])
    study.optimize(
        lambda t: (
            float(choices.index(t.suggest_categorical("c", ["a", "b", "c"])))
            + t.suggest_int("k", 0, 3)
        ),
        n_trials=12,
    )
    points = [(t.params["c"], t.params["k"]) for t in study.trials]
    assert len(set(points[3:])) == len(points[3:])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"n_startup_trials": -1}, "'n_startup_trials' argument of GPSampler must be an int"),
        ({"n_startup_trials": 2.5}, "'n_startup_trials'"),
        (
            {"max_fit_trials": 5},
            "'max_fit_trials' argument of GPSampler must be an int >=",
        ),
        ({"deterministic_objective": "yes"}, "'deterministic_objective' argument of GPSampler"),
        ({"seed": -3}, "'seed' argument of GPSampler"),
    ],
)
def test_bad_arguments_are_refused_at_first_use(arguments: dict[str, object], message: str) -> None:
    sampler = GPSampler(**arguments)  # type: ignore[arg-type]
    study = create_study(sampler=sampler)
    with pytest.raises(InvalidArgumentError, match=message):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.FAIL]


def test_constructor_stores_its_arguments() -> None:
    sampler = GPSampler(
        n_startup_trials=3, seed=7, max_fit_trials=100, deterministic_objective=True
    )
    assert repr(sampler) == (
        "GPSampler(n_startup_trials=3, seed=7, max_fit_trials=100, deterministic_objective=True)"
    )


def test_deterministic_objective_runs() -> None:
    study = create_study(
        sampler=GPSampler(n_startup_trials=5, seed=8, deterministic_objective=True)
    )
    study.optimize(lambda t: (t.suggest_float("x", -2, 2) - 0.5) ** 2, n_trials=15)
    assert study.best_value < 1e-3
