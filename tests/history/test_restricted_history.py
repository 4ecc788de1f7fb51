"""RestrictedHistory: a history in which only some trials have happened."""

from __future__ import annotations

import numpy as np

from tunesmith.history import RestrictedHistory
from tunesmith.study import Study, create_study
from tunesmith.trial import TrialState


def _study_with_trials(n_trials: int) -> Study:
    """Trials 0..n-1, each with value 10 * number and reports at steps 1 and 2."""
    study = create_study()
    for number in range(n_trials):
        trial = study.ask()
        trial.suggest_float("x", 0.0, 100.0)
        trial.report(float(number), 1)
        trial.report(float(number) + 0.5, 2)
        study.tell(trial, 10.0 * number)
    study.history.refresh()
    return study


def _even_rows(n_trials: int) -> np.ndarray:
    return np.arange(n_trials) % 2 == 0


def test_hidden_trials_read_as_trials_that_have_not_started() -> None:
    study = _study_with_trials(6)
    view = RestrictedHistory(study.history, _even_rows(6))
    snapshot = view.snapshot()
    full = study.history.snapshot()
    assert snapshot.n_trials == full.n_trials == 6
    assert view.mask(TrialState.COMPLETE).tolist() == [True, False] * 3
    assert view.mask(TrialState.WAITING).tolist() == [False, True] * 3
    np.testing.assert_array_equal(snapshot.Y[::2], full.Y[::2])
    np.testing.assert_array_equal(snapshot.X[::2], full.X[::2])
    assert np.isnan(snapshot.Y[1::2]).all()
    assert np.isnan(snapshot.X[1::2]).all()
    assert np.isnan(view.Y[1::2]).all()
    assert [t.number for t in view.trials()] == [0, 2, 4]
    assert view.trial(1) is None
    shown = view.trial(2)
    assert shown is not None
    assert shown.number == 2


def test_hidden_trials_report_no_intermediate_values() -> None:
    study = _study_with_trials(4)
    view = RestrictedHistory(study.history, _even_rows(4))
    values = view.intermediate_snapshot()
    assert values.reported[::2].all()
    assert not values.reported[1::2].any()
    assert view.intermediate_values_at(1).tolist()[::2] == [0.0, 2.0]
    assert np.isnan(view.best_intermediate_until(2)[1::2]).all()
    assert view.intermediate_snapshot().last_steps().tolist() == [2, -1, 2, -1]


def test_the_full_history_is_left_as_it_was() -> None:
    study = _study_with_trials(4)
    view = RestrictedHistory(study.history, _even_rows(4))
    view.snapshot()
    view.intermediate_snapshot()
    assert study.history.mask(TrialState.COMPLETE).all()
    assert not np.isnan(study.history.Y).any()
    assert study.history.intermediate_snapshot().reported.all()


def test_a_view_sees_later_refreshes_but_not_trials_beyond_its_rows() -> None:
    study = _study_with_trials(2)
    view = RestrictedHistory(study.history, np.array([True, True]))
    trial = study.ask()
    study.tell(trial, 1.0)
    view.refresh()
    assert study.history.n_trials == view.n_trials == 3
    assert view.mask(TrialState.COMPLETE).tolist() == [True, True, False]
    assert view.trial(2) is None


def test_names_and_ranges_stay_the_studys() -> None:
    study = _study_with_trials(2)
    view = RestrictedHistory(study.history, np.array([False, False]))
    assert view.param_names == ["x"]
    assert view.distributions == study.history.distributions
    # Reads flow one way: neither the history nor a view of it lends out the storage.
    assert not hasattr(study.history, "storage")
    assert not hasattr(view, "storage")
    # Nothing shown: no trial has completed as the view tells it.
    assert view.snapshot().completed_space() == {}
