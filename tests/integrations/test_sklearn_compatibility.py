"""TuneSearchCV against scikit-learn itself: its estimator checks, and GridSearchCV side by side.

The first part runs scikit-learn's own estimator checks (``parametrize_with_checks``)
on a search over a classifier and over a regressor. The checks that do not apply
are listed in ``NOT_APPLICABLE`` with the reason next to each.

The second part is a table of what GridSearchCV users do; each row fits
GridSearchCV and TuneSearchCV on the same data with the same arguments and
compares what a user reads afterwards.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, GroupKFold, KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.utils.estimator_checks import parametrize_with_checks

from tunesmith.integrations.sklearn import TuneSearchCV

NOT_APPLICABLE_TO_RIDGE = {
    # The search's tags are BaseSearchCV's, which do not say that Ridge takes a 2-D y, so the
    # check wants a DataConversionWarning that Ridge never gives. GridSearchCV(Ridge()) fails it
    # the same way (scikit-learn 1.9).
    "check_supervised_y_2d": "BaseSearchCV's tags omit the estimator's multi-output support",
}
NOT_APPLICABLE = {
    # X holding a dict: one fold's fit fails, the other fold's scoring fails. GridSearchCV ranks
    # the candidates on NaN means, refits the first on all the data and raises that fit's
    # TypeError. TuneSearchCV records a trial with a failed fold as failed and, with no trial
    # complete, raises NoCompletedTrialsError (a ValueError naming the TypeError) rather than
    # refit a configuration that never scored.
    "check_dtype_object": "no trial completes, so no configuration is refitted",
}


def _not_applicable(search: TuneSearchCV) -> dict[str, str]:
    if isinstance(search.estimator, Ridge):
        return {**NOT_APPLICABLE, **NOT_APPLICABLE_TO_RIDGE}
    return NOT_APPLICABLE


@parametrize_with_checks(
    [
        TuneSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=2),
        TuneSearchCV(Ridge(), {"alpha": [0.1, 1.0]}, cv=2),
    ],
    expected_failed_checks=_not_applicable,
)
@pytest.mark.slow
@pytest.mark.filterwarnings("ignore")  # the checks feed broken data on purpose
def test_scikit_learn_estimator_checks(estimator: Any, check: Callable[[Any], None]) -> None:
    check(estimator)


@dataclass(frozen=True)
class Case:
    """One thing GridSearchCV users do: the estimator, the grid, the data and the arguments."""

    estimator: Any
    grid: Any
    data: Callable[[], tuple[Any, Any]]
    arguments: dict[str, Any] = field(default_factory=dict)
    fit_arguments: Callable[[Any, Any], dict[str, Any]] = lambda features, target: {}


def _iris() -> tuple[Any, Any]:
    return load_iris(return_X_y=True)


def _diabetes() -> tuple[Any, Any]:
    return load_diabetes(return_X_y=True)


def _cancer_frame() -> tuple[pd.DataFrame, Any]:
    """Breast cancer as a DataFrame with a made-up categorical column, as in the issue's try."""
    features, target = load_breast_cancer(return_X_y=True, as_frame=True)
    frame = features.iloc[:, :5].copy()
    frame["site"] = np.where(np.arange(len(frame)) % 3 == 0, "north", "south")
    return frame, target


COLUMN_PIPELINE = Pipeline(
    [
        (
            "columns",
            ColumnTransformer(
                [
                    ("numbers", StandardScaler(), ["mean radius", "mean texture", "mean area"]),
                    ("site", OneHotEncoder(), ["site"]),
                ]
            ),
        ),
        ("clf", LogisticRegression(max_iter=2000)),
    ]
)

