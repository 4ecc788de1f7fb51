"""The sampler contract (tunesmith.testing.samplers) over every built-in sampler.

The grid needs its space up front, so it runs the contract over finite
versions of the contract's spaces and is built over their union.
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from tunesmith.samplers import GridSampler, QMCSampler, RandomSampler
from tunesmith.space import Categorical, Distribution, Float, Int
from tunesmith.testing.samplers import SamplerContract, SamplerFactory


class TestRandomSampler(SamplerContract):
    sampler_class = RandomSampler

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: RandomSampler(seed=seed)


class TestQMCSampler(SamplerContract):
    sampler_class = QMCSampler

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: QMCSampler(seed=seed)


class TestGridSampler(SamplerContract):
    sampler_class = GridSampler
    space: ClassVar[dict[str, Distribution]] = {
        "stepped_float": Float(-1.0, 1.0, step=0.5),
        "single_float": Float(0.5, 0.5),
        "int": Int(-1, 1),
        "log_int": Int(1, 4, log=True),
        "stepped_int": Int(0, 6, step=3),
        "categorical": Categorical([None, True, False, "a", 1]),
    }
    conditional_space: ClassVar[dict[str, Distribution]] = {
        "branch": Categorical(["left", "right"]),
        "left_x": Float(0.0, 1.0, step=0.5),
        "right_n": Int(1, 3),
    }

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: GridSampler({**self.space, **self.conditional_space}, seed=seed)
