"""Hypervolume: how much of objective space a set of points dominates, up to a reference point.

The hypervolume of a Pareto front is the volume of the region that some point
of the front dominates and that itself dominates the reference point. It grows
when the front moves towards better values or spreads out, so one number
compares the fronts of two searches measured against the same reference.

Two objectives are swept exactly in ``O(n log n)``. Three or more are sliced
along the last objective, each slab's cross-section being the hypervolume of
the points above it in one dimension fewer: exact, and fast enough for the
fronts of a tuning study (hundreds of points).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history.dominance import non_dominated_mask
from tunesmith.trial import StudyDirection

__all__ = ["default_reference", "hypervolume"]

FloatArray = npt.NDArray[np.float64]

# The default reference lies this fraction of each objective's range beyond its worst value.
REFERENCE_MARGIN = 0.1


def hypervolume(
    points: npt.ArrayLike,
    reference: npt.ArrayLike,
    directions: Sequence[StudyDirection | str] | None = None,
) -> float:
    """The volume dominated by ``points`` and bounded by ``reference``.

    Args:
        points: ``n x m`` objective values, one row per point, each objective
            in its own direction (a list of tuples works).
        reference: ``m`` values, worse than the points in every objective;
            a point not strictly better than it in every objective adds nothing.
        directions: ``"minimize"`` or ``"maximize"`` (or ``StudyDirection``)
            per objective; None minimises every objective.

    Returns:
        The hypervolume; 0.0 when no point is better than the reference.

    Raises:
        InvalidArgumentError: shapes that do not agree, values that are not
            finite, or an unknown direction.

    >>> hypervolume([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]], reference=[4.0, 4.0])
    6.0
    >>> hypervolume([[0.9, 10.0]], reference=[0.5, 50.0], directions=["maximize", "minimize"])
    16.0
    """
    values = _matrix(points, "hypervolume")
    n_objectives = values.shape[1]
    bound = _vector(reference, n_objectives)
    signs = _signs(directions, n_objectives, "hypervolume")
    return _minimised_hypervolume(values * signs, bound * signs)


def default_reference(
    points: npt.ArrayLike, directions: Sequence[StudyDirection | str] | None = None
) -> FloatArray:
    """A reference point just worse than the worst of ``points`` in every objective.

    Each objective's reference is its worst value (the nadir of the points)
    moved away by ``REFERENCE_MARGIN`` (a tenth) of its range over the points,
    or by a tenth of the worst value's magnitude (at least 1e-12) when every
    point has the same value. So every point of the front, even an extreme
    one, adds some volume. The reference moves as points are added: compare
    two searches with one reference of your own.

    Args:
        points: ``n x m`` objective values (n >= 1), in their own directions.
        directions: per objective, as for ``hypervolume``; None minimises all.

    Returns:
        The reference, in the objectives' own directions.

    >>> default_reference([[1.0, 30.0], [3.0, 10.0]]).tolist()
    [3.2, 32.0]
    >>> default_reference([[0.9, 10.0], [0.8, 5.0]], ["maximize", "minimize"]).tolist()
    [0.79, 10.5]
    """
    values = _matrix(points, "default_reference")
    if values.shape[0] == 0:
        raise InvalidArgumentError(
            "The 'points' argument of default_reference needs at least one point; got none."
        )
    signs = _signs(directions, values.shape[1], "default_reference")
    minimised = values * signs
    worst, best = minimised.max(axis=0), minimised.min(axis=0)
    flat_margin = np.maximum(REFERENCE_MARGIN * np.abs(worst), 1e-12)
    margin = np.where(worst > best, REFERENCE_MARGIN * (worst - best), flat_margin)
    return np.asarray((worst + margin) * signs, dtype=np.float64)


def _matrix(points: npt.ArrayLike, owner: str) -> FloatArray:
    try:
        values = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"The 'points' argument of {owner} must be an n x m array of numbers; got {points!r}."
        ) from None
    if values.ndim != 2 or values.shape[1] == 0:
        raise InvalidArgumentError(
            f"The 'points' argument of {owner} must be an n x m array (one row per point, "
            f"m >= 1 objectives); got shape {values.shape}."
        )
    if not np.isfinite(values).all():
        raise InvalidArgumentError(
            f"The 'points' argument of {owner} must hold finite numbers; got {points!r}."
        )
    return values


def _vector(reference: npt.ArrayLike, n_objectives: int) -> FloatArray:
    try:
        bound = np.asarray(reference, dtype=np.float64)
    except (TypeError, ValueError):
        bound = np.empty(0)
    if bound.shape != (n_objectives,) or not np.isfinite(bound).all():
        raise InvalidArgumentError(
            f"The 'reference' argument of hypervolume must be {n_objectives} finite numbers, "
            f"one per objective; got {reference!r}."
        )
    return bound


def _signs(
    directions: Sequence[StudyDirection | str] | None, n_objectives: int, owner: str
) -> FloatArray:
    if directions is None:
        return np.ones(n_objectives)
    names = [d.value if isinstance(d, StudyDirection) else d for d in directions]
    if len(names) != n_objectives or not all(n in ("minimize", "maximize") for n in names):
        raise InvalidArgumentError(
            f"The 'directions' argument of {owner} must be {n_objectives} of 'minimize' "
            f"or 'maximize', one per objective; got {directions!r}."
        )
    return np.array([-1.0 if n == "maximize" else 1.0 for n in names])


def _minimised_hypervolume(values: FloatArray, reference: FloatArray) -> float:
    inside = values[(values < reference).all(axis=1)]
    if inside.shape[0] == 0:
        return 0.0
    front = np.unique(inside[non_dominated_mask(inside)], axis=0)
    return _sliced(front, reference)


def _sliced(front: FloatArray, reference: FloatArray) -> float:
    """The hypervolume of mutually non-dominated points (or of any points, below 3 objectives)."""
    n_objectives = front.shape[1]
    if n_objectives == 1:
        return float(reference[0] - front[:, 0].min())
    if n_objectives == 2:
        return _swept(front, reference)
    # Slab k lies between the k-th and the next smallest last coordinate; the points with a
    # last coordinate up to the k-th cover it, with their projection on the other objectives.
    order = np.argsort(front[:, -1], kind="stable")
    ordered = front[order]
    tops = np.append(ordered[1:, -1], reference[-1])
    volume = 0.0
    for k in range(ordered.shape[0]):
        depth = tops[k] - ordered[k, -1]
        if depth <= 0:
            continue
        above = ordered[: k + 1, :-1]
        projected = above[non_dominated_mask(above)]
        volume += depth * _sliced(projected, reference[:-1])
    return volume


def _swept(points: FloatArray, reference: FloatArray) -> float:
    """The exact area of two objectives: a staircase swept in order of the first."""
    order = np.lexsort((points[:, 1], points[:, 0]))
    ordered = points[order]
    # Going right along the first objective, only points lower in the second add a step.
    lowest = np.minimum.accumulate(ordered[:, 1])
    step_top = np.concatenate(([reference[1]], lowest[:-1]))
    heights = np.maximum(step_top - lowest, 0.0)
    widths = reference[0] - ordered[:, 0]
    return float(np.sum(widths * heights))
