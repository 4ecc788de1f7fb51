"""Every trial of an estimator study records its model's size: n_parameters and n_bytes."""

from __future__ import annotations

from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith import TrialState
from tunesmith.integrations.sklearn import CrossValidationObjective

X, Y = load_iris(return_X_y=True)  # 150 samples, 4 features, 3 classes


def optimized(objective: CrossValidationObjective, n_trials: int = 2) -> tunesmith.Study:
    study = tunesmith.create_study(direction="maximize", sampler="random", seed=0)
    study.optimize(objective, n_trials=n_trials)
    return study


def test_each_trial_records_the_size_of_its_model() -> None:
    objective = CrossValidationObjective(
        LogisticRegression(max_iter=1000),
        X,
        Y,
        cv=3,
        space={"C": tunesmith.Float(0.1, 10, log=True), "fit_intercept": [True, False]},
    )

    study = optimized(objective, n_trials=4)

    for trial in study.trials:
        weights = 3 * 4 + (3 if trial.params["fit_intercept"] else 0)
        assert trial.user_attrs["n_parameters"] == weights
        assert trial.user_attrs["n_bytes"] == 8 * weights


def test_the_size_is_that_of_the_model_fitted_on_the_first_fold() -> None:
    # Three folds of 150 samples: the first model is fitted on 100, which kNN stores.
    objective = CrossValidationObjective(
        KNeighborsClassifier(), X, Y, cv=3, space={"n_neighbors": [1, 5]}
    )

    study = optimized(objective)

    assert [t.user_attrs["n_parameters"] for t in study.trials] == [100 * 4 + 100] * 2


def test_deeper_trees_record_more_parameters() -> None:
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0), X, Y, cv=3, space={"max_depth": [1, 6]}
    )
    study = tunesmith.create_study(direction="maximize", seed=0)
    study.enqueue_trial({"max_depth": 1})
    study.enqueue_trial({"max_depth": 6})

    study.optimize(objective, n_trials=2)

    stump, deep = study.trials
    assert stump.user_attrs["n_parameters"] == 2 * 1 + 3 * 2  # one split, two leaves of 3 classes
    assert deep.user_attrs["n_parameters"] > stump.user_attrs["n_parameters"]


def test_a_model_tunesmith_cannot_count_still_completes_without_a_size() -> None:
    objective = CrossValidationObjective(
        GaussianNB(), X, Y, cv=3, space={"var_smoothing": [1e-9, 1e-8]}
    )

    [trial] = optimized(objective, n_trials=1).trials

    assert trial.state is TrialState.COMPLETE
    assert "n_parameters" not in trial.user_attrs
