"""The errors of ``tunesmith.inspect``: a model it cannot count, a model not fitted yet."""

from __future__ import annotations

from tunesmith.exceptions import ModelNotFittedError, UnsupportedModelError

__all__ = ["not_fitted", "unsupported"]

_COUNTED = (
    "scikit-learn linear models, SVMs, decision trees, random forests and extra trees, gradient "
    "boosting and HistGradientBoosting, MLPs, nearest neighbours, PCA, TruncatedSVD, scalers, "
    "dummy estimators and pipelines of these, PyTorch modules, LightGBM and XGBoost tree models "
    "and Keras models"
)


def _named(model: object, context: str) -> str:
    model_class = type(model)
    text = f"{model_class.__name__} ({model_class.__module__}.{model_class.__qualname__})"
    return f"{text} {context}" if context else text


def unsupported(model: object, context: str = "") -> UnsupportedModelError:
    """The error for a model whose parameters tunesmith cannot count.

    Args:
        model: the model (or pipeline step) that cannot be counted.
        context: said after its name: where it sits in the model given ("as
            pipeline step 'nb'") or what stops the count ("whose coef_ is a
            csr_matrix").
    """
    return UnsupportedModelError(
        "The 'model' argument of tunesmith.inspect must be a model whose parameters tunesmith "
        f"can count; got {_named(model, context)}. tunesmith counts {_COUNTED}. For any other "
        "model, give its class a __tunesmith_parameters__() method that returns parameter "
        "name -> array (see tunesmith.models.SupportsInspection)."
    )


def not_fitted(model: object, context: str = "") -> ModelNotFittedError:
    """The error for a model that has not learned its parameters yet (``context`` as above)."""
    return ModelNotFittedError(
        "The 'model' argument of tunesmith.inspect must be fitted; got an unfitted "
        f"{_named(model, context)}. Call its fit(X, y) first: parameters are what a model "
        "learns in training."
    )
