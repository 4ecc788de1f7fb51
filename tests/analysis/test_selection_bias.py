"""selection_bias(study) and tibshirani_bias: the best CV score's optimism, from fold scores."""

from __future__ import annotations

import doctest
import importlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith.analysis import SelectionBias, selection_bias, tibshirani_bias
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.integrations.sklearn import CrossValidationObjective

# Three trials scored on four folds; trial 1 has the best mean (0.8) but not every fold's best.
FOLDS = np.array(
    [
        [0.70, 0.90, 0.60, 0.80],
        [0.85, 0.75, 0.80, 0.80],
        [0.80, 0.70, 0.90, 0.60],
    ]
)


def test_the_bias_is_the_mean_gap_to_each_folds_best() -> None:
    # Fold by fold: best 0.85, 0.90, 0.90, 0.80; trial 1 got 0.85, 0.75, 0.80, 0.80.
    by_hand = ((0.85 - 0.85) + (0.90 - 0.75) + (0.90 - 0.80) + (0.80 - 0.80)) / 4

    assert tibshirani_bias(FOLDS, chosen=1) == pytest.approx(by_hand)
    assert tibshirani_bias(FOLDS[1:2], chosen=0) == 0.0  # one trial: nothing was picked


def _study_of(
    folds: Sequence[Sequence[float | None]], direction: str, storage: str | None = None
) -> tunesmith.Study:
    study = tunesmith.create_study(storage=storage, direction=direction)
    for scores in folds:
        trial = study.ask()
        for fold, score in enumerate(scores):
            trial.set_user_attr(f"split{fold}_test_score", score)
        known = [score for score in scores if score is not None]
        study.tell(trial, float(np.mean(known)))
    return study


def test_a_study_gets_the_formula_and_a_corrected_score_below_its_best(tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'studies.db'}"
    _study_of(FOLDS.tolist(), "maximize", storage)
    study = tunesmith.load_study(tunesmith.list_studies(storage)[0].study_name, storage)

    estimate = selection_bias(study)

    best = FOLDS.mean(axis=1).max()
    bias = np.mean(FOLDS.max(axis=0) - FOLDS[1])
    assert estimate == SelectionBias(
        trial_number=1,
        best_cv_score=pytest.approx(best),
        estimated_bias=pytest.approx(bias),
        corrected_score=pytest.approx(best - bias),
        n_trials=3,
        n_folds=4,
    )
    assert estimate.corrected_score <= estimate.best_cv_score


def test_for_a_minimised_loss_the_correction_raises_the_best_loss() -> None:
    losses = 1.0 - FOLDS
    estimate = selection_bias(_study_of(losses.tolist(), "minimize"))

    assert estimate.trial_number == 1
    assert estimate.best_cv_score == pytest.approx(losses.mean(axis=1).min())
    assert estimate.estimated_bias == pytest.approx(np.mean(losses[1] - losses.min(axis=0)))
    assert estimate.corrected_score > estimate.best_cv_score


def test_only_trials_with_every_folds_score_count() -> None:
    # Trial 3 scored NaN on a fold and trial 4 was cut short: neither counts.
    rows = [*FOLDS.tolist(), [0.99, 0.99, None, 0.99], [0.99, 0.99]]

    estimate = selection_bias(_study_of(rows, "maximize"))

    assert (estimate.n_trials, estimate.trial_number) == (3, 1)
    assert estimate.estimated_bias == pytest.approx(tibshirani_bias(FOLDS, chosen=1))


def test_a_real_search_is_corrected_downwards(tmp_path: Path) -> None:
    features, target = load_breast_cancer(return_X_y=True)
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0),
        features,
        target,
        "accuracy",
        5,
        space={"max_depth": tunesmith.Int(1, 8), "min_samples_leaf": tunesmith.Int(1, 30)},
    )
    study = tunesmith.create_study(
        storage=f"sqlite:///{tmp_path / 'trees.db'}",
        direction="maximize",
        sampler="random",
        seed=0,
    )
    study.optimize(objective, n_trials=8)

    estimate = selection_bias(study)

    assert estimate.best_cv_score == study.best_value
    assert estimate.trial_number == study.best_trial.number
    assert estimate.estimated_bias > 0  # no single tree is best on every fold
    assert estimate.corrected_score == estimate.best_cv_score - estimate.estimated_bias


def test_a_study_without_fold_scores_gets_a_clear_error() -> None:
    study = tunesmith.create_study(sampler="random", seed=0)

    with pytest.raises(NoCompletedTrialsError, match="no completed trial"):
        selection_bias(study)

    study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=2)
    with pytest.raises(InvalidArgumentError, match="split0_test_score"):
        selection_bias(study)


@pytest.mark.parametrize(
    ("scores", "chosen", "problem"),
    [
        ([0.9, 0.8], 0, "shape"),
        ([[0.9, float("nan")]], 0, "finite"),
        (np.empty((0, 3)), 0, "non-empty"),
        (FOLDS, 3, "'chosen'"),
        (FOLDS, -1, "'chosen'"),
    ],
)
def test_bad_score_matrices_are_refused(scores: object, chosen: int, problem: str) -> None:
    with pytest.raises(InvalidArgumentError, match=problem):
        tibshirani_bias(scores, chosen)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["overfitting", "selection_bias", "held_out"])
def test_the_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(f"tunesmith.analysis.{name}")
    failures, attempted = doctest.testmod(module)
    assert failures == 0
    assert attempted > 0
