"""What kind of axis each column of the unit cube is, and where its cells lie.

A column is *continuous* (a Float without a step), *ordinal* (an Int or a
stepped Float: ordered values, each owning a cell of [0, 1]) or *categorical*
(unordered choices, each owning an equal cell). Ordinal cells are equal in
width except for a log-scaled Int, where value k owns the stretch
[k - 0.5, k + 0.5] of the log axis. Cells are described by formulas, never
listed, so a range of 2**53 integers costs no more than one of three.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.space import Categorical, Distribution, Int

__all__ = ["CATEGORICAL", "CONTINUOUS", "ORDINAL", "Layout", "cell_bounds", "layout_of", "snap"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

CONTINUOUS = 0
ORDINAL = 1
CATEGORICAL = 2


@dataclass(frozen=True, slots=True)
class Layout:
    """The axes of the unit cube, one entry per column.

    Attributes:
        kinds: CONTINUOUS, ORDINAL or CATEGORICAL.
        n_cells: how many values an ordinal or categorical column holds (1 when continuous).
        log_origin: for a log-scaled Int, ``low - 0.5`` (where its log axis starts); else NaN.
        log_span: for a log-scaled Int, the length of its log axis; else NaN.
    """

    kinds: IntArray
    n_cells: FloatArray
    log_origin: FloatArray
    log_span: FloatArray

    @property
    def n_dims(self) -> int:
        return len(self.kinds)


def layout_of(distributions: Iterable[Distribution]) -> Layout:
    """The layout of the columns that ``distributions`` encode to, in order."""
    kinds: list[int] = []
    n_cells: list[float] = []
    origins: list[float] = []
    spans: list[float] = []
    for distribution in distributions:
        n_values = distribution.n_values
        origin = span = math.nan
        if isinstance(distribution, Categorical):
            kinds.append(CATEGORICAL)
        elif n_values is None:
            kinds.append(CONTINUOUS)
        else:
            kinds.append(ORDINAL)
            if isinstance(distribution, Int) and distribution.log and n_values > 1:
                origin = distribution.low - 0.5
                span = math.log(distribution.high + 0.5) - math.log(origin)
        n_cells.append(float(n_values or 1))
        origins.append(origin)
        spans.append(span)
    return Layout(
        kinds=np.asarray(kinds, dtype=np.int64),
        n_cells=np.asarray(n_cells, dtype=np.float64),
        log_origin=np.asarray(origins, dtype=np.float64),
        log_span=np.asarray(spans, dtype=np.float64),
    )


def cell_bounds(layout: Layout, points: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The lower and upper edges, in [0, 1], of the cell holding each coordinate.

    ``points`` has one column per axis; continuous columns get meaningless edges.
    """
    n = layout.n_cells
    is_log = ~np.isnan(layout.log_origin)
    origin = np.where(is_log, layout.log_origin, 1.0)
    span = np.where(is_log, layout.log_span, 1.0)
    log_origin = np.log(origin)
    with np.errstate(over="ignore", invalid="ignore"):
        # A log Int's value is the integer nearest exp(...); its cell index is that minus low.
        raw_index = np.where(is_log, np.exp(log_origin + points * span) - origin, points * n)
    index = np.clip(np.floor(raw_index), 0.0, n - 1.0)
    lower = np.where(is_log, (np.log(origin + index) - log_origin) / span, index / n)
    upper = np.where(is_log, (np.log(origin + index + 1.0) - log_origin) / span, (index + 1) / n)
    return np.asarray(lower), np.asarray(upper)


def snap(layout: Layout, points: FloatArray) -> FloatArray:
    """Move each ordinal or categorical coordinate to the middle of its cell.

    ``Distribution.from_unit`` maps the middle of a cell to that cell's value.
    """
    lower, upper = cell_bounds(layout, points)
    return np.asarray(np.where(layout.kinds == CONTINUOUS, points, 0.5 * (lower + upper)))