CASES = {
    "one metric, a classifier": Case(SVC(), {"C": [0.1, 1.0, 10.0]}, _iris, {"cv": 3}),
    "a regressor and a loss": Case(
        Ridge(),
        {"alpha": [0.1, 1.0, 10.0]},
        _diabetes,
        {"cv": 4, "scoring": "neg_mean_squared_error"},
    ),
    "pipeline over a DataFrame, three metrics, refit by name, two jobs": Case(
        COLUMN_PIPELINE,
        {"clf__C": [0.01, 1.0]},
        _cancer_frame,
        {
            "cv": 3,
            "scoring": {"acc": "accuracy", "f1": "f1", "auc": "roc_auc"},
            "refit": "f1",
            "n_jobs": 2,
        },
    ),
    "several metrics without refit": Case(
        SVC(),
        {"C": [0.1, 1.0]},
        _iris,
        {"cv": 3, "scoring": ["accuracy", "f1_macro"], "refit": False},
    ),
    "refit by a callable": Case(
        SVC(),
        {"C": [0.1, 1.0, 10.0]},
        _iris,
        {"cv": 3, "refit": lambda results: int(np.argmin(results["mean_test_score"]))},
    ),
    "train scores": Case(SVC(), {"C": [0.1, 1.0]}, _iris, {"cv": 3, "return_train_score": True}),
    "a list of grids": Case(
        SVC(),
        [{"kernel": ["linear"], "C": [0.1, 1.0]}, {"kernel": ["rbf"], "gamma": [0.1, 1.0]}],
        _iris,
        {"cv": 3},
    ),
    "a splitter with groups": Case(
        SVC(),
        {"C": [0.1, 1.0]},
        _iris,
        {"cv": GroupKFold(3)},
        lambda features, target: {"groups": np.arange(len(target)) % 5},
    ),
    "a shuffled splitter and sample weights (weighted test scores too)": Case(
        LogisticRegression(max_iter=1000),
        {"C": [0.1, 1.0]},
        _iris,
        {"cv": KFold(3, shuffle=True, random_state=0)},
        lambda features, target: {"sample_weight": np.where(target == 0, 2.0, 1.0)},
    ),
    "fits that fail score NaN": Case(
        LogisticRegression(max_iter=1000),
        {"C": [0.1, 1.0], "l1_ratio": [0.0, 1.0]},
        _iris,
        {"cv": 3},
    ),
}


def _compare_results(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    assert sorted(ours) == sorted([*theirs, "state"])
    assert ours["params"] == theirs["params"]
    for key in sorted(theirs):
        if "time" in key or key == "params":
            continue
        if key.startswith("param_"):
            assert list(ours[key]) == list(theirs[key]), key
            np.testing.assert_array_equal(
                np.ma.getmaskarray(ours[key]), np.ma.getmaskarray(theirs[key])
            )
        else:
            assert ours[key].dtype.kind == theirs[key].dtype.kind, key
            np.testing.assert_allclose(ours[key], theirs[key], err_msg=key)


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_behaves_as_grid_search_cv(case: Case) -> None:
    X, y = case.data()  # noqa: N806 - scikit-learn's names
    fit_arguments = case.fit_arguments(X, y)
    with warnings.catch_warnings():
        # Both warn about failed fits; test_sklearn_search_dropin.py compares how.
        warnings.simplefilter("ignore", FitFailedWarning)
        warnings.filterwarnings("ignore", "One or more of the test scores are non-finite")
        ours = TuneSearchCV(case.estimator, case.grid, **case.arguments).fit(X, y, **fit_arguments)
        theirs = GridSearchCV(case.estimator, case.grid, **case.arguments).fit(
            X, y, **fit_arguments
        )

    _compare_results(ours.cv_results_, theirs.cv_results_)
    for attribute in ("best_index_", "best_params_", "n_splits_", "multimetric_", "n_features_in_"):
        assert hasattr(ours, attribute) == hasattr(theirs, attribute), attribute
        if hasattr(theirs, attribute):
            assert getattr(ours, attribute) == getattr(theirs, attribute), attribute
    if hasattr(theirs, "best_score_"):
        assert ours.best_score_ == pytest.approx(theirs.best_score_)
    if hasattr(theirs, "feature_names_in_"):
        assert list(ours.feature_names_in_) == list(theirs.feature_names_in_)
    if not hasattr(theirs, "best_estimator_"):
        assert not hasattr(ours, "best_estimator_")
        return
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y))
    for method in ("predict_proba", "decision_function", "transform"):
        assert hasattr(ours, method) == hasattr(theirs, method), method
        if hasattr(theirs, method):
            np.testing.assert_allclose(getattr(ours, method)(X), getattr(theirs, method)(X))


def test_nested_cross_validation_scores_as_grid_search_cv() -> None:
    X, y = _iris()  # noqa: N806 - scikit-learn's names
    outer = KFold(3, shuffle=True, random_state=0)
    ours = cross_val_score(TuneSearchCV(SVC(), {"C": [0.1, 1.0, 10.0]}, cv=3), X, y, cv=outer)
    theirs = cross_val_score(GridSearchCV(SVC(), {"C": [0.1, 1.0, 10.0]}, cv=3), X, y, cv=outer)

    np.testing.assert_allclose(ours, theirs)
