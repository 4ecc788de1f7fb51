"""TuneSearchCV behaves as GridSearchCV where they overlap, and adds studies, rules and pruning."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_iris, make_classification
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith import TrialState
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.sklearn import TuneSearchCV

X, Y = load_iris(return_X_y=True)
GRID = {"C": [0.01, 0.1, 1.0, 10.0], "kernel": ["rbf", "linear"]}


def _timeless(results: dict[str, object]) -> list[str]:
    """scikit-learn's keys without the timings (and tunesmith's one added key, ``state``)."""
    return sorted(key for key in results if "time" not in key and key != "state")


def test_a_grid_gives_what_grid_search_cv_gives() -> None:
    ours = TuneSearchCV(SVC(), GRID, cv=3, return_train_score=True).fit(X, Y)
    theirs = GridSearchCV(SVC(), GRID, cv=3, return_train_score=True).fit(X, Y)

    # Every scikit-learn key, and the trial's state (the one key tunesmith adds).
    assert sorted(ours.cv_results_) == sorted([*theirs.cv_results_, "state"])
    assert list(ours.cv_results_["state"]) == ["COMPLETE"] * 8
    assert ours.best_params_ == theirs.best_params_
    assert ours.best_score_ == pytest.approx(theirs.best_score_)
    assert ours.best_index_ == theirs.best_index_
    assert ours.cv_results_["params"] == theirs.cv_results_["params"]
    for key in _timeless(theirs.cv_results_):
        if key.startswith("param"):
            assert list(ours.cv_results_[key]) == list(theirs.cv_results_[key]), key
        else:
            np.testing.assert_allclose(ours.cv_results_[key], theirs.cv_results_[key], err_msg=key)
    assert ours.n_splits_ == 3
    assert ours.refit_time_ >= 0
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X, Y) == pytest.approx(theirs.score(X, Y))
    np.testing.assert_array_equal(ours.classes_, [0, 1, 2])
    assert len(ours.study_.trials) == 8


def test_clone_and_get_params_round_trip() -> None:
    search = TuneSearchCV(SVC(), GRID, n_trials=3, cv=4, select="smallest_within:1se")
    copy = clone(search)

    assert copy.get_params(deep=False).keys() == search.get_params(deep=False).keys()
    assert copy.select == "smallest_within:1se"
    assert copy.cv == 4
    assert search.get_params()["estimator__C"] == 1.0
    search.set_params(n_trials=2, estimator__C=5.0)
    assert search.n_trials == 2
    assert search.estimator.C == 5.0


def test_pipeline_hyperparameters_by_step_name() -> None:
    pipeline = Pipeline([("pca", PCA()), ("clf", LogisticRegression(max_iter=500))])
    space = {"pca__n_components": tunesmith.Int(1, 4), "clf__C": tunesmith.Float(0.1, 10, log=True)}

    search = TuneSearchCV(pipeline, space, n_trials=4, cv=3, random_state=0).fit(X, Y)

    assert set(search.best_params_) == {"pca__n_components", "clf__C"}
    fitted_pca = search.best_estimator_.named_steps["pca"]
    assert fitted_pca.n_components_ == search.best_params_["pca__n_components"]
    assert search.cv_results_["param_pca__n_components"].dtype.kind == "i"


def test_several_metrics_refit_by_name() -> None:
    scoring = {"acc": "accuracy", "f1": "f1_macro"}
    ours = TuneSearchCV(SVC(), GRID, cv=3, scoring=scoring, refit="f1").fit(X, Y)
    theirs = GridSearchCV(SVC(), GRID, cv=3, scoring=scoring, refit="f1").fit(X, Y)

    assert _timeless(ours.cv_results_) == _timeless(theirs.cv_results_)
    assert ours.multimetric_
    assert ours.best_params_ == theirs.best_params_
    assert ours.best_score_ == pytest.approx(theirs.best_score_)
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_acc"], theirs.cv_results_["mean_test_acc"]
    )
    assert ours.score(X, Y) == pytest.approx(theirs.score(X, Y))


def test_several_metrics_without_refit_leave_no_best_model() -> None:
    search = TuneSearchCV(SVC(), GRID, cv=3, scoring=["accuracy", "f1_macro"], refit=False)
    search.fit(X, Y)

    assert "rank_test_f1_macro" in search.cv_results_
    assert not hasattr(search, "best_estimator_")


def test_smallest_within_picks_a_smaller_model() -> None:
    features, target = make_classification(
        n_samples=300, n_features=10, n_informative=6, random_state=0
    )
    space = {"max_depth": [1, 2, 3, 4, 6, 8, 12]}
    tree = DecisionTreeClassifier(random_state=0)

    best = TuneSearchCV(tree, space, cv=5).fit(features, target)
    small = TuneSearchCV(tree, space, cv=5, select="smallest_within:1se").fit(features, target)

    sizes = {t.params["max_depth"]: t.user_attrs["n_parameters"] for t in small.study_.trials}
    assert sizes[small.best_params_["max_depth"]] < sizes[best.best_params_["max_depth"]]
    assert small.best_score_ <= best.best_score_
    assert small.best_estimator_.max_depth == small.best_params_["max_depth"]


def test_size_as_a_second_objective() -> None:
    space = {"max_depth": [1, 2, 3, 5, 8]}
    search = TuneSearchCV(DecisionTreeClassifier(random_state=0), space, cv=3, size_objective=True)

    search.fit(X, Y)

    assert len(search.study_.directions) == 2
    trial = search.study_.trials[search.best_index_]
    assert trial.values is not None
    assert trial.values[1] == trial.user_attrs["n_parameters"]
    assert search.best_score_ == pytest.approx(max(search.cv_results_["mean_test_score"]))


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        ({}, ["score"]),
        ({"scoring": "accuracy"}, ["accuracy"]),
        ({"scoring": {"acc": "accuracy", "f1": "f1_macro"}, "refit": "f1"}, ["f1"]),
        ({"scoring": "accuracy", "size_objective": True}, ["accuracy", "n_parameters"]),
    ],
)
def test_the_study_names_its_objectives_after_the_scorer(
    arguments: dict[str, object], names: list[str]
) -> None:
    space = {"max_depth": [1, 3]}
    search = TuneSearchCV(DecisionTreeClassifier(random_state=0), space, cv=2, **arguments)

    search.fit(X, Y)

    assert search.study_.metric_names == names


def test_size_objective_with_a_model_tunesmith_cannot_count_says_what_to_change() -> None:
    search = TuneSearchCV(GaussianNB(), {"var_smoothing": [1e-9, 1e-6]}, cv=2, size_objective=True)

    with pytest.raises(InvalidArgumentError, match="those of GaussianNB") as raised:
        search.fit(X, Y)

    assert "set size_objective=False" in str(raised.value)
    assert all(trial.state is TrialState.FAIL for trial in search.study_.trials)


def test_a_pruner_stops_poor_configurations_after_their_first_folds() -> None:
    search = TuneSearchCV(
        DecisionTreeClassifier(random_state=0),
        {"max_depth": tunesmith.Categorical([1, 4])},
        n_trials=10,
        cv=KFold(5, shuffle=True, random_state=0),
        pruner="median",
        random_state=0,
    )

    search.fit(X, Y)

    pruned = search.study_.get_trials([TrialState.PRUNED])
    assert pruned, "a depth-1 tree should be pruned once depth-4 trees have set the median"
    assert all(trial.params["max_depth"] == 1 for trial in pruned)
    assert all(max(trial.intermediate_values) < 5 for trial in pruned)
    # Every trial is a row; a pruned one has NaN for the folds it did not run, and says so.
    assert len(search.cv_results_["params"]) == len(search.study_.trials)
    states = search.cv_results_["state"]
    assert list(states).count("PRUNED") == len(pruned)
    pruned_rows = states == "PRUNED"
    assert np.isnan(search.cv_results_["split4_test_score"][pruned_rows]).all()
    assert not np.isnan(search.cv_results_["split0_test_score"][pruned_rows]).any()
    assert np.isnan(search.cv_results_["mean_test_score"][pruned_rows]).all()
    assert (search.cv_results_["rank_test_score"][pruned_rows] > (~pruned_rows).sum()).all()
    assert search.cv_results_["state"][search.best_index_] == "COMPLETE"


def test_the_study_can_live_in_a_storage_and_continue(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/search.db"
    space = {"C": tunesmith.Float(0.01, 10, log=True)}
    first = TuneSearchCV(SVC(), space, n_trials=2, cv=3, storage=url, study_name="svc")
    first.fit(X, Y)
    # n_trials is the study's total, as in the CLI: a second fit to 3 runs one more trial,
    # and a fit to a total already reached runs none.
    second = clone(first).set_params(n_trials=3).fit(X, Y)
    again = clone(first).set_params(n_trials=3).fit(X, Y)

    assert len(second.cv_results_["params"]) == 3
    assert len(again.cv_results_["params"]) == 3
    assert len(tunesmith.load_study("svc", url).trials) == 3
    assert tunesmith.load_study("svc", url).best_value == pytest.approx(second.best_score_)


def test_an_unknown_hyperparameter_is_named_before_any_trial() -> None:
    search = TuneSearchCV(SVC(), {"gama": [0.1, 1.0]})

    with pytest.raises(InvalidArgumentError, match=r"'gama'.*Did you mean 'gamma'.*Valid names"):
        search.fit(X, Y)
    assert not hasattr(search, "study_")


def test_an_unknown_scorer_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"'scoring'.*'acuracy'.*'accuracy'"):
        TuneSearchCV(SVC(), GRID, scoring="acuracy").fit(X, Y)
    with pytest.raises(InvalidArgumentError, match=r"'scoring'.*'nope'"):
        TuneSearchCV(SVC(), GRID, scoring=["accuracy", "nope"], refit="accuracy").fit(X, Y)


def test_refit_must_name_one_of_several_metrics() -> None:
    search = TuneSearchCV(SVC(), GRID, scoring=["accuracy", "f1_macro"], refit=True)

    with pytest.raises(InvalidArgumentError, match=r"'refit'.*accuracy, f1_macro.*got True"):
        search.fit(X, Y)


def test_a_bad_rule_or_budget_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="selection rule"):
        TuneSearchCV(SVC(), GRID, select="smallest").fit(X, Y)
    with pytest.raises(InvalidArgumentError, match=r"'n_trials'.*got 0"):
        TuneSearchCV(SVC(), GRID, n_trials=0).fit(X, Y)


def test_without_a_space_the_default_space_is_searched() -> None:
    scaled = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(max_iter=1000))])

    search = TuneSearchCV(scaled, n_trials=3, cv=3, random_state=0).fit(X, Y)

    assert set(search.best_params_) == {"clf__C"}
    assert len(search.cv_results_["params"]) == 3


def test_an_estimator_without_a_default_space_needs_one() -> None:
    with pytest.raises(InvalidArgumentError, match=r"no default search space for DecisionTree"):
        TuneSearchCV(DecisionTreeClassifier()).fit(X, Y)


def test_a_search_whose_every_trial_fails_says_why() -> None:
    def endless(estimator: object, features: object, target: object) -> float:
        return float("inf")

    # A study refuses a non-finite score, so the trial fails rather than rank first.
    with pytest.raises(NoCompletedTrialsError, match=r"1 failed.*must return finite numbers"):
        TuneSearchCV(SVC(), {"C": [1.0]}, scoring=endless, cv=2).fit(X, Y)
