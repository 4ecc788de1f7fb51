"""`objectives: [score, n_parameters]` tunes an estimator's score and its model's size together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result

import tunesmith
from tunesmith.cli.config import load_config
from tunesmith.cli.fingerprint import config_fingerprint
from tunesmith.exceptions import ConfigError

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

TREES = """\
study: tree-size
estimator:
  class: sklearn.tree.DecisionTreeClassifier
  params: {random_state: 0}
dataset: {name: iris}
cv: 2
space:
  max_depth: [1, 2, 4]
sampler: grid
n_trials: 3
"""
SIZE = "objectives: [score, n_parameters]\n"


def test_each_trial_returns_its_score_and_its_parameter_count(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    result = invoke("run", str(write_config(TREES + SIZE)), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    study = tunesmith.load_study("tree-size", storage_url)
    assert [d.value for d in study.directions] == ["maximize", "minimize"]
    for trial in study.trials:
        folds = [trial.user_attrs["split0_test_score"], trial.user_attrs["split1_test_score"]]
        assert trial.values == pytest.approx([np.mean(folds), trial.user_attrs["n_parameters"]])
    # Deeper trees are larger: depth 1 has one split and two leaves of 3 class values.
    sizes = {t.params["max_depth"]: t.values[1] for t in study.trials if t.values}
    assert sizes[1] == 2 + 2 * 3 < sizes[2] < sizes[4]
    assert "Pareto front of tree-size" in result.stdout
    assert "Hypervolume of the Pareto front" in result.stdout


def test_score_alone_is_the_one_objective_study(write_config: WriteConfig) -> None:
    config = load_config(write_config(TREES + "objectives: [score]\n"))

    assert config.study_directions == ["maximize"]


def _refusal(text: str, write_config: WriteConfig) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(text))
    return str(caught.value)


@pytest.mark.parametrize(
    ("objectives", "rule", "shown"),
    [
        ("[score, n_params]", "must be one of score, n_parameters", "['score', 'n_params']"),
        ("[n_parameters, score]", "must start with 'score'", "['n_parameters', 'score']"),
        (
            "[score, n_parameters, n_parameters]",
            "must not name an objective twice",
            "['score', 'n_parameters', 'n_parameters']",
        ),
        ("[]", "must not be empty", "[]"),
    ],
    ids=["unknown name", "score not first", "duplicate", "empty"],
)
def test_bad_objectives_are_refused_naming_field_rule_and_value(
    objectives: str, rule: str, shown: str, write_config: WriteConfig
) -> None:
    message = _refusal(TREES + f"objectives: {objectives}\n", write_config)

    assert "field 'objectives'" in message
    assert rule in message
    assert f"got {shown}" in message


@pytest.mark.parametrize("direction", ["direction: maximize", "directions: [maximize]"])
def test_objectives_do_not_go_with_directions(direction: str, write_config: WriteConfig) -> None:
    message = _refusal(TREES + SIZE + direction + "\n", write_config)

    assert "field 'objectives'" in message
    assert "not both" in message
    assert "got objectives=['score', 'n_parameters']" in message


def test_objectives_apply_to_an_estimator_only(write_config: WriteConfig) -> None:
    text = "objective: my_module:f\nn_trials: 2\n" + SIZE

    message = _refusal(text, write_config)

    assert "field 'objectives'" in message
    assert "'estimator' only" in message
    assert "got objectives=['score', 'n_parameters']" in message


def test_a_size_objective_changes_the_resume_fingerprint(write_config: WriteConfig) -> None:
    plain = config_fingerprint(load_config(write_config(TREES, "plain.yaml")))
    score = config_fingerprint(load_config(write_config(TREES + "objectives: [score]\n", "s.yaml")))
    sized = config_fingerprint(load_config(write_config(TREES + SIZE, "sized.yaml")))

    assert sized["objective"] != plain["objective"]
    assert score == plain


def test_resuming_with_other_objectives_is_refused(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    first = invoke("run", str(write_config(TREES)), "--storage", storage_url)
    assert first.exit_code == 0, first.output

    result = invoke("run", str(write_config(TREES + SIZE)), "--storage", storage_url, "--resume")

    assert result.exit_code != 0
    assert "Cannot resume study 'tree-size'" in result.stderr
    assert "the objective differs" in result.stderr


def test_a_model_tunesmith_cannot_count_fails_its_trials_saying_why(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    text = """\
study: bayes-size
estimator: {class: sklearn.naive_bayes.GaussianNB}
dataset: {name: iris}
cv: 2
space:
  var_smoothing: [1.0e-9, 1.0e-6]
sampler: grid
n_trials: 2
"""
    result = invoke("run", str(write_config(text + SIZE)), "--storage", storage_url)

    assert "2 trials: 0 complete, 0 pruned, 2 failed" in result.stdout
    study = tunesmith.load_study("bayes-size", storage_url)
    reasons = {trial.system_attrs.get("fail_reason", "") for trial in study.trials}
    assert all("cannot count those of GaussianNB" in r for r in reasons), reasons
    assert all("drop n_parameters from 'objectives'" in r for r in reasons), reasons


def test_the_front_is_headed_by_the_score_and_the_size_shown_once(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = TREES.replace("cv: 2\n", "cv: 2\nscoring: accuracy\n") + SIZE
    result = invoke("run", str(write_config(config)), "--storage", storage_url)
    assert result.exit_code == 0, result.output
    shown = invoke("show", "tree-size", "--storage", storage_url)
    for output in (result.stdout, shown.stdout):
        assert "accuracy (maximize)" in output
        assert "n_parameters (minimize)" in output
        assert output.count("n_parameters") == 1
        assert "value 0" not in output
