"""Pruning from a config: training steps, pruned trials, and the budget the CLI says was saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith import TrialState

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

SGD_CANCER = """\
study: sgd-cancer
estimator:
  pipeline:
    - {name: scale, class: sklearn.preprocessing.StandardScaler}
    - {name: sgd, class: sklearn.linear_model.SGDClassifier,
       params: {learning_rate: constant, random_state: 0}}
dataset: {name: breast_cancer}
cv: 3
steps: {by: partial_fit, n_steps: 9}
space:
  sgd__eta0: {type: float, low: 1e-6, high: 1e-1, log: true}
pruner: {name: successive_halving, min_resource: 1, reduction_factor: 3}
sampler: random
seed: 0
n_trials: 10
"""


@pytest.fixture(scope="module")
def sgd_run(invoke: Invoke, tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, str]:
    folder = tmp_path_factory.mktemp("sgd-run")
    (folder / "sgd.yaml").write_text(SGD_CANCER, encoding="utf-8")
    storage_url = f"sqlite:///{folder / 'studies.db'}"
    result = invoke("run", str(folder / "sgd.yaml"), "--storage", storage_url)
    assert result.exit_code == 0, result.output
    return result, storage_url


def _budget_line(study: tunesmith.Study) -> str:
    """The line the CLI should print, computed here from the stored trials."""
    trials = study.trials
    pruned = [t for t in trials if t.state is TrialState.PRUNED]
    trained = sum(t.last_step or 0 for t in trials)
    unpruned = 9 * len(trials)
    return (
        f"Pruned {len(pruned)} of {len(trials)} trials: {trained} training steps instead of "
        f"{unpruned} without pruning ({unpruned - trained} saved, {unpruned / trained:.1f}x fewer)"
    )


def test_a_partial_fit_run_prunes_and_says_how_many_steps_it_saved(
    sgd_run: tuple[Result, str],
) -> None:
    result, storage_url = sgd_run
    study = tunesmith.load_study("sgd-cancer", storage_url)
    trials = study.trials

    pruned = [t for t in trials if t.state is TrialState.PRUNED]
    assert pruned, "successive halving pruned none of 10 trials of eta0 over 5 decades"
    for trial in pruned:
        assert trial.last_step is not None
        assert trial.last_step < 9
        assert trial.value == trial.intermediate_values[trial.last_step]
    for trial in study.get_trials([TrialState.COMPLETE]):
        assert sorted(trial.intermediate_values) == list(range(1, 10))
    assert _budget_line(study) in result.stdout


def test_show_gives_each_trials_last_step_and_the_budget(
    invoke: Invoke, sgd_run: tuple[Result, str]
) -> None:
    _, storage_url = sgd_run
    study = tunesmith.load_study("sgd-cancer", storage_url)

    result = invoke("show", "sgd-cancer", "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert "last step" in result.stdout
    rows = [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in result.stdout.splitlines()
        if line.startswith("│")
    ]
    shown = {row[0]: row[1:3] for row in rows}
    for trial in study.trials:
        assert shown[str(trial.number)] == [trial.state.name, str(trial.last_step)]
    assert _budget_line(study) in result.stdout


def test_best_adds_the_budget_line(invoke: Invoke, sgd_run: tuple[Result, str]) -> None:
    _, storage_url = sgd_run
    study = tunesmith.load_study("sgd-cancer", storage_url)

    result = invoke("best", "sgd-cancer", "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert f"Best trial {study.best_trial.number}" in result.stdout
    assert _budget_line(study) in result.stdout


def test_folds_are_steps_by_default_and_a_study_without_pruning_prints_no_budget_line(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = write_config(
        """\
        study: tree
        estimator: {class: sklearn.tree.DecisionTreeClassifier, params: {random_state: 0}}
        dataset: {name: iris}
        cv: 4
        space:
          max_depth: {type: int, low: 1, high: 4}
        n_trials: 3
        """
    )

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    study = tunesmith.load_study("tree", storage_url)
    assert all(sorted(t.intermediate_values) == [1, 2, 3, 4] for t in study.trials)
    assert "Pruned" not in result.stdout
    assert "training steps" not in result.stdout


def test_an_objective_that_reports_nothing_gets_no_budget_line(
    invoke: Invoke, write_config: WriteConfig, objective_module: Callable[[str], str],
    storage_url: str,
) -> None:  # fmt: skip
    module = objective_module(
        """\
        def objective(trial):
            return trial.suggest_float("x", -1.0, 1.0) ** 2
        """
    )
    config = write_config(f"objective: {module}:objective\nn_trials: 2\n")

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert "Pruned" not in result.stdout


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (
            "{by: partial_fit, n_steps: 5}",
            "field 'steps': Training by='partial_fit' needs an estimator with partial_fit; "
            "DecisionTreeClassifier has none",
        ),
        (
            "{by: warm_start, n_steps: 5}",
            "field 'steps': Training by='warm_start' needs an estimator with the hyperparameters "
            "'warm_start' and 'n_estimators'; DecisionTreeClassifier lacks warm_start;",
        ),
        ("{by: partial_fit}", "field 'steps': 'by: partial_fit' needs 'n_steps'"),
        ("{by: folds, n_steps: 3}", "field 'steps': 'n_steps' does not apply to 'by: folds'"),
        ("epochs", "field 'steps.by': must be one of"),
    ],
)
def test_steps_an_estimator_cannot_train_in_are_refused_before_any_trial(
    invoke: Invoke, write_config: WriteConfig, storage_url: str, steps: str, message: str
) -> None:
    config = write_config(
        f"""\
        estimator: {{class: sklearn.tree.DecisionTreeClassifier}}
        dataset: {{name: iris}}
        steps: {steps}
        space:
          max_depth: {{type: int, low: 1, high: 4}}
        n_trials: 3
        """
    )

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 2
    assert message in result.stderr
    assert not Path(storage_url.removeprefix("sqlite:///")).exists()


def test_resuming_with_other_training_steps_is_refused(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    text = """\
        estimator: {class: sklearn.linear_model.SGDClassifier, params: {random_state: 0}}
        dataset: {name: iris}
        cv: 2
        steps: {by: partial_fit, n_steps: 2}
        space:
          alpha: {type: float, low: 1e-5, high: 1e-1, log: true}
        n_trials: 1
        """
    config = write_config(text)
    assert invoke("run", str(config), "--storage", storage_url).exit_code == 0
    config = write_config(text.replace("n_steps: 2", "n_steps: 3"))

    result = invoke("run", str(config), "--resume", "--n-trials", "2", "--storage", storage_url)

    assert result.exit_code == 2
    assert (
        "the objective differs (the function, or the estimator, dataset, scoring, cv or steps)"
        in (result.stderr)
    )
