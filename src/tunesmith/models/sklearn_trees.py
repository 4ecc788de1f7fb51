"""The parameters of fitted scikit-learn trees, counted by nodes.

A tree learns its splits and its leaves, so:

- an internal node (a split) counts 2: the feature it tests and the threshold;
- a leaf counts the values it predicts: ``n_outputs * n_classes`` for a
  classifier (the class distribution, which ``predict_proba`` returns), and
  ``n_outputs`` for a regressor.

The child links are the tree's shape, not learned values, and the statistics
scikit-learn keeps at internal nodes (impurity, sample counts, the node's own
value) are not used to predict; neither is counted. A tree of ``L`` leaves
has ``L - 1`` splits, so a single-output regression tree of ``L`` leaves has
``2 (L - 1) + L`` parameters. An ensemble pools the splits and the leaves of
all its trees into two entries.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from tunesmith.models.card import LearnedParameter

__all__ = ["histogram_tree_parameters", "tree_parameters"]

# scikit-learn marks a leaf by a child index of -1 (sklearn.tree._tree.TREE_LEAF).
_NO_CHILD = -1


def _splits_and_leaves(
    name: str,
    n_splits: int,
    split_bytes: int,
    n_leaves: int,
    leaf_shape: tuple[int, ...],
    value_bytes: int,
) -> list[LearnedParameter]:
    return [
        LearnedParameter(f"{name}.splits", (n_splits, 2), n_splits * split_bytes),
        LearnedParameter(
            f"{name}.leaf_values",
            (n_leaves, *leaf_shape),
            n_leaves * math.prod(leaf_shape) * value_bytes,
        ),
    ]


def tree_parameters(trees: Sequence[Any], name: str) -> list[LearnedParameter]:
    """The splits and leaf values of fitted ``sklearn.tree`` trees, pooled under ``name``.

    Returns ``name.splits`` of shape (splits, 2) and ``name.leaf_values`` of
    shape (leaves, n_outputs, n_classes), n_classes being 1 for a regressor.
    """
    structures = [tree.tree_ for tree in trees]
    first = structures[0]
    n_leaves = sum(int(np.count_nonzero(s.children_left == _NO_CHILD)) for s in structures)
    n_splits = sum(int(s.node_count) for s in structures) - n_leaves
    return _splits_and_leaves(
        name,
        n_splits,
        first.feature.itemsize + first.threshold.itemsize,
        n_leaves,
        tuple(first.value.shape[1:]),
        first.value.itemsize,
    )


def histogram_tree_parameters(
    predictors: Sequence[Sequence[Any]], name: str
) -> list[LearnedParameter]:
    """The splits and leaf values of a HistGradientBoosting model's trees, pooled under ``name``.

    ``predictors`` holds, per boosting iteration, one tree per class (one in
    all for regression and binary classification). Each leaf holds one value.
    A split on a categorical feature counts 2 as well (its category set is
    not counted).
    """
    nodes = [tree.nodes for iteration in predictors for tree in iteration]
    record = nodes[0].dtype
    n_leaves = sum(int(np.count_nonzero(tree_nodes["is_leaf"])) for tree_nodes in nodes)
    n_splits = sum(len(tree_nodes) for tree_nodes in nodes) - n_leaves
    return _splits_and_leaves(
        name,
        n_splits,
        record["feature_idx"].itemsize + record["num_threshold"].itemsize,
        n_leaves,
        (),
        record["value"].itemsize,
    )
