"""Any model can list its own parameters with __tunesmith_parameters__()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.datasets import load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline

import tunesmith
from tunesmith.exceptions import UnsupportedModelError
from tunesmith.models import SupportsInspection

X, Y = load_iris(return_X_y=True)


class Polynomial:
    """A model of our own: a polynomial of a given degree."""

    def __init__(self, degree: int) -> None:
        self.degree = degree
        self.coefficients = np.zeros(degree + 1)

    def __tunesmith_parameters__(self) -> Mapping[str, Any]:
        return {"coefficients": self.coefficients, "scale": 1.0}


class CountedNB(GaussianNB):
    """A scikit-learn estimator tunesmith does not count, made countable by its user."""

    def __tunesmith_parameters__(self) -> Mapping[str, Any]:
        return {"theta_": self.theta_, "var_": self.var_, "class_prior_": self.class_prior_}


class Centre(TransformerMixin, BaseEstimator):
    """A transformer of our own that learns each feature's mean."""

    def fit(self, X: Any, y: Any = None) -> Centre:  # noqa: N803
        self.means_ = np.mean(X, axis=0)
        return self

    def transform(self, X: Any) -> Any:  # noqa: N803
        return X - self.means_

    def __tunesmith_parameters__(self) -> Mapping[str, Any]:
        return {"means_": self.means_}


def test_a_model_of_our_own_is_counted_from_what_it_lists() -> None:
    card = tunesmith.inspect(Polynomial(degree=3))

    assert isinstance(Polynomial(1), SupportsInspection)
    assert card.n_parameters == 4 + 1
    assert [(p.name, p.shape) for p in card.parameters] == [("coefficients", (4,)), ("scale", ())]
    assert card.n_bytes == 8 * 5
    assert dict(card.hyperparameters) == {}  # no get_params


def test_get_params_gives_the_hyperparameters_of_a_protocol_model() -> None:
    card = tunesmith.inspect(CountedNB().fit(X, Y))

    n_classes, n_features = 3, 4
    assert card.n_parameters == 2 * n_classes * n_features + n_classes
    assert card.hyperparameters == GaussianNB().get_params(deep=False)


def test_the_protocol_takes_precedence_over_tunesmith_counting() -> None:
    class OnlyWeights(LinearRegression):
        def __tunesmith_parameters__(self) -> Mapping[str, Any]:
            return {"coef_": self.coef_}

    card = tunesmith.inspect(OnlyWeights().fit(X, Y))

    assert card.n_parameters == 4  # the intercept left out by the model's own choice


def test_a_pipeline_step_of_our_own_is_counted_by_its_method() -> None:
    pipeline = make_pipeline(Centre(), LogisticRegression(max_iter=1000)).fit(X, Y)

    card = tunesmith.inspect(pipeline)

    assert card.n_parameters == 4 + (3 * 4 + 3)
    assert "centre.means_" in [p.name for p in card.parameters]


@pytest.mark.parametrize(
    ("listed", "shown"),
    [
        ([1.0, 2.0], "got list"),
        ({"labels": np.array(["a", "b"])}, "'labels'"),
        ({3: np.zeros(2)}, "got 3 -> ndarray"),
    ],
)
def test_a_method_returning_anything_but_names_to_numbers_is_refused(
    listed: Any, shown: str
) -> None:
    class Broken:
        def __tunesmith_parameters__(self) -> Any:
            return listed

    with pytest.raises(UnsupportedModelError, match="__tunesmith_parameters__") as caught:
        tunesmith.inspect(Broken())

    assert "Broken" in str(caught.value)
    assert shown in str(caught.value)
