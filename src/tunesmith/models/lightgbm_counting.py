"""The parameters of a LightGBM model (a ``Booster`` or an ``LGBMModel``), counted by nodes.

lightgbm is never imported here: a model of its own can only exist once the
caller imported it. The trees come from ``Booster.dump_model()``, which holds
only the rounds up to the best iteration when early stopping found one.
"""

from __future__ import annotations

import sys
from typing import Any

from tunesmith.models.boosted_trees import BoostedTrees
from tunesmith.models.card import ModelCard
from tunesmith.models.errors import not_fitted
from tunesmith.models.protocol import own_hyperparameters

__all__ = ["is_lightgbm_model", "lightgbm_card"]

# LightGBM keeps thresholds and leaf values as doubles and feature indices as 32-bit ints.
_SPLIT_BYTES = 4 + 8
_VALUE_BYTES = 8


def is_lightgbm_model(model: object) -> bool:
    """Whether ``model`` is a LightGBM Booster or scikit-learn wrapper; never imports lightgbm."""
    lightgbm = sys.modules.get("lightgbm")
    return lightgbm is not None and isinstance(model, lightgbm.Booster | lightgbm.LGBMModel)


def lightgbm_card(model: Any) -> ModelCard:
    """The card of a trained LightGBM model.

    A scikit-learn wrapper's hyperparameters are ``get_params(deep=False)``;
    a Booster's are the ``params`` it was trained with.

    Raises:
        ModelNotFittedError: an ``LGBMModel`` that is not fitted yet.
    """
    import lightgbm

    if isinstance(model, lightgbm.LGBMModel):
        if not model.__sklearn_is_fitted__():
            raise not_fitted(model)
        booster, hyperparameters = model.booster_, own_hyperparameters(model)
    else:
        booster, hyperparameters = model, dict(model.params)
    trees = _boosted_trees(booster)
    return ModelCard(type(model).__name__, hyperparameters, trees.parameters(), trees.notes())


def _boosted_trees(booster: Any) -> BoostedTrees:
    tree_info = booster.dump_model()["tree_info"]
    n_leaves = sum(int(tree["num_leaves"]) for tree in tree_info)
    trees_per_round = int(booster.num_model_per_iteration())
    return BoostedTrees(
        n_splits=n_leaves - len(tree_info),  # a binary tree of L leaves has L - 1 splits
        n_leaves=n_leaves,
        values_per_leaf=1,
        split_bytes=_SPLIT_BYTES,
        value_bytes=_VALUE_BYTES,
        rounds=len(tree_info) // trees_per_round,
        rounds_trained=int(booster.current_iteration()),
        trees_per_round=trees_per_round,
    )
