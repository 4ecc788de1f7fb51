"""GridSampler: every combination of a finite search space, each once, in a fixed order."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from tunesmith.exceptions import InvalidArgumentError, InvalidSpaceError
from tunesmith.history import History
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.seeding import Seed
from tunesmith.space import Distribution, parse_space

__all__ = ["GridSampler"]


class GridSampler(Sampler):
    """Tries every point of the grid spanned by ``space``, each exactly once.

    Trial number k gets grid point k, so several workers sharing a study never
    evaluate a point twice and a study of n points stops after n trials (and
    one more for each trial Ctrl-C stopped, which runs that trial's point). The
    order is the Cartesian product with names sorted alphabetically (the last
    name varies fastest), or a fixed shuffle of it when ``seed`` is given.

    Args:
        space: name -> Int, stepped Float or Categorical (a plain list is a
            Categorical).
        seed: if given, visit the points in an order shuffled by this seed.

    Raises:
        InvalidSpaceError: a continuous Float without a step (at first use).

    >>> GridSampler({"kernel": ["rbf", "linear"], "C": [0.1, 1.0, 10.0]}).max_trials()
    6
    """

    def __init__(self, space: Mapping[str, Any], seed: Seed = None) -> None:
        self.space = space
        self.seed = seed

    def _distributions(self) -> dict[str, Distribution]:
        parsed = parse_space(self.space)
        return {name: parsed[name] for name in sorted(parsed)}

    def _grid(self) -> tuple[dict[str, Distribution], list[tuple[float, ...]]]:
        cached: tuple[dict[str, Distribution], list[tuple[float, ...]]] | None = self.__dict__.get(
            "_cached_grid"
        )
        if cached is not None:
            return cached
        distributions = self._distributions()
        if not distributions:
            raise InvalidSpaceError(
                "The 'space' argument of GridSampler must not be empty; got {}."
            )
        axes = []
        for name, distribution in distributions.items():
            try:
                values = distribution.grid_values()
            except InvalidSpaceError as error:
                raise InvalidSpaceError(f"Hyperparameter '{name}': {error}") from None
            axes.append([distribution.to_internal(v) for v in values])
        points = list(itertools.product(*axes))
        if self.seed is not None:
            order = self.rng(0, "grid-order").permutation(len(points))
            points = [points[i] for i in order]
        cached = (distributions, points)
        self.__dict__["_cached_grid"] = cached
        return cached

    def max_trials(self) -> int:
        return len(self._grid()[1])

    def propose(self, history: History, trial_number: int) -> Proposal:
        distributions = self._grid()[0]
        point = self._point_of(history, trial_number)
        if point is None:
            return Proposal()
        return Proposal(
            {
                name: (distributions[name], value)
                for name, value in zip(distributions, point, strict=True)
            }
        )

    def _point_of(self, history: History, trial_number: int) -> tuple[float, ...] | None:
        """Trial k's point; past the grid, trial n+i runs the point of the i-th interrupted trial.

        An interrupted trial is always older than the trial asking, so the walk ends.
        """
        points = self._grid()[1]
        interrupted = history.interrupted_numbers
        while trial_number >= len(points):
            again = trial_number - len(points)
            if again >= len(interrupted):
                return None
            trial_number = interrupted[again]
        return points[trial_number]

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        distributions, points = self._grid()
        known = distributions.get(name)
        if known is None:
            raise InvalidArgumentError(
                f"Hyperparameter {name!r} is not in the grid; the grid covers "
                f"{sorted(distributions)}. Add it to the GridSampler's space."
            )
        if trial_number >= len(points):
            raise InvalidArgumentError(
                f"Trial {trial_number} lies past the end of the grid of {len(points)} points."
            )
        raise InvalidArgumentError(
            f"Hyperparameter {name!r} was suggested as {distribution!r}, but the grid defines it "
            f"as {known!r}. Suggest it with the grid's range."
        )
