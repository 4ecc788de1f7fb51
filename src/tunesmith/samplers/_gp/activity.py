"""Which hyperparameters of a conditional space a point uses, learned from the history.

A define-by-run objective decides which hyperparameters it asks for as it
runs: ``width2`` only when ``n_layers == 2``. The GP searches points that
give every hyperparameter a value, so it must predict which of them such a
point would leave inactive. The history shows it: a hyperparameter that some
completed trials used and others did not is *conditional*, and its *parent*
is a discrete hyperparameter whose value decided it in every one of those
trials (each value either always or never came with it). A point then uses
a conditional hyperparameter when it uses the parent and gives it one of
the values that came with it; a value the history has not seen with the
parent counts as not activating it.

Arrays are rows of the unit cube with NaN where a trial did not use a
hyperparameter. Two discrete values are the same value when they are within
``_SAME_VALUE`` of each other, as the encoding of one value always is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Activity", "learn_activity"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_SAME_VALUE = 1e-9


@dataclass(frozen=True, slots=True)
class Rule:
    """Column ``child`` is active where ``parent`` is active and holds one of ``values``."""

    child: int
    parent: int
    values: FloatArray


@dataclass(frozen=True, slots=True)
class Activity:
    """The rules of the conditional columns, parents before their children.

    ``explained``: which columns a point's values decide: those every
    completed trial used, and the conditional ones with a parent. A
    conditional column with none (decided by a float, or by two
    hyperparameters together) is not explained, and the GP leaves it out.
    """

    rules: tuple[Rule, ...]
    explained: BoolArray

    def active(self, points: FloatArray) -> BoolArray:
        """Which columns of each point (m, d) its values make active."""
        active = np.ones(points.shape, dtype=bool)
        for rule in self.rules:
            parent = points[:, rule.parent]
            matches = np.abs(parent[:, None] - rule.values[None, :]) <= _SAME_VALUE
            active[:, rule.child] = active[:, rule.parent] & matches.any(axis=1)
        return active

    def deactivate(self, points: FloatArray) -> FloatArray:
        """``points`` with NaN in the columns they leave inactive; the same array without rules."""
        if not self.rules:
            return points
        return np.where(self.active(points), points, np.nan)


def _activating_values(
    unit: FloatArray, used: BoolArray, child: int, parent: int
) -> FloatArray | None:
    """The parent's values that came with the child, if the parent decided it; else None."""
    with_parent = used[:, parent]
    if (used[:, child] & ~with_parent).any() or not with_parent.any():
        return None
    values = unit[with_parent, parent]
    child_used = used[with_parent, child]
    distinct = np.unique(values)
    activating = []
    for value in distinct:
        came = child_used[np.abs(values - value) <= _SAME_VALUE]
        if came.all():
            activating.append(value)
        elif came.any():
            return None
    if not activating or len(activating) == len(distinct):
        return None
    return np.asarray(activating, dtype=np.float64)


def learn_activity(unit: FloatArray, may_be_parent: BoolArray) -> Activity:
    """The rules of the conditional columns of completed trials' points ``unit`` (n, d).

    Args:
        unit: completed trials' points in the unit cube, NaN where a trial did
            not use a hyperparameter.
        may_be_parent: the columns whose values are compared exactly: discrete
            ones with a few values.

    Where several columns could be a column's parent (by chance, on a short
    history), the one with the fewest values observed wins, then the first.
    """
    used = ~np.isnan(unit)
    always: BoolArray = np.asarray(used.all(axis=0))
    found: dict[int, Rule] = {}
    for conditional in np.flatnonzero(used.any(axis=0) & ~always):
        best: tuple[tuple[int, int], Rule] | None = None
        for candidate in np.flatnonzero(may_be_parent):
            child, parent = int(conditional), int(candidate)
            values = None if parent == child else _activating_values(unit, used, child, parent)
            if values is None:
                continue
            rank = (len(np.unique(unit[used[:, parent], parent])), parent)
            if best is None or rank < best[0]:
                best = (rank, Rule(child, parent, values))
        if best is not None:
            found[best[1].child] = best[1]
    # A rule whose parent is conditional but unexplained cannot be applied: drop it,
    # and then the rules under it, until every parent left is explained.
    explained = always.copy()
    changed = True
    while changed:
        changed = False
        for child, rule in sorted(found.items()):
            if not explained[child] and explained[rule.parent]:
                explained[child] = changed = True
    # A child is used by fewer trials than its parent, so that order puts parents first.
    rules = sorted(
        (rule for child, rule in found.items() if explained[child]),
        key=lambda rule: (-int(used[:, rule.child].sum()), rule.child),
    )
    return Activity(rules=tuple(rules), explained=explained)
