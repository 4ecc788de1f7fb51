"""QMCSampler: scrambled Sobol points cover a space more evenly than random ones."""

from __future__ import annotations

import numpy as np
from scipy.stats import qmc

from tunesmith import Trial, create_study
from tunesmith.samplers import QMCSampler, RandomSampler, Sampler


def unit_square_points(sampler: Sampler, n_trials: int) -> np.ndarray:
    def objective(trial: Trial) -> float:
        return trial.suggest_float("x", 0.0, 1.0) + trial.suggest_float("y", 0.0, 1.0)

    study = create_study(sampler=sampler)
    study.optimize(objective, n_trials=n_trials)
    return np.array([[t.params["x"], t.params["y"]] for t in study.trials])


def test_covers_the_unit_square_more_evenly_than_random() -> None:
    seeds = range(5)
    sobol = [qmc.discrepancy(unit_square_points(QMCSampler(seed=s), 64)) for s in seeds]
    random = [qmc.discrepancy(unit_square_points(RandomSampler(seed=s), 64)) for s in seeds]
    assert np.mean(sobol) < np.mean(random) / 2


def test_sixteen_points_fill_every_cell_of_a_four_by_four_grid() -> None:
    points = unit_square_points(QMCSampler(seed=3), 16)
    cells = {(int(x * 4), int(y * 4)) for x, y in points}
    assert len(cells) == 16
