"""Variation: a child from two parents in the unit-cube encoding, then mutated.

Numeric hyperparameters (floats and integers, on their log scale when
``log=True``) cross by simulated binary crossover (SBX) and mutate by
polynomial mutation, both bounded to [0, 1]: children land near their
parents, more often the larger ``eta`` is. Categorical hyperparameters have
no order: each takes one parent's choice (uniform crossover) and mutates to
a choice drawn at random. A NaN in a parent (a hyperparameter that parent did
not use) stays NaN in the child, so that hyperparameter is drawn on its own.

Every function draws the same count of random numbers whatever the values,
so a trial's stream gives the same child in any process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "Variation",
    "breed",
    "mutate_one",
    "polynomial_mutation",
    "simulated_binary_crossover",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Parents closer than this along a coordinate are the same there: SBX has nothing to spread.
_SAME_VALUE = 1e-14


@dataclass(frozen=True, slots=True)
class Variation:
    """How children differ from their parents.

    Attributes:
        crossover_probability: the chance that a child mixes two parents
            rather than copying the first.
        mutation_probability: each hyperparameter's chance to mutate; None
            for one over the number of hyperparameters the child inherits.
        crossover_eta: SBX's distribution index (larger: children nearer their parents).
        mutation_eta: polynomial mutation's distribution index.
    """

    crossover_probability: float
    mutation_probability: float | None
    crossover_eta: float
    mutation_eta: float


def simulated_binary_crossover(
    first: FloatArray, second: FloatArray, eta: float, rng: np.random.Generator
) -> FloatArray:
    """One child of two parents in [0, 1] by bounded SBX, coordinate by coordinate.

    Each coordinate crosses with probability one half (otherwise the child
    keeps the first parent's value); a crossed coordinate spreads around the
    parents' midpoint by a random factor whose density peaks at the parents
    themselves, and takes the side of one parent or the other at random.
    """
    n_values = first.size
    spread_draw, cross_draw, side_draw = (
        rng.random(n_values),
        rng.random(n_values),
        rng.random(n_values),
    )
    low, high = np.minimum(first, second), np.maximum(first, second)
    gap = high - low
    crossed = (cross_draw < 0.5) & (gap > _SAME_VALUE)
    safe_gap = np.where(crossed, gap, 1.0)
    middle = 0.5 * (low + high)
    # How far each side may spread before leaving [0, 1], as a multiple of the gap.
    towards_zero = _spread(1.0 + 2.0 * low / safe_gap, eta, spread_draw)
    towards_one = _spread(1.0 + 2.0 * (1.0 - high) / safe_gap, eta, spread_draw)
    lower_child = middle - 0.5 * towards_zero * safe_gap
    upper_child = middle + 0.5 * towards_one * safe_gap
    child = np.where(side_draw < 0.5, lower_child, upper_child)
    return np.clip(np.where(crossed, child, first), 0.0, 1.0)


def _spread(room: FloatArray, eta: float, draw: FloatArray) -> FloatArray:
    """SBX's spread factor for uniform ``draw``s, its density cut where the bound ``room`` lies."""
    exponent = 1.0 / (eta + 1.0)
    # The probability mass inside the bound; the draw is rescaled to stay within it.
    mass = 2.0 - room ** -(eta + 1.0)
    scaled = draw * mass
    # mass < 2 and draw < 1, so 2 - scaled stays positive.
    inner = scaled**exponent
    outer = (1.0 / (2.0 - scaled)) ** exponent
    return np.asarray(np.where(draw <= 1.0 / mass, inner, outer), dtype=np.float64)


def polynomial_mutation(values: FloatArray, eta: float, rng: np.random.Generator) -> FloatArray:
    """Each value in [0, 1] moved by a random step whose density peaks at zero, kept in [0, 1].

    The step's distribution is stretched so that it reaches exactly the
    nearer bound on each side.
    """
    draw = rng.random(values.size)
    exponent = 1.0 / (eta + 1.0)
    to_low, to_high = values, 1.0 - values
    down = (2.0 * draw + (1.0 - 2.0 * draw) * (1.0 - to_low) ** (eta + 1.0)) ** exponent - 1.0
    up = (
        1.0 - (2.0 * (1.0 - draw) + (2.0 * draw - 1.0) * (1.0 - to_high) ** (eta + 1.0)) ** exponent
    )
    step = np.where(draw < 0.5, down, up)
    return np.asarray(np.clip(values + step, 0.0, 1.0), dtype=np.float64)


def breed(
    first: FloatArray,
    second: FloatArray,
    categorical: BoolArray,
    variation: Variation,
    rng: np.random.Generator,
) -> FloatArray:
    """A child of two parents' unit-cube rows (NaN where a parent lacks a hyperparameter).

    Args:
        first: the first parent's row.
        second: the second parent's row.
        categorical: which columns are categorical.
        variation: the crossover and mutation settings.
        rng: the child's random stream.

    Returns:
        The child's row; NaN where either parent has NaN.
    """
    missing = np.isnan(first) | np.isnan(second)
    a, b = np.where(missing, 0.5, first), np.where(missing, 0.5, second)
    n_values = a.size
    crossing = rng.random() < variation.crossover_probability
    crossed = simulated_binary_crossover(a, b, variation.crossover_eta, rng)
    from_second = rng.random(n_values) < 0.5
    mixed = np.where(categorical, np.where(from_second, b, a), crossed)
    child = mixed if crossing else a.copy()
    n_inherited = max(1, int((~missing).sum()))
    probability = variation.mutation_probability
    if probability is None:
        probability = 1.0 / n_inherited
    mutating = rng.random(n_values) < probability
    nudged = polynomial_mutation(child, variation.mutation_eta, rng)
    redrawn = rng.random(n_values)
    mutated = np.where(categorical, redrawn, nudged)
    child = np.where(mutating, mutated, child)
    return np.where(missing, np.nan, child)


def mutate_one(
    child: FloatArray, categorical: BoolArray, eta: float, rng: np.random.Generator
) -> FloatArray:
    """``child`` with one of its values, drawn at random among those not NaN, surely mutated.

    A numeric value moves by polynomial mutation with ``eta`` (the smaller,
    the farther it tends to go); a categorical one is drawn again at random.
    A child with no value comes back unchanged.

    Args:
        child: a unit-cube row, NaN where the child lacks a hyperparameter.
        categorical: which columns are categorical.
        eta: the polynomial mutation's distribution index for the numeric value.
        rng: the child's random stream.

    Returns:
        A new row equal to ``child`` except in the mutated column.
    """
    present = np.flatnonzero(~np.isnan(child))
    pick = rng.random()
    nudged = polynomial_mutation(np.where(np.isnan(child), 0.5, child), eta, rng)
    redrawn = rng.random(child.size)
    mutated = child.copy()
    if present.size:
        column = present[min(int(pick * present.size), present.size - 1)]
        mutated[column] = redrawn[column] if categorical[column] else nudged[column]
    return mutated
