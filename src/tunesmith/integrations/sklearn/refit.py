"""Refit the chosen configuration on all the data, timed as scikit-learn's ``refit_time_``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

__all__ = ["refit_estimator"]


def refit_estimator(
    estimator: Any,
    hyperparameters: Mapping[str, Any],
    X: Any,  # noqa: N803 - the name scikit-learn gives the features
    y: Any,
    fit_params: Mapping[str, Any],
) -> tuple[Any, float]:
    """A clone of ``estimator`` with ``hyperparameters`` fitted on ``X, y``, and the seconds taken.

    >>> from sklearn.linear_model import Ridge
    >>> model, seconds = refit_estimator(Ridge(), {"alpha": 2.0}, [[0.0], [1.0]], [0.0, 1.0], {})
    >>> model.alpha, seconds >= 0
    (2.0, True)
    """
    from sklearn.base import clone

    model = clone(estimator).set_params(**hyperparameters)
    started = time.perf_counter()
    if y is None:
        model.fit(X, **fit_params)
    else:
        model.fit(X, y, **fit_params)
    return model, time.perf_counter() - started
