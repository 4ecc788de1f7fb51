"""How many trials a ``TuneSearchCV`` study holds after ``fit``, and which sampler runs them.

The keywords of GridSearchCV and RandomizedSearchCV are accepted beside
tunesmith's own: ``param_grid`` or ``param_distributions`` for
``search_space``, and ``n_iter`` for ``n_trials``. ``n_trials`` is the
study's total, as in the CLI: a fit on a stored study that already holds
some finished trials runs only the rest.

A grid (``param_grid``, every entry of ``search_space`` a list and no
``n_trials``, or ``sampler="grid"``) is tried by the grid sampler in
GridSearchCV's order (names sorted, the last varying fastest); a budget
smaller than the grid visits a subset shuffled by ``random_state``. A list
of grids is tried candidate by candidate (``CandidateSampler``), the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.candidates import CandidateSampler
from tunesmith.samplers import GridSampler, Sampler
from tunesmith.seeding import Seed
from tunesmith.space import Distribution

__all__ = [
    "DEFAULT_N_TRIALS",
    "GivenSpace",
    "SearchBudget",
    "given_n_trials",
    "given_space",
    "plan_budget",
]

DEFAULT_N_TRIALS = 10
"""Trials run when the search is no grid and no budget is given (RandomizedSearchCV's n_iter)."""


@dataclass(frozen=True, slots=True)
class SearchBudget:
    """The study's total trials, and the sampler and seed ``create_study`` receives."""

    total_trials: int
    sampler: Sampler | str | None
    seed: Seed


@dataclass(frozen=True, slots=True)
class GivenSpace:
    """The space a search was given, under whichever of its three names.

    Attributes:
        space: one dict of name -> distribution or list; None for a list of
            grids, or for the estimator's default space.
        grids: a list of grids (dicts of lists), or None.
        as_distributions: whether it came as ``param_distributions``.
    """

    space: Mapping[str, Any] | None
    grids: Sequence[Mapping[str, Any]] | None
    as_distributions: bool


def given_space(
    search_space: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    param_grid: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    param_distributions: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
) -> GivenSpace:
    """The one space given, told apart as one dict or a list of grids.

    Raises:
        InvalidArgumentError: more than one of the three given.
    """
    given = {
        name: value
        for name, value in (
            ("search_space", search_space),
            ("param_grid", param_grid),
            ("param_distributions", param_distributions),
        )
        if value is not None
    }
    if len(given) > 1:
        raise InvalidArgumentError(
            "The 'search_space', 'param_grid' and 'param_distributions' arguments of "
            "TuneSearchCV name the same thing; give one of them; got "
            f"{', '.join(sorted(given))}."
        )
    space = next(iter(given.values()), None)
    as_distributions = param_distributions is not None
    if space is None or isinstance(space, Mapping):
        return GivenSpace(space, None, as_distributions)
    return GivenSpace(None, list(space), as_distributions)


def given_n_trials(n_trials: object, n_iter: object) -> int | None:
    """The budget given as ``n_trials`` or ``n_iter``, or None.

    Raises:
        InvalidArgumentError: both given, or one that is not an int >= 1.
    """
    if n_trials is not None and n_iter is not None:
        raise InvalidArgumentError(
            "The 'n_trials' and 'n_iter' arguments of TuneSearchCV name the same budget; "
            f"give one of them; got n_trials={n_trials!r} and n_iter={n_iter!r}."
        )
    name, value = ("n_iter", n_iter) if n_iter is not None else ("n_trials", n_trials)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidArgumentError(
            f"The {name!r} argument of TuneSearchCV must be an int >= 1 or None; got {value!r}."
        )
    return value if isinstance(value, int) else None


def plan_budget(
    space: Mapping[str, Distribution],
    raw_space: Mapping[str, Any] | None,
    *,
    n_trials: int | None,
    sampler: Sampler | str | None,
    random_state: Seed,
    as_distributions: bool,
    candidates: Sequence[Mapping[str, Any]] | None = None,
) -> SearchBudget:
    """The budget and sampler of a search over ``space`` (``raw_space`` as the user gave it).

    With ``candidates`` (a list of grids, expanded), the sampler is a
    ``CandidateSampler`` and the budget at most the candidates' number: all of
    them by default, or ``DEFAULT_N_TRIALS`` when they came as ``param_distributions``.
    """
    if candidates is not None:
        default = DEFAULT_N_TRIALS if as_distributions else len(candidates)
        total = min(n_trials or default, len(candidates))
        seed = random_state if total < len(candidates) else None
        return SearchBudget(total, CandidateSampler(candidates, space, seed=seed), None)
    all_lists = raw_space is not None and all(isinstance(v, list) for v in raw_space.values())
    wants_grid = isinstance(sampler, str) and sampler.lower() == "grid"
    if wants_grid or (all_lists and n_trials is None and not as_distributions):
        grid_size = GridSampler(dict(space)).max_trials()
        total = grid_size if n_trials is None else min(n_trials, grid_size)
        seed = random_state if total < grid_size else None
        return SearchBudget(total, GridSampler(dict(space), seed=seed), None)
    return SearchBudget(n_trials or DEFAULT_N_TRIALS, sampler, random_state)
