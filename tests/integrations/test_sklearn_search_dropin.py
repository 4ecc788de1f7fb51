"""What GridSearchCV / RandomizedSearchCV users pass and expect, side by side with scikit-learn.

Failing fits (``error_score``), pickling and joblib, the grid sampler over the
search's own space, scipy.stats distributions, scikit-learn's keywords,
``feature_names_in_`` and the one import path.
"""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest
from scipy.stats import loguniform, norm, randint, uniform
from sklearn.datasets import load_iris
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith import TrialState
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn import TuneSearchCV

X, Y = load_iris(return_X_y=True)
# l1_ratio=1.0 asks lbfgs for an l1 penalty, which it refuses: half the grid fails to fit.
FAILING_GRID = {"C": [0.1, 1.0], "l1_ratio": [0.0, 1.0]}


def _fit_recording_warnings(search: object) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        search.fit(X, Y)  # type: ignore[attr-defined]
    return list(caught)


def _fit_failed_messages(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, FitFailedWarning)]


def test_failing_fits_score_nan_and_warn_as_grid_search_cv_does() -> None:
    estimator = LogisticRegression(max_iter=1000)
    ours = TuneSearchCV(estimator, FAILING_GRID, cv=3)
    theirs = GridSearchCV(estimator, FAILING_GRID, cv=3)

    our_warnings = _fit_failed_messages(_fit_recording_warnings(ours))
    their_warnings = _fit_failed_messages(_fit_recording_warnings(theirs))

    assert len(our_warnings) == len(their_warnings) == 1
    assert our_warnings[0].startswith("\n6 fits failed out of a total of 12.")
    assert their_warnings[0].startswith("\n6 fits failed out of a total of 12.")
    assert "Solver lbfgs supports only 'l2' or None penalties" in our_warnings[0]
    for key in ("split0_test_score", "mean_test_score", "rank_test_score"):
        np.testing.assert_allclose(ours.cv_results_[key], theirs.cv_results_[key], err_msg=key)
    assert ours.best_params_ == theirs.best_params_
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert list(ours.cv_results_["state"]) == ["COMPLETE", "FAIL", "COMPLETE", "FAIL"]


def test_a_failed_fit_is_recorded_in_the_study_with_its_reason() -> None:
    search = TuneSearchCV(LogisticRegression(max_iter=1000), FAILING_GRID, cv=3)
    _fit_recording_warnings(search)

    failed = search.study_.get_trials([TrialState.FAIL])
    assert [trial.params["l1_ratio"] for trial in failed] == [1.0, 1.0]
    reason = failed[0].system_attrs["fail_reason"]
    assert reason.startswith("FitFailedError: 3 of 3 folds failed to fit")
    assert "Solver lbfgs supports only 'l2' or None penalties, got l1 penalty" in reason


def test_error_score_raise_raises_the_fits_error() -> None:
    estimator = LogisticRegression(max_iter=1000)
    with pytest.raises(ValueError, match="Solver lbfgs supports only"):
        GridSearchCV(estimator, FAILING_GRID, cv=3, error_score="raise").fit(X, Y)
    with pytest.raises(ValueError, match="Solver lbfgs supports only"):
        TuneSearchCV(estimator, FAILING_GRID, cv=3, error_score="raise").fit(X, Y)


def test_a_numeric_error_score_scores_failed_folds_as_grid_search_cv_does() -> None:
    estimator = LogisticRegression(max_iter=1000)
    ours = TuneSearchCV(estimator, FAILING_GRID, cv=3, error_score=0.0)
    theirs = GridSearchCV(estimator, FAILING_GRID, cv=3, error_score=0.0)
    _fit_recording_warnings(ours)
    _fit_recording_warnings(theirs)

    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"]
    )
    np.testing.assert_array_equal(
        ours.cv_results_["rank_test_score"], theirs.cv_results_["rank_test_score"]
    )


def test_an_error_score_that_is_no_number_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"'error_score'.*'raise' or a number.*'nan'"):
        TuneSearchCV(SVC(), {"C": [1.0]}, error_score="nan").fit(X, Y)


