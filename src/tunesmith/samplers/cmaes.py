"""CMAESSampler: the covariance matrix adaptation evolution strategy, from the ``cmaes`` package.

CMA-ES searches the unit-cube encoding of a numeric space (so log-scaled
ranges are searched on their log scale) with a Gaussian whose mean, step size
and covariance it adapts after each generation of trials. The state is rebuilt
from the history (see ``_cmaes.replay``), never kept only in one process.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_int, check_number_in, or_none
from tunesmith.exceptions import InvalidSpaceError
from tunesmith.history import History, HistorySnapshot
from tunesmith.samplers._cmaes.replay import StateCache, generations
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.encoding import from_unit_point
from tunesmith.samplers.finished import pruned_last_values
from tunesmith.samplers.objectives import require_one_objective
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution
from tunesmith.trial import TrialState

__all__ = ["CMAESSampler"]

FloatArray = npt.NDArray[np.float64]

# Draws from the search distribution tried before one that no other trial has taken is
# given up on; integer spaces with few values can run out of new points.
_MAX_DRAWS = 32
# Two unit-cube points closer than this in every coordinate are the same point.
_SAME_POINT = 1e-9


def _import_cmaes() -> Any:
    try:
        return importlib.import_module("cmaes")
    except ImportError:
        raise ImportError(
            "CMAESSampler needs the 'cmaes' package; install it with "
            'pip install "tunesmith[cmaes]".'
        ) from None


class CMAESSampler(Sampler):
    """CMA-ES over a space of floats and integers, for one objective.

    Finished trials, in trial-number order, form generations of
    ``population_size``; after each full generation the search distribution
    moves towards its best points. Failed trials rank last in their
    generation, and pruned ones by their last reported value. Every trial
    draws its point from the newest distribution with its own random stream
    (from the seed and its number), and skips a draw that another trial has
    taken, so parallel workers never evaluate the same point twice. Integers
    and stepped floats take the grid value of the cell the draw falls in.

    Categorical hyperparameters have no order for CMA-ES to adapt to: a study
    that asks for one gets an ``InvalidSpaceError`` naming it (use ``"tpe"``,
    ``"gp"`` or ``"auto"`` for such spaces). Hyperparameters that not every
    completed trial used (conditional ones) are drawn at random.

    Args:
        seed: the root seed; the same seed and the same results give the same trials.
        sigma0: the initial step size, as a fraction of each unit-cube range.
        population_size: trials per generation; None for CMA-ES's default,
            ``4 + floor(3 ln d)`` in ``d`` dimensions.
        n_startup_trials: trials drawn at random before CMA-ES starts; they
            form part of its first generation.

    Raises:
        ImportError: the ``cmaes`` package is missing (at first use).

    >>> from tunesmith import create_study
    >>> study = create_study(sampler=CMAESSampler(seed=0))
    >>> study.optimize(lambda t: (t.suggest_float("x", -2, 2) - 1) ** 2, n_trials=12)
    >>> len(study.trials)
    12
    """

    def __init__(
        self,
        seed: Seed = None,
        sigma0: float = 0.2,
        population_size: int | None = None,
        n_startup_trials: int = 1,
    ) -> None:
        self.seed = seed
        self.sigma0 = sigma0
        self.population_size = population_size
        self.n_startup_trials = n_startup_trials

    def problems(self) -> list[Problem]:
        checks = [
            check_number_in("sigma0", self.sigma0, 0, 1, low_open=True),
            or_none(check_int("population_size", self.population_size, 2)),
            check_int("n_startup_trials", self.n_startup_trials, 0),
        ]
        return [problem for problem in checks if problem is not None]

    def _check(self, history: History) -> None:
        """Refuse bad arguments, and a study of several objectives."""
        self.validate()
        require_one_objective("CMAESSampler", history)

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self._check(history)
        _refuse_categorical(name, distribution)
        return float(distribution.from_unit(self.rng(trial_number, name).random()))

    def propose(self, history: History, trial_number: int) -> Proposal:
        self._check(history)
        snapshot = history.snapshot()
        space = snapshot.completed_space()
        categorical = any(isinstance(d, Categorical) for d in space.values())
        # A categorical is refused when the objective asks for it (see sample_independent).
        if not space or categorical or trial_number < self.n_startup_trials:
            return Proposal()
        unit = snapshot.unit_matrix(space)
        located = np.asarray(~np.isnan(unit).any(axis=1), dtype=np.bool_)
        located[trial_number : trial_number + 1] = False
        finished = snapshot.mask(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
        rows = np.flatnonzero(finished & located)
        scores = _scores(history, snapshot, rows)
        optimizer = self._states(space).state_after(
            generations(unit[rows], scores, self._population_size(len(space)))
        )
        taken = unit[located]
        optimizer.reseed_rng(int(self.rng(trial_number, "cmaes").integers(2**32)))
        draws = [_snap(space, optimizer.ask()) for _ in range(_MAX_DRAWS)]
        fresh = (p for p in draws if not (np.abs(taken - p).max(axis=1) <= _SAME_POINT).any())
        return Proposal(from_unit_point(space, next(fresh, draws[0])))

    def _population_size(self, n_dims: int) -> int:
        if self.population_size is not None:
            return self.population_size
        return 4 + int(np.floor(3 * np.log(n_dims)))

    def _states(self, space: Mapping[str, Distribution]) -> StateCache:
        """The state cache of CMA-ES over ``space`` (one per space, built at first use)."""
        key = repr((sorted(space.items()), self.sigma0, self._population_size(len(space))))
        caches: dict[str, StateCache] = self.__dict__.setdefault("_caches", {})
        cache = caches.get(key)
        if cache is None:
            cmaes = _import_cmaes()
            n_dims = len(space)

            def new_optimizer() -> Any:
                return cmaes.CMA(
                    mean=np.full(n_dims, 0.5),
                    sigma=float(self.sigma0),
                    bounds=np.tile([0.0, 1.0], (n_dims, 1)),
                    seed=0,
                    population_size=self._population_size(n_dims),
                )

            cache = caches.setdefault(key, StateCache(new_optimizer, key))
        return cache

    def __getstate__(self) -> dict[str, object]:
        # The caches hold locks, which cannot cross to a worker process; they are rebuilt there.
        return {k: v for k, v in self.__dict__.items() if k != "_caches"}


def _refuse_categorical(name: str, distribution: Distribution) -> None:
    if isinstance(distribution, Categorical):
        raise InvalidSpaceError(
            f"CMAESSampler searches floats and integers only; hyperparameter {name!r} is "
            f"{distribution!r}. Use sampler='tpe', 'gp' or 'auto' for a space with "
            "categorical hyperparameters."
        )


def _scores(history: History, snapshot: HistorySnapshot, rows: npt.NDArray[np.intp]) -> FloatArray:
    """Each finished trial's value ("minimise" form); ``inf`` for a failure or a divergence."""
    values = snapshot.Y[:, 0]
    scores: FloatArray = values[rows]
    pruned = snapshot.mask(TrialState.PRUNED)[rows]
    last_values, diverged = pruned_last_values(history, values, rows[pruned])
    scores[pruned] = np.where(diverged, np.inf, last_values)
    scores[np.isnan(scores)] = np.inf
    return scores


def _snap(space: Mapping[str, Distribution], point: FloatArray) -> FloatArray:
    """A unit-cube point moved to the centre of its grid cell along discrete columns."""
    snapped = point.copy()
    for column, distribution in enumerate(space.values()):
        snapped[column] = distribution.to_unit(distribution.from_unit(point[column]))
    return snapped
