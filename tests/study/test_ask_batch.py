"""study.ask(n): a batch of trials started at once, their points spread apart."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tunesmith import Float, Int, Trial, create_study
from tunesmith.exceptions import (
    InvalidArgumentError,
    InvalidSpaceError,
    SearchSpaceExhaustedError,
)
from tunesmith.samplers import GridSampler, TPESampler
from tunesmith.trial import TrialState

SPACE = {"x": Float(-1.0, 1.0), "y": Float(-1.0, 1.0)}


def sphere(trial: Trial) -> float:
    return trial.suggest_float("x", -1.0, 1.0) ** 2 + trial.suggest_float("y", -1.0, 1.0) ** 2


def test_a_batch_is_n_running_trials_numbered_in_a_row_and_each_can_be_told() -> None:
    study = create_study(sampler=TPESampler(seed=0))
    study.optimize(sphere, n_trials=12)

    batch = study.ask(5, SPACE)

    assert [trial.number for trial in batch] == [12, 13, 14, 15, 16]
    assert len(study.get_trials([TrialState.RUNNING])) == 5
    assert len({(trial.params["x"], trial.params["y"]) for trial in batch}) == 5
    for trial in batch:
        study.tell(trial, trial.params["x"] ** 2 + trial.params["y"] ** 2)
    assert len(study.get_trials([TrialState.COMPLETE])) == 17
    assert study.best_value == min(t.value for t in study.trials if t.value is not None)


def test_a_batch_without_a_space_fixes_the_points_the_sampler_proposes() -> None:
    study = create_study(sampler=TPESampler(seed=1))
    study.optimize(sphere, n_trials=12)

    batch = study.ask(3)

    for trial in batch:
        fixed = trial.params
        assert set(fixed) == {"x", "y"}
        assert sphere(trial) == fixed["x"] ** 2 + fixed["y"] ** 2  # suggest returns them
        study.tell(trial, sphere(trial))
    assert len(study.get_trials([TrialState.COMPLETE])) == 15


def batch_distances(constant_liar: bool, seed: int) -> tuple[int, float, float]:
    """A batch of four after 20 trials: distinct points, mean and smallest pairwise distance."""
    study = create_study(sampler=TPESampler(constant_liar=constant_liar, seed=seed))
    study.optimize(sphere, n_trials=20)
    points = np.array([[t.params["x"], t.params["y"]] for t in study.ask(4)])
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)[np.triu_indices(4, 1)]
    return len({tuple(p) for p in points}), float(distances.mean()), float(distances.min())


def test_a_batch_is_spread_wider_than_independent_draws() -> None:
    # Without the constant liar, each trial of a batch ignores the others: independent draws
    # from the same model, which crowd where it is most hopeful.
    batches = np.array([batch_distances(True, seed) for seed in range(16)])
    independent = np.array([batch_distances(False, seed) for seed in range(16)])
    assert np.all(batches[:, 0] == 4)
    # Over 16 seeds, so that no lucky seed decides; the liar's closest pairs are 2-3x apart.
    assert batches[:, 2].mean() > 1.5 * independent[:, 2].mean()
    assert batches[:, 1].mean() > 1.1 * independent[:, 1].mean()


def test_ask_without_n_still_returns_one_trial() -> None:
    study = create_study(seed=0)
    assert isinstance(study.ask(), Trial)
    assert set(study.ask(SPACE).params) == {"x", "y"}
    assert set(study.ask(space=SPACE).params) == {"x", "y"}
    one = study.ask(1)
    assert isinstance(one, list)
    assert [trial.number for trial in one] == [3]


@pytest.mark.parametrize("n", [0, -2, 2.5, "3", True])
def test_a_bad_batch_size_is_refused_naming_n_and_starts_nothing(n: object) -> None:
    study = create_study()
    message = f"The 'n' argument of ask must be a positive int (the size of a batch); got {n!r}."
    with pytest.raises(InvalidArgumentError, match=f"^{re.escape(message)}$"):
        study.ask(n)  # type: ignore[call-overload]
    assert study.trials == []


def test_a_space_given_twice_or_malformed_starts_nothing() -> None:
    study = create_study()
    with pytest.raises(InvalidArgumentError, match="given twice"):
        study.ask(SPACE, SPACE)  # type: ignore[call-overload]
    with pytest.raises(InvalidSpaceError, match="'depth'"):
        study.ask(3, {"depth": {"type": "int", "low": 5, "high": 1}})
    assert study.trials == []


def test_a_grid_that_runs_out_cuts_the_batch_short() -> None:
    study = create_study(sampler=GridSampler({"k": Int(1, 3)}))

    batch = study.ask(5, {"k": Int(1, 3)})

    assert sorted(trial.params["k"] for trial in batch) == [1, 2, 3]
    with pytest.raises(SearchSpaceExhaustedError):
        study.ask(2)
