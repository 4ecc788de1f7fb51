"""Points of the unit cube, where model-based samplers search, back as hyperparameter values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.space import Distribution

__all__ = ["from_unit_point", "from_unit_rows"]


def from_unit_point(
    space: Mapping[str, Distribution], point: npt.ArrayLike
) -> dict[str, tuple[Distribution, float]]:
    """A point of the unit cube as a proposal: name -> (distribution, internal value)."""
    values = np.asarray(point, dtype=np.float64)
    return {
        name: (distribution, float(distribution.from_unit(values[index])))
        for index, (name, distribution) in enumerate(space.items())
    }


def from_unit_rows(
    distributions: Sequence[Distribution], rows: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Rows of the unit cube (``n x d``, one column per distribution) as internal values.

    Integers are rounded, steps and choices taken, as a trial would receive
    them, so two rows that give a trial the same hyperparameters decode to
    equal rows. NaN (a hyperparameter a row lacks) stays NaN.

    >>> from tunesmith.space import Int
    >>> from_unit_rows([Int(1, 4)], [[0.1], [0.2], [np.nan]]).ravel().tolist()
    [1.0, 1.0, nan]
    """
    unit = np.asarray(rows, dtype=np.float64).reshape(-1, len(distributions))
    decoded = np.empty_like(unit)
    for column, distribution in enumerate(distributions):
        decoded[:, column] = distribution.from_unit(unit[:, column])
    # Some ranges decode any input, NaN too, to their one value (Float(1.0, 1.0)).
    return np.where(np.isnan(unit), np.nan, decoded)
