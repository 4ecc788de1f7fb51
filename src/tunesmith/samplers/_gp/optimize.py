"""Maximise an acquisition function over the unit cube, with discrete columns.

The search has three kinds of column:

- *gradient* columns (continuous ones, and integer or stepped ones with many
  values, searched in the continuous relaxation of their cell encoding) move
  by L-BFGS-B;
- *swept* columns (categorical ones, and discrete ones with few values) are
  searched by trying each of their values in turn, one column at a time;
- every discrete column is then snapped to a value it can take, so the
  acquisition is always judged at points the objective can be run at.

Candidates are scored in one batch first; the best few are refined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize

__all__ = ["maximize_acquisition"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

Acquisition = Callable[[FloatArray], FloatArray]
"""Points (m, d) -> acquisition values (m,)."""
AcquisitionWithGradient = Callable[[FloatArray], tuple[FloatArray, FloatArray]]
"""Points (m, d) -> values (m,) and gradients (m, d)."""
Snap = Callable[[FloatArray], FloatArray]
"""Points (m, d) -> the same points with every discrete column on one of its values."""

# Two points closer than this in every unit coordinate are the same point.
_SAME_POINT = 1e-12


def _refine(
    starts: FloatArray,
    gradient_columns: BoolArray,
    acquisition_with_gradient: AcquisitionWithGradient,
    max_iterations: int,
) -> FloatArray:
    """L-BFGS-B on the gradient columns of all starts at once.

    The starts are independent, so the sum of their acquisition values has a
    block-diagonal Hessian; one joint run costs one batched evaluation per
    step instead of one Python round trip per start and step.
    """
    points = starts.copy()
    n_starts = len(points)
    moving = np.flatnonzero(gradient_columns)

    def objective(flat: FloatArray) -> tuple[float, FloatArray]:
        points[:, moving] = flat.reshape(n_starts, len(moving))
        values, gradients = acquisition_with_gradient(points)
        return -float(values.sum()), -gradients[:, moving].reshape(-1)

    result = minimize(
        objective,
        points[:, moving].reshape(-1),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, 1.0)] * (n_starts * len(moving)),
        options={"maxiter": max_iterations},
    )
    points[:, moving] = np.clip(result.x.reshape(n_starts, len(moving)), 0.0, 1.0)
    return points


def _sweep(
    points: FloatArray, swept: Sequence[tuple[int, FloatArray]], acquisition: Acquisition
) -> FloatArray:
    """Set each swept column, in turn, to its best value for every point (one pass)."""
    points = points.copy()
    for column, values in swept:
        trials = np.repeat(points, len(values), axis=0)
        trials[:, column] = np.tile(values, len(points))
        scores = acquisition(trials).reshape(len(points), len(values))
        points[:, column] = values[np.argmax(scores, axis=1)]
    return points


def _is_excluded(points: FloatArray, excluded: FloatArray) -> BoolArray:
    if len(excluded) == 0:
        return np.zeros(len(points), dtype=np.bool_)
    distance = np.abs(points[:, None, :] - excluded[None, :, :]).max(axis=2)
    return np.asarray((distance <= _SAME_POINT).any(axis=1))


def maximize_acquisition(
    acquisition: Acquisition,
    acquisition_with_gradient: AcquisitionWithGradient,
    candidates: FloatArray,
    gradient_columns: BoolArray,
    swept: Sequence[tuple[int, FloatArray]],
    snap: Snap,
    excluded: FloatArray,
    n_refined: int = 5,
    max_iterations: int = 200,
) -> FloatArray | None:
    """The best point found, or None when every point tried is excluded.

    Args:
        acquisition: the function to maximise, batched.
        acquisition_with_gradient: the same, with its gradient in the query.
        candidates: starting points in the unit cube, already snapped, (N, d).
        gradient_columns: which columns L-BFGS-B moves, (d,).
        swept: (column, the unit values it can take) for each column searched by enumeration.
        snap: puts every discrete column on a value it can take.
        excluded: points not to return (those observed or running), snapped, (k, d).
        n_refined: how many of the best candidates are refined.
        max_iterations: the iteration cap of the joint L-BFGS-B run.
    """
    scores = acquisition(candidates)
    allowed = ~_is_excluded(candidates, excluded)
    order = np.argsort(-scores, kind="stable")
    starts = candidates[order[:n_refined]]
    refined = starts
    if swept:
        refined = _sweep(refined, swept, acquisition)
    if gradient_columns.any():
        refined = snap(
            _refine(refined, gradient_columns, acquisition_with_gradient, max_iterations)
        )
        if swept:
            refined = _sweep(refined, swept, acquisition)
    refined_scores = acquisition(refined)
    pool = np.vstack([refined, candidates])
    pool_scores = np.concatenate([refined_scores, scores])
    pool_allowed = np.concatenate([~_is_excluded(refined, excluded), allowed])
    if not pool_allowed.any():
        return None
    pool_scores = np.where(pool_allowed, pool_scores, -np.inf)
    return np.asarray(pool[int(np.argmax(pool_scores))], dtype=np.float64)
