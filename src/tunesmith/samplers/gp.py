"""GPSampler: Gaussian-process Bayesian optimisation on NumPy and SciPy alone.

The model and the search are array functions in ``samplers/_gp``; this module
turns a study's history into those arrays and the chosen point back into
hyperparameter values, and keeps the fitted hyperparameters between calls.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_bool, check_int
from tunesmith.history import History, HistorySnapshot
from tunesmith.samplers._gp.activity import Activity, learn_activity
from tunesmith.samplers._gp.prior import default_prior
from tunesmith.samplers._gp.threads import single_blas_thread
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.encoding import from_unit_point
from tunesmith.samplers.finished import pruned_last_values
from tunesmith.samplers.objectives import require_one_objective
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution
from tunesmith.trial import TrialState

if TYPE_CHECKING:
    from tunesmith.samplers._gp.search import Columns

__all__ = ["GPSampler"]

_logger = logging.getLogger("tunesmith")

FloatArray = npt.NDArray[np.float64]

# A discrete column with at most this many values is searched value by value;
# one with more, in the continuous relaxation of its cells, then snapped.
_MAX_SWEPT_VALUES = 16
# Hyperparameters are fitted from scratch on the trials numbered below each multiple
# of this, and every fit in between starts from there (see ``_warm_start``).
_CHECKPOINT_EVERY = 16
_CACHE_SIZE = 4


class GPSampler(Sampler):
    """Bayesian optimisation with a Gaussian process and log expected improvement.

    The model is a GP with an ARD Matérn 5/2 kernel (a Hamming distance for
    categorical hyperparameters) on the unit-cube encoding of the space, fitted
    by maximum a posteriori to values warped by a Yeo-Johnson transform, which
    tames heavy-tailed losses. In a conditional space the model takes every
    hyperparameter whose use the history explains by the value of a choice
    (``width2`` used exactly when ``n_layers`` is 2): to the kernel, "not used"
    is one more value of such a hyperparameter. Each proposal gives every
    modelled hyperparameter a value, and the objective asks for those its
    branch uses; one whose use no choice explains is drawn at random.
    Running trials are fantasised at the posterior mean, so parallel workers
    spread out; failed trials count as the worst value seen, and pruned ones
    as their last reported value but no better than the median (as the worst
    when that value is NaN or infinite), so the search moves away from them.
    For a single objective only.

    Args:
        n_startup_trials: completed trials drawn at random before the GP takes over.
        seed: the root seed; the same seed and the same results give the same trials.
        max_fit_trials: the most completed trials the GP is fitted to; beyond it,
            the best half and the most recent rest, which keeps each suggestion
            fast at thousands of trials.
        deterministic_objective: the objective returns the same value for the same
            hyperparameters, so the GP interpolates instead of fitting a noise level.

    >>> from tunesmith import create_study
    >>> study = create_study(sampler=GPSampler(n_startup_trials=4, seed=0))
    >>> study.optimize(lambda t: (t.suggest_float("x", -2, 2) - 1) ** 2, n_trials=8)
    >>> len(study.trials)
    8
    """

    def __init__(
        self,
        n_startup_trials: int = 10,
        seed: Seed = None,
        max_fit_trials: int = 250,
        deterministic_objective: bool = False,
    ) -> None:
        self.n_startup_trials = n_startup_trials
        self.seed = seed
        self.max_fit_trials = max_fit_trials
        self.deterministic_objective = deterministic_objective

    def problems(self) -> list[Problem]:
        checks = [
            check_int("n_startup_trials", self.n_startup_trials, 0),
            check_int("max_fit_trials", self.max_fit_trials, 10),
            check_bool("deterministic_objective", self.deterministic_objective),
        ]
        return [problem for problem in checks if problem is not None]

    def _check(self, history: History) -> None:
        """Refuse bad arguments, and a study of several objectives."""
        self.validate()
        require_one_objective("GPSampler", history)

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self._check(history)
        return float(distribution.from_unit(self.rng(trial_number, name).random()))

    def propose(self, history: History, trial_number: int) -> Proposal:
        self._check(history)
        # SciPy's optimisers take half a second to import; only a study using the GP pays it.
        from tunesmith.samplers._gp.search import Pending, fit_theta, propose_point, select_fit_rows

        snapshot = history.snapshot()
        space, activity = _modelled_space(snapshot)
        if not space:
            return Proposal()
        raw = snapshot.unit_matrix(space)
        # A row is usable when it has a value wherever its values say it should.
        usable = np.asarray(~(np.isnan(raw) & activity.active(raw)).any(axis=1))
        # A running trial's proposal holds values for the columns its branch will not use.
        unit = activity.deactivate(raw)
        values = snapshot.Y[:, 0]
        usable[trial_number : trial_number + 1] = False
        observed = np.flatnonzero(snapshot.mask(TrialState.COMPLETE) & usable & np.isfinite(values))
        if len(observed) < max(self.n_startup_trials, 1):
            return Proposal()
        fit_rows = observed[select_fit_rows(values[observed], self.max_fit_trials)]
        recent = slice(-(self.max_fit_trials // 2), None)
        pruned_rows = np.flatnonzero(snapshot.mask(TrialState.PRUNED) & usable)[recent]
        pruned_values, diverged = pruned_last_values(history, values, pruned_rows)
        failed_rows = np.flatnonzero(snapshot.mask(TrialState.FAIL) & usable)[recent]
        pending = Pending(
            running=unit[snapshot.mask(TrialState.RUNNING) & usable],
            pruned=unit[pruned_rows[~diverged]],
            pruned_values=pruned_values[~diverged],
            failed=unit[np.union1d(failed_rows, pruned_rows[diverged])],
        )
        columns = _columns(space, activity)
        x, y = unit[fit_rows], values[fit_rows]
        prior = default_prior(len(space), self.deterministic_objective)
        try:
            with single_blas_thread():
                start = self._warm_start(space, unit, values, observed, trial_number)
                theta = fit_theta(x, y, columns.is_categorical, prior, [start])
                point = propose_point(
                    x, y, theta, pending, columns, self.rng(trial_number, "candidates")
                )
        except np.linalg.LinAlgError as error:
            _logger.warning(
                "GPSampler fell back to random search in trial %d: %s", trial_number, error
            )
            return Proposal()
        return Proposal() if point is None else Proposal(from_unit_point(space, point))

    def _warm_start(
        self,
        space: Mapping[str, Distribution],
        unit: FloatArray,
        values: FloatArray,
        observed: npt.NDArray[np.intp],
        trial_number: int,
    ) -> FloatArray:
        """Where the hyperparameter fit starts: the fit on the trials before the last checkpoint.

        Starting from the previous trial's fit would be faster still, but a
        reloaded study's new sampler has no previous fit, and its suggestions
        must match an uninterrupted run's. The checkpoint fit depends only on
        the history (it starts from the prior), so it is the same in any
        process, and it is cached here, keyed by the data it was fitted to.
        """
        from tunesmith.samplers._gp.search import fit_theta, select_fit_rows

        prior = default_prior(len(space), self.deterministic_objective)
        boundary = trial_number // _CHECKPOINT_EVERY * _CHECKPOINT_EVERY
        rows = observed[observed < boundary]
        if len(rows) < max(self.n_startup_trials, 2):
            return prior.mode
        rows = rows[select_fit_rows(values[rows], self.max_fit_trials)]
        x, y = unit[rows], values[rows]
        digest = hashlib.blake2b(repr(sorted(space.items())).encode(), digest_size=16)
        for array in (rows, x, y):
            digest.update(np.ascontiguousarray(array).tobytes())
        key = digest.hexdigest()
        lock: threading.Lock = self.__dict__.setdefault("_cache_lock", threading.Lock())
        with lock:
            cache: dict[str, FloatArray] = self.__dict__.setdefault("_fit_cache", {})
            cached = cache.get(key)
        if cached is not None:
            return cached
        theta = fit_theta(x, y, _is_categorical(space), prior, [prior.mode])
        with lock:
            cache[key] = theta
            while len(cache) > _CACHE_SIZE:
                cache.pop(next(iter(cache)))
        return theta

    def __getstate__(self) -> dict[str, object]:
        # A lock cannot cross to a worker process; the cache is rebuilt there.
        return {k: v for k, v in self.__dict__.items() if k not in ("_cache_lock", "_fit_cache")}


def _modelled_space(snapshot: HistorySnapshot) -> tuple[dict[str, Distribution], Activity]:
    """The hyperparameters the GP models, by name in sorted order, and when each is used.

    Those every completed trial used, and the conditional ones whose use a
    choice explains (see ``_gp/activity``); none before a trial completes.
    """
    complete = snapshot.mask(TrialState.COMPLETE)
    if not complete.any():
        return {}, Activity(rules=(), explained=np.empty(0, dtype=bool))
    seen = {name: snapshot.distributions[name] for name in sorted(snapshot.columns)}
    activity = learn_activity(snapshot.unit_matrix(seen)[complete], _may_be_parent(seen))
    if activity.explained.all():
        return seen, activity
    space = {
        name: distribution
        for (name, distribution), explained in zip(seen.items(), activity.explained, strict=True)
        if explained
    }
    # Learned again on the modelled columns alone, so that the rules number them.
    return space, learn_activity(snapshot.unit_matrix(space)[complete], _may_be_parent(space))


def _may_be_parent(space: Mapping[str, Distribution]) -> npt.NDArray[np.bool_]:
    """The columns searched value by value, whose values can decide a conditional's use."""
    return np.array(
        [
            d.n_values is not None
            and d.n_values > 1
            and (isinstance(d, Categorical) or d.n_values <= _MAX_SWEPT_VALUES)
            for d in space.values()
        ],
        dtype=bool,
    )


