"""Every default search space fits its estimator, and a search over it runs."""

from __future__ import annotations

from typing import Any

import lightgbm
import pytest
import xgboost
from sklearn import decomposition, ensemble, linear_model, neighbors, neural_network, svm
from sklearn.datasets import make_classification, make_regression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.default_spaces import DEFAULT_SPACES
from tunesmith.sklearn import TuneSearchCV, default_space

MODULES = (decomposition, ensemble, linear_model, neighbors, neural_network, svm, lightgbm, xgboost)
X_CLASS, Y_CLASS = make_classification(n_samples=60, n_features=5, random_state=0)
X_REG, Y_REG = make_regression(n_samples=60, n_features=5, noise=1.0, random_state=0)


def _estimator(name: str) -> Any:
    for module in MODULES:
        if hasattr(module, name):
            return getattr(module, name)()
    raise AssertionError(f"{name} is in no module this test imports")


def _data(estimator: Any) -> tuple[Any, Any]:
    kind = (
        getattr(estimator, "_estimator_type", None) or estimator.__sklearn_tags__().estimator_type
    )
    if kind == "classifier":
        return X_CLASS, Y_CLASS
    if kind == "regressor":
        return X_REG, Y_REG
    # Independent features: PCA's likelihood score is -inf on collinear ones.
    return X_REG, None


def test_the_issue_s_estimators_all_have_defaults() -> None:
    expected = {
        "SVC",
        "RandomForestClassifier",
        "RandomForestRegressor",
        "GradientBoostingClassifier",
        "GradientBoostingRegressor",
        "HistGradientBoostingClassifier",
        "HistGradientBoostingRegressor",
        "LogisticRegression",
        "Ridge",
        "Lasso",
        "ElasticNet",
        "KNeighborsClassifier",
        "KNeighborsRegressor",
        "MLPClassifier",
        "MLPRegressor",
        "PCA",
    }
    assert expected <= set(DEFAULT_SPACES)


@pytest.mark.parametrize("name", sorted(DEFAULT_SPACES))
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_a_search_over_the_default_space_runs(name: str) -> None:
    estimator = _estimator(name)
    X, y = _data(estimator)  # noqa: N806 - scikit-learn's name for the features

    search = TuneSearchCV(estimator, n_trials=1, cv=2, random_state=0).fit(X, y)

    assert set(search.best_params_) == set(default_space(estimator))
    assert set(search.best_params_) <= set(estimator.get_params())
    for hyperparameter, value in search.best_params_.items():
        assert getattr(search.best_estimator_, hyperparameter) == value


def test_a_pipeline_gets_its_steps_defaults_prefixed() -> None:
    pipeline = make_pipeline(StandardScaler(), decomposition.PCA(), svm.SVC())

    space = default_space(pipeline)

    assert sorted(space) == ["pca__n_components", "svc__C", "svc__gamma", "svc__kernel"]
    assert space["svc__C"] == DEFAULT_SPACES["SVC"]["C"]


def test_an_estimator_without_a_default_is_refused_with_the_known_ones() -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"Pipeline \(steps: StandardScaler\).*defaults exist for .*SVC"
    ):
        default_space(make_pipeline(StandardScaler()))
