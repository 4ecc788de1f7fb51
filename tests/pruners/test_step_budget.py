"""step_budget: the steps a study's trials trained, against running every one to the end."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

import tunesmith
from tunesmith.history.budget import step_budget
from tunesmith.testing.pruners import record_trial
from tunesmith.trial import TrialState


def _study_with(trials: Iterable[tuple[Iterable[int], TrialState]]) -> tunesmith.Study:
    study = tunesmith.create_study(direction="maximize")
    for steps, state in trials:
        record_trial(study, dict.fromkeys(steps, 0.5), state)
    return study


def test_pruned_trials_count_the_steps_they_trained() -> None:
    study = _study_with(
        [
            (range(1, 31), TrialState.COMPLETE),
            (range(1, 4), TrialState.PRUNED),
            (range(1, 2), TrialState.PRUNED),
            (range(1, 31), TrialState.COMPLETE),
        ]
    )

    budget = step_budget(study.history)

    assert budget is not None
    assert (budget.n_trials, budget.n_pruned) == (4, 2)
    assert budget.full_run_steps == 30
    assert budget.steps_trained == 30 + 3 + 1 + 30
    assert budget.steps_unpruned == 4 * 30
    assert budget.steps_saved == 56
    assert budget.times_fewer == pytest.approx(120 / 64)


def test_steps_from_zero_and_sparse_reports_count_what_was_trained() -> None:
    # Folds numbered from 0: a trial stopped after fold 1 trained 2 of 5 folds.
    from_zero = _study_with([(range(5), TrialState.COMPLETE), (range(2), TrialState.PRUNED)])
    # A report every 10th epoch: a trial stopped at epoch 20 ran 2 of 5 stretches.
    sparse = _study_with([(range(10, 51, 10), TrialState.COMPLETE), ((10, 20), TrialState.PRUNED)])

    for study in (from_zero, sparse):
        budget = step_budget(study.history)
        assert budget is not None
        assert (budget.steps_trained, budget.steps_unpruned, budget.full_run_steps) == (7, 10, 5)


def test_failed_and_running_trials_are_left_out() -> None:
    study = _study_with(
        [
            (range(1, 11), TrialState.COMPLETE),
            (range(1, 3), TrialState.FAIL),
            (range(1, 4), TrialState.RUNNING),
            (range(1, 6), TrialState.PRUNED),
        ]
    )

    budget = step_budget(study.history)

    assert budget is not None
    assert (budget.n_trials, budget.steps_trained, budget.steps_unpruned) == (2, 15, 20)


def test_a_study_whose_trials_reported_nothing_has_no_budget() -> None:
    study = tunesmith.create_study()
    study.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=2)

    assert step_budget(study.history) is None