def _is_categorical(space: Mapping[str, Distribution]) -> npt.NDArray[np.bool_]:
    return np.array([isinstance(d, Categorical) for d in space.values()], dtype=bool)


def _unit_values(distribution: Distribution) -> FloatArray:
    """Every unit-cube value a discrete distribution takes, in increasing order."""
    if isinstance(distribution, Categorical):
        internal = np.arange(distribution.n_values, dtype=np.float64)
    else:
        internal = np.asarray(distribution.grid_values(), dtype=np.float64)
    return np.asarray(distribution.to_unit(internal), dtype=np.float64)


def _columns(space: Mapping[str, Distribution], activity: Activity) -> Columns:
    """How the search treats each hyperparameter's column of the unit cube."""
    from tunesmith.samplers._gp.search import Columns

    distributions = list(space.values())
    counts = [d.n_values for d in distributions]
    swept = []
    gradient = np.zeros(len(distributions), dtype=bool)
    for column, (distribution, count) in enumerate(zip(distributions, counts, strict=True)):
        if count is None or (
            count > _MAX_SWEPT_VALUES and not isinstance(distribution, Categorical)
        ):
            gradient[column] = True
        elif count > 1:
            swept.append((column, _unit_values(distribution)))
    discrete = [column for column, count in enumerate(counts) if count is not None]

    def snap(points: FloatArray) -> FloatArray:
        snapped = points.copy()
        for column in discrete:
            distribution = distributions[column]
            snapped[:, column] = distribution.to_unit(distribution.from_unit(points[:, column]))
        return snapped

    return Columns(
        is_categorical=_is_categorical(space),
        gradient=gradient,
        swept=tuple(swept),
        snap=snap,
        deactivate=activity.deactivate,
    )
