"""Pareto dominance on objective arrays in "minimise" form."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["non_dominated_mask", "non_dominated_ranks"]


def _dominance_matrix(values: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """``dominates[i, j]``: row i is no worse than row j everywhere and better somewhere."""
    points = np.asarray(values, dtype=np.float64)
    no_worse = np.all(points[:, None, :] <= points[None, :, :], axis=2)
    better = np.any(points[:, None, :] < points[None, :, :], axis=2)
    return np.asarray(no_worse & better, dtype=np.bool_)


def non_dominated_mask(values: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Which rows no other row dominates (all objectives minimised).

    A row dominates another when it is no worse in every objective and better
    in at least one. Equal rows do not dominate each other, so both stay.

    >>> non_dominated_mask(np.array([[1.0, 2.0], [2.0, 1.0], [2.0, 2.0]])).tolist()
    [True, True, False]
    """
    return np.asarray(~_dominance_matrix(values).any(axis=0), dtype=np.bool_)


def non_dominated_ranks(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """The Pareto front each row belongs to: 0 for the non-dominated rows, 1 for the
    rows only they dominate, and so on (all objectives minimised).

    >>> non_dominated_ranks(np.array([[1.0, 2.0], [2.0, 1.0], [2.0, 2.0], [3.0, 3.0]])).tolist()
    [0, 0, 1, 2]
    """
    dominates = _dominance_matrix(values)
    n_rows = dominates.shape[0]
    ranks = np.full(n_rows, -1, dtype=np.int64)
    # How many rows not yet ranked dominate each row; a front is the rows at zero.
    n_dominators = dominates.sum(axis=0)
    rank = 0
    while (ranks < 0).any():
        front = (n_dominators == 0) & (ranks < 0)
        ranks[front] = rank
        n_dominators = n_dominators - dominates[front].sum(axis=0)
        rank += 1
    return ranks
