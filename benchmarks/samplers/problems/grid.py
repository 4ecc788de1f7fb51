"""Finite spaces: every configuration of a space of choices and few-valued integers.

A tabulated problem is scored once on each configuration of its space (see
``tabular``), so its space must be finite: categoricals and integers only. A
configuration is keyed by the index of each active hyperparameter's value among its
values, in the order of ``iter_params``; a hyperparameter that its branch leaves out
has the index ``INACTIVE``. The key is what the committed cache stores beside each
value.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from benchmarks.samplers.problems.base import (
    CategoricalParam,
    Choice,
    FloatParam,
    Param,
    Params,
    Space,
    iter_params,
)

__all__ = ["INACTIVE", "GridKey", "grid_key", "grid_points", "param_values"]

INACTIVE = -1
GridKey = tuple[int, ...]


def param_values(name: str, param: Param) -> tuple[Choice, ...]:
    """The values ``param`` can take, in order; a float has no finite list and is refused."""
    if isinstance(param, CategoricalParam):
        return param.choices
    if isinstance(param, FloatParam) or param.log:
        raise ValueError(
            f"The hyperparameter {name!r} of a tabulated problem must be a categorical or a "
            f"linear integer; got {param!r}."
        )
    return tuple(range(param.low, param.high + 1))


def grid_points(space: Space) -> Iterator[Params]:
    """Every configuration of ``space``, a branch's hyperparameters only where it is taken."""
    names = list(space)
    if not names:
        yield {}
        return
    first, rest = names[0], {name: space[name] for name in names[1:]}
    param = space[first]
    for value in param_values(first, param):
        branch = param.branches.get(value, {}) if isinstance(param, CategoricalParam) else {}
        for inside, after in itertools.product(grid_points(branch), list(grid_points(rest))):
            yield {first: value, **inside, **after}


def grid_key(space: Space, params: Params) -> GridKey:
    """The indices of ``params``'s values in ``space``, ``INACTIVE`` for an absent one."""
    key = []
    for name, param in iter_params(space):
        if name not in params:
            key.append(INACTIVE)
            continue
        values = param_values(name, param)
        # A choice of True must not match the choice 1, though they compare equal.
        given = params[name]
        matches = [
            index
            for index, value in enumerate(values)
            if value == given and isinstance(value, bool) == isinstance(given, bool)
        ]
        if not matches:
            raise ValueError(
                f"The value {given!r} of {name!r} is not among its values {list(values)}."
            )
        key.append(matches[0])
    return tuple(key)
