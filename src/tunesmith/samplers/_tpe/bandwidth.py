"""How wide each observation's kernel is along each axis of the unit cube.

Each observation's bandwidth is the distance to the farther of its two
neighbours along the axis (the rule Hyperopt introduced; here the nearest
distinct values, so repeated integers do not turn into spikes): kernels are narrow
where observations crowd, which is where the model has learnt the most, and
wide where they are sparse. The outermost observations measure only the gap
inwards, so one point near an edge does not get a kernel as wide as the gap
to that edge. A floor that shrinks as observations accumulate keeps a single
cluster of points from collapsing into spikes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._tpe.layout import CATEGORICAL, CONTINUOUS, Layout

__all__ = [
    "classifier_bandwidths",
    "evidence_count",
    "kernel_bandwidths",
    "smallest_bandwidth",
]

FloatArray = npt.NDArray[np.float64]

# The floor of a bandwidth stops shrinking once this many observations share an axis.
FLOOR_COUNT_LIMIT = 100.0
# The floor of an ordinal bandwidth, in cells.
ORDINAL_FLOOR_CELLS = 0.5
# A classifier's kernel spans this share of the distance to the nearest other observation.
CLASSIFIER_GAP_SHARE = 0.25


def smallest_bandwidth(n_observations: FloatArray) -> FloatArray:
    """The floor of a bandwidth on an axis with ``n_observations`` points: 1 / (n + 2), at least 1%.

    The two extra kernels are the prior's and one for the unseen rest of the axis.
    """
    return np.asarray(1.0 / np.minimum(FLOOR_COUNT_LIMIT, n_observations + 2.0))


def evidence_count(n_in_group: FloatArray, n_seen: FloatArray) -> FloatArray:
    """How many observations a group's kernels are as sure as: sqrt(group count x all seen).

    The good group holds a tenth of the trials. Counting only its own points
    keeps its few kernels as wide as at the start of the search, so l(x)
    hardly concentrates and TPE stays close to random search; counting every
    trial the search has seen narrows them as if all were good, which makes the
    search greedy and lets it stall in a local optimum. The geometric mean
    lies between the two; for the bad group, nearly all trials, it is about
    the group's own count.

    >>> evidence_count(np.array([4.0]), np.array([100.0])).tolist()
    [20.0]
    """
    return np.asarray(np.sqrt(n_in_group * np.maximum(n_seen, n_in_group)))


def _neighbour_gaps(points: FloatArray, nearer: bool = False) -> FloatArray:
    """Each observation's distance to its farther neighbour along each axis (NaN where unused).

    Neighbours are the nearest *distinct* values, so equal observations (common
    on integer axes) get equal bandwidths whatever order a sort leaves them in.
    With ``nearer``, the distance to the nearer neighbour instead.
    """
    columns = np.ascontiguousarray(points.T)  # one row per axis: sorting rows is fast
    n_axes, n_rows = columns.shape
    order = np.argsort(columns, axis=1)  # NaN sorts last
    ordered = np.take_along_axis(columns, order, axis=1)
    counts = np.sum(~np.isnan(columns), axis=1, keepdims=True)
    position = np.arange(n_rows)
    differs = ordered[:, 1:] != ordered[:, :-1]
    starts_run = np.hstack([np.ones((n_axes, 1), dtype=np.bool_), differs])
    ends_run = np.hstack([differs, np.ones((n_axes, 1), dtype=np.bool_)])
    run_start = np.maximum.accumulate(np.where(starts_run, position, 0), axis=1)
    run_end = np.minimum.accumulate(np.where(ends_run, position, n_rows - 1)[:, ::-1], axis=1)
    run_end = run_end[:, ::-1]
    has_previous = run_start > 0
    has_next = run_end + 1 < counts
    previous = np.take_along_axis(ordered, np.maximum(run_start - 1, 0), axis=1)
    following = np.take_along_axis(ordered, np.minimum(run_end + 1, n_rows - 1), axis=1)
    left = ordered - np.where(has_previous, previous, 0.0)
    right = np.where(has_next, following, 1.0) - ordered
    gaps = np.minimum(left, right) if nearer else np.maximum(left, right)
    gaps = np.where(has_previous | has_next, gaps, np.maximum(left, right))
    # With two or more distinct values, the outermost ones look inwards only.
    gaps = np.where(has_previous & ~has_next, left, gaps)
    gaps = np.where(has_next & ~has_previous, right, gaps)
    result = np.empty_like(columns)
    np.put_along_axis(result, order, gaps, axis=1)
    return np.asarray(result.T)


def kernel_bandwidths(
    points: FloatArray, layout: Layout, evidence: FloatArray | None = None
) -> FloatArray:
    """The bandwidth of each observation's kernel along each numeric axis.

    Args:
        points: observations in the unit cube, NaN where unused (n x d).
        layout: the axes; categorical columns get NaN (their kernels have no width).
        evidence: per axis, the observation count that sets the floor (d,); None: the
            number of points that used the axis.

    Returns:
        An n x d array in [floor, 1]; NaN where an observation did not use an axis.
    """
    gaps = _neighbour_gaps(points)
    if evidence is None:
        evidence = np.sum(~np.isnan(points), axis=0).astype(np.float64)
    floor = smallest_bandwidth(evidence)
    # An ordinal kernel much narrower than a cell would be a spike on one value; a log Int's
    # cells differ in width, and their mean width is close enough for a floor.
    cell_floor = np.where(layout.kinds == CONTINUOUS, 0.0, ORDINAL_FLOOR_CELLS / layout.n_cells)
    floor = np.maximum(floor, cell_floor)
    widths = np.clip(gaps, floor, 1.0)
    return np.asarray(np.where(layout.kinds == CATEGORICAL, np.nan, widths))


def classifier_bandwidths(points: FloatArray, layout: Layout, evidence: FloatArray) -> FloatArray:
    """Narrow bandwidths, for telling observations apart rather than generalising from them.

    A quarter of the distance to the nearest distinct neighbour along each
    axis: a kernel keeps almost all its mass closer to its own observation than
    to any other, so a density built from them says which observations lie
    near x, as a nearest-neighbour rule would. On an integer axis whose values
    were all tried, each kernel keeps 95% of its mass on its own value.

    Args:
        points: observations in the unit cube, NaN where unused (n x d).
        layout: the axes; categorical columns get NaN.
        evidence: per axis, the observation count that sets the floor (d,).
    """
    gaps = _neighbour_gaps(points, nearer=True) * CLASSIFIER_GAP_SHARE
    widths = np.clip(gaps, smallest_bandwidth(evidence), 1.0)
    return np.asarray(np.where(layout.kinds == CATEGORICAL, np.nan, widths))
