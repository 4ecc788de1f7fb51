"""tunesmith.inspect counts LightGBM and XGBoost trees by node, as computed by hand.

The hand counts use stumps (one split, two leaves per tree) on data every
stump can split, so a model of R rounds and C trees per round has R * C
splits of 2 numbers and 2 * R * C leaves of one value. Larger models are
checked against the libraries' own table of nodes (``trees_to_dataframe``).
"""

from __future__ import annotations

from typing import Any

import lightgbm as lgb
import numpy as np
import pytest
import xgboost as xgb
from sklearn.datasets import load_iris

import tunesmith
from tunesmith.exceptions import ModelNotFittedError, UnsupportedModelError

X, Y = load_iris(return_X_y=True)  # 150 samples, 4 features, 3 classes
K = 3
STEP_X = np.arange(40.0).reshape(-1, 1)
STEP_Y = (STEP_X[:, 0] >= 20).astype(float)
LGB_STUMPS = {"num_leaves": 2, "min_data_in_leaf": 1, "min_sum_hessian_in_leaf": 0.0}
LGB_QUIET = {"verbose": -1, "seed": 0, "deterministic": True, "num_threads": 1}


def stump_count(n_trees: int) -> int:
    return n_trees * (2 + 2)  # a split (feature, threshold) and two one-value leaves


def node_count(nodes: Any) -> int:
    """Splits count 2 and leaves 1, from XGBoost's ``trees_to_dataframe`` table."""
    n_leaves = int((nodes["Feature"] == "Leaf").sum())
    return 2 * (len(nodes) - n_leaves) + n_leaves


def counted(card: tunesmith.ModelCard) -> dict[str, tuple[int, ...]]:
    return {parameter.name: parameter.shape for parameter in card.parameters}


# LightGBM ------------------------------------------------------------------------------------


def test_lightgbm_booster_of_regression_stumps_counts_one_split_and_two_leaves_per_round() -> None:
    booster = lgb.train(
        {"objective": "regression", **LGB_STUMPS, **LGB_QUIET},
        lgb.Dataset(STEP_X, STEP_Y),
        num_boost_round=3,
    )

    card = tunesmith.inspect(booster)

    assert counted(card) == {"trees.splits": (3, 2), "trees.leaf_values": (6, 1)}
    assert card.n_parameters == stump_count(3)
    assert card.n_bytes == 3 * (4 + 8) + 6 * 8
    assert card.model == "Booster"
    assert card.hyperparameters["num_leaves"] == 2
    assert card.notes[0].startswith("3 boosting rounds x 1 trees per round = 3 trees")


def test_lightgbm_classifier_grows_a_tree_per_class_in_each_round() -> None:
    model = lgb.LGBMClassifier(n_estimators=4, **LGB_STUMPS, **LGB_QUIET).fit(X, Y)

    card = tunesmith.inspect(model)

    assert card.n_parameters == stump_count(4 * K)
    assert card.model == "LGBMClassifier"
    assert card.hyperparameters["n_estimators"] == 4
    assert "4 boosting rounds x 3 trees per round = 12 trees" in card.notes[0]


def test_lightgbm_counts_agree_with_its_own_table_of_nodes() -> None:
    model = lgb.LGBMRegressor(n_estimators=7, num_leaves=6, **LGB_QUIET).fit(X[:, 1:], X[:, 0])
    nodes = model.booster_.trees_to_dataframe()
    n_leaves = int(nodes["split_feature"].isna().sum())

    card = tunesmith.inspect(model)

    assert counted(card) == {
        "trees.splits": (len(nodes) - n_leaves, 2),
        "trees.leaf_values": (n_leaves, 1),
    }


def test_lightgbm_early_stopping_counts_only_the_rounds_up_to_the_best() -> None:
    train, valid = slice(0, None, 2), slice(1, None, 2)
    booster = lgb.train(
        {"objective": "multiclass", "num_class": K, **LGB_STUMPS, **LGB_QUIET},
        lgb.Dataset(X[train], Y[train]),
        num_boost_round=200,
        valid_sets=[lgb.Dataset(X[valid], Y[valid])],
        callbacks=[lgb.early_stopping(3, verbose=False)],
    )
    assert 0 < booster.best_iteration < 200

    card = tunesmith.inspect(booster)

    assert card.n_parameters == stump_count(booster.best_iteration * K)


