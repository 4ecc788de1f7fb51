"""MedianPruner and PercentilePruner against hand-computed percentiles."""

from __future__ import annotations

import math

import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.pruners import MedianPruner, PercentilePruner
from tunesmith.study import Study, create_study
from tunesmith.testing.pruners import decide, record_trial
from tunesmith.trial import TrialState

# Best values by step 2 of the completed trials: 0.8, 1.5, 0.5, 0.2.
# Median: (0.5 + 0.8) / 2 = 0.65. 25th percentile: 0.2 + 0.75 * (0.5 - 0.2) = 0.425.
COMPLETED = ({1: 1.0, 2: 0.8}, {1: 2.0, 2: 1.5}, {1: 3.0, 2: 0.5}, {1: 0.2, 2: 0.9})


def _study(direction: str = "minimize", sign: float = 1.0) -> Study:
    study = create_study(direction=direction)
    for curve in COMPLETED:
        record_trial(study, {step: sign * value for step, value in curve.items()})
    return study


def _running(study: Study, curve: dict[int, float]) -> int:
    return record_trial(study, curve, TrialState.RUNNING).number


@pytest.mark.parametrize(("own_best", "pruned"), [(0.7, True), (0.66, True), (0.6, False)])
def test_median_compares_best_so_far_with_median_of_completed(
    own_best: float, pruned: bool
) -> None:
    study = _study()
    number = _running(study, {1: 0.9, 2: own_best})
    assert decide(MedianPruner(n_startup_trials=4), study, number) is pruned


@pytest.mark.parametrize(("own_best", "pruned"), [(0.7, True), (0.6, False)])
def test_median_respects_maximisation(own_best: float, pruned: bool) -> None:
    study = _study("maximize", sign=-1.0)
    number = _running(study, {1: -0.9, 2: -own_best})
    assert decide(MedianPruner(n_startup_trials=4), study, number) is pruned


def test_a_trial_that_was_better_earlier_keeps_its_best_value() -> None:
    study = _study()
    # Worse than the median now (0.9 > 0.65), but its best by step 2 is 0.1.
    number = _running(study, {1: 0.1, 2: 0.9})
    assert decide(MedianPruner(n_startup_trials=4), study, number) is False


@pytest.mark.parametrize(("own_best", "pruned"), [(0.45, True), (0.4, False)])
def test_percentile_keeps_the_best_quarter(own_best: float, pruned: bool) -> None:
    study = _study()
    number = _running(study, {2: own_best})
    assert decide(PercentilePruner(25.0, n_startup_trials=4), study, number) is pruned


def test_no_pruning_before_enough_trials_completed() -> None:
    study = _study()
    number = _running(study, {1: 9.0, 2: 9.0})
    assert decide(MedianPruner(n_startup_trials=5), study, number) is False
    assert decide(MedianPruner(n_startup_trials=4), study, number) is True


def test_no_pruning_before_the_warmup_step() -> None:
    study = _study()
    number = _running(study, {1: 9.0, 2: 9.0})
    assert decide(MedianPruner(n_startup_trials=0, n_warmup_steps=3), study, number) is False
    assert decide(MedianPruner(n_startup_trials=0, n_warmup_steps=2), study, number) is True


def test_interval_steps_decide_once_per_interval() -> None:
    pruner = MedianPruner(n_startup_trials=0, interval_steps=2)
    study = _study()
    # Intervals [0, 2), [2, 4), ...: judged at the first report in each.
    second_in_interval = _running(study, {0: 9.0, 1: 9.0})
    skipping = _running(study, {1: 9.0, 3: 9.0})
    assert decide(pruner, study, second_in_interval) is False
    assert decide(pruner, study, skipping) is True


def test_too_few_completed_trials_at_the_step() -> None:
    study = _study()
    number = _running(study, {7: 9.0})
    record_trial(study, {7: 1.0})
    assert decide(MedianPruner(n_startup_trials=0, n_min_trials=2), study, number) is True
    assert decide(MedianPruner(n_startup_trials=0, n_min_trials=6), study, number) is False


def test_a_nan_report_prunes() -> None:
    study = _study()
    number = _running(study, {1: 0.0, 2: math.nan})
    assert decide(MedianPruner(n_startup_trials=0), study, number) is True


def test_no_completed_trial_no_pruning() -> None:
    study = create_study()
    number = _running(study, {1: 9.0})
    assert decide(MedianPruner(n_startup_trials=0), study, number) is False


@pytest.mark.parametrize(
    ("pruner", "message"),
    [
        (
            PercentilePruner(150.0),
            "The 'percentile' argument of PercentilePruner must be a number in [0, 100]; "
            "got 150.0.",
        ),
        (
            MedianPruner(interval_steps=0),
            "The 'interval_steps' argument of MedianPruner must be an int >= 1; got 0.",
        ),
        (
            MedianPruner(n_startup_trials=True),  # type: ignore[arg-type]
            "The 'n_startup_trials' argument of MedianPruner must be an int >= 0; got True.",
        ),
    ],
)
def test_arguments_are_checked_at_first_use(pruner: PercentilePruner, message: str) -> None:
    study = _study()
    number = _running(study, {1: 1.0})
    with pytest.raises(InvalidArgumentError) as raised:
        decide(pruner, study, number)
    assert str(raised.value) == message
