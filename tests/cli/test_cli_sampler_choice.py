"""`run` with the auto sampler says which samplers it used and why; configs name gp and cmaes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith.cli.run import prepare_run
from tunesmith.samplers import CMAESSampler, GPSampler
from tunesmith.samplers.auto import SAMPLER_CHOICE_ATTR

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

CONFIG = """\
study: bowl
objective: {module}:objective
direction: minimize
space:
  x: {{type: float, low: -3, high: 3}}
  y: {{type: int, low: -5, high: 5}}
sampler: {sampler}
seed: 0
n_trials: 8
"""

OBJECTIVE = """\
def objective(trial):
    return (trial.params["x"] - 1.0) ** 2 + trial.params["y"] ** 2
"""


def test_a_run_by_auto_ends_with_its_choices_and_the_reason(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    storage_url: str,
) -> None:
    sampler = "{name: auto, n_startup_trials: 5}"
    config = write_config(CONFIG.format(module=objective_module(OBJECTIVE), sampler=sampler))

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert "Sampler auto chose qmc for 5 trials, gp for 3 trials; last gp: 2 hyperparameters" in (
        " ".join(result.stdout.split())
    )
    trials = tunesmith.load_study("bowl", storage_url).trials
    assert [t.system_attrs[SAMPLER_CHOICE_ATTR]["sampler"] for t in trials] == ["qmc"] * 5 + [
        "gp"
    ] * 3


def test_a_named_sampler_prints_no_choice_line(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    storage_url: str,
) -> None:
    config = write_config(CONFIG.format(module=objective_module(OBJECTIVE), sampler="random"))

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert "Sampler auto chose" not in result.stdout


@pytest.mark.parametrize(
    ("sampler", "kind", "option"),
    [
        ("{name: gp, n_startup_trials: 4}", GPSampler, ("n_startup_trials", 4)),
        ("{name: cmaes, population_size: 6}", CMAESSampler, ("population_size", 6)),
    ],
)
def test_configs_build_gp_and_cmaes_with_their_options(
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    sampler: str,
    kind: type,
    option: tuple[str, int],
) -> None:
    config = write_config(CONFIG.format(module=objective_module(OBJECTIVE), sampler=sampler))

    prepared = prepare_run(config)

    assert type(prepared.sampler) is kind
    assert getattr(prepared.sampler, option[0]) == option[1]
    assert prepared.sampler.seed == 0