def test_an_unfitted_lightgbm_wrapper_is_refused_as_not_fitted() -> None:
    with pytest.raises(ModelNotFittedError, match="LGBMRegressor"):
        tunesmith.inspect(lgb.LGBMRegressor())


# XGBoost -------------------------------------------------------------------------------------


def test_xgboost_booster_of_stumps_counts_a_split_and_two_leaves_per_class_and_round() -> None:
    booster = xgb.train(
        {"objective": "multi:softprob", "num_class": K, "max_depth": 1, "nthread": 1},
        xgb.DMatrix(X, Y),
        num_boost_round=5,
    )

    card = tunesmith.inspect(booster)

    assert counted(card) == {"trees.splits": (5 * K, 2), "trees.leaf_values": (2 * 5 * K, 1)}
    assert card.n_parameters == stump_count(5 * K)
    assert card.n_bytes == 5 * K * (4 + 4) + 2 * 5 * K * 4
    assert card.hyperparameters["objective"] == "multi:softprob"
    assert card.notes == (
        "5 boosting rounds x 3 trees per round = 15 trees: 15 splits (feature and threshold, "
        "2 each) and 30 leaves (1 value each)",
    )


@pytest.mark.parametrize("model_class", [xgb.XGBRegressor, xgb.XGBClassifier])
def test_xgboost_wrappers_count_agrees_with_its_own_table_of_nodes(model_class: Any) -> None:
    target = (X[:, 0] > 5.8).astype(int)
    model = model_class(n_estimators=6, max_depth=3, n_jobs=1).fit(X[:, 1:], target)
    nodes = model.get_booster().trees_to_dataframe()
    n_leaves = int((nodes["Feature"] == "Leaf").sum())

    card = tunesmith.inspect(model)

    assert counted(card) == {
        "trees.splits": (len(nodes) - n_leaves, 2),
        "trees.leaf_values": (n_leaves, 1),
    }
    assert card.hyperparameters["max_depth"] == 3


def test_xgboost_early_stopping_counts_the_rounds_up_to_the_best_and_says_so() -> None:
    train, valid = slice(0, None, 2), slice(1, None, 2)
    model = xgb.XGBClassifier(
        n_estimators=300, max_depth=1, learning_rate=0.3, early_stopping_rounds=4, n_jobs=1
    )
    model.fit(X[train], Y[train], eval_set=[(X[valid], Y[valid])], verbose=False)
    kept = model.best_iteration + 1
    trained = model.get_booster().num_boosted_rounds()
    assert kept < trained

    card = tunesmith.inspect(model)

    booster = model.get_booster()
    assert card.n_parameters == node_count(booster[:kept].trees_to_dataframe())
    assert card.n_parameters < node_count(booster.trees_to_dataframe())
    assert card.notes[1].startswith(f"early stopping kept {kept} of the {trained} rounds trained")


def test_a_linear_xgboost_booster_is_refused_with_the_reason() -> None:
    booster = xgb.train({"booster": "gblinear", "nthread": 1}, xgb.DMatrix(X, Y), 2)

    with pytest.raises(UnsupportedModelError, match="booster='gblinear'"):
        tunesmith.inspect(booster)


def test_an_unfitted_xgboost_wrapper_is_refused_as_not_fitted() -> None:
    with pytest.raises(ModelNotFittedError, match="XGBClassifier"):
        tunesmith.inspect(xgb.XGBClassifier())


def test_a_boosted_model_in_a_pipeline_is_counted_as_a_step() -> None:
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    pipeline = make_pipeline(
        StandardScaler(), lgb.LGBMClassifier(n_estimators=4, **LGB_STUMPS, **LGB_QUIET)
    ).fit(X, Y)

    card = tunesmith.inspect(pipeline)

    scaler = 4 + 4  # mean_ and scale_ of 4 features, as for scikit-learn pipelines
    assert card.n_parameters == scaler + stump_count(4 * K)
    assert card.hyperparameters["lgbmclassifier__n_estimators"] == 4
    assert "lgbmclassifier.trees.splits" in {p.name for p in card.parameters}
