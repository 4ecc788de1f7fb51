"""CrossValidationObjective scores configurations, records fold details, survives bad fits."""

from __future__ import annotations

import pickle
import threading
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith import TrialState
from tunesmith.integrations.sklearn import CrossValidationObjective
from tunesmith.integrations.sklearn.capture import capture_warnings

X, Y = load_iris(return_X_y=True)


def _study() -> tunesmith.Study:
    return tunesmith.create_study(direction="maximize", sampler="random", seed=0)


def test_the_value_is_the_mean_test_score_and_folds_are_recorded() -> None:
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0),
        X,
        Y,
        "accuracy",
        3,
        space={"max_depth": tunesmith.Int(1, 4)},
    )
    study = _study()

    study.optimize(objective, n_trials=2)

    for trial in study.trials:
        folds = [trial.user_attrs[f"split{k}_test_score"] for k in range(3)]
        assert trial.value == pytest.approx(np.mean(folds))
        assert trial.user_attrs["std_test_score"] == pytest.approx(np.std(folds))
        assert 0 < trial.user_attrs["mean_train_score"] <= 1
        assert set(trial.params) == {"max_depth"}


def test_the_estimator_given_is_never_fitted() -> None:
    estimator = DecisionTreeClassifier(random_state=0)
    objective = CrossValidationObjective(estimator, X, Y, space={"max_depth": [2, 3]})

    _study().optimize(objective, n_trials=1)

    assert not hasattr(estimator, "tree_")


def test_a_pickled_objective_gives_the_same_scores() -> None:
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0), X, Y, cv=2, space={"max_depth": [1, 3]}
    )
    copy = pickle.loads(pickle.dumps(objective))
    first, second = _study(), _study()

    first.optimize(objective, n_trials=2)
    second.optimize(copy, n_trials=2)

    assert [t.value for t in first.trials] == [t.value for t in second.trials]


def test_a_fit_that_raises_fails_the_trial_with_its_reason() -> None:
    # Three folds of iris train on 100 samples: 150 neighbours cannot be found.
    objective = CrossValidationObjective(
        KNeighborsClassifier(), X, Y, cv=3, space={"n_neighbors": [150]}
    )
    study = _study()

    study.optimize(objective, n_trials=1, catch=(ValueError,))

    [trial] = study.trials
    assert trial.state is TrialState.FAIL
    assert trial.system_attrs["fail_reason"].startswith("ValueError")


def test_convergence_warnings_are_recorded_not_raised() -> None:
    # pytest turns warnings into errors here; the objective must keep them to itself.
    objective = CrossValidationObjective(
        LogisticRegression(max_iter=1), X, Y, cv=2, space={"C": [1.0]}
    )
    study = _study()

    study.optimize(objective, n_trials=1)

    [trial] = study.trials
    assert trial.state is TrialState.COMPLETE
    assert any(w.startswith("ConvergenceWarning") for w in trial.user_attrs["warnings"])


def test_captures_in_threads_keep_their_own_warnings_and_restore_the_filters() -> None:
    filters_before = list(warnings.filters)
    caught: dict[str, list[str]] = {}
    barrier = threading.Barrier(2)

    def warn(name: str) -> None:
        with capture_warnings() as records:
            barrier.wait()
            warnings.warn(f"from {name}", UserWarning, stacklevel=1)
            barrier.wait()
        caught[name] = records

    threads = [threading.Thread(target=warn, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert caught == {"a": ["UserWarning: from a"], "b": ["UserWarning: from b"]}
    assert warnings.filters == filters_before
