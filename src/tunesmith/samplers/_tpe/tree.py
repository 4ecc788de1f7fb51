"""The tree of a conditional space, read from which trials used which hyperparameters.

In a conditional space a choice (``kind``) decides which other hyperparameters
a trial uses (``branin_x0`` and ``branin_x1`` only when ``kind`` is
``"branin"``). TPE models such a space as a tree:

- ``usage_groups``: hyperparameters that the same trials used belong to one
  branch, and are modelled jointly, from the trials of that branch alone;
- ``branching_columns``: a categorical whose choice decides which branch a
  trial takes. Its choices are judged from trials whose branch
  hyperparameters were mostly drawn before the model knew that branch, so
  TPE smooths them by the good group's own size only (see ``tpe.py``).

Both read a boolean mask ``used`` (n x d): which of n trials used which of d
columns of the unit cube.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._tpe.layout import CATEGORICAL, Layout

__all__ = ["branching_columns", "usage_groups"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


def usage_groups(used: BoolArray) -> list[IntArray]:
    """The columns grouped by the set of trials that used them, in order of first column.

    >>> used = np.array([[True, True, False], [False, False, True]])
    >>> [group.tolist() for group in usage_groups(used)]
    [[0, 1], [2]]
    """
    packed = np.packbits(used, axis=0)  # one byte string per column: the rows that used it
    groups: dict[bytes, list[int]] = {}
    for column in range(used.shape[1]):
        groups.setdefault(packed[:, column].tobytes(), []).append(column)
    return [np.asarray(columns, dtype=np.int64) for columns in groups.values()]


def branching_columns(unit: FloatArray, layout: Layout) -> BoolArray:
    """Which categorical columns decide, by their choice, whether trials use other columns.

    A column branches when some other column is used by the trials of some of
    its choices and not by those of the others: among the trials that used
    the categorical, the use of that column is the same for every trial with
    one choice, and differs between choices.

    Args:
        unit: trials in the unit cube, NaN where a trial did not use a column (n x d).
        layout: the axes of the columns.

    Returns:
        A boolean per column (d,).

    >>> from tunesmith.samplers._tpe.layout import layout_of
    >>> from tunesmith.space import Categorical, Float
    >>> layout = layout_of([Categorical(["a", "b"]), Float(0.0, 1.0)])
    >>> unit = np.array([[0.25, 0.5], [0.75, np.nan], [0.25, 0.1]])
    >>> branching_columns(unit, layout).tolist()
    [True, False]
    """
    used = ~np.isnan(unit)
    branches = np.zeros(layout.n_dims, dtype=np.bool_)
    for column in np.flatnonzero(layout.kinds == CATEGORICAL):
        rows = used[:, column]
        others = used[rows]
        varies = others.any(axis=0) & ~others.all(axis=0)
        if not varies.any():
            continue
        choices = np.floor(unit[rows, column] * layout.n_cells[column])
        decided = varies.copy()
        for choice in np.unique(choices):
            of_choice = others[choices == choice]
            decided &= of_choice.all(axis=0) | ~of_choice.any(axis=0)
        branches[column] = bool(decided.any())
    return branches
