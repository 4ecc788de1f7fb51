"""Default search spaces for common scikit-learn estimators, a place to start tuning from.

``TuneSearchCV`` and configs without a ``space`` use them. The ranges are
wide on purpose (log scales where the useful values span decades) and do
not depend on the data: PCA keeps a fraction of the variance rather than a
number of components, an MLP tunes the width of one hidden layer.

LightGBM's and XGBoost's scikit-learn wrappers (``LGBMClassifier``,
``XGBRegressor``, ...) have defaults too, over the usual ranges: learning
rate, tree size (leaves for LightGBM, depth for XGBoost), the least data in a
leaf, row and column subsampling, and L1 / L2 regularisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.space import Categorical, Distribution, Float, Int

__all__ = ["DEFAULT_SPACES", "default_space", "default_space_of_steps"]


def _forest() -> dict[str, Distribution]:
    return {
        "n_estimators": Int(10, 300, log=True),
        "max_depth": Int(2, 32, log=True),
        "min_samples_leaf": Int(1, 20, log=True),
        "max_features": Float(0.1, 1.0),
    }


def _gradient_boosting() -> dict[str, Distribution]:
    return {
        "n_estimators": Int(20, 300, log=True),
        "learning_rate": Float(0.01, 0.3, log=True),
        "max_depth": Int(1, 8),
        "subsample": Float(0.5, 1.0),
    }


def _hist_gradient_boosting() -> dict[str, Distribution]:
    return {
        "learning_rate": Float(0.01, 0.3, log=True),
        "max_iter": Int(20, 300, log=True),
        "max_leaf_nodes": Int(4, 64, log=True),
        "min_samples_leaf": Int(5, 100, log=True),
        "l2_regularization": Float(1e-6, 10.0, log=True),
    }


def _neighbors() -> dict[str, Distribution]:
    return {
        "n_neighbors": Int(1, 30, log=True),
        "weights": Categorical(["uniform", "distance"]),
        "p": Categorical([1, 2]),
    }


def _mlp() -> dict[str, Distribution]:
    # An int hidden_layer_sizes is one hidden layer of that width.
    return {
        "hidden_layer_sizes": Int(8, 256, log=True),
        "alpha": Float(1e-6, 1e-1, log=True),
        "learning_rate_init": Float(1e-4, 1e-1, log=True),
    }


def _lightgbm() -> dict[str, Distribution]:
    # LightGBM subsamples rows only every subsample_freq rounds (0, its default, never does).
    return {
        "n_estimators": Int(20, 500, log=True),
        "learning_rate": Float(0.01, 0.3, log=True),
        "num_leaves": Int(4, 256, log=True),
        "min_child_samples": Int(5, 100, log=True),
        "subsample": Float(0.5, 1.0),
        "subsample_freq": Int(1, 5),
        "colsample_bytree": Float(0.5, 1.0),
        "reg_alpha": Float(1e-8, 10.0, log=True),
        "reg_lambda": Float(1e-8, 10.0, log=True),
    }


def _xgboost() -> dict[str, Distribution]:
    return {
        "n_estimators": Int(20, 500, log=True),
        "learning_rate": Float(0.01, 0.3, log=True),
        "max_depth": Int(2, 10),
        "min_child_weight": Float(0.1, 20.0, log=True),
        "subsample": Float(0.5, 1.0),
        "colsample_bytree": Float(0.5, 1.0),
        "reg_alpha": Float(1e-8, 10.0, log=True),
        "reg_lambda": Float(1e-8, 10.0, log=True),
    }


# Estimator class name -> its default space. By name, so nothing here imports scikit-learn.
DEFAULT_SPACES: dict[str, dict[str, Distribution]] = {
    "SVC": {
        "C": Float(1e-3, 1e3, log=True),
        "gamma": Float(1e-4, 10.0, log=True),
        "kernel": Categorical(["rbf", "linear"]),
    },
    "RandomForestClassifier": _forest(),
    "RandomForestRegressor": _forest(),
    "GradientBoostingClassifier": _gradient_boosting(),
    "GradientBoostingRegressor": _gradient_boosting(),
    "HistGradientBoostingClassifier": _hist_gradient_boosting(),
    "HistGradientBoostingRegressor": _hist_gradient_boosting(),
    "LogisticRegression": {"C": Float(1e-3, 1e3, log=True)},
    "Ridge": {"alpha": Float(1e-3, 1e3, log=True)},
    "Lasso": {"alpha": Float(1e-4, 10.0, log=True)},
    "ElasticNet": {"alpha": Float(1e-4, 10.0, log=True), "l1_ratio": Float(0.05, 1.0)},
    "KNeighborsClassifier": _neighbors(),
    "KNeighborsRegressor": _neighbors(),
    "MLPClassifier": _mlp(),
    "MLPRegressor": _mlp(),
    "PCA": {"n_components": Float(0.5, 0.99)},
    "LGBMClassifier": _lightgbm(),
    "LGBMRegressor": _lightgbm(),
    "XGBClassifier": _xgboost(),
    "XGBRegressor": _xgboost(),
}


def default_space(estimator: Any) -> dict[str, Distribution]:
    """The default search space of an estimator, or of a pipeline's steps (``step__name``).

    A pipeline gets the defaults of every step that has one (a scaler has
    none and is left as it is), each name prefixed by its step's name.

    Args:
        estimator: an estimator or ``sklearn.pipeline.Pipeline`` (an instance
            or a class).

    Raises:
        InvalidArgumentError: neither the estimator nor any pipeline step has
            a default; the message lists the estimators that do.

    >>> from sklearn.decomposition import PCA
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> default_space(make_pipeline(PCA(), LogisticRegression()))
    {'pca__n_components': Float(low=0.5, high=0.99, log=False, step=None), \
'logisticregression__C': Float(low=0.001, high=1000.0, log=True, step=None)}
    """
    steps = getattr(estimator, "steps", None)
    space = default_space_of_steps(steps) if isinstance(steps, list) else _own_default(estimator)
    if not space:
        shown = _class_name(estimator)
        if isinstance(steps, list):
            shown += f" (steps: {', '.join(_class_name(step) for _, step in steps)})"
        raise InvalidArgumentError(
            f"There is no default search space for {shown}; defaults exist for "
            f"{', '.join(sorted(DEFAULT_SPACES))}. Give a search space naming the "
            "hyperparameters to tune."
        )
    return space


def default_space_of_steps(steps: Sequence[tuple[str, Any]]) -> dict[str, Distribution]:
    """The defaults of pipeline steps ``(name, estimator or class)``, as ``name__hyperparameter``.

    Steps without a default add nothing; the result may be empty.

    >>> sorted(default_space_of_steps([("scale", object), ("ridge", "passthrough")]))
    []
    """
    return {
        f"{name}__{hyperparameter}": distribution
        for name, step in steps
        for hyperparameter, distribution in _own_default(step).items()
    }


def _own_default(estimator: Any) -> dict[str, Distribution]:
    estimator_class = estimator if isinstance(estimator, type) else type(estimator)
    # A subclass of a known estimator takes its parent's default.
    for known in estimator_class.__mro__:
        if known.__name__ in DEFAULT_SPACES:
            return dict(DEFAULT_SPACES[known.__name__])
    return {}


def _class_name(estimator: Any) -> str:
    return estimator.__name__ if isinstance(estimator, type) else type(estimator).__name__
