"""Pareto dominance on objective arrays in "minimise" form."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["non_dominated_mask"]


def non_dominated_mask(values: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Which rows no other row dominates (all objectives minimised).

    A row dominates another when it is no worse in every objective and better
    in at least one. Equal rows do not dominate each other, so both stay.

    >>> non_dominated_mask(np.array([[1.0, 2.0], [2.0, 1.0], [2.0, 2.0]])).tolist()
    [True, True, False]
    """
    points = np.asarray(values, dtype=np.float64)
    no_worse = np.all(points[:, None, :] <= points[None, :, :], axis=2)
    better = np.any(points[:, None, :] < points[None, :, :], axis=2)
    dominates = no_worse & better  # dominates[i, j]: row i dominates row j
    return np.asarray(~dominates.any(axis=0), dtype=np.bool_)
