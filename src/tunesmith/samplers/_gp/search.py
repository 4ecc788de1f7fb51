"""One step of GP Bayesian optimisation on arrays: fit, fantasise, maximise log EI.

Everything is in the unit cube and in "minimise" form. The sampler class
turns the study's history into these arrays and the returned point back
into hyperparameter values. In a conditional space, an observed point holds
NaN where its trial left a hyperparameter inactive; a searched point holds a
value in every column, and ``Columns.deactivate`` says which of them the
objective would use before the model judges it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._gp.acquisition import log_expected_improvement
from tunesmith.samplers._gp.fit import fit_hyperparameters
from tunesmith.samplers._gp.kernel import squared_differences
from tunesmith.samplers._gp.optimize import (
    Acquisition,
    AcquisitionWithGradient,
    Snap,
    maximize_acquisition,
)
from tunesmith.samplers._gp.posterior import Posterior, condition
from tunesmith.samplers._gp.prior import HyperPrior
from tunesmith.samplers._gp.warp import power_warp

__all__ = ["Columns", "Pending", "fit_theta", "propose_point", "select_fit_rows"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

# Candidates scored in one batch before the best few are refined by L-BFGS-B.
N_CANDIDATES = 512
# Of those, this many are small perturbations of the best observed points, which
# is where the improvement usually is once the model has found the basin.
N_LOCAL_CANDIDATES = 128
N_BEST_TO_PERTURB = 4
LOCAL_SPREAD = 0.05
N_REFINED = 5


@dataclass(frozen=True, slots=True)
class Columns:
    """How the search treats each column of the unit cube (see ``optimize``).

    ``deactivate`` sets the columns a point would leave inactive to NaN (see
    ``activity``); it returns its input unchanged when the space is not conditional.
    """

    is_categorical: BoolArray
    gradient: BoolArray
    swept: tuple[tuple[int, FloatArray], ...]
    snap: Snap
    deactivate: Snap


@dataclass(frozen=True, slots=True)
class Pending:
    """Points with no usable value, which the model must still steer away from.

    ``running``: trials under way, fantasised at the posterior mean (the
    kriging believer) and held there without observation noise, so that the
    model is sure of them and parallel workers spread out. ``pruned``: stopped
    early for looking bad, fantasised at their last reported value
    (``pruned_values``, raw and in "minimise" form; NaN where none) but no
    better than the median. ``failed``: fantasised at the worst value seen,
    so the search avoids their neighbourhood.
    """

    running: FloatArray
    pruned: FloatArray
    pruned_values: FloatArray
    failed: FloatArray


def select_fit_rows(y: FloatArray, max_rows: int) -> IntArray:
    """Which rows (in trial order) the model is fitted to when there are more than ``max_rows``.

    The best half of the budget by value (where the next improvement is
    modelled) and the most recent rest (where the search is now); in trial
    order, so the result does not depend on the order of ties.
    """
    if len(y) <= max_rows:
        return np.arange(len(y))
    n_best = max_rows // 2
    best = np.argsort(y, kind="stable")[:n_best]
    others = np.setdiff1d(np.arange(len(y)), best)
    recent = others[len(others) - (max_rows - n_best) :]
    return np.sort(np.concatenate([best, recent]))


def fit_theta(
    x: FloatArray,
    y: FloatArray,
    is_categorical: BoolArray,
    prior: HyperPrior,
    starts: Sequence[FloatArray],
) -> FloatArray:
    """The MAP hyperparameters of a GP on points ``x`` with raw values ``y``."""
    return fit_hyperparameters(
        squared_differences(x, x, is_categorical), power_warp(y), prior, starts
    )


def _acquisition_functions(
    posterior: Posterior, best: float, deactivate: Snap
) -> tuple[Acquisition, AcquisitionWithGradient]:
    def acquisition(points: FloatArray) -> FloatArray:
        mean, variance = posterior.predict(deactivate(points))
        return log_expected_improvement(mean, variance, best)[0]

    def acquisition_with_gradient(points: FloatArray) -> tuple[FloatArray, FloatArray]:
        # Along an inactive column the kernel is flat, so its gradient is zero.
        mean, variance, d_mean, d_variance = posterior.predict_with_gradient(deactivate(points))
        log_ei, by_mean, by_variance = log_expected_improvement(mean, variance, best)
        return log_ei, by_mean[:, None] * d_mean + by_variance[:, None] * d_variance

    return acquisition, acquisition_with_gradient


def _candidates(
    x: FloatArray, y: FloatArray, columns: Columns, rng: np.random.Generator
) -> FloatArray:
    n_dims = x.shape[1]
    uniform = rng.random((N_CANDIDATES - N_LOCAL_CANDIDATES, n_dims))
    best = x[np.argsort(y, kind="stable")[:N_BEST_TO_PERTURB]]
    centres = best[rng.integers(0, len(best), N_LOCAL_CANDIDATES)]
    local = np.clip(centres + LOCAL_SPREAD * rng.standard_normal(centres.shape), 0.0, 1.0)
    # A categorical column of a local candidate keeps the centre's choice: its order means nothing.
    local[:, columns.is_categorical] = centres[:, columns.is_categorical]
    # A column the centre left inactive has no value to perturb: it gets a random one.
    inactive = np.isnan(local)
    if inactive.any():
        local[inactive] = rng.random(int(inactive.sum()))
    return columns.snap(np.vstack([uniform, local]))


def _pruned_fantasies(
    posterior: Posterior, pending: Pending, y: FloatArray, warped: FloatArray
) -> FloatArray:
    """What pruned trials count as, in warped units: last value if known, at least the median.

    A last value is put through the warp of the observed values by
    interpolation (the warp is monotone), so one beyond the worst observed
    value counts as the worst. Without one, the posterior mean stands in.
    """
    if len(pending.pruned) == 0:
        return warped[:0]
    fantasies = posterior.predict(pending.pruned)[0]
    known = np.isfinite(pending.pruned_values)
    order = np.argsort(y, kind="stable")
    fantasies[known] = np.interp(pending.pruned_values[known], y[order], warped[order])
    return np.maximum(fantasies, np.median(warped))


def propose_point(
    x: FloatArray,
    y: FloatArray,
    theta: FloatArray,
    pending: Pending,
    columns: Columns,
    rng: np.random.Generator,
) -> FloatArray | None:
    """The next point to try: the maximiser of log EI, or None if every candidate is taken.

    Args:
        x: observed points (n, d), NaN where inactive; ``y``: their raw values (n,),
            lower is better.
        theta: the GP hyperparameters (see ``prior``).
        pending: running, pruned and failed points, which the model is told about,
            NaN where inactive.
        columns: how each column is searched.
        rng: seeds the candidates.
    """
    warped = power_warp(y)
    posterior = condition(x, warped, theta, columns.is_categorical)
    # The incumbent is the best posterior mean at an observed point, not the best raw value:
    # with a fitted noise level a lucky value lies below the model, and measured against
    # it every point's improvement would be negligible.
    best = float(posterior.predict(x)[0].min())
    extra_x = [pending.pruned, pending.failed, pending.running]
    if any(len(points) for points in extra_x):
        running_mean = posterior.predict(pending.running)[0] if len(pending.running) else warped[:0]
        fantasies = [
            _pruned_fantasies(posterior, pending, y, warped),
            np.full(len(pending.failed), warped.max()),
            running_mean,
        ]
        best = min(best, float(running_mean.min(initial=np.inf)))
        posterior = condition(
            np.vstack([x, *extra_x]),
            np.concatenate([warped, *fantasies]),
            theta,
            columns.is_categorical,
            n_noisy=len(x) + len(pending.pruned) + len(pending.failed),
        )
    acquisition, acquisition_with_gradient = _acquisition_functions(
        posterior, best, columns.deactivate
    )
    return maximize_acquisition(
        acquisition,
        acquisition_with_gradient,
        _candidates(x, y, columns, rng),
        columns.gradient,
        columns.swept,
        columns.snap,
        excluded=np.vstack([x, *extra_x]),
        deactivate=columns.deactivate,
        n_refined=N_REFINED,
    )
