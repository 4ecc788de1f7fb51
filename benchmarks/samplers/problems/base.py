"""A problem defined once, for every tool: a search space description and a function of params.

The space is plain data (``FloatParam``, ``IntParam``, ``CategoricalParam``), so each
adapter can turn it into its own tool's form: define-by-run ``suggest_*`` calls for
tunesmith and Optuna, ``hp.*`` expressions for Hyperopt. A categorical may carry
``branches``: the sub-space that exists only when that choice is picked, which is how
a conditional space is written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CategoricalParam",
    "Choice",
    "FloatParam",
    "IntParam",
    "Param",
    "Params",
    "Problem",
    "Space",
    "iter_params",
]

Choice = str | int | float | bool | None
Params = dict[str, Any]


@dataclass(frozen=True)
class FloatParam:
    """A float in [low, high], drawn log-uniformly when ``log``."""

    low: float
    high: float
    log: bool = False


@dataclass(frozen=True)
class IntParam:
    """An integer in [low, high], drawn log-uniformly when ``log``."""

    low: int
    high: int
    log: bool = False


@dataclass(frozen=True)
class CategoricalParam:
    """One of ``choices``; ``branches[choice]`` is the sub-space that exists only for it."""

    choices: tuple[Choice, ...]
    branches: Mapping[Choice, Space] = field(default_factory=dict)


Param = FloatParam | IntParam | CategoricalParam
Space = Mapping[str, Param]


def iter_params(space: Space) -> Iterator[tuple[str, Param]]:
    """Every hyperparameter of ``space``, those inside branches included, in definition order."""
    for name, param in space.items():
        yield name, param
        if isinstance(param, CategoricalParam):
            for choice in param.choices:
                yield from iter_params(param.branches.get(choice, {}))


@functools.cache
def _cached_value(function: Callable[[Params], float], key: tuple[tuple[str, Any], ...]) -> float:
    return float(function(dict(key)))


@dataclass(frozen=True)
class Problem:
    """A function to minimise over a search space.

    Attributes:
        name: the short name the command line and the tables use.
        kind: ``"synthetic"`` (a test function with a known optimum) or ``"sklearn"``.
        space: the search space.
        function: params -> value; deterministic, so equal params give equal values.
        description: one line for the problems table.
        optimum: the known minimum, or None when it is unknown (then scoring uses the
            best value any run found).
        optimum_params: a point where ``function`` takes ``optimum``; documents it and
            lets a test check it.
    """

    name: str
    kind: str
    space: Space
    function: Callable[[Params], float] = field(repr=False)
    description: str
    optimum: float | None = None
    optimum_params: Params | None = None

    def __post_init__(self) -> None:
        names = [name for name, _ in iter_params(self.space)]
        if len(names) != len(set(names)):
            # Optuna and Hyperopt both need one distribution per name, across branches too.
            raise ValueError(f"Problem {self.name!r} repeats a hyperparameter name: {names}.")

    @property
    def n_hyperparameters(self) -> int:
        """How many hyperparameters the space holds, those of every branch included."""
        return sum(1 for _ in iter_params(self.space))

    def __call__(self, params: Mapping[str, Any]) -> float:
        """The value at ``params``, evaluated once per process for each distinct configuration.

        Int- and categorical-heavy spaces make samplers repeat configurations, and a
        cross-validated model is costly to refit for an answer that cannot change.
        """
        return _cached_value(self.function, tuple(sorted(params.items())))
