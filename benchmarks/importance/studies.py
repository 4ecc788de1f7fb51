"""The studies compared: the same random trials of a function with a known ranking, twice.

The function has eight hyperparameters on [0, 1]; hyperparameter i adds a
linear, quadratic or sine shape (in turn) scaled to a standard deviation of
``0.6**i``, so the main effects' variances shrink by a factor 2.8 from one to
the next and the true ranking is x0 > x1 > ... > x7. An ``x0 * x1``
interaction, which no main effect holds, keeps the function from being
additive without changing that ranking. The trials are drawn once with NumPy
and recorded in a tunesmith study and in an Optuna study, so both tools read
identical data.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import optuna

import tunesmith

N_HYPERPARAMETERS = 8
NAMES = [f"x{i}" for i in range(N_HYPERPARAMETERS)]
TRUE_RANKING = list(NAMES)


# Each shape with its standard deviation under the uniform distribution on [0, 1].
_SHAPES = [
    (lambda v: v, math.sqrt(1 / 12)),
    (lambda v: v**2, math.sqrt(4 / 45)),
    (lambda v: np.sin(math.pi * v), math.sqrt(1 / 2 - 4 / math.pi**2)),
]
DECAY = 0.6


def objective(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The benchmark function on an ``n x 8`` matrix of points in [0, 1]."""
    value = 0.2 * x[:, 0] * x[:, 1]
    for i in range(N_HYPERPARAMETERS):
        shape, spread = _SHAPES[i % len(_SHAPES)]
        value = value + DECAY**i * shape(x[:, i]) / spread
    return np.asarray(value, dtype=np.float64)


def points(n_trials: int, seed: int) -> npt.NDArray[np.float64]:
    return np.random.default_rng(seed).uniform(size=(n_trials, N_HYPERPARAMETERS))


def tunesmith_study(x: npt.NDArray[np.float64]) -> tunesmith.Study:
    """A tunesmith study (in memory) whose trial i used the hyperparameters of row i of ``x``."""
    study = tunesmith.create_study(sampler="random")
    for row, value in zip(x, objective(x), strict=True):
        study.enqueue_trial(dict(zip(NAMES, row.tolist(), strict=True)))
        trial = study.ask()
        for name in NAMES:
            trial.suggest_float(name, 0.0, 1.0)
        study.tell(trial, float(value))
    return study


def optuna_study(x: npt.NDArray[np.float64]) -> optuna.Study:
    """The same trials as ``tunesmith_study(x)``, in an in-memory Optuna study."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    distributions = {name: optuna.distributions.FloatDistribution(0.0, 1.0) for name in NAMES}
    study = optuna.create_study()
    study.add_trials(
        [
            optuna.trial.create_trial(
                params=dict(zip(NAMES, row.tolist(), strict=True)),
                distributions=distributions,
                value=float(value),
            )
            for row, value in zip(x, objective(x), strict=True)
        ]
    )
    return study
