"""Executors: the thread and process ones by name or as objects, and one a user writes."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from tunesmith import Trial, TrialState, create_study, load_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution import (
    EXECUTOR_CLASSES,
    Executor,
    ProcessExecutor,
    ThreadExecutor,
    make_executor,
    run_trials,
)
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.trial import FAIL_REASON_ATTR


def objective(trial: Trial) -> float:
    return (trial.suggest_float("x", -1.0, 1.0) - 0.25) ** 2


class CountingExecutor:
    """A user's executor: runs every worker loop one after another and counts the calls."""

    def __init__(self) -> None:
        self.runs: list[int] = []

    def run(self, study: Any, order: Any, n_workers: int) -> None:
        self.runs.append(n_workers)
        with Heartbeat(study.storage) as heartbeat:
            for _ in range(n_workers):
                run_trials(study, order, heartbeat)


def test_every_registered_name_builds_an_executor_of_its_class() -> None:
    assert set(EXECUTOR_CLASSES) == {"thread", "process", "dask"}
    for name, executor_class in EXECUTOR_CLASSES.items():
        assert type(make_executor(name)) is executor_class


def test_an_unknown_executor_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidArgumentError, match=r"'executor'.*'thread', 'process'.*'gpu'"):
        make_executor("gpu")
    with pytest.raises(InvalidArgumentError, match=r"'executor'.*got 3"):
        create_study().optimize(objective, n_trials=1, executor=3)  # type: ignore[arg-type]


def test_a_users_executor_runs_the_whole_budget_through_the_public_study_surface() -> None:
    executor = CountingExecutor()
    study = create_study(seed=0)
    study.optimize(objective, n_trials=12, n_jobs=3, executor=executor)
    assert executor.runs == [3]
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 12
    assert study.best_value < 0.1


@pytest.mark.slow
@pytest.mark.parametrize("executor", [ThreadExecutor(), ProcessExecutor()], ids=repr)
def test_the_built_in_executors_given_as_objects_share_one_budget(
    executor: Executor, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="shared", storage=url, seed=1)
    study.optimize(objective, n_trials=6, n_jobs=2, executor=executor)
    trials = load_study("shared", storage=url).trials
    assert [t.number for t in trials] == list(range(6))
    assert all(t.state is TrialState.COMPLETE for t in trials)


def test_a_study_pickles_as_the_same_study_over_the_same_storage(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(study_name="sent", storage=url, sampler="tpe", seed=2)
    study.optimize(objective, n_trials=3)
    received = pickle.loads(pickle.dumps(study))
    assert received.study_name == "sent"
    assert repr(received.sampler) == repr(study.sampler)
    assert [t.params for t in received.trials] == [t.params for t in study.trials]
    received.optimize(objective, n_trials=1)
    assert len(study.trials) == 4


def test_fail_stores_the_reason_and_ask_within_stops_at_the_budget() -> None:
    study = create_study()
    first = study.ask_within(2)
    second = study.ask_within(2)
    assert first is not None
    assert second is not None
    assert study.ask_within(2) is None
    record = study.fail(first, "the GPU went away")
    assert record.state is TrialState.FAIL
    assert record.system_attrs[FAIL_REASON_ATTR] == "the GPU went away"
    with pytest.raises(InvalidArgumentError, match=r"'reason' argument of fail.*got 7"):
        study.fail(second, 7)  # type: ignore[arg-type]