def test_a_fitted_search_pickles_and_predicts_the_same(tmp_path: Path) -> None:
    search = TuneSearchCV(SVC(), {"C": tunesmith.Float(0.1, 10, log=True)}, n_trials=3, cv=3)
    search.fit(X, Y)

    unpickled = pickle.loads(pickle.dumps(search))
    joblib.dump(search, tmp_path / "search.joblib")
    loaded = joblib.load(tmp_path / "search.joblib")

    for copy in (unpickled, loaded):
        np.testing.assert_array_equal(copy.predict(X), search.predict(X))
        assert copy.best_params_ == search.best_params_
        assert [t.values for t in copy.study_.trials] == [t.values for t in search.study_.trials]
        assert copy.study_.metric_names == search.study_.metric_names


def test_a_search_on_a_stored_study_pickles_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/search.db"
    search = TuneSearchCV(SVC(), {"C": [0.1, 1.0]}, cv=3, storage=url, study_name="svc")
    search.fit(X, Y)

    copy = pickle.loads(pickle.dumps(search))

    np.testing.assert_array_equal(copy.predict(X), search.predict(X))
    assert len(copy.study_.trials) == 2


@pytest.mark.parametrize("random_state", [None, 0])
def test_the_grid_sampler_searches_the_searchs_own_space(random_state: int | None) -> None:
    grid = {"C": [0.1, 1.0, 10.0], "kernel": ["rbf", "linear"]}
    ours = TuneSearchCV(SVC(), grid, cv=3, sampler="grid", random_state=random_state).fit(X, Y)
    theirs = GridSearchCV(SVC(), grid, cv=3).fit(X, Y)

    assert ours.cv_results_["params"] == theirs.cv_results_["params"]
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"]
    )
    assert ours.best_params_ == theirs.best_params_


def test_a_grid_sampler_with_a_smaller_budget_tries_a_seeded_subset() -> None:
    grid = {"C": [0.1, 1.0, 10.0], "kernel": ["rbf", "linear"]}

    def tried(seed: int) -> list[dict[str, object]]:
        search = TuneSearchCV(SVC(), grid, n_trials=3, cv=3, sampler="grid", random_state=seed)
        return list(search.fit(X, Y).cv_results_["params"])

    first = tried(0)
    assert len(first) == 3
    assert len({tuple(sorted(p.items())) for p in first}) == 3
    assert first == tried(0)


def test_scipy_distributions_are_searched_as_randomized_search_cv_takes_them() -> None:
    distributions = {"C": loguniform(1e-2, 1e2), "gamma": uniform(0.01, 0.5)}
    ours = TuneSearchCV(SVC(), param_distributions=distributions, n_iter=6, cv=3, random_state=0)
    theirs = RandomizedSearchCV(SVC(), distributions, n_iter=6, cv=3, random_state=0)
    ours.fit(X, Y)
    theirs.fit(X, Y)

    assert len(ours.cv_results_["params"]) == len(theirs.cv_results_["params"]) == 6
    assert sorted(ours.cv_results_) == sorted([*theirs.cv_results_, "state"])
    assert all(
        1e-2 <= p["C"] <= 1e2 and 0.01 <= p["gamma"] <= 0.51 for p in ours.cv_results_["params"]
    )
    assert ours.best_score_ >= 0.9


def test_randint_includes_its_low_and_excludes_its_high() -> None:
    search = TuneSearchCV(
        DecisionTreeClassifier(random_state=0),
        {"max_depth": randint(1, 3)},
        n_trials=12,
        cv=3,
        random_state=0,
    ).fit(X, Y)

    assert {p["max_depth"] for p in search.cv_results_["params"]} == {1, 2}


def test_a_distribution_without_a_range_is_refused_by_name() -> None:
    with pytest.raises(InvalidArgumentError, match=r"gives 'C' a scipy.stats 'norm' distribution"):
        TuneSearchCV(SVC(), {"C": norm(1, 0.1)}).fit(X, Y)


def test_param_grid_and_verbose_as_grid_search_cv_takes_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    grid = {"C": [0.1, 1.0], "kernel": ["rbf", "linear"]}
    GridSearchCV(SVC(), param_grid=grid, cv=3, verbose=1).fit(X, Y)
    theirs = capsys.readouterr().out.splitlines()[0]
    ours = TuneSearchCV(SVC(), param_grid=grid, cv=3, verbose=1).fit(X, Y)

    assert capsys.readouterr().out.splitlines()[0] == theirs
    assert theirs == "Fitting 3 folds for each of 4 candidates, totalling 12 fits"
    assert len(ours.cv_results_["params"]) == 4


