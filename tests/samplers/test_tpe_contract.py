"""The sampler contract (tunesmith.testing.samplers) over TPESampler, joint and one by one."""

from __future__ import annotations

from typing import ClassVar

import pytest

from tunesmith.samplers.tpe import TPESampler
from tunesmith.testing.samplers import SamplerContract, SamplerFactory


class TestMultivariateTPESampler(SamplerContract):
    sampler_class = TPESampler
    # The model learns from whichever trials finished first, which threads decide.
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: TPESampler(seed=seed)


class TestUnivariateTPESampler(SamplerContract):
    sampler_class = TPESampler
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: TPESampler(multivariate=False, n_startup_trials=5, seed=seed)
