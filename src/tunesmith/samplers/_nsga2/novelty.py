"""New points: breeding or drawing again when a point repeats a configuration already tried.

A child that neither crosses nor mutates is a copy of its first parent
(with three hyperparameters and the default mutation rate, about three
children in ten), an integer or a categorical that moves a little decodes
back to its parent's value, and random points of a small integer space
meet. Such a point is a configuration the study has already tried:
evaluating it again spends a whole training run to learn the same scores.
These functions compare a point's configuration, as the trial would receive
it (integers rounded, steps and choices taken), with the configurations
tried so far. ``breed_unseen`` breeds again while it finds a repeat:

1. the same two parents breed a new child with one hyperparameter surely
   mutated, by ever larger moves (the mutation's eta halves each attempt);
2. then points drawn uniformly at random (``random_unseen``), each
   hyperparameter the child has;
3. when none of these is new either, the space near the parents (and most
   of the whole space) is used up, so the first child is returned, repeat or
   not, as NSGA-II does without this check.

A ``mutation_probability`` of 0 turns mutation off, and these attempts keep
to it: they only cross the same parents again, with no sure mutation and no
random point.

The count of random numbers drawn depends on how many attempts were
repeats, which the history decides: the same stream and the same history
give the same point in any process.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._nsga2.variation import Variation, breed, mutate_one
from tunesmith.samplers.encoding import from_unit_rows
from tunesmith.space import Distribution

__all__ = [
    "BREEDING_ATTEMPTS",
    "RANDOM_ATTEMPTS",
    "breed_unseen",
    "is_new",
    "is_tried",
    "random_unseen",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# After these many bred children and random points that all repeat a tried configuration, the
# space is taken as used up (see the module docstring). Eight halvings take the mutation's eta
# from its default of 20 below 0.2, where a move spans most of the range.
BREEDING_ATTEMPTS = 8
RANDOM_ATTEMPTS = 8


def is_tried(configuration: FloatArray, tried: FloatArray) -> bool:
    """Whether a row of ``tried`` equals ``configuration``, NaN matching only NaN.

    >>> tried = np.array([[3.0, 0.5], [4.0, np.nan]])
    >>> is_tried(np.array([4.0, np.nan]), tried), is_tried(np.array([4.0, 0.5]), tried)
    (True, False)
    """
    missing = np.isnan(configuration)
    same = (tried == configuration) | (np.isnan(tried) & missing)
    return bool(same.all(axis=1).any())


def is_new(point: FloatArray, distributions: Sequence[Distribution], tried: FloatArray) -> bool:
    """Whether the configuration of the unit-cube ``point`` is not among ``tried``.

    Args:
        point: a unit-cube row, NaN where it lacks a hyperparameter.
        distributions: each column's range, which decodes ``point`` into a configuration.
        tried: the configurations (internal values, ``from_unit_rows``) already
            in the study, one row each.
    """
    return not is_tried(from_unit_rows(distributions, point)[0], tried)


def random_unseen(
    distributions: Sequence[Distribution],
    tried: FloatArray,
    rng: np.random.Generator,
    missing: BoolArray | None = None,
) -> FloatArray | None:
    """A point drawn uniformly from the unit cube whose configuration is not among ``tried``.

    Args:
        distributions: each column's range, which decodes a point into a configuration.
        tried: the configurations (internal values, ``from_unit_rows``) already
            in the study, one row each; NaN where a trial lacks a hyperparameter.
        rng: the point's random stream.
        missing: columns to leave NaN (hyperparameters drawn on their own); none by default.

    Returns:
        The point, or None when each of ``RANDOM_ATTEMPTS`` draws repeated a
        tried configuration (the space is used up, or nearly).
    """
    lacking = np.zeros(len(distributions), dtype=bool) if missing is None else missing
    for _ in range(RANDOM_ATTEMPTS):
        point = np.where(lacking, np.nan, rng.random(len(distributions)))
        if is_new(point, distributions, tried):
            return point
    return None


def breed_unseen(
    first: FloatArray,
    second: FloatArray,
    categorical: BoolArray,
    variation: Variation,
    distributions: Sequence[Distribution],
    tried: FloatArray,
    rng: np.random.Generator,
) -> FloatArray:
    """A child of two parents' unit-cube rows whose configuration is not among ``tried``.

    Args:
        first: the first parent's row.
        second: the second parent's row.
        categorical: which columns are categorical.
        variation: the crossover and mutation settings.
        distributions: each column's range, which decodes a row into a configuration.
        tried: the configurations (internal values, ``from_unit_rows``) already
            in the study, one row each; NaN where a trial lacks a hyperparameter.
        rng: the child's random stream.

    Returns:
        The child's row; NaN where either parent has NaN. It repeats a tried
        configuration only when every attempt did (see the module docstring).
    """
    child = breed(first, second, categorical, variation, rng)
    if is_new(child, distributions, tried):
        return child
    # mutation_probability=0 turns mutation off: then only new crossovers of the same parents.
    mutates = variation.mutation_probability != 0.0
    for attempt in range(BREEDING_ATTEMPTS):
        candidate = breed(first, second, categorical, variation, rng)
        if mutates:
            eta = variation.mutation_eta * 0.5**attempt
            candidate = mutate_one(candidate, categorical, eta, rng)
        if is_new(candidate, distributions, tried):
            return candidate
    point = random_unseen(distributions, tried, rng, np.isnan(child)) if mutates else None
    # The space is used up, or nearly: repeating a configuration beats proposing nothing.
    return child if point is None else point
