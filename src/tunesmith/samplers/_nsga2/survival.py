"""Survivor selection: the best ``size`` trials by Pareto rank, then by crowding distance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.history.dominance import non_dominated_ranks
from tunesmith.samplers._nsga2.crowding import crowding_distances

__all__ = ["Population", "empty_population", "select_survivors"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Population:
    """The trials one generation breeds from.

    Attributes:
        rows: their trial numbers (rows of the history).
        ranks: their Pareto front, 0 being the best.
        crowding: their crowding distance within that front.
    """

    rows: IntArray
    ranks: IntArray
    crowding: FloatArray

    @property
    def size(self) -> int:
        return int(self.rows.size)


def empty_population() -> Population:
    """A population with no trial, before any has completed."""
    return Population(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64))


def select_survivors(rows: IntArray, values: FloatArray, size: int) -> Population:
    """The ``size`` best of the trials ``rows`` whose objectives ("minimise" form) are ``values``.

    Whole fronts are kept best first; the front that does not fit keeps its
    most isolated points (largest crowding distance), then the lowest trial
    numbers, so the selection never depends on the order of ``rows``.

    >>> values = np.array([[3.0, 3.0], [0.0, 2.0], [1.0, 1.0], [2.0, 0.0]])
    >>> select_survivors(np.array([10, 11, 12, 13]), values, 2).rows.tolist()
    [11, 13]
    """
    ranks = non_dominated_ranks(values)
    crowding = np.empty(rows.size)
    for rank in np.unique(ranks):
        members = ranks == rank
        crowding[members] = crowding_distances(values[members])
    order = np.lexsort((rows, -crowding, ranks))[:size]
    return Population(rows[order].astype(np.int64), ranks[order], crowding[order])
