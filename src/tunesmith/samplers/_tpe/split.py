"""Which observations are good ("below", fitting l(x)) and which bad ("above", g(x)).

Objectives are in "minimise" form. One objective: the ``n_below`` lowest
values; a pruned trial (valued by its last intermediate value) ranks after a
complete one of the same value, since it never got to finish. Several
objectives: whole Pareto fronts in order of non-domination rank, the last
front that does not fit whole cut by crowding distance, so the good group
spreads along the front instead of bunching.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from tunesmith.history import non_dominated_ranks

__all__ = ["below_count", "split_below"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Past this many good observations, l(x) gains little but costs more to evaluate.
MAX_BELOW = 25
DEFAULT_GAMMA = 0.1
# Rows compared at once when counting dominators, to bound memory at many trials.
_CHUNK_ROWS = 256


def below_count(n_valued: int, gamma: float | None, n_objectives: int = 1) -> int:
    """How many of ``n_valued`` observations form the good group.

    ``gamma`` None: 10% of them, at most 25 for one objective (no cap for
    several, where the good group must cover a whole front); a float: that
    fraction of them, rounded up.
    """
    if gamma is not None:
        return min(n_valued, math.ceil(gamma * n_valued))
    count = math.ceil(DEFAULT_GAMMA * n_valued)
    return count if n_objectives > 1 else min(count, MAX_BELOW)


def split_below(values: FloatArray, is_pruned: BoolArray, n_below: int) -> BoolArray:
    """Which rows of ``values`` (n x m, finite, minimised) are the ``n_below`` best."""
    n_rows = len(values)
    below = np.zeros(n_rows, dtype=np.bool_)
    if n_below <= 0 or n_rows == 0:
        return below
    if values.shape[1] == 1:
        # lexsort is stable, so equal rows keep trial order: the result never depends on timing.
        order = np.lexsort((is_pruned, values[:, 0]))
    else:
        order = _pareto_order(values, n_below)
    below[order[:n_below]] = True
    return below


def _domination_counts(values: FloatArray) -> npt.NDArray[np.int64]:
    """How many rows dominate each row."""
    counts = np.empty(len(values), dtype=np.int64)
    for start in range(0, len(values), _CHUNK_ROWS):
        chunk = values[start : start + _CHUNK_ROWS]
        no_worse = np.all(values[:, None, :] <= chunk[None, :, :], axis=2)
        better = np.any(values[:, None, :] < chunk[None, :, :], axis=2)
        counts[start : start + _CHUNK_ROWS] = np.sum(no_worse & better, axis=0)
    return counts


def _crowding_distance(values: FloatArray) -> FloatArray:
    """NSGA-II's crowding distance of each row among ``values``: larger is lonelier."""
    n_rows, n_objectives = values.shape
    distance = np.zeros(n_rows)
    if n_rows <= 2:
        return np.full(n_rows, np.inf)
    for objective in range(n_objectives):
        order = np.argsort(values[:, objective], kind="stable")
        ordered = values[order, objective]
        span = ordered[-1] - ordered[0]
        gaps = np.full(n_rows, np.inf)
        if span > 0:
            gaps[1:-1] = (ordered[2:] - ordered[:-2]) / span
        distance[order] += gaps
    return distance


def _pareto_order(values: FloatArray, n_needed: int) -> npt.NDArray[np.int64]:
    """Row indices, the best ``n_needed`` first: by non-domination rank, then crowding."""
    # A row with n_needed dominators has at least that many rows in earlier fronts, so it can
    # never be chosen; and every dominator of a candidate is itself a candidate.
    candidates = np.flatnonzero(_domination_counts(values) < n_needed)
    sub = values[candidates]
    rank = non_dominated_ranks(sub)
    # The last front needed is cut by crowding distance, lonelier rows first.
    last_rank = np.sort(rank)[min(n_needed, len(rank)) - 1]
    last_front = rank == last_rank
    crowding = np.zeros(len(sub))
    crowding[last_front] = _crowding_distance(sub[last_front])
    order = np.lexsort((-crowding, rank))
    chosen = candidates[order]
    others = np.setdiff1d(np.arange(len(values)), candidates, assume_unique=True)
    return np.concatenate([chosen, others])
