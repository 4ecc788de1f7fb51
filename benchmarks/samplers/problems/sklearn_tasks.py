"""Real tuning tasks: scikit-learn models on its bundled datasets, scored by 3-fold CV.

Every task is deterministic: the folds are shuffled once with a fixed seed and every
model that draws random numbers gets ``random_state=0``, so a configuration has one
value and the per-process cache in ``Problem`` can answer repeats.

Most tasks score the cross-validated log loss rather than the error rate. On datasets
this small the error rate takes few distinct values, so many configurations tie and
random search often reaches the best one; the normalised regret then divides by zero.
Log loss (and 1 - ROC AUC for the SVM, which has no cheap probabilities) separates
configurations that classify alike but with different confidence.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from benchmarks.samplers.problems.base import (
    CategoricalParam,
    FloatParam,
    IntParam,
    Params,
    Problem,
)

__all__ = ["SKLEARN_PROBLEMS", "cv_loss"]

Dataset = tuple[npt.NDArray[np.float64], npt.NDArray[Any]]

_LOADERS: dict[str, Callable[..., Any]] = {
    "breast_cancer": load_breast_cancer,
    "diabetes": load_diabetes,
    "digits": load_digits,
    "wine": load_wine,
}


@functools.cache
def _dataset(name: str) -> Dataset:
    features, target = _LOADERS[name](return_X_y=True)
    return features, target


def cv_loss(model: BaseEstimator, dataset: str, scoring: str, classification: bool) -> float:
    """The mean loss over 3 fixed folds; ``scoring`` is a scikit-learn score (higher is better)."""
    features, target = _dataset(dataset)
    splitter = StratifiedKFold if classification else KFold
    folds = splitter(n_splits=3, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # Few iterations are a choice here (to keep the benchmark cheap), not a mistake to report.
        warnings.simplefilter("ignore", ConvergenceWarning)
        scores = cross_val_score(model, features, target, cv=folds, scoring=scoring)
    return float(-np.mean(scores))


def svm_breast_cancer(params: Params) -> float:
    model = make_pipeline(StandardScaler(), SVC(C=params["C"], gamma=params["gamma"]))
    return 1.0 + cv_loss(model, "breast_cancer", "roc_auc", classification=True)


def random_forest_wine(params: Params) -> float:
    model = RandomForestClassifier(
        n_estimators=params["n_estimators"],
        max_depth=params["max_depth"],
        min_samples_leaf=params["min_samples_leaf"],
        max_features=params["max_features"],
        random_state=0,
    )
    return cv_loss(model, "wine", "neg_log_loss", classification=True)


def hist_gradient_boosting_breast_cancer(params: Params) -> float:
    model = HistGradientBoostingClassifier(
        learning_rate=params["learning_rate"],
        max_depth=params["max_depth"],
        max_iter=params["max_iter"],
        min_samples_leaf=params["min_samples_leaf"],
        early_stopping=False,
        random_state=0,
    )
    return cv_loss(model, "breast_cancer", "neg_log_loss", classification=True)


def knn_digits(params: Params) -> float:
    model = make_pipeline(
        PCA(n_components=params["n_components"], random_state=0),
        KNeighborsClassifier(
            n_neighbors=params["n_neighbors"], weights=params["weights"], p=params["p"]
        ),
    )
    # kNN has no useful probabilities (a class no neighbour has gets 0), so: error rate.
    # 1,797 samples give it enough distinct values.
    return 1.0 + cv_loss(model, "digits", "accuracy", classification=True)


def logistic_regression_breast_cancer(params: Params) -> float:
    model = make_pipeline(
        StandardScaler(),
        LogisticRegression(
            C=params["C"],
            l1_ratio=1.0 if params["penalty"] == "l1" else 0.0,
            class_weight=params["class_weight"],
            solver="liblinear",
        ),
    )
    return cv_loss(model, "breast_cancer", "neg_log_loss", classification=True)


def elastic_net_diabetes(params: Params) -> float:
    model = ElasticNet(alpha=params["alpha"], l1_ratio=params["l1_ratio"], random_state=0)
    # 1 - R^2: the squared error as a fraction of the target's variance.
    return 1.0 + cv_loss(model, "diabetes", "r2", classification=False)


def mlp_wine(params: Params) -> float:
    model = make_pipeline(
        StandardScaler(),
        MLPClassifier(
            hidden_layer_sizes=(params["hidden_units"],),
            alpha=params["alpha"],
            learning_rate_init=params["learning_rate_init"],
            max_iter=20,
            random_state=0,
        ),
    )
    return cv_loss(model, "wine", "neg_log_loss", classification=True)


SKLEARN_PROBLEMS: tuple[Problem, ...] = (
    Problem(
        name="svm_breast_cancer",
        kind="sklearn",
        space={"C": FloatParam(1e-3, 1e3, log=True), "gamma": FloatParam(1e-5, 10.0, log=True)},
        function=svm_breast_cancer,
        description="SVC (scaled) on breast_cancer; 1 - ROC AUC",
    ),
    Problem(
        name="random_forest_wine",
        kind="sklearn",
        space={
            "n_estimators": IntParam(4, 32, log=True),
            "max_depth": IntParam(1, 12),
            "min_samples_leaf": IntParam(1, 10),
            "max_features": FloatParam(0.1, 1.0),
        },
        function=random_forest_wine,
        description="RandomForestClassifier on wine; log loss",
    ),
    Problem(
        name="hist_gradient_boosting_breast_cancer",
        kind="sklearn",
        space={
            "learning_rate": FloatParam(1e-3, 1.0, log=True),
            "max_depth": IntParam(2, 8),
            "max_iter": IntParam(10, 60),
            "min_samples_leaf": IntParam(2, 40, log=True),
        },
        function=hist_gradient_boosting_breast_cancer,
        description="HistGradientBoostingClassifier on breast_cancer; log loss",
    ),
    Problem(
        name="knn_digits",
        kind="sklearn",
        space={
            "n_components": IntParam(2, 64, log=True),
            "n_neighbors": IntParam(1, 50, log=True),
            "weights": CategoricalParam(("uniform", "distance")),
            "p": CategoricalParam((1, 2)),
        },
        function=knn_digits,
        description="PCA + KNeighborsClassifier on digits; error rate",
    ),
    Problem(
        name="logistic_regression_breast_cancer",
        kind="sklearn",
        space={
            "C": FloatParam(1e-4, 1e2, log=True),
            "penalty": CategoricalParam(("l1", "l2")),
            "class_weight": CategoricalParam((None, "balanced")),
        },
        function=logistic_regression_breast_cancer,
        description="LogisticRegression (scaled, liblinear) on breast_cancer; log loss",
    ),
    Problem(
        name="elastic_net_diabetes",
        kind="sklearn",
        space={"alpha": FloatParam(1e-4, 10.0, log=True), "l1_ratio": FloatParam(0.0, 1.0)},
        function=elastic_net_diabetes,
        description="ElasticNet on diabetes (regression); 1 - R^2",
    ),
    Problem(
        name="mlp_wine",
        kind="sklearn",
        space={
            "hidden_units": IntParam(4, 128, log=True),
            "alpha": FloatParam(1e-6, 1e-1, log=True),
            "learning_rate_init": FloatParam(1e-4, 1e-1, log=True),
        },
        function=mlp_wine,
        description="MLPClassifier (scaled, 20 epochs) on wine; log loss",
    ),
)
