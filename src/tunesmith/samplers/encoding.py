"""The history as a unit-cube matrix: what model-based samplers fit their models to."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from tunesmith.history import History
from tunesmith.space import Distribution

__all__ = ["from_unit_point", "unit_matrix"]


def unit_matrix(history: History, space: Mapping[str, Distribution]) -> npt.NDArray[np.float64]:
    """Every trial's hyperparameters of ``space`` mapped to [0, 1], one column per name.

    Row i is trial number i; NaN where a trial did not use that hyperparameter.
    """
    columns = [
        distribution.to_unit(history.X[:, history.column_of(name)])
        if name in history.distributions
        else np.full(history.n_trials, np.nan)
        for name, distribution in space.items()
    ]
    if not columns:
        return np.empty((history.n_trials, 0), dtype=np.float64)
    return np.column_stack(columns).astype(np.float64, copy=False)


def from_unit_point(
    space: Mapping[str, Distribution], point: npt.ArrayLike
) -> dict[str, tuple[Distribution, float]]:
    """A point of the unit cube as a proposal: name -> (distribution, internal value)."""
    values = np.asarray(point, dtype=np.float64)
    return {
        name: (distribution, float(distribution.from_unit(values[index])))
        for index, (name, distribution) in enumerate(space.items())
    }
