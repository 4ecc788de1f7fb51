"""The intermediate values the History keeps for pruners: steps, matrix, minimise form."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tunesmith.history import History
from tunesmith.study import create_study
from tunesmith.testing.pruners import record_trial
from tunesmith.trial import TrialState

NAN = math.nan


def test_matrix_has_a_column_per_step_and_nan_where_not_reported() -> None:
    study = create_study()
    record_trial(study, {2: 1.0, 5: 0.5})
    record_trial(study, {1: 3.0, 2: 2.0}, TrialState.RUNNING)
    record_trial(study, {}, TrialState.RUNNING)
    history = study.history
    history.refresh()
    assert history.steps.tolist() == [1, 2, 5]
    np.testing.assert_array_equal(
        history.intermediate, [[NAN, 1.0, 0.5], [3.0, 2.0, NAN], [NAN, NAN, NAN]]
    )
    np.testing.assert_array_equal(history.intermediate_values_at(2), [1.0, 2.0, NAN])
    np.testing.assert_array_equal(history.intermediate_values_at(3), [NAN, NAN, NAN])


def test_a_step_reported_late_lands_in_step_order() -> None:
    study = create_study()
    record_trial(study, {10: 1.0})
    history = study.history
    history.refresh()
    record_trial(study, {0: 4.0, 3: 2.0})
    history.refresh()
    assert history.steps.tolist() == [0, 3, 10]
    np.testing.assert_array_equal(history.intermediate, [[NAN, NAN, 1.0], [4.0, 2.0, NAN]])


def test_maximised_values_are_negated_in_minimise_form() -> None:
    study = create_study(direction="maximize")
    record_trial(study, {1: 0.25, 2: 0.75})
    history = study.history
    history.refresh()
    np.testing.assert_array_equal(history.intermediate, [[0.25, 0.75]])
    np.testing.assert_array_equal(history.intermediate_minimised, [[-0.25, -0.75]])
    np.testing.assert_array_equal(history.best_intermediate_until(1), [-0.25])
    np.testing.assert_array_equal(history.best_intermediate_until(2), [-0.75])


def test_best_until_skips_reported_nan_and_later_steps() -> None:
    study = create_study()
    record_trial(study, {1: 2.0, 2: NAN, 3: 0.5})
    record_trial(study, {1: NAN}, TrialState.RUNNING)
    history = study.history
    history.refresh()
    np.testing.assert_array_equal(history.best_intermediate_until(2), [2.0, NAN])
    np.testing.assert_array_equal(history.best_intermediate_until(3), [0.5, NAN])
    snapshot = history.intermediate_snapshot()
    assert snapshot.reported.tolist() == [[True, True, True], [True, False, False]]


def test_first_value_from_a_step_and_last_steps() -> None:
    study = create_study()
    record_trial(study, {1: 5.0, 4: 3.0, 9: 1.0})
    record_trial(study, {2: 6.0}, TrialState.RUNNING)
    record_trial(study, {}, TrialState.RUNNING)
    history = study.history
    history.refresh()
    snapshot = history.intermediate_snapshot()
    values, reached = snapshot.first_from(3)
    np.testing.assert_array_equal(values, [3.0, NAN, NAN])
    assert reached.tolist() == [True, False, False]
    assert snapshot.last_steps().tolist() == [9, 2, -1]


def test_rows_follow_updates_of_a_running_trial() -> None:
    study = create_study()
    trial = study.ask()
    history = History(study.storage, study.study_id, study.directions)
    trial.report(1.0, 1)
    history.refresh()
    np.testing.assert_array_equal(history.intermediate, [[1.0]])
    trial.report(0.5, 2)
    trial.report(0.7, 1)  # overwritten
    history.refresh()
    np.testing.assert_array_equal(history.intermediate, [[0.7, 0.5]])


@pytest.mark.parametrize("n_trials", [1, 40])
def test_snapshot_is_a_copy(n_trials: int) -> None:
    study = create_study()
    for number in range(n_trials):
        record_trial(study, {1: float(number)})
    history = study.history
    history.refresh()
    snapshot = history.intermediate_snapshot()
    record_trial(study, {1: -1.0, 2: -2.0})
    history.refresh()
    assert snapshot.minimised.shape == (n_trials, 1)
    assert history.intermediate.shape == (n_trials + 1, 2)
