"""trial_timeout and trial_memory: the trial is stopped, stored as FAIL with the reason, and
the worker goes on."""

from __future__ import annotations

import time

import pytest
from objectives_for_workers import hangs_or_grows_in_trial_zero

from tunesmith import TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.trial import FAIL_REASON_ATTR, RETRY_OF_ATTR


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["thread", "process"])
def test_a_trial_past_its_timeout_fails_with_the_reason_and_the_run_goes_on(
    executor: str, tmp_path: object
) -> None:
    # The random sampler imports nothing on the first suggest, which could take seconds.
    study = create_study(sampler="random", seed=0)
    started = time.monotonic()

    study.optimize(
        hangs_or_grows_in_trial_zero,
        n_trials=4,
        executor=executor,
        trial_timeout=2,
        retries=1,
    )

    assert time.monotonic() - started < 60
    trials = study.trials
    assert [t.state for t in trials] == [TrialState.FAIL] + [TrialState.COMPLETE] * 3
    assert trials[0].system_attrs[FAIL_REASON_ATTR] == (
        "The trial ran longer than trial_timeout=2 s and was stopped."
    )
    assert trials[1].system_attrs[RETRY_OF_ATTR] == 0
    assert trials[1].params == trials[0].params


@pytest.mark.slow
def test_a_trial_past_its_memory_fails_with_the_reason_and_the_worker_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TUNESMITH_TEST_TRIAL_ZERO", "grow")
    # The cap holds while the objective runs; the random sampler maps no library in it.
    study = create_study(sampler="random", seed=0)

    study.optimize(hangs_or_grows_in_trial_zero, n_trials=3, executor="process", trial_memory=300)

    trials = study.trials
    assert [t.state for t in trials] == [TrialState.FAIL] + [TrialState.COMPLETE] * 2
    assert trials[0].system_attrs[FAIL_REASON_ATTR] == (
        "The trial needed more than trial_memory=300 MB: MemoryError."
    )


def test_trial_limits_are_checked_before_any_trial() -> None:
    study = create_study()
    for arguments, message in [
        ({"trial_timeout": 0}, r"'trial_timeout'.*positive.*got 0"),
        ({"trial_timeout": float("inf")}, r"'trial_timeout'.*got inf"),
        ({"trial_memory": 1.5, "executor": "process"}, r"'trial_memory'.*got 1.5"),
        ({"trial_memory": 100}, r"'trial_memory'.*executor='process'.*got executor='thread'"),
        ({"retries": -1}, r"'retries'.*non-negative.*got -1"),
    ]:
        with pytest.raises(InvalidArgumentError, match=message):
            study.optimize(hangs_or_grows_in_trial_zero, n_trials=1, **arguments)  # type: ignore[arg-type]
    assert study.trials == []
