"""`best --select`, the config's `select:`, and the Pareto front with its hypervolume."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith
from tunesmith.formatting import format_value

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]
ObjectiveModule = Callable[[str], str]

# A forest of 40 trees scores best; one of 8 scores within one standard error of it.
FORESTS = """\
study: forests
estimator:
  class: sklearn.ensemble.RandomForestClassifier
  params: {max_depth: 3, random_state: 0}
dataset: {name: breast_cancer}
cv: 5
space:
  n_estimators: [5, 8, 40]
sampler: grid
n_trials: 3
select: smallest_within:1se
"""

TWO_OBJECTIVES = """\
study: front
objective: {module}:cost_and_error
directions: [minimize, minimize]
space:
  x: {{type: float, low: 0.0, high: 1.0}}
sampler: {{name: nsga2, population_size: 6}}
seed: 0
n_trials: 18
"""

COST_AND_ERROR = """\
def cost_and_error(trial):
    x = trial.params["x"]
    return x, (1.0 - x) ** 2
"""


def test_run_and_best_show_the_trial_a_rule_selects(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    run = invoke("run", str(write_config(FORESTS)), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("forests", storage_url)
    chosen, winner = study.select("smallest_within:1se"), study.best_trial
    assert chosen.user_attrs["n_parameters"] < winner.user_attrs["n_parameters"]
    ratio = winner.user_attrs["n_parameters"] / chosen.user_attrs["n_parameters"]
    expected = (
        f"Selected by smallest_within:1se: trial {chosen.number} "
        f"(value {format_value(chosen.value)}, {chosen.user_attrs['n_parameters']:,} "
        f"parameters), {ratio:.1f}x smaller than the best-scoring trial {winner.number}"
    )
    assert expected in run.stdout
    assert f"Hyperparameters of trial {chosen.number}" in run.stdout

    best = invoke("best", "forests", "--select", "smallest_within:1se", "--storage", storage_url)
    assert best.exit_code == 0, best.output
    assert expected in best.stdout
    plain = invoke("best", "forests", "--storage", storage_url)
    assert f"Best trial {winner.number}:" in plain.stdout
    assert "Selected by" not in plain.stdout


def test_several_objectives_show_the_front_and_its_hypervolume(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: ObjectiveModule,
    storage_url: str,
) -> None:
    config = write_config(TWO_OBJECTIVES.format(module=objective_module(COST_AND_ERROR)))
    run = invoke("run", str(config), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("front", storage_url)
    line = f"Hypervolume of the Pareto front: {format_value(study.hypervolume())}"
    assert "Sampler: nsga2, seed 0" in run.stdout
    assert "Pareto front of front" in run.stdout
    assert line in run.stdout
    best = invoke("best", "front", "--storage", storage_url)
    assert "Pareto front of front" in best.stdout
    assert line in best.stdout
    for trial in study.best_trials:
        assert any(
            row.lstrip("│ ").startswith(f"{trial.number} ") for row in best.stdout.split("\n")
        )


def test_a_malformed_rule_is_refused_on_the_command_line_and_in_a_config(
    invoke: Invoke,
    write_config: WriteConfig,
    storage_url: str,
    stored_studies: Callable[[], list[str]],
) -> None:
    bad = FORESTS.replace("smallest_within:1se", "smallest_within:1sd")
    run = invoke("run", str(write_config(bad)), "--storage", storage_url)
    assert run.exit_code == 2
    assert "field 'select'" in run.stderr
    assert "'smallest_within:1sd'" in run.stderr
    assert stored_studies() == []
    best = invoke("best", "any", "--select", "fewest", "--storage", storage_url)
    assert best.exit_code == 2
    assert "The selection rule must be 'best'" in best.stderr
    assert "got 'fewest'" in best.stderr


def test_a_rule_the_study_cannot_follow_says_what_is_missing(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: ObjectiveModule,
    storage_url: str,
) -> None:
    config = write_config(TWO_OBJECTIVES.format(module=objective_module(COST_AND_ERROR)))
    assert invoke("run", str(config), "--storage", storage_url).exit_code == 0
    result = invoke("best", "front", "--select", "best", "--storage", storage_url)
    assert result.exit_code == 2
    assert "needs one trial best in every objective" in result.stderr
