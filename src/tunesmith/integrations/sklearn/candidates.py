"""A list of grids, as GridSearchCV takes it: every candidate of each grid, in scikit-learn's order.

``[{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "C": [1, 10], "gamma": [0.1, 1]}]``
is six candidates: the first grid's two, then the second grid's four, each
grid spanned as ``ParameterGrid`` spans it (names sorted, the last varying
fastest). Trial k of the search's study tries candidate k: the objective
suggests only the candidate's names, and ``CandidateSampler`` proposes the
candidate's values, so a hyperparameter a grid lacks is left out of that
trial (NaN in the history, masked in ``cv_results_``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import History
from tunesmith.samplers import Proposal, Sampler
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution

__all__ = ["CandidateSampler", "expand_grids", "merged_space"]


def expand_grids(grids: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every candidate of each grid, in ``sklearn.model_selection.ParameterGrid``'s order.

    Raises:
        InvalidArgumentError: an empty list, an item that is not a dict, or a
            grid entry that is not a list of values.

    >>> expand_grids([{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "C": [1]}])
    [{'C': 1, 'kernel': 'linear'}, {'C': 10, 'kernel': 'linear'}, {'C': 1, 'kernel': 'rbf'}]
    """
    if not grids:
        raise InvalidArgumentError(
            "The 'search_space' argument of TuneSearchCV, as a list of grids, must hold at "
            "least one grid; got []."
        )
    candidates: list[dict[str, Any]] = []
    for position, grid in enumerate(grids):
        if not isinstance(grid, Mapping):
            raise InvalidArgumentError(
                "The 'search_space' argument of TuneSearchCV, as a list of grids, must hold "
                f"dicts of hyperparameter name -> list of values; item {position} is {grid!r}."
            )
        for name in sorted(grid):
            values = grid[name]
            if not isinstance(values, list | tuple) or not values:
                raise InvalidArgumentError(
                    f"The 'search_space' argument of TuneSearchCV, as a list of grids, must give "
                    f"every hyperparameter a non-empty list of values; grid {position} gives "
                    f"{name!r} {values!r}."
                )
        names = sorted(grid)
        for values in itertools.product(*(grid[name] for name in names)):
            candidates.append(dict(zip(names, values, strict=True)))
    return candidates


def merged_space(candidates: Sequence[Mapping[str, Any]]) -> dict[str, Categorical]:
    """Each hyperparameter of the candidates as one Categorical of its values, first seen first."""
    values: dict[str, list[Any]] = {}
    for candidate in candidates:
        for name, value in candidate.items():
            seen = values.setdefault(name, [])
            if not any(type(known) is type(value) and known == value for known in seen):
                seen.append(value)
    return {name: Categorical(values[name]) for name in sorted(values)}


class CandidateSampler(Sampler):
    """Proposes one candidate of a fixed list to each trial, each candidate once.

    Trial k gets ``candidate(k)``: candidate k of the list, or of a fixed
    shuffle of it when ``seed`` is given (a budget smaller than the list then
    tries a random subset).

    Args:
        candidates: name -> value, one dict per candidate, in the order to try them.
        space: name -> distribution covering every candidate's values (``merged_space``).
        seed: if given, visit the candidates in an order shuffled by this seed.

    >>> grids = [{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "C": [1]}]
    >>> candidates = expand_grids(grids)
    >>> sampler = CandidateSampler(candidates, merged_space(candidates))
    >>> sampler.max_trials(), sampler.candidate(2)
    (3, {'C': 1, 'kernel': 'rbf'})
    """

    def __init__(
        self,
        candidates: Sequence[Mapping[str, Any]],
        space: Mapping[str, Distribution],
        seed: Seed = None,
    ) -> None:
        self.candidates = candidates
        self.space = space
        self.seed = seed

    def max_trials(self) -> int:
        return len(self.candidates)

    def candidate(self, trial_number: int) -> dict[str, Any]:
        """The candidate trial ``trial_number`` tries.

        Raises:
            InvalidArgumentError: a trial past the last candidate.
        """
        if trial_number >= len(self.candidates):
            raise InvalidArgumentError(
                f"Trial {trial_number} lies past the last of the {len(self.candidates)} "
                "candidates; ask for at most that many trials."
            )
        order: list[int] | None = self.__dict__.get("_order")
        if order is None:
            indices = range(len(self.candidates))
            if self.seed is None:
                order = list(indices)
            else:
                order = [int(i) for i in self.rng(0, "candidate-order").permutation(indices)]
            self.__dict__["_order"] = order
        return dict(self.candidates[order[trial_number]])

    def propose(self, history: History, trial_number: int) -> Proposal:
        if trial_number >= len(self.candidates):
            return Proposal()
        candidate = self.candidate(trial_number)
        return Proposal(
            {
                name: (self.space[name], self.space[name].to_internal(value))
                for name, value in sorted(candidate.items())
            }
        )

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        raise InvalidArgumentError(
            f"Trial {trial_number} asked for {name!r}, which candidate {trial_number} of the "
            f"{len(self.candidates)} candidates does not set."
        )
