"""ThresholdPruner: bounds, NaN and infinite values."""

from __future__ import annotations

import math

import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.pruners import ThresholdPruner
from tunesmith.study import create_study
from tunesmith.testing.pruners import decide, record_trial
from tunesmith.trial import TrialState


def _decide(pruner: ThresholdPruner, curve: dict[int, float], direction: str = "minimize") -> bool:
    study = create_study(direction=direction)
    number = record_trial(study, curve, TrialState.RUNNING).number
    return decide(pruner, study, number)


@pytest.mark.parametrize("direction", ["minimize", "maximize"])
@pytest.mark.parametrize(
    ("value", "pruned"),
    [(0.5, False), (-1.0, False), (2.0, False), (-1.5, True), (2.5, True)],
)
def test_bounds_are_in_the_objective_units_whatever_the_direction(
    direction: str, value: float, pruned: bool
) -> None:
    pruner = ThresholdPruner(lower=-1.0, upper=2.0)
    assert _decide(pruner, {1: 0.0, 2: value}, direction) is pruned


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_values_prune_even_without_bounds(value: float) -> None:
    assert _decide(ThresholdPruner(), {1: 0.0, 2: value}) is True
    assert _decide(ThresholdPruner(), {1: 0.0, 2: 1e300}) is False


def test_only_the_latest_value_counts() -> None:
    assert _decide(ThresholdPruner(upper=1.0), {1: 5.0, 2: 0.5}) is False


def test_warmup_and_interval() -> None:
    assert _decide(ThresholdPruner(upper=1.0, n_warmup_steps=3), {2: 5.0}) is False
    assert _decide(ThresholdPruner(upper=1.0, n_warmup_steps=3), {3: 5.0}) is True
    assert _decide(ThresholdPruner(upper=1.0, interval_steps=5), {4: 0.0, 6: 5.0}) is True
    assert _decide(ThresholdPruner(upper=1.0, interval_steps=5), {5: 0.0, 6: 5.0}) is False


@pytest.mark.parametrize(
    ("pruner", "message"),
    [
        (
            ThresholdPruner(lower=2.0, upper=1.0),
            "The 'lower' argument of ThresholdPruner must be <= upper (1.0); got 2.0.",
        ),
        (
            ThresholdPruner(upper=math.nan),
            "The 'upper' argument of ThresholdPruner must be None or a finite number; got nan.",
        ),
        (
            ThresholdPruner(lower="low"),  # type: ignore[arg-type]
            "The 'lower' argument of ThresholdPruner must be None or a finite number; got 'low'.",
        ),
    ],
)
def test_bad_bounds_are_refused(pruner: ThresholdPruner, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        _decide(pruner, {1: 0.0})
    assert str(raised.value) == message
