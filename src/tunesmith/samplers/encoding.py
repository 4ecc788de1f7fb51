"""A point of the unit cube, where model-based samplers search, back as a proposal."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from tunesmith.space import Distribution

__all__ = ["from_unit_point"]


def from_unit_point(
    space: Mapping[str, Distribution], point: npt.ArrayLike
) -> dict[str, tuple[Distribution, float]]:
    """A point of the unit cube as a proposal: name -> (distribution, internal value)."""
    values = np.asarray(point, dtype=np.float64)
    return {
        name: (distribution, float(distribution.from_unit(values[index])))
        for index, (name, distribution) in enumerate(space.items())
    }
