"""What each family of scikit-learn estimators learns, by fitted attribute.

A family's parameters are what its ``predict`` or ``transform`` reads:

- linear models (``sklearn.linear_model``, LinearSVC, LinearSVR): ``coef_``,
  and ``intercept_`` unless ``fit_intercept=False`` (then it is a fixed 0);
- kernel SVMs (SVC, NuSVC, SVR, NuSVR, OneClassSVM): ``support_vectors_``,
  ``dual_coef_`` and ``intercept_``;
- decision trees, random forests and extra trees: nodes, see ``sklearn_trees``;
- gradient boosting: its trees' nodes and the initial prediction (the
  ``init_`` estimator's parameters, a DummyClassifier's class priors by default);
- HistGradientBoosting: its trees' nodes and ``_baseline_prediction``;
- MLPs: every layer's ``coefs_`` and ``intercepts_``;
- nearest neighbours: the training set they store, ``_fit_X``, and its
  targets ``_y`` (encoded labels for a classifier);
- PCA and IncrementalPCA: ``components_``, ``mean_``, and
  ``explained_variance_`` when ``whiten=True``; TruncatedSVD: ``components_``;
- scalers: the statistics ``transform`` applies (StandardScaler ``mean_`` and
  ``scale_``, MinMaxScaler ``min_`` and ``scale_``, MaxAbsScaler ``scale_``,
  RobustScaler ``center_`` and ``scale_``), each only when it is used;
- dummy estimators: DummyClassifier ``class_prior_``, DummyRegressor ``constant_``.

Class labels (``classes_``) name the outputs and are not counted; neither are
derived attributes (a linear SVC's ``coef_``, a scaler's ``var_``) nor search
indexes (a nearest-neighbours ball tree).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from tunesmith.models.card import LearnedParameter
from tunesmith.models.errors import unsupported
from tunesmith.models.sklearn_trees import histogram_tree_parameters, tree_parameters

__all__ = ["learned_parameters"]

_Counter = Callable[[Any], list[LearnedParameter]]


def _arrays(estimator: Any, names: Sequence[str]) -> list[LearnedParameter]:
    """The attributes ``names`` of ``estimator`` as parameters; one set to None is skipped."""
    parameters = []
    for name in names:
        value = getattr(estimator, name, None)
        if value is None:
            continue
        array = np.asarray(value)
        if array.dtype == np.object_:
            # A sparse matrix (after sparsify(), or an SVM fitted on sparse data).
            raise unsupported(estimator, f"whose {name} is a {type(value).__name__}")
        parameters.append(LearnedParameter(name, array.shape, int(array.nbytes)))
    return parameters


def _array_lists(estimator: Any, names: Sequence[str]) -> list[LearnedParameter]:
    """Attributes holding one array per layer, listed as ``name[0]``, ``name[1]``, ..."""
    parameters = []
    for name in names:
        for index, layer in enumerate(getattr(estimator, name)):
            array = np.asarray(layer)
            parameters.append(LearnedParameter(f"{name}[{index}]", array.shape, int(array.nbytes)))
    return parameters


def _linear(estimator: Any) -> list[LearnedParameter]:
    learns_intercept = getattr(estimator, "fit_intercept", True) is not False
    return _arrays(estimator, ["coef_", "intercept_"] if learns_intercept else ["coef_"])


def _kernel_svm(estimator: Any) -> list[LearnedParameter]:
    return _arrays(estimator, ["support_vectors_", "dual_coef_", "intercept_"])


def _tree(estimator: Any) -> list[LearnedParameter]:
    return tree_parameters([estimator], "tree_")


def _forest(estimator: Any) -> list[LearnedParameter]:
    return tree_parameters(estimator.estimators_, "estimators_")


def _gradient_boosting(estimator: Any) -> list[LearnedParameter]:
    trees = tree_parameters(list(estimator.estimators_.ravel()), "estimators_")
    if isinstance(estimator.init_, str):  # init="zero": the boosting starts from 0
        return trees
    return [p.renamed("init_") for p in learned_parameters(estimator.init_)] + trees


def _histogram_gradient_boosting(estimator: Any) -> list[LearnedParameter]:
    trees = histogram_tree_parameters(estimator._predictors, "_predictors")
    return _arrays(estimator, ["_baseline_prediction"]) + trees


def _mlp(estimator: Any) -> list[LearnedParameter]:
    return _array_lists(estimator, ["coefs_", "intercepts_"])


def _neighbors(estimator: Any) -> list[LearnedParameter]:
    return _arrays(estimator, ["_fit_X", "_y"])


def _pca(estimator: Any) -> list[LearnedParameter]:
    whitened = ["explained_variance_"] if estimator.whiten else []
    return _arrays(estimator, ["components_", "mean_", *whitened])


def _standard_scaler(estimator: Any) -> list[LearnedParameter]:
    # mean_ is computed even with with_mean=False (the variance needs it), but not applied.
    centred = ["mean_"] if estimator.with_mean else []
    return _arrays(estimator, [*centred, "scale_"])


def _attributes(*names: str) -> _Counter:
    return lambda estimator: _arrays(estimator, names)


def _defined_in(estimator: Any, package: str) -> bool:
    """Whether the estimator's class, or one it derives from, comes from ``package``."""
    return any(
        cls.__module__ == package or cls.__module__.startswith(f"{package}.")
        for cls in type(estimator).__mro__
    )


