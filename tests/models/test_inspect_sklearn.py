"""tunesmith.inspect counts what each scikit-learn family learned, as computed by hand.

Each expected count comes from the data's dimensions and the hyperparameters
(an MLP's layer sizes, PCA's n_components) or from a fitted attribute whose
meaning scikit-learn documents (n_support_, get_n_leaves()), never from the
attributes the counting itself reads.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sklearn.datasets import load_diabetes, load_iris
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.ensemble import (
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
)
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler
from sklearn.svm import SVC, SVR, LinearSVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import tunesmith

X, Y = load_iris(return_X_y=True)  # 150 samples, 4 features, 3 classes
N, D = X.shape
K = 3
X_REG, Y_REG = load_diabetes(return_X_y=True)  # 442 samples, 10 features
D_REG = X_REG.shape[1]
BINARY = Y < 2

# A few iterations are enough to have something to count; convergence does not matter here.
quick_fit = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


def shapes(card: tunesmith.ModelCard) -> dict[str, tuple[int, ...]]:
    return {parameter.name: parameter.shape for parameter in card.parameters}


def tree_count(leaves: int, values_per_leaf: int) -> int:
    """A binary tree of L leaves has L - 1 splits (feature + threshold) and L leaf values."""
    return 2 * (leaves - 1) + values_per_leaf * leaves


# Linear models -------------------------------------------------------------------------------


def test_logistic_regression_learns_a_weight_per_class_and_feature_plus_intercepts() -> None:
    card = tunesmith.inspect(LogisticRegression(max_iter=1000).fit(X, Y))

    assert shapes(card) == {"coef_": (K, D), "intercept_": (K,)}
    assert card.n_parameters == K * D + K
    assert card.n_bytes == 8 * (K * D + K)  # float64 weights


def test_an_intercept_that_is_not_fitted_is_not_a_parameter() -> None:
    card = tunesmith.inspect(LogisticRegression(fit_intercept=False, max_iter=1000).fit(X, Y))

    assert shapes(card) == {"coef_": (K, D)}


@pytest.mark.parametrize(
    ("model", "expected"),
    [(LinearRegression(), D_REG + 1), (Lasso(alpha=0.01), D_REG + 1), (Ridge(), D_REG + 1)],
)
def test_linear_regressions_learn_a_weight_per_feature_and_an_intercept(
    model: Any, expected: int
) -> None:
    card = tunesmith.inspect(model.fit(X_REG, Y_REG))

    assert card.n_parameters == expected
    assert card.hyperparameters == model.get_params(deep=False)


def test_a_two_output_ridge_learns_a_row_of_weights_per_output() -> None:
    card = tunesmith.inspect(Ridge().fit(X_REG, np.column_stack([Y_REG, -Y_REG])))

    assert shapes(card) == {"coef_": (2, D_REG), "intercept_": (2,)}


def test_linear_svc_on_two_classes_learns_one_weight_vector_and_intercept() -> None:
    card = tunesmith.inspect(LinearSVC().fit(X[BINARY], Y[BINARY]))

    assert card.n_parameters == D + 1


# Kernel SVMs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("C", [0.1, 100.0])
def test_svc_learns_its_support_vectors_their_dual_coefficients_and_pairwise_intercepts(
    C: float,  # noqa: N803 - scikit-learn's name
) -> None:
    model = SVC(C=C).fit(X, Y)
    n_vectors = int(model.n_support_.sum())  # support vectors per class, summed

    card = tunesmith.inspect(model)

    # Each vector keeps its D features and one coefficient per other class (K - 1);
    # one-vs-one learns an intercept per pair of classes.
    assert card.n_parameters == n_vectors * D + n_vectors * (K - 1) + K * (K - 1) // 2
    assert shapes(card)["support_vectors_"] == (n_vectors, D)


def test_fewer_support_vectors_mean_fewer_parameters() -> None:
    # A softer margin (small C) keeps more samples as support vectors.
    soft = tunesmith.inspect(SVC(C=0.01).fit(X, Y))
    hard = tunesmith.inspect(SVC(C=100.0).fit(X, Y))

    assert hard.n_parameters < soft.n_parameters


def test_svr_learns_one_coefficient_per_support_vector() -> None:
    model = SVR(C=10.0).fit(X_REG, Y_REG)
    n_vectors = len(model.support_)  # indices of the support vectors

    assert tunesmith.inspect(model).n_parameters == n_vectors * D_REG + n_vectors + 1


# Trees and forests ---------------------------------------------------------------------------


@pytest.mark.parametrize("max_depth", [1, 3, None])
def test_a_classification_tree_counts_two_per_split_and_a_class_distribution_per_leaf(
    max_depth: int | None,
) -> None:
    model = DecisionTreeClassifier(max_depth=max_depth, random_state=0).fit(X, Y)

    card = tunesmith.inspect(model)

    assert card.n_parameters == tree_count(model.get_n_leaves(), K)
    assert shapes(card)["tree_.leaf_values"] == (model.get_n_leaves(), 1, K)
    assert card.n_bytes == 8 * card.n_parameters  # int64 feature, float64 threshold and values


def test_a_depth_one_tree_is_one_split_and_two_leaves() -> None:
    card = tunesmith.inspect(DecisionTreeRegressor(max_depth=1).fit(X_REG, Y_REG))

    assert shapes(card) == {"tree_.splits": (1, 2), "tree_.leaf_values": (2, 1, 1)}
    assert card.n_parameters == 2 + 2


def test_a_two_output_regression_tree_predicts_two_values_per_leaf() -> None:
    model = DecisionTreeRegressor(max_leaf_nodes=6).fit(X_REG, np.column_stack([Y_REG, Y_REG**2]))

    assert tunesmith.inspect(model).n_parameters == tree_count(6, 2)


def test_a_forest_counts_the_nodes_of_every_tree() -> None:
    model = RandomForestClassifier(n_estimators=4, max_depth=3, random_state=0).fit(X, Y)

    card = tunesmith.inspect(model)

    assert card.n_parameters == sum(tree_count(t.get_n_leaves(), K) for t in model.estimators_)


def test_extra_trees_grow_with_the_number_of_trees() -> None:
    small = ExtraTreesRegressor(n_estimators=2, max_leaf_nodes=8, random_state=0)
    large = ExtraTreesRegressor(n_estimators=6, max_leaf_nodes=8, random_state=0)

    assert tunesmith.inspect(small.fit(X_REG, Y_REG)).n_parameters == 2 * tree_count(8, 1)
    assert tunesmith.inspect(large.fit(X_REG, Y_REG)).n_parameters == 6 * tree_count(8, 1)


# Boosting ------------------------------------------------------------------------------------


def test_gradient_boosting_counts_a_regression_tree_per_class_and_stage_and_the_priors() -> None:
    model = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=0).fit(X, Y)
    trees = model.estimators_.ravel()

    card = tunesmith.inspect(model)

    assert len(trees) == 5 * K
    # Every stage fits one single-valued regression tree per class; the start is the class priors.
    expected = sum(tree_count(tree.get_n_leaves(), 1) for tree in trees) + K
    assert card.n_parameters == expected
    assert "init_.class_prior_" in shapes(card)


def test_gradient_boosting_from_zero_has_no_initial_prediction_to_count() -> None:
    model = GradientBoostingRegressor(n_estimators=3, max_leaf_nodes=4, init="zero")

    card = tunesmith.inspect(model.fit(X_REG, Y_REG))

    assert card.n_parameters == 3 * tree_count(4, 1)


def test_gradient_boosting_regression_starts_from_one_learned_constant() -> None:
    model = GradientBoostingRegressor(n_estimators=3, max_leaf_nodes=4).fit(X_REG, Y_REG)

    assert tunesmith.inspect(model).n_parameters == 3 * tree_count(4, 1) + 1


def test_histogram_boosting_stumps_have_one_split_and_two_leaves_each() -> None:
    model = HistGradientBoostingClassifier(max_iter=5, max_leaf_nodes=2, early_stopping=False)

    card = tunesmith.inspect(model.fit(X, Y))

    # One stump per class and iteration, and a baseline raw prediction per class.
    assert card.n_parameters == 5 * K * tree_count(2, 1) + K


def test_histogram_boosting_regression_grows_with_its_iterations() -> None:
    model = HistGradientBoostingRegressor(max_iter=7, max_leaf_nodes=2, early_stopping=False)

    assert tunesmith.inspect(model.fit(X_REG, Y_REG)).n_parameters == 7 * tree_count(2, 1) + 1


# Neural networks -----------------------------------------------------------------------------


@quick_fit
@pytest.mark.parametrize("hidden", [2, 16])
def test_an_mlp_learns_a_weight_matrix_and_bias_per_layer(hidden: int) -> None:
    model = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=5, random_state=0).fit(X, Y)

    card = tunesmith.inspect(model)

    assert card.n_parameters == (D * hidden + hidden) + (hidden * K + K)
    assert shapes(card) == {
        "coefs_[0]": (D, hidden),
        "coefs_[1]": (hidden, K),
        "intercepts_[0]": (hidden,),
        "intercepts_[1]": (K,),
    }
    assert card.hyperparameters["hidden_layer_sizes"] == (hidden,)


@quick_fit
def test_a_deeper_mlp_regressor_has_a_single_output_unit() -> None:
    model = MLPRegressor(hidden_layer_sizes=(8, 4), max_iter=5, random_state=0)

    card = tunesmith.inspect(model.fit(X_REG, Y_REG))

    assert card.n_parameters == (D_REG * 8 + 8) + (8 * 4 + 4) + (4 * 1 + 1)


# Nearest neighbours --------------------------------------------------------------------------


@pytest.mark.parametrize("n_neighbors", [1, 15])
def test_k_nearest_neighbours_store_the_training_set_and_its_labels(n_neighbors: int) -> None:
    card = tunesmith.inspect(KNeighborsClassifier(n_neighbors=n_neighbors).fit(X, Y))

    # The number of neighbours is a hyperparameter: the stored data does not depend on it.
    assert card.n_parameters == N * D + N
    assert card.hyperparameters["n_neighbors"] == n_neighbors


def test_neighbours_store_as_many_samples_as_they_were_given() -> None:
    half = tunesmith.inspect(KNeighborsRegressor().fit(X_REG[:200], Y_REG[:200]))
    unsupervised = tunesmith.inspect(NearestNeighbors().fit(X))

    assert half.n_parameters == 200 * D_REG + 200
    assert unsupervised.n_parameters == N * D


# Decomposition and scaling -------------------------------------------------------------------


@pytest.mark.parametrize("n_components", [1, 3])
def test_pca_learns_its_components_and_the_mean(n_components: int) -> None:
    card = tunesmith.inspect(PCA(n_components=n_components).fit(X))

    assert card.n_parameters == n_components * D + D


def test_whitening_pca_also_keeps_each_components_variance() -> None:
    card = tunesmith.inspect(PCA(n_components=2, whiten=True).fit(X))

    assert card.n_parameters == 2 * D + D + 2


def test_truncated_svd_learns_its_components_only() -> None:
    assert tunesmith.inspect(TruncatedSVD(n_components=2).fit(X)).n_parameters == 2 * D


@pytest.mark.parametrize(
    ("scaler", "per_feature"),
    [
        (StandardScaler(), 2),  # mean and scale
        (StandardScaler(with_mean=False), 1),
        (MinMaxScaler(), 2),  # offset and scale
        (MaxAbsScaler(), 1),
        (RobustScaler(with_centering=False), 1),
    ],
)
def test_scalers_learn_the_statistics_they_apply(scaler: Any, per_feature: int) -> None:
    assert tunesmith.inspect(scaler.fit(X)).n_parameters == per_feature * D