def test_param_distributions_of_lists_is_a_random_search_of_n_iter() -> None:
    grid = {"C": [0.01, 0.1, 1.0, 10.0, 100.0], "kernel": ["rbf", "linear"]}
    search = TuneSearchCV(SVC(), param_distributions=grid, n_iter=3, cv=3, random_state=0)

    assert len(search.fit(X, Y).cv_results_["params"]) == 3


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"search_space": {"C": [1.0]}, "param_grid": {"C": [1.0]}},
            r"give one of them; got param_grid, search_space",
        ),
        (
            {"param_grid": {"C": [1.0]}, "n_trials": 2, "n_iter": 2},
            r"'n_trials' and 'n_iter'.*give one",
        ),
        (
            {"param_distributions": {"C": [1.0]}, "n_iter": 0},
            r"'n_iter' argument .* int >= 1 or None; got 0",
        ),
    ],
)
def test_two_names_for_one_argument_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        TuneSearchCV(SVC(), **arguments).fit(X, Y)  # type: ignore[arg-type]


def test_feature_names_and_count_come_from_the_data_as_in_grid_search_cv() -> None:
    frame = pd.DataFrame(X, columns=["sepal_length", "sepal_width", "petal_length", "petal_width"])
    ours = TuneSearchCV(SVC(), {"C": [1.0, 10.0]}, cv=3).fit(frame, Y)
    theirs = GridSearchCV(SVC(), {"C": [1.0, 10.0]}, cv=3).fit(frame, Y)

    assert list(ours.feature_names_in_) == list(theirs.feature_names_in_) == list(frame.columns)
    assert ours.n_features_in_ == theirs.n_features_in_ == 4


def test_the_integrations_path_and_the_short_path_are_one_class() -> None:
    from tunesmith.sklearn import TuneSearchCV as Short

    assert Short is TuneSearchCV


GRIDS = [
    {"kernel": ["linear"], "C": [0.1, 1.0]},
    {"kernel": ["rbf"], "C": [1.0, 10.0], "gamma": [0.01, "scale"]},
]


def test_a_list_of_grids_gives_what_grid_search_cv_gives() -> None:
    ours = TuneSearchCV(SVC(), GRIDS, cv=3).fit(X, Y)
    theirs = GridSearchCV(SVC(), GRIDS, cv=3).fit(X, Y)

    assert ours.cv_results_["params"] == theirs.cv_results_["params"]
    assert len(ours.cv_results_["params"]) == 6
    for key in ("param_C", "param_kernel", "param_gamma"):
        assert list(ours.cv_results_[key]) == list(theirs.cv_results_[key]), key
        np.testing.assert_array_equal(
            np.ma.getmaskarray(ours.cv_results_[key]), np.ma.getmaskarray(theirs.cv_results_[key])
        )
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"]
    )
    np.testing.assert_array_equal(
        ours.cv_results_["rank_test_score"], theirs.cv_results_["rank_test_score"]
    )
    assert ours.best_params_ == theirs.best_params_
    assert "gamma" not in ours.study_.trials[0].params


def test_a_list_of_grids_as_distributions_tries_n_iter_seeded_candidates() -> None:
    def tried(seed: int) -> list[dict[str, object]]:
        search = TuneSearchCV(SVC(), param_distributions=GRIDS, n_iter=4, cv=3, random_state=seed)
        return list(search.fit(X, Y).cv_results_["params"])

    first = tried(0)
    assert len(first) == 4
    assert len({tuple(sorted(p.items(), key=str)) for p in first}) == 4
    assert first == tried(0)


def test_a_list_of_grids_with_a_range_is_refused_by_name() -> None:
    grids = [{"C": tunesmith.Float(0.1, 10)}]
    with pytest.raises(InvalidArgumentError, match=r"grid 0 gives 'C' Float"):
        TuneSearchCV(SVC(), grids).fit(X, Y)
