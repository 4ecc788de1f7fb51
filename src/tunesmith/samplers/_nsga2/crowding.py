"""Crowding distance: how much room a point of a Pareto front has around it."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["crowding_distances"]

FloatArray = npt.NDArray[np.float64]


def crowding_distances(front: FloatArray) -> FloatArray:
    """Each point's crowding distance within ``front`` (``n x m`` values, one front).

    For every objective the points are sorted, and each point adds the gap
    between its two neighbours, divided by the objective's range. The two
    ends of an objective that varies get infinity, so the extremes of a front
    are always kept. A front of one or two points is all extremes.

    >>> crowding_distances(np.array([[0.0, 4.0], [1.0, 2.0], [3.0, 1.0], [4.0, 0.0]])).tolist()
    [inf, 1.5, 1.25, inf]
    """
    values = np.asarray(front, dtype=np.float64)
    n_points = values.shape[0]
    if n_points <= 2:
        return np.full(n_points, np.inf)
    distances = np.zeros(n_points)
    for column in values.T:
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        span = ordered[-1] - ordered[0]
        if span <= 0:
            continue
        distances[order[1:-1]] += (ordered[2:] - ordered[:-2]) / span
        distances[order[[0, -1]]] = np.inf
    return distances
