"""GridSampler: the full grid, each point once, in a fixed order, also with many workers."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from tunesmith import Categorical, Float, Int, Trial, create_study
from tunesmith.exceptions import InvalidArgumentError, InvalidSpaceError, SearchSpaceExhaustedError
from tunesmith.samplers import GridSampler

SPACE: dict[str, Any] = {"kernel": ["rbf", "linear", "poly"], "C": Float(0.5, 1.5, step=0.5)}


def objective(trial: Trial) -> float:
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear", "poly"])
    c = trial.suggest_float("C", 0.5, 1.5, step=0.5)
    return c + len(str(kernel))


def points(study: Any) -> list[tuple[Any, ...]]:
    return [tuple(t.params[name] for name in sorted(t.params)) for t in study.trials]


def test_every_point_once_in_sorted_name_order() -> None:
    study = create_study(sampler=GridSampler(SPACE))
    study.optimize(objective, n_trials=100)
    # Names sorted ("C" before "kernel"), the last one varying fastest.
    expected = list(itertools.product([0.5, 1.0, 1.5], ["rbf", "linear", "poly"]))
    assert points(study) == expected


def test_stops_after_the_grid_and_then_refuses_to_ask() -> None:
    study = create_study(sampler=GridSampler(SPACE))
    study.optimize(objective, n_trials=4)
    study.optimize(objective, n_trials=4)
    study.optimize(objective, n_trials=4)
    assert len(study.trials) == 9
    assert len(set(points(study))) == 9
    with pytest.raises(SearchSpaceExhaustedError):
        study.ask()


def test_a_seed_shuffles_the_order_reproducibly() -> None:
    space = {"a": Int(0, 9), "b": Int(0, 9)}

    def run(seed: int | None) -> list[tuple[Any, ...]]:
        study = create_study(sampler=GridSampler(space, seed=seed))
        study.optimize(lambda t: t.suggest_int("a", 0, 9) + t.suggest_int("b", 0, 9), n_trials=100)
        return points(study)

    unshuffled = run(None)
    assert sorted(run(1)) == unshuffled
    assert run(1) == run(1)
    assert run(1) != run(2)
    assert run(1) != unshuffled


def test_four_threads_never_repeat_a_point() -> None:
    space = {"a": Int(0, 9), "b": Categorical([None, True, "x", 2])}

    def slow(trial: Trial) -> float:
        a = trial.suggest_int("a", 0, 9)
        time.sleep(0.002)
        b = trial.suggest_categorical("b", [None, True, "x", 2])
        return a + len(str(b))

    study = create_study(sampler=GridSampler(space, seed=0))
    study.optimize(slow, n_trials=100, n_jobs=4)
    assert len(study.trials) == 40
    assert len(set(points(study))) == 40


def test_a_continuous_float_is_refused_with_a_message() -> None:
    study = create_study(sampler=GridSampler({"lr": Float(1e-3, 1.0, log=True)}))
    with pytest.raises(InvalidSpaceError, match=r"'lr'.*step"):
        study.optimize(lambda t: t.suggest_float("lr", 1e-3, 1.0, log=True), n_trials=1)
    assert study.trials == []


def test_a_hyperparameter_outside_the_grid_fails_the_trial_with_a_message() -> None:
    study = create_study(sampler=GridSampler(SPACE))
    with pytest.raises(InvalidArgumentError, match=r"'gamma'.*\['C', 'kernel'\]"):
        study.optimize(lambda t: t.suggest_float("gamma", 0.0, 1.0), n_trials=1)
    assert study.trials[0].state.name == "FAIL"


def test_a_range_other_than_the_grids_is_refused() -> None:
    study = create_study(sampler=GridSampler(SPACE))
    with pytest.raises(InvalidArgumentError, match="'C'"):
        study.optimize(lambda t: t.suggest_float("C", 0.0, 1.0), n_trials=1)


def test_create_study_with_grid_by_name_asks_for_a_space() -> None:
    with pytest.raises(InvalidArgumentError, match=r"GridSampler\(space\)"):
        create_study(sampler="grid")
