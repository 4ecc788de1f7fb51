"""optimize: budgets, callbacks, stopping, and what becomes of failing objectives."""

from __future__ import annotations

import math
import time
from typing import Any

import pytest

from tunesmith import FrozenTrial, Study, Trial, TrialPruned, TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.trial import FAIL_REASON_ATTR


def quadratic(trial: Trial) -> float:
    return (trial.suggest_float("x", -5.0, 5.0) - 2.0) ** 2


def running(study: Study) -> list[FrozenTrial]:
    return study.get_trials(states=[TrialState.RUNNING])


def test_each_call_runs_its_own_n_trials() -> None:
    study = create_study(seed=0)
    study.optimize(quadratic, n_trials=10)
    study.optimize(quadratic, n_trials=15)
    assert [t.number for t in study.trials] == list(range(25))
    assert all(t.state is TrialState.COMPLETE for t in study.trials)
    assert study.best_value < 1.0


def test_callbacks_see_every_finished_trial_in_order() -> None:
    seen: list[tuple[int, TrialState]] = []

    def objective(trial: Trial) -> float:
        if trial.number == 2:
            raise TrialPruned
        return quadratic(trial)

    study = create_study()
    study.optimize(objective, n_trials=5, callbacks=[lambda s, t: seen.append((t.number, t.state))])
    assert seen == [(n, TrialState.PRUNED if n == 2 else TrialState.COMPLETE) for n in range(5)]


def test_caught_exceptions_fail_the_trial_and_the_study_goes_on() -> None:
    def objective(trial: Trial) -> float:
        x = quadratic(trial)
        if trial.number % 2:
            raise ValueError(f"diverged at trial {trial.number}")
        return x

    study = create_study()
    study.optimize(objective, n_trials=6, catch=(ValueError,))
    failed = study.get_trials(states=[TrialState.FAIL])
    assert [t.number for t in failed] == [1, 3, 5]
    assert failed[0].system_attrs[FAIL_REASON_ATTR] == "ValueError: diverged at trial 1"
    assert len(study.get_trials(states=[TrialState.COMPLETE])) == 3
    study.optimize(objective, n_trials=2, catch=ValueError)
    assert len(study.trials) == 8


def test_an_uncaught_exception_fails_the_trial_and_propagates() -> None:
    def objective(trial: Trial) -> float:
        if trial.number == 3:
            raise KeyError("missing column")
        return quadratic(trial)

    study = create_study()
    with pytest.raises(KeyError, match="missing column"):
        study.optimize(objective, n_trials=10, catch=(ValueError,))
    trials = study.trials
    assert [t.state for t in trials] == [TrialState.COMPLETE] * 3 + [TrialState.FAIL]
    assert "missing column" in trials[3].system_attrs[FAIL_REASON_ATTR]
    assert running(study) == []
    study.optimize(quadratic, n_trials=2)
    assert len(study.get_trials(states=[TrialState.COMPLETE])) == 5


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        (math.nan, "finite"),
        (-math.inf, "finite"),
        ((1.0, 2.0), "2 value(s)"),
        ("fast", "numbers"),
        (None, "returned None"),
    ],
)
def test_bad_return_values_fail_the_trial_with_a_reason(result: Any, reason: str) -> None:
    def objective(trial: Trial) -> Any:
        value = quadratic(trial)
        return result if trial.number == 1 else value

    study = create_study()
    study.optimize(objective, n_trials=3)
    states = [t.state for t in study.trials]
    assert states == [TrialState.COMPLETE, TrialState.FAIL, TrialState.COMPLETE]
    assert reason in study.trials[1].system_attrs[FAIL_REASON_ATTR]
    assert study.trials[1].values is None


def test_a_multi_objective_study_wants_one_value_per_direction() -> None:
    study = create_study(directions=["minimize", "maximize"])
    study.optimize(quadratic, n_trials=1)
    study.optimize(lambda t: (quadratic(t), 1.0), n_trials=1)
    failed, complete = study.trials
    assert "1 value(s) but the study has 2" in failed.system_attrs[FAIL_REASON_ATTR]
    assert complete.values is not None
    assert len(complete.values) == 2


def test_pruned_trials_keep_their_last_intermediate_value() -> None:
    def objective(trial: Trial) -> float:
        for step in range(5):
            trial.report(10.0 - step, step)
            if step == 3 and trial.number == 0:
                raise TrialPruned
        assert not trial.should_prune()
        return 1.0

    study = create_study()
    study.optimize(objective, n_trials=2)
    pruned, complete = study.trials
    assert pruned.state is TrialState.PRUNED
    assert pruned.value == 7.0
    assert dict(pruned.intermediate_values) == {0: 10.0, 1: 9.0, 2: 8.0, 3: 7.0}
    assert complete.last_step == 4
    assert study.best_trial.number == 1


def test_a_pruned_trial_without_reports_has_no_value() -> None:
    def objective(trial: Trial) -> float:
        raise TrialPruned

    study = create_study()
    study.optimize(objective, n_trials=1)
    assert study.trials[0].state is TrialState.PRUNED
    assert study.trials[0].values is None


@pytest.mark.parametrize(
    ("value", "step", "match"),
    [
        (1.0, -1, "'step'"),
        (1.0, 1.5, "'step'"),
        (1.0, True, "'step'"),
        ("high", 1, "'value'"),
        (None, 1, "'value'"),
    ],
)
def test_report_refuses_bad_arguments(value: Any, step: Any, match: str) -> None:
    trial = create_study().ask()
    with pytest.raises(InvalidArgumentError, match=match):
        trial.report(value, step)


def test_timeout_stops_starting_trials() -> None:
    def slow(trial: Trial) -> float:
        time.sleep(0.05)
        return quadratic(trial)

    study = create_study()
    started = time.monotonic()
    study.optimize(slow, timeout=0.3)
    elapsed = time.monotonic() - started
    assert 0.3 <= elapsed < 5.0
    assert 1 <= len(study.trials) <= 8
    assert running(study) == []


def test_stop_from_a_callback() -> None:
    def stop_after_three(study: Study, trial: FrozenTrial) -> None:
        if trial.number == 2:
            study.stop()

    study = create_study()
    study.optimize(quadratic, n_trials=50, callbacks=[stop_after_three])
    assert len(study.trials) == 3
    study.optimize(quadratic, n_trials=2)
    assert len(study.trials) == 5


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"n_trials": -1}, "'n_trials'"),
        ({"n_trials": True}, "'n_trials'"),
        ({"n_trials": 2.5}, "'n_trials'"),
        ({"n_trials": 1, "n_jobs": 0}, "'n_jobs'"),
        ({"n_trials": 1, "timeout": -1}, "'timeout'"),
        ({"n_trials": 1, "executor": "gpu"}, r"'executor'.*'thread', 'process'"),
    ],
)
def test_bad_arguments_are_refused_before_any_trial(arguments: dict[str, Any], match: str) -> None:
    study = create_study()
    with pytest.raises(InvalidArgumentError, match=match):
        study.optimize(quadratic, **arguments)
    assert study.trials == []
