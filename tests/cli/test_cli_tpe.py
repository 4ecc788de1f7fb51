"""A config names the TPE sampler with its options; a run with it tunes and stores trials."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith
from tunesmith.cli.run import prepare_run
from tunesmith.samplers import TPESampler

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

CONFIG = """\
study: bowl
objective: {module}:objective
direction: minimize
space:
  x: {{type: float, low: -3, high: 3}}
  kind: [a, b, c]
sampler: {sampler}
seed: 0
n_trials: 14
"""

OBJECTIVE = """\
def objective(trial):
    return (trial.params["x"] - 1.0) ** 2 + {"a": 1.0, "b": 0.0, "c": 2.0}[trial.params["kind"]]
"""


def test_a_config_builds_tpe_with_its_options_and_the_seed(
    write_config: WriteConfig, objective_module: Callable[[str], str]
) -> None:
    sampler = "{name: tpe, n_startup_trials: 5, multivariate: false}"
    config = write_config(CONFIG.format(module=objective_module(OBJECTIVE), sampler=sampler))

    prepared = prepare_run(config)

    assert type(prepared.sampler) is TPESampler
    assert prepared.sampler.n_startup_trials == 5
    assert prepared.sampler.multivariate is False
    assert prepared.sampler.seed == 0


def test_a_run_with_tpe_completes_every_trial(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    storage_url: str,
) -> None:
    sampler = "{name: tpe, n_startup_trials: 5}"
    config = write_config(CONFIG.format(module=objective_module(OBJECTIVE), sampler=sampler))

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    study = tunesmith.load_study("bowl", storage_url)
    assert [t.state for t in study.trials] == [tunesmith.TrialState.COMPLETE] * 14