def _counter_for(estimator: Any) -> _Counter | None:
    from sklearn import (
        decomposition,
        dummy,
        ensemble,
        neighbors,
        neural_network,
        preprocessing,
        svm,
        tree,
    )

    families: list[tuple[tuple[type, ...], _Counter]] = [
        ((svm.LinearSVC, svm.LinearSVR), _linear),
        ((svm.SVC, svm.NuSVC, svm.SVR, svm.NuSVR, svm.OneClassSVM), _kernel_svm),
        ((tree.BaseDecisionTree,), _tree),
        (
            (
                ensemble.RandomForestClassifier,
                ensemble.RandomForestRegressor,
                ensemble.ExtraTreesClassifier,
                ensemble.ExtraTreesRegressor,
            ),
            _forest,
        ),
        (
            (ensemble.GradientBoostingClassifier, ensemble.GradientBoostingRegressor),
            _gradient_boosting,
        ),
        (
            (ensemble.HistGradientBoostingClassifier, ensemble.HistGradientBoostingRegressor),
            _histogram_gradient_boosting,
        ),
        ((neural_network.MLPClassifier, neural_network.MLPRegressor), _mlp),
        (
            (
                neighbors.KNeighborsClassifier,
                neighbors.KNeighborsRegressor,
                neighbors.RadiusNeighborsClassifier,
                neighbors.RadiusNeighborsRegressor,
                neighbors.NearestNeighbors,
            ),
            _neighbors,
        ),
        ((decomposition.PCA, decomposition.IncrementalPCA), _pca),
        ((decomposition.TruncatedSVD,), _attributes("components_")),
        ((preprocessing.StandardScaler,), _standard_scaler),
        ((preprocessing.MinMaxScaler,), _attributes("min_", "scale_")),
        ((preprocessing.MaxAbsScaler,), _attributes("scale_")),
        ((preprocessing.RobustScaler,), _attributes("center_", "scale_")),
        ((dummy.DummyClassifier,), _attributes("class_prior_")),
        ((dummy.DummyRegressor,), _attributes("constant_")),
    ]
    for classes, counter in families:
        if isinstance(estimator, classes):
            return counter
    if _defined_in(estimator, "sklearn.linear_model") and hasattr(estimator, "coef_"):
        return _linear
    return None


def learned_parameters(estimator: Any, context: str = "") -> list[LearnedParameter]:
    """The parameters a fitted scikit-learn estimator (not a pipeline) learned.

    Args:
        estimator: the fitted estimator.
        context: where it sits in the model inspected, for the error message.

    Raises:
        UnsupportedModelError: an estimator outside the families above.
    """
    counter = _counter_for(estimator)
    if counter is None:
        raise unsupported(estimator, context)
    return counter(estimator)
