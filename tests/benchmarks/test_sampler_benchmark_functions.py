"""The synthetic benchmark functions take their documented optimum where they say they do."""

from __future__ import annotations

import math

import numpy as np
import pytest
from benchmarks.samplers.problems.base import (
    CategoricalParam,
    FloatParam,
    IntParam,
    Params,
    Problem,
    Space,
)
from benchmarks.samplers.problems.synthetic import SYNTHETIC_PROBLEMS


def _random_params(space: Space, rng: np.random.Generator) -> Params:
    params: Params = {}
    for name, param in space.items():
        if isinstance(param, CategoricalParam):
            choice = param.choices[rng.integers(len(param.choices))]
            params[name] = choice
            params.update(_random_params(param.branches.get(choice, {}), rng))
        elif isinstance(param, FloatParam):
            if param.log:
                params[name] = math.exp(rng.uniform(math.log(param.low), math.log(param.high)))
            else:
                params[name] = rng.uniform(param.low, param.high)
        else:
            assert isinstance(param, IntParam)
            params[name] = int(rng.integers(param.low, param.high + 1))
    return params


@pytest.mark.parametrize("problem", SYNTHETIC_PROBLEMS, ids=lambda p: p.name)
def test_value_at_the_documented_optimum_is_the_documented_value(problem: Problem) -> None:
    assert problem.optimum is not None
    assert problem.optimum_params is not None
    assert problem(problem.optimum_params) == pytest.approx(problem.optimum, abs=1e-4)


@pytest.mark.parametrize("problem", SYNTHETIC_PROBLEMS, ids=lambda p: p.name)
def test_no_random_point_beats_the_documented_optimum(problem: Problem) -> None:
    assert problem.optimum is not None
    rng = np.random.default_rng(0)
    lowest = min(problem.function(_random_params(problem.space, rng)) for _ in range(5_000))
    assert lowest >= problem.optimum - 1e-9
