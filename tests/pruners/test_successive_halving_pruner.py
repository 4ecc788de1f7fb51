"""SuccessiveHalvingPruner: rungs, asynchronous promotion in arrival order, inferred resource."""

from __future__ import annotations

import math

import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.pruners import SuccessiveHalvingPruner
from tunesmith.study import Study, create_study
from tunesmith.testing.pruners import decide, record_trial
from tunesmith.trial import TrialState


def _arrive(pruner: SuccessiveHalvingPruner, study: Study, curve: dict[int, float]) -> bool:
    """A new trial reports ``curve`` and asks the pruner, in that order."""
    number = record_trial(study, curve, TrialState.RUNNING).number
    return decide(pruner, study, number)


def test_a_trial_goes_on_only_in_the_top_third_of_those_at_the_rung_so_far() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    study = create_study()
    # Fewer than 3 at the rung: only the best so far goes on.
    assert _arrive(pruner, study, {1: 0.5}) is False
    assert _arrive(pruner, study, {1: 0.4}) is False
    assert _arrive(pruner, study, {1: 0.6}) is True
    assert _arrive(pruner, study, {1: 0.3}) is False
    assert _arrive(pruner, study, {1: 0.45}) is True
    # Six at the rung: the best two go on, so 0.35 (second best) does.
    assert _arrive(pruner, study, {1: 0.35}) is False
    assert _arrive(pruner, study, {1: 0.41}) is True


def test_maximised_studies_promote_the_highest_values() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=2)
    study = create_study(direction="maximize")
    assert _arrive(pruner, study, {1: 0.5}) is False
    assert _arrive(pruner, study, {1: 0.4}) is True
    assert _arrive(pruner, study, {1: 0.9}) is False


def test_each_trial_is_judged_once_per_rung() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    study = create_study()
    early = study.ask()
    early.report(0.9, 1)
    assert decide(pruner, study, early.number) is False  # alone at the rung
    for value in (0.1, 0.2, 0.3, 0.4, 0.5):
        _arrive(pruner, study, {1: value})
    early.report(0.9, 2)  # between rungs 1 and 3: no new judgement
    assert decide(pruner, study, early.number) is False
    early.report(0.9, 3)  # rung 3: alone there again
    assert decide(pruner, study, early.number) is False


def test_rungs_follow_min_resource_and_min_early_stopping_rate() -> None:
    # Rungs at 2 * 2**1 = 4, then 8, 16, ...
    pruner = SuccessiveHalvingPruner(min_resource=2, reduction_factor=2, min_early_stopping_rate=1)
    study = create_study()
    _arrive(pruner, study, dict.fromkeys(range(1, 9), 0.1))
    bad = study.ask()
    for step in range(1, 4):
        bad.report(5.0, step)
        assert decide(pruner, study, bad.number) is False, step
    bad.report(5.0, 4)
    assert decide(pruner, study, bad.number) is True


def test_a_report_that_skips_a_rung_is_judged_at_it() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    study = create_study()
    _arrive(pruner, study, {1: 0.1, 3: 0.1, 9: 0.1})
    assert _arrive(pruner, study, {2: 0.5, 5: 0.5}) is True  # reached rung 3 at step 5


def test_auto_min_resource_waits_for_a_completed_trial() -> None:
    pruner = SuccessiveHalvingPruner()
    study = create_study()
    record_trial(study, {1: 0.1, 2: 0.1}, TrialState.RUNNING)
    assert _arrive(pruner, study, {1: 9.0, 2: 9.0}) is False
    assert pruner.min_resource_ is None
    record_trial(study, dict.fromkeys(range(1, 163), 0.1))
    # Four rungs below 162 steps with reduction factor 3: 162 // 3**4 = 2.
    assert _arrive(pruner, study, {1: 9.0}) is False
    assert _arrive(pruner, study, {1: 9.0, 2: 9.0}) is True
    assert pruner.min_resource_ == 2


def test_no_rung_at_the_end_of_a_full_run() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    study = create_study()
    record_trial(study, dict.fromkeys(range(1, 10), 0.1))  # full runs have 9 steps
    lucky = study.ask()
    for step in range(1, 10):
        lucky.report(0.1 if step < 9 else 5.0, step)
        assert decide(pruner, study, lucky.number) is False, step


def test_a_nan_report_prunes() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1)
    study = create_study()
    assert _arrive(pruner, study, {1: math.nan}) is True


def test_startup_trials_delay_pruning() -> None:
    pruner = SuccessiveHalvingPruner(min_resource=1, n_startup_trials=1)
    study = create_study()
    _arrive(pruner, study, {1: 0.1})
    assert _arrive(pruner, study, {1: 0.5}) is False
    record_trial(study, {1: 0.2, 2: 0.2})
    assert _arrive(pruner, study, {1: 0.5}) is True


@pytest.mark.parametrize(
    ("pruner", "message"),
    [
        (
            SuccessiveHalvingPruner(reduction_factor=1),
            "The 'reduction_factor' argument of SuccessiveHalvingPruner must be an int >= 2; "
            "got 1.",
        ),
        (
            SuccessiveHalvingPruner(min_resource="all"),  # type: ignore[arg-type]
            "The 'min_resource' argument of SuccessiveHalvingPruner must be an int >= 1 or "
            "'auto'; got 'all'.",
        ),
        (
            SuccessiveHalvingPruner(min_early_stopping_rate=-1),
            "The 'min_early_stopping_rate' argument of SuccessiveHalvingPruner must be an "
            "int >= 0; got -1.",
        ),
    ],
)
def test_bad_arguments_are_refused(pruner: SuccessiveHalvingPruner, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        _arrive(pruner, create_study(), {1: 1.0})
    assert str(raised.value) == message
