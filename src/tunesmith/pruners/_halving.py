"""The arithmetic of asynchronous successive halving and Hyperband, on arrays.

A rung is a resource (a step) at which trials are compared. A trial reaching
a rung is promoted when it is among the best ``1 / reduction_factor`` of the
trials that have reached that rung so far, itself included; nobody waits for
a rung to fill.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.history.intermediate import IntermediateValues

__all__ = [
    "bracket_shares",
    "brackets_of",
    "is_promoted",
    "n_brackets",
    "rung_resources",
    "survives_new_rungs",
]

# The fractional parts of k * (golden ratio - 1) spread as evenly over [0, 1) as
# any sequence can, so the first few dozen trials already split between the
# brackets close to the shares Hyperband prescribes, which a hash does not.
_GOLDEN_FRACTION = (5**0.5 - 1) / 2


def rung_resources(
    min_resource: int, reduction_factor: int, min_early_stopping_rate: int, below: int
) -> list[int]:
    """Every rung ``min_resource * reduction_factor**(min_early_stopping_rate + r)`` < ``below``."""
    resources = []
    resource = min_resource * reduction_factor**min_early_stopping_rate
    while resource < below:
        resources.append(resource)
        resource *= reduction_factor
    return resources


def is_promoted(rung_values: npt.NDArray[np.float64], value: float, reduction_factor: int) -> bool:
    """Whether ``value`` is in the top ``1 / reduction_factor`` of ``rung_values``.

    ``rung_values`` are in "minimise" form and include ``value`` itself; NaN
    counts as the worst. While fewer than ``reduction_factor`` trials have
    reached the rung, only the best so far is promoted.

    >>> is_promoted(np.array([0.1, 0.5, 0.9]), 0.1, 3), is_promoted(np.array([0.1, 0.5]), 0.5, 3)
    (True, False)
    """
    n_promoted = max(1, rung_values.size // reduction_factor)
    n_better = int(np.count_nonzero(np.nan_to_num(rung_values, nan=np.inf) < value))
    return n_better < n_promoted


def survives_new_rungs(
    snapshot: IntermediateValues,
    row: int,
    previous_step: int,
    last_step: int,
    resources: list[int],
    reduction_factor: int,
) -> bool:
    """Whether trial ``row`` is promoted at every rung its latest report reached.

    A trial is judged once per rung: at the report that took it from
    ``previous_step`` to ``last_step``, at or past the rung's resource; its
    value there is compared with what every trial that reached the same
    resource reported first at or past it.
    """
    for resource in resources:
        if not previous_step < resource <= last_step:
            continue
        values, reached = snapshot.first_from(resource)
        if not is_promoted(values[reached], values[row], reduction_factor):
            return False
    return True


def n_brackets(min_resource: int, max_resource: int, reduction_factor: int) -> int:
    """One bracket per k >= 0 with ``min_resource * reduction_factor**k <= max_resource``."""
    count = 1
    while min_resource * reduction_factor**count <= max_resource:
        count += 1
    return count


def bracket_shares(n_brackets: int, reduction_factor: int) -> npt.NDArray[np.float64]:
    """The share of trials each bracket gets, most aggressive bracket first.

    Bracket b starts comparing at ``min_resource * reduction_factor**b``; it
    gets trials in proportion to ``reduction_factor**s / (s + 1)`` with
    ``s = n_brackets - 1 - b`` halvings, so every bracket spends about the
    same number of steps, as Hyperband prescribes.
    """
    halvings = np.arange(n_brackets - 1, -1, -1, dtype=np.float64)
    weights = float(reduction_factor) ** halvings / (halvings + 1.0)
    shares: npt.NDArray[np.float64] = weights / weights.sum()
    return shares


def brackets_of(
    trial_numbers: npt.NDArray[np.int64], shares: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """The bracket of each trial number, a fixed function of the number and the shares."""
    position = np.modf((trial_numbers.astype(np.float64) + 1.0) * _GOLDEN_FRACTION)[0]
    bounds = np.cumsum(shares)[:-1]
    return np.searchsorted(bounds, position, side="right").astype(np.int64)
