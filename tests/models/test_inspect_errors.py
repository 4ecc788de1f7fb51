"""Unknown, unfitted and unsupported models get an error naming the class and what to do."""

from __future__ import annotations

from typing import Any

import pytest
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

import tunesmith
from tunesmith.exceptions import ModelNotFittedError, UnsupportedModelError

X, Y = load_iris(return_X_y=True)


def test_an_unfitted_estimator_is_refused_with_how_to_fit_it() -> None:
    with pytest.raises(ModelNotFittedError) as caught:
        tunesmith.inspect(SVC())

    message = str(caught.value)
    assert "must be fitted; got an unfitted SVC (sklearn.svm." in message
    assert "fit(X, y)" in message
    assert isinstance(caught.value, ValueError)


def test_an_unfitted_pipeline_step_is_named() -> None:
    pipeline = make_pipeline(StandardScaler(), SVC())
    pipeline.steps[0][1].fit(X)  # the scaler alone is fitted

    with pytest.raises(ModelNotFittedError, match=r"unfitted SVC .* as pipeline step 'svc'"):
        tunesmith.inspect(pipeline)


def test_a_scikit_learn_estimator_tunesmith_does_not_count_is_refused() -> None:
    with pytest.raises(UnsupportedModelError) as caught:
        tunesmith.inspect(GaussianNB().fit(X, Y))

    message = str(caught.value)
    assert "got GaussianNB (sklearn.naive_bayes.GaussianNB)" in message
    assert "__tunesmith_parameters__()" in message  # what to do about it
    assert isinstance(caught.value, TypeError)


def test_an_unsupported_pipeline_step_is_named() -> None:
    pipeline = make_pipeline(StandardScaler(), GaussianNB()).fit(X, Y)

    with pytest.raises(UnsupportedModelError, match=r"GaussianNB .* as pipeline step 'gaussiannb'"):
        tunesmith.inspect(pipeline)


@pytest.mark.parametrize("model", [object(), "svc.pkl", {"coef_": [1.0]}, None])
def test_something_that_is_not_a_model_is_refused(model: Any) -> None:
    with pytest.raises(UnsupportedModelError, match=f"got {type(model).__name__} "):
        tunesmith.inspect(model)


def test_sparse_weights_are_refused_rather_than_miscounted() -> None:
    model = LogisticRegression(max_iter=1000).fit(X, Y).sparsify()

    with pytest.raises(UnsupportedModelError, match="whose coef_ is a csr_matrix"):
        tunesmith.inspect(model)
