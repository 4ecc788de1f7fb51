"""The card of a scikit-learn estimator or pipeline: its hyperparameters and what it learned.

scikit-learn is imported only when a model may be an estimator, that is when
the caller has imported it already, so ``import tunesmith`` stays light.
"""

from __future__ import annotations

import sys
from typing import Any

from tunesmith.models.card import LearnedParameter, ModelCard
from tunesmith.models.errors import not_fitted
from tunesmith.models.lightgbm_counting import is_lightgbm_model, lightgbm_card
from tunesmith.models.protocol import (
    SupportsInspection,
    card_from_protocol,
    own_hyperparameters,
)
from tunesmith.models.sklearn_families import learned_parameters
from tunesmith.models.xgboost_counting import is_xgboost_model, xgboost_card

__all__ = ["is_sklearn_estimator", "sklearn_card"]

_Contents = tuple[dict[str, Any], list[LearnedParameter]]


def is_sklearn_estimator(model: Any) -> bool:
    """Whether ``model`` is a scikit-learn estimator; never imports scikit-learn itself."""
    base = sys.modules.get("sklearn.base")
    return base is not None and isinstance(model, base.BaseEstimator)


def sklearn_card(estimator: Any) -> ModelCard:
    """The card of a fitted scikit-learn estimator or pipeline.

    An estimator's hyperparameters are ``get_params(deep=False)``. A
    pipeline's are its steps' hyperparameters, named ``step__name`` as
    ``set_params`` takes them, and its parameters are its steps' parameters,
    named ``step.name``; steps set to ``"passthrough"`` or None learn nothing.
    A step with a ``__tunesmith_parameters__()`` method is counted by it.

    Raises:
        ModelNotFittedError: the estimator, or a pipeline step, is not fitted.
        UnsupportedModelError: an estimator (or step) tunesmith cannot count.
    """
    hyperparameters, parameters = _contents(estimator, "")
    return ModelCard(type(estimator).__name__, hyperparameters, tuple(parameters))


def _contents(estimator: Any, path: str) -> _Contents:
    """``estimator``'s hyperparameters and parameters; ``path`` names it in its pipeline."""
    from sklearn.exceptions import NotFittedError
    from sklearn.pipeline import Pipeline
    from sklearn.utils.validation import check_is_fitted

    if isinstance(estimator, Pipeline):
        return _pipeline_contents(estimator, path)
    context = f"as pipeline step {path!r}" if path else ""
    if isinstance(estimator, SupportsInspection):
        card = card_from_protocol(estimator)
        return dict(card.hyperparameters), list(card.parameters)
    if is_lightgbm_model(estimator) or is_xgboost_model(estimator):
        card = lightgbm_card(estimator) if is_lightgbm_model(estimator) else xgboost_card(estimator)
        return dict(card.hyperparameters), list(card.parameters)
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        raise not_fitted(estimator, context) from None
    return own_hyperparameters(estimator), learned_parameters(estimator, context)


def _pipeline_contents(pipeline: Any, path: str) -> _Contents:
    hyperparameters: dict[str, Any] = {}
    parameters: list[LearnedParameter] = []
    for name, step in pipeline.steps:
        if step is None or (isinstance(step, str) and step == "passthrough"):
            continue
        step_hyperparameters, step_parameters = _contents(step, f"{path}__{name}" if path else name)
        hyperparameters.update({f"{name}__{k}": v for k, v in step_hyperparameters.items()})
        parameters += [parameter.renamed(name) for parameter in step_parameters]
    return hyperparameters, parameters
