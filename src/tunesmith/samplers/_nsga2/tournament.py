"""Binary tournaments: how NSGA-II picks the parents of a new trial."""

from __future__ import annotations

import numpy as np

from tunesmith.samplers._nsga2.survival import Population

__all__ = ["tournament"]


def tournament(population: Population, rng: np.random.Generator) -> int:
    """The index in ``population`` of the winner between two members drawn at random.

    The lower Pareto rank wins; on the same front, the larger crowding
    distance (the less crowded point); on a draw, the first drawn.
    """
    if population.size == 1:
        return 0
    first, second = (int(i) for i in rng.choice(population.size, size=2, replace=False))
    ranks, crowding = population.ranks, population.crowding
    if ranks[second] < ranks[first] or (
        ranks[second] == ranks[first] and crowding[second] > crowding[first]
    ):
        return second
    return first
