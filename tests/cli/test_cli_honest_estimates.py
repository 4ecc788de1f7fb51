"""Overfitting warnings, the held-out test score and the selection-bias corrected estimate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith.analysis import held_out_score, overfitting, selection_bias

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]
ObjectiveModule = Callable[[str], str]

# Deep trees learn the training folds by heart: train accuracy 1.0, validation lower.
DEEP_TREES = """\
study: trees
estimator:
  class: sklearn.tree.DecisionTreeClassifier
  params: {random_state: 0}
dataset: {name: breast_cancer}
scoring: accuracy
cv: 5
space:
  max_depth: [30]
  min_samples_leaf: [1, 4]
sampler: grid
"""

QUADRATIC = """\
def quadratic(trial):
    return (trial.params["x"] - 0.5) ** 2
"""


def _score(value: float) -> str:
    return f"{value:.3f}"


def test_run_and_show_do_not_warn_about_a_best_trial_nothing_fitting_less_matches(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    # Both trees memorise (train 1.0 or near it) and the deeper-fitting one validates best:
    # no trial fits less and validates as well, so the calibrated warning stays quiet.
    run = invoke("run", str(write_config(DEEP_TREES)), "--storage", storage_url)
    assert run.exit_code == 0, run.output

    study = tunesmith.load_study("trees", storage_url)
    records = {record.number: record for record in overfitting(study)}
    best = records[study.best_trial.number]
    assert best.gap > 0.05
    assert not best.flagged
    estimate = selection_bias(study)
    corrected = (
        f"Best CV accuracy {_score(estimate.best_cv_score)} (trial {estimate.trial_number}) · "
        f"selection-bias corrected estimate {_score(estimate.corrected_score)} "
        "(Tibshirani & Tibshirani 2009)"
    )
    show = invoke("show", "trees", "--storage", storage_url)
    best_command = invoke("best", "trees", "--storage", storage_url)
    for result in (run, show, best_command):
        assert "may overfit" not in result.stdout
        assert corrected in result.stdout
    for result in (run, show):
        assert "train score" in result.stdout
        assert "gap" in result.stdout


@pytest.mark.slow
def test_the_svm_example_warns_about_few_trials_not_most(invoke: Invoke, storage_url: str) -> None:
    example = Path(__file__).parents[2] / "examples" / "svm_breast_cancer.yaml"

    run = invoke("run", str(example), "--storage", storage_url)

    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("svm-breast-cancer", storage_url)
    records = overfitting(study)
    flagged = [record for record in records if record.flagged]
    assert f"{len(flagged)} of 30 trials with a train score may overfit" in run.stdout
    assert 0 < len(flagged) <= 10
    best = max(record.validation for record in records)
    for record in flagged:  # what a person calls overfit: train near 1, validation well below
        assert record.train > 0.98
        assert record.validation < best - 0.03


def test_overfit_gap_in_the_config_sets_the_threshold_for_run_and_show(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = write_config(DEEP_TREES + "overfit_gap: 0.5\n")

    run = invoke("run", str(config), "--storage", storage_url)
    show = invoke("show", "trees", "--storage", storage_url)

    assert run.exit_code == 0, run.output
    for result in (run, show):
        assert "may overfit" not in result.stdout
        assert "selection-bias corrected estimate" in result.stdout


def test_test_size_holds_data_out_and_scores_the_chosen_trial_on_it(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = write_config(DEEP_TREES + "test_size: 0.2\nseed: 3\n")

    run = invoke("run", str(config), "--storage", storage_url)

    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("trees", storage_url)
    held = held_out_score(study)
    assert held is not None
    assert (held.n_test_samples, held.n_tuning_samples) == (114, 455)  # of 569 samples
    assert held.trial_number == study.best_trial.number
    assert held.cv_score == study.best_value
    # The same stratified, seeded split and refit, done by hand, give the same score.
    features, target = load_breast_cancer(return_X_y=True)
    tune_x, test_x, tune_y, test_y = train_test_split(
        features, target, test_size=0.2, random_state=3, stratify=target
    )
    model = DecisionTreeClassifier(random_state=0, **study.best_params).fit(tune_x, tune_y)
    assert held.test_score == accuracy_score(test_y, model.predict(test_x))
    line = (
        f"Best CV accuracy {_score(held.cv_score)} (trial {held.trial_number}, optimistic) · "
        f"held-out test accuracy {_score(held.test_score)} on 114 samples"
    )
    show = invoke("show", "trees", "--storage", storage_url)
    best = invoke("best", "trees", "--storage", storage_url)
    for result in (run, show, best):
        assert line in result.stdout
        assert "selection-bias" not in result.stdout


def test_the_held_out_refit_trains_in_the_epochs_the_trials_trained(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = write_config(
        """\
        study: sgd
        estimator:
          class: sklearn.linear_model.SGDClassifier
          params: {random_state: 0}
        dataset: {name: breast_cancer}
        space:
          alpha: [0.001]
        sampler: grid
        steps: {by: partial_fit, n_steps: 3}
        test_size: 0.25
        """
    )

    run = invoke("run", str(config), "--storage", storage_url)

    assert run.exit_code == 0, run.output
    held = held_out_score(tunesmith.load_study("sgd", storage_url))
    assert held is not None
    features, target = load_breast_cancer(return_X_y=True)
    tune_x, test_x, tune_y, test_y = train_test_split(
        features, target, test_size=0.25, random_state=0, stratify=target
    )
    model = SGDClassifier(random_state=0, alpha=0.001)
    for _ in range(3):  # three epochs, as each fold of the trial trained; not a full fit
        model.partial_fit(tune_x, tune_y, classes=np.unique(target))
    assert held.test_score == model.score(test_x, test_y)


def test_resuming_with_another_test_size_is_refused(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    first = write_config(DEEP_TREES + "test_size: 0.2\nn_trials: 1\n")
    assert invoke("run", str(first), "--storage", storage_url).exit_code == 0
    changed = write_config(DEEP_TREES + "test_size: 0.3\n")

    result = invoke("run", str(changed), "--resume", "--storage", storage_url)

    assert result.exit_code == 2
    assert "the objective differs" in result.stderr


def test_a_study_without_train_or_fold_scores_prints_no_estimates(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: ObjectiveModule,
    storage_url: str,
) -> None:
    config = write_config(
        f"""\
        study: plain
        objective: {objective_module(QUADRATIC)}:quadratic
        space:
          x: {{type: float, low: 0.0, high: 1.0}}
        seed: 0
        n_trials: 3
        """
    )

    run = invoke("run", str(config), "--storage", storage_url)
    show = invoke("show", "plain", "--storage", storage_url)

    assert "Best trial" in run.stdout
    for result in (run, show):
        assert result.exit_code == 0, result.output
        assert "may overfit" not in result.stdout
        assert "selection-bias" not in result.stdout
        assert "train score" not in result.stdout


BAD_VALUES = {
    "test_size 0": ("test_size: 0", ["field 'test_size'", "strictly between 0 and 1", "got 0."]),
    "test_size 1.5": ("test_size: 1.5", ["field 'test_size'", "between 0 and 1", "got 1.5."]),
    "test_size x": ("test_size: x", ["field 'test_size'", "must be a number", "got 'x'."]),
    "test_size too small to stratify": (
        "test_size: 0.001",
        ["field 'test_size'", "stratified by class", "got 0.001."],
    ),
    "overfit_gap negative": (
        "overfit_gap: -0.1",
        ["field 'overfit_gap'", "must be at least 0", "got -0.1."],
    ),
    "overfit_gap x": ("overfit_gap: x", ["field 'overfit_gap'", "must be a number", "got 'x'."]),
}


@pytest.mark.parametrize(("line", "fragments"), list(BAD_VALUES.values()), ids=list(BAD_VALUES))
def test_bad_test_size_or_overfit_gap_is_refused_naming_the_field(
    line: str,
    fragments: list[str],
    invoke: Invoke,
    write_config: WriteConfig,
    storage_url: str,
    stored_studies: Callable[[], list[str]],
) -> None:
    config = write_config(DEEP_TREES + line + "\n")

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {config}: ")
    for fragment in fragments:
        assert fragment in result.stderr
    assert stored_studies() == []


def test_test_size_applies_to_an_estimator_only(
    invoke: Invoke, write_config: WriteConfig, objective_module: ObjectiveModule
) -> None:
    config = write_config(
        f"objective: {objective_module(QUADRATIC)}:quadratic\n"
        "space: {x: {type: float, low: 0, high: 1}}\nn_trials: 1\ntest_size: 0.2\n"
    )

    result = invoke("run", str(config))

    assert result.exit_code == 2
    assert "'test_size' apply to an 'estimator' only" in result.stderr


@pytest.mark.slow
def test_on_pure_noise_the_best_cv_score_beats_chance_but_the_held_out_score_does_not(
    invoke: Invoke, write_config: WriteConfig, tmp_path: Path, storage_url: str
) -> None:
    # Labels are coin flips: no model can beat 0.5 on new data. Picking the best of 30
    # random trees by a cross-validation score on 60 samples picks lucky noise.
    rng = np.random.default_rng(0)
    features = rng.normal(size=(600, 20))
    labels = rng.integers(0, 2, size=600)
    rows = [
        ",".join(f"{value:.6f}" for value in row) + f",{label}"
        for row, label in zip(features, labels, strict=True)
    ]
    header = ",".join(f"x{column}" for column in range(20)) + ",label"
    (tmp_path / "noise.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    config = write_config(
        """\
        study: noise
        estimator: {class: sklearn.tree.ExtraTreeClassifier}
        dataset: {csv: noise.csv, target: label}
        scoring: accuracy
        cv: 4
        space:
          max_depth: {type: int, low: 2, high: 8}
          random_state: {type: int, low: 0, high: 100000}
        sampler: random
        seed: 0
        n_trials: 30
        test_size: 0.9
        """
    )

    run = invoke("run", str(config), "--storage", storage_url)

    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("noise", storage_url)
    held = held_out_score(study)
    assert held is not None
    assert held.n_test_samples == 540
    assert held.cv_score >= 0.56  # "well above chance", by luck alone
    assert abs(held.test_score - 0.5) <= 0.1  # 540 coin flips: chance, give or take
    assert f"held-out test accuracy {_score(held.test_score)} on 540 samples" in run.stdout
    # Without a held-out set, the corrected estimate moves the best score towards chance.
    estimate = selection_bias(study)
    assert abs(estimate.corrected_score - 0.5) < estimate.best_cv_score - 0.5
