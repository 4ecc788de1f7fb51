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
# L-BFGS-B stops once a step raises the summed log EI by less than this fraction, or
# every projected gradient component is below _GTOL: a point that close to the maximum
# has the same improvement to within a hundredth of a percent.
_FTOL = 1e-6
_GTOL = 1e-4


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
        options={"maxiter": max_iterations, "ftol": _FTOL, "gtol": _GTOL},
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


def _is_taken(point: FloatArray, excluded: FloatArray) -> bool:
    """Whether ``point`` (d,) is one of the ``excluded`` rows (k, d).

    NaN (an inactive column) matches NaN only.
    """
    distance = np.abs(excluded - point)
    if np.isnan(distance).any():
        inactive = np.isnan(excluded)
        distance = np.where(inactive == np.isnan(point), np.nan_to_num(distance), np.inf)
    return bool((distance.max(axis=1, initial=0.0) <= _SAME_POINT).any())


def maximize_acquisition(
    acquisition: Acquisition,
    acquisition_with_gradient: AcquisitionWithGradient,
    candidates: FloatArray,
    gradient_columns: BoolArray,
    swept: Sequence[tuple[int, FloatArray]],
    snap: Snap,
    excluded: FloatArray,
    deactivate: Snap,
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
        excluded: points not to return (those observed or running), snapped, (k, d),
            NaN where inactive.
        deactivate: sets the columns a point leaves inactive to NaN; a point is
            excluded when it agrees with an excluded one on the columns it uses.
        n_refined: how many of the best candidates are refined.
        max_iterations: the iteration cap of the joint L-BFGS-B run.
    """
    scores = acquisition(candidates)
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
    # Best first; usually the first point is allowed, so few are compared with ``excluded``.
    for index in np.argsort(-pool_scores, kind="stable"):
        if not _is_taken(deactivate(pool[index : index + 1])[0], excluded):
            return np.asarray(pool[index], dtype=np.float64)
    return None
