"""`tunesmith inspect CONFIG --set NAME=VALUE`: fit once, print hyperparameters and parameters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

LOGISTIC_IRIS = """\
estimator:
  class: sklearn.linear_model.LogisticRegression
  params: {max_iter: 1000}
dataset: {name: iris}
space:
  C: {type: float, low: 1e-3, high: 100, log: true}
  fit_intercept: [true, false]
  max_iter: {type: int, low: 1, high: 2000}
n_trials: 3
"""

PCA_PIPELINE = """\
estimator:
  pipeline:
    - {name: scale, class: sklearn.preprocessing.StandardScaler}
    - {name: pca, class: sklearn.decomposition.PCA}
    - {name: clf, class: sklearn.linear_model.LogisticRegression, params: {max_iter: 1000}}
dataset: {name: iris}
space:
  pca__n_components: {type: int, low: 1, high: 4}
  clf__C: {type: float, low: 1e-2, high: 10, log: true}
n_trials: 3
"""


def rows(output: str) -> dict[str, list[str]]:
    """Table rows by their first cell: "│ coef_ │ (3, 4) │ 12 │ 96 │" -> {"coef_": [...]}."""
    found = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if len(cells) > 1:
            found[cells[0]] = cells[1:]
    return found


def test_inspect_prints_the_hyperparameters_and_the_parameters_learned(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    config = write_config(LOGISTIC_IRIS)

    result = invoke("inspect", str(config), "--set", "C=0.5")

    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert "Hyperparameters of LogisticRegression" in result.stdout
    assert table["C"] == ["0.5"]
    assert table["max_iter"] == ["1000"]  # not set: the config's own value
    assert "Parameters of LogisticRegression" in result.stdout
    # iris: 4 features, 3 classes.
    assert table["coef_"] == ["(3, 4)", "12", "96"]
    assert table["intercept_"] == ["(3,)", "3", "24"]
    assert table["total"] == ["", "15", "120"]
    assert "LogisticRegression learned 15 parameters (120 bytes) from 150 samples." in result.stdout


def test_set_values_change_what_the_model_learns(invoke: Invoke, write_config: WriteConfig) -> None:
    config = write_config(LOGISTIC_IRIS)

    result = invoke("inspect", str(config), "--set", "fit_intercept=false")

    assert result.exit_code == 0, result.output
    assert rows(result.stdout)["fit_intercept"] == ["False"]
    assert "intercept_" not in rows(result.stdout)
    assert "learned 12 parameters" in result.stdout


def test_a_pipeline_shows_each_steps_parameters_under_its_name(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    config = write_config(PCA_PIPELINE)

    result = invoke("inspect", str(config), "--set", "pca__n_components=2", "--set", "clf__C=1")

    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table["pca__n_components"] == ["2"]
    assert table["pca.components_"] == ["(2, 4)", "8", "64"]
    assert table["clf.coef_"] == ["(3, 2)", "6", "48"]
    # scaler 2 x 4, PCA 2 x 4 + 4, classifier 3 x 2 + 3.
    assert table["total"][1] == str(8 + 12 + 9)


def test_warnings_of_the_fit_are_shown_on_stderr(invoke: Invoke, write_config: WriteConfig) -> None:
    config = write_config(LOGISTIC_IRIS)

    result = invoke("inspect", str(config), "--set", "max_iter=1")

    assert result.exit_code == 0, result.output
    assert "Warning from fit: ConvergenceWarning" in result.stderr


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        (
            "c=1",
            "must name a hyperparameter of the config's space (C, fit_intercept, max_iter); "
            "got 'c'. Did you mean 'C'?",
        ),
        (
            "C=abc",
            "The '--set' value of C must be a float in [0.001, 100.0] (log scale), "
            "as the config's space says; got 'abc'.",
        ),
        ("C=1000", "got '1000'"),
        ("max_iter=2.5", "The '--set' value of max_iter must be an int in [1, 2000]"),
        ("fit_intercept=maybe", "must be one of [True, False]"),
        ("C", "The '--set' option must be NAME=VALUE, such as C=10; got 'C'."),
    ],
)
def test_a_bad_set_is_refused_with_the_rule_and_the_value(
    invoke: Invoke, write_config: WriteConfig, assignment: str, expected: str
) -> None:
    config = write_config(LOGISTIC_IRIS)

    result = invoke("inspect", str(config), "--set", assignment)

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert expected in result.stderr
    assert "Parameters of" not in result.stdout


def test_a_hyperparameter_set_twice_is_refused(invoke: Invoke, write_config: WriteConfig) -> None:
    config = write_config(LOGISTIC_IRIS)

    result = invoke("inspect", str(config), "--set", "C=1", "--set", "C=2")

    assert result.exit_code == 2
    assert "must give each hyperparameter once; got C twice" in result.stderr


def test_an_objective_config_has_no_estimator_to_inspect(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    config = write_config("objective: examples_module:objective\nn_trials: 1\n")

    result = invoke("inspect", str(config))

    assert result.exit_code == 2
    assert "'tunesmith inspect' fits the config's 'estimator'" in result.stderr
    assert "tunesmith.inspect(model)" in result.stderr


def test_an_estimator_tunesmith_cannot_count_is_named(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    config = write_config(
        """\
        estimator: {class: sklearn.naive_bayes.GaussianNB}
        dataset: {name: iris}
        space:
          var_smoothing: {type: float, low: 1e-12, high: 1e-6, log: true}
        """
    )

    result = invoke("inspect", str(config))

    assert result.exit_code == 2
    assert "got GaussianNB (sklearn.naive_bayes" in result.stderr
    assert "__tunesmith_parameters__()" in result.stderr


def test_a_fit_that_raises_is_reported_with_its_reason(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    config = write_config(
        """\
        estimator: {class: sklearn.svm.SVC}
        dataset: {name: iris}
        space:
          kernel: [rbf, precomputed]
        """
    )

    result = invoke("inspect", str(config), "--set", "kernel=precomputed")

    assert result.exit_code == 1
    assert "Error: fitting the estimator raised ValueError:" in result.stderr


def test_help_lists_inspect_and_explains_set(invoke: Invoke) -> None:
    assert "inspect" in invoke("--help").stdout

    text = " ".join(invoke("inspect", "--help").stdout.split())

    assert "--set NAME=VALUE" in text
    assert "hyperparameters it was set to before training" in text
