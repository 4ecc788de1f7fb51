"""The parameters of an XGBoost tree model (a ``Booster`` or an ``XGBModel``), counted by nodes.

xgboost is never imported here: a model of its own can only exist once the
caller imported it. The trees come from the JSON dump of the rounds up to
the best iteration: XGBoost keeps the rounds trained after it, but predicts
without them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from tunesmith.models.boosted_trees import BoostedTrees
from tunesmith.models.card import ModelCard
from tunesmith.models.errors import not_fitted, unsupported
from tunesmith.models.protocol import own_hyperparameters

__all__ = ["is_xgboost_model", "xgboost_card"]

# XGBoost keeps thresholds and leaf values as 32-bit floats and feature indices as 32-bit ints.
_SPLIT_BYTES = 4 + 4
_VALUE_BYTES = 4


def is_xgboost_model(model: object) -> bool:
    """Whether ``model`` is an XGBoost Booster or scikit-learn wrapper; never imports xgboost."""
    xgboost = sys.modules.get("xgboost")
    return xgboost is not None and isinstance(model, xgboost.Booster | xgboost.XGBModel)


def xgboost_card(model: Any) -> ModelCard:
    """The card of a trained XGBoost tree model (``gbtree`` or ``dart``).

    A scikit-learn wrapper's hyperparameters are ``get_params(deep=False)``;
    a Booster's are its non-default training settings as XGBoost saves them
    (``Booster.save_config()``'s learner section, flattened).

    Raises:
        ModelNotFittedError: an ``XGBModel`` that is not fitted yet.
        UnsupportedModelError: a linear booster (``gblinear``), which grows no trees.
    """
    import xgboost

    if isinstance(model, xgboost.XGBModel):
        if not model.__sklearn_is_fitted__():
            raise not_fitted(model)
        booster, hyperparameters = model.get_booster(), own_hyperparameters(model)
    else:
        booster, hyperparameters = model, _booster_settings(model)
    config = json.loads(booster.save_config())["learner"]["gradient_booster"]
    if config["name"] == "gblinear":
        raise unsupported(model, "with booster='gblinear' (tunesmith counts boosted trees)")
    trees = _boosted_trees(booster)
    return ModelCard(type(model).__name__, hyperparameters, trees.parameters(), trees.notes())


def _booster_settings(booster: Any) -> dict[str, Any]:
    learner = json.loads(booster.save_config())["learner"]
    return {
        "objective": learner["objective"]["name"],
        "booster": learner["gradient_booster"]["name"],
        **learner["learner_model_param"],
    }


def _boosted_trees(booster: Any) -> BoostedTrees:
    rounds_trained = int(booster.num_boosted_rounds())
    best = booster.attr("best_iteration")
    rounds = rounds_trained if best is None else int(best) + 1
    dumps = booster[:rounds].get_dump(dump_format="json") if rounds else []
    n_splits = n_leaves = 0
    values_per_leaf = 1
    for node in _nodes([json.loads(dump) for dump in dumps]):
        if "leaf" in node:
            n_leaves += 1
            leaf = node["leaf"]
            values_per_leaf = len(leaf) if isinstance(leaf, list) else 1
        else:
            n_splits += 1
    all_trees = len(booster.get_dump()) if rounds_trained else 0
    return BoostedTrees(
        n_splits=n_splits,
        n_leaves=n_leaves,
        values_per_leaf=values_per_leaf,
        split_bytes=_SPLIT_BYTES,
        value_bytes=_VALUE_BYTES,
        rounds=rounds,
        rounds_trained=rounds_trained,
        trees_per_round=all_trees // rounds_trained if rounds_trained else 1,
    )


def _nodes(trees: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    pending = list(trees)
    while pending:
        node = pending.pop()
        yield node
        pending.extend(node.get("children", ()))
