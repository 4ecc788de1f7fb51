"""``tunesmith.inspect``: the card of any model, by the counting that fits its kind."""

from __future__ import annotations

from tunesmith.models.card import ModelCard
from tunesmith.models.errors import unsupported
from tunesmith.models.keras_counting import is_keras_layer, keras_card
from tunesmith.models.lightgbm_counting import is_lightgbm_model, lightgbm_card
from tunesmith.models.protocol import SupportsInspection, card_from_protocol
from tunesmith.models.sklearn_counting import is_sklearn_estimator, sklearn_card
from tunesmith.models.torch_counting import is_torch_module, torch_card
from tunesmith.models.xgboost_counting import is_xgboost_model, xgboost_card

__all__ = ["inspect"]


def inspect(model: object) -> ModelCard:
    """What a fitted model was set to (hyperparameters) and what it learned (parameters).

    Knows scikit-learn estimators and pipelines (linear models, SVMs, trees,
    forests, gradient boosting, MLPs, nearest neighbours, PCA, scalers; see
    ``tunesmith.models.sklearn_families`` for what each one counts);
    PyTorch modules; LightGBM and XGBoost models, Boosters and scikit-learn
    wrappers, alone or as pipeline steps (``tunesmith.models.boosted_trees``);
    and Keras models (``tunesmith.models.keras_counting``). Any other model
    is counted through its ``__tunesmith_parameters__()`` method (``SupportsInspection``), which
    also takes precedence over tunesmith's own counting.

    Args:
        model: a fitted model.

    Returns:
        Its ModelCard: hyperparameters, each learned array by name and shape,
        and the totals ``n_parameters`` and ``n_bytes``.

    Raises:
        ModelNotFittedError: a scikit-learn estimator (or pipeline step) that
            is not fitted yet.
        UnsupportedModelError: a model tunesmith cannot count; the message
            names its class and says how to make it countable.

    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> X = np.arange(20.0).reshape(10, 2)
    >>> card = inspect(LinearRegression().fit(X, X @ [1.0, 2.0]))
    >>> [(p.name, p.shape) for p in card.parameters], card.n_parameters
    ([('coef_', (2,)), ('intercept_', ())], 3)
    """
    if isinstance(model, SupportsInspection):
        return card_from_protocol(model)
    # Before scikit-learn and torch: boosted-tree wrappers are scikit-learn
    # estimators, and Keras layers on the PyTorch backend are torch modules.
    if is_lightgbm_model(model):
        return lightgbm_card(model)
    if is_xgboost_model(model):
        return xgboost_card(model)
    if is_keras_layer(model):
        return keras_card(model)
    if is_torch_module(model):
        return torch_card(model)
    if is_sklearn_estimator(model):
        return sklearn_card(model)
    raise unsupported(model)
