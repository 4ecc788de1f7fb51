"""``retries:`` in a config runs a failed trial's hyperparameters again as a new trial."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith
from tunesmith.trial import FAIL_REASON_ATTR, RETRY_OF_ATTR

Invoke = Callable[..., Result]


def test_a_failed_trial_is_retried_within_the_studys_total(
    write_config: Callable[..., Path],
    objective_module: Callable[[str], str],
    invoke: Invoke,
    storage_url: str,
) -> None:
    module = objective_module("""\
        def forgets_once(trial):
            if trial.number == 1:
                return None
            return trial.params["x"] ** 2
        """)
    config = write_config(f"""\
        study: flaky
        objective: {module}:forgets_once
        space:
          x: {{type: float, low: -5, high: 5}}
        seed: 0
        n_trials: 5
        retries: 1
        """)

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    trials = tunesmith.load_study("flaky", storage_url).trials
    assert len(trials) == 5
    assert "returned None" in trials[1].system_attrs[FAIL_REASON_ATTR]
    assert trials[2].system_attrs[RETRY_OF_ATTR] == 1
    assert trials[2].params == trials[1].params
    assert trials[2].state is tunesmith.TrialState.COMPLETE


def test_retries_must_be_a_non_negative_int(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str
) -> None:
    for bad in ("-1", "true", "1.5"):
        config = write_config(f"""\
            objective: os:getcwd
            space:
              x: {{type: float, low: -5, high: 5}}
            n_trials: 5
            retries: {bad}
            """)
        result = invoke("run", str(config), "--storage", storage_url)
        assert result.exit_code == 2
        assert "field 'retries'" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_config_stops_a_trial_past_its_timeout_and_goes_on(
    write_config: Callable[..., Path],
    objective_module: Callable[[str], str],
    invoke: Invoke,
    storage_url: str,
) -> None:
    module = objective_module("""\
        import time

        def hangs_once(trial):
            if trial.number == 0:
                time.sleep(120)
            return trial.params["x"] ** 2
        """)
    config = write_config(f"""\
        study: hangs
        objective: {module}:hangs_once
        space:
          x: {{type: float, low: -5, high: 5}}
        sampler: random
        n_trials: 3
        trial_timeout: 1
        """)

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    trials = tunesmith.load_study("hangs", storage_url).trials
    assert [t.state for t in trials] == [tunesmith.TrialState.FAIL] + [
        tunesmith.TrialState.COMPLETE
    ] * 2
    assert "trial_timeout=1 s" in trials[0].system_attrs[FAIL_REASON_ATTR]


def test_trial_memory_in_a_config_needs_worker_processes(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str
) -> None:
    config = write_config("""\
        objective: os:getcwd
        space:
          x: {type: float, low: -5, high: 5}
        n_trials: 5
        trial_memory: 500
        """)
    result = invoke("run", str(config), "--storage", storage_url)
    assert result.exit_code == 2
    assert "'trial_memory' needs 'executor: process'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
