"""The pruner contract (tunesmith.testing.pruners) over every built-in pruner."""

from __future__ import annotations

import pytest

from tunesmith.pruners import (
    HyperbandPruner,
    MedianPruner,
    NopPruner,
    PatientPruner,
    PercentilePruner,
    SuccessiveHalvingPruner,
    ThresholdPruner,
)
from tunesmith.testing.pruners import PrunerContract, PrunerFactory


class TestNopPruner(PrunerContract):
    pruner_class = NopPruner
    prunes = False

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return NopPruner


class TestMedianPruner(PrunerContract):
    pruner_class = MedianPruner
    startup_trials = 5

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return MedianPruner


class TestMedianPrunerWithWarmup(PrunerContract):
    pruner_class = MedianPruner
    startup_trials = 2
    warmup_steps = 4

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return lambda: MedianPruner(n_startup_trials=2, n_warmup_steps=4, interval_steps=3)


class TestPercentilePruner(PrunerContract):
    pruner_class = PercentilePruner
    startup_trials = 5

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return PercentilePruner


class TestThresholdPruner(PrunerContract):
    pruner_class = ThresholdPruner
    warmup_steps = 2

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return lambda: ThresholdPruner(lower=-1.0, upper=5.0, n_warmup_steps=2)


class TestPatientPruner(PrunerContract):
    pruner_class = PatientPruner
    startup_trials = 5

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return lambda: PatientPruner(MedianPruner(), patience=2)


class TestSuccessiveHalvingPruner(PrunerContract):
    pruner_class = SuccessiveHalvingPruner
    # "auto" learns the first rung from the first completed trial.
    startup_trials = 1

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return SuccessiveHalvingPruner


class TestSuccessiveHalvingPrunerWithStartup(PrunerContract):
    pruner_class = SuccessiveHalvingPruner
    startup_trials = 4

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return lambda: SuccessiveHalvingPruner(min_resource=2, n_startup_trials=4)


class TestHyperbandPruner(PrunerContract):
    pruner_class = HyperbandPruner
    # "auto" learns the brackets from the first completed trial.
    startup_trials = 1

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return HyperbandPruner


class TestHyperbandPrunerWithMaxResource(PrunerContract):
    pruner_class = HyperbandPruner

    @pytest.fixture
    def make_pruner(self) -> PrunerFactory:
        return lambda: HyperbandPruner(min_resource=1, max_resource=12, reduction_factor=2)
