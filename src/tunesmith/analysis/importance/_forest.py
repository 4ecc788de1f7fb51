"""A random forest of regression trees, kept only as the boxes of its leaves.

fANOVA needs a tree as a partition of the unit cube into boxes, each with a
constant value; it never predicts. So the trees here are grown level by level,
all trees of the forest at once, with every node of a level split in one pass
of array operations per hyperparameter, and a leaf is kept as its box
(``low``, ``high``) and its value (the mean target of its training rows).

A split goes halfway between two neighbouring distinct values, at the place
that most reduces the squared error (CART); a node stops splitting when no
split reduces it, when it is too small or too deep.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["LeafBoxes", "grow_forest"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# A split must reduce the squared error by more than this fraction of the node's own.
_MIN_RELATIVE_GAIN = 1e-12


@dataclass(frozen=True, slots=True)
class LeafBoxes:
    """The leaves of every tree of a forest.

    Attributes:
        tree: each leaf's tree, in 0 .. n_trees - 1.
        low: ``n_leaves x d`` lower corners of the leaves' boxes in [0, 1].
        high: ``n_leaves x d`` upper corners.
        value: each leaf's mean target.
    """

    tree: IntArray
    low: FloatArray
    high: FloatArray
    value: FloatArray

    def of_tree(self, index: int) -> LeafBoxes:
        """The leaves of tree ``index`` alone."""
        rows = self.tree == index
        return LeafBoxes(self.tree[rows], self.low[rows], self.high[rows], self.value[rows])


@dataclass
class _Level:
    """The nodes still growing at one depth and the training rows inside them."""

    rows: IntArray  # index into X of each sample (a bootstrap repeats rows)
    node: IntArray  # each sample's node, 0 .. n_nodes - 1, grouped: node is sorted
    tree: IntArray  # each node's tree
    low: FloatArray  # n_nodes x d
    high: FloatArray


def _best_splits(
    x: FloatArray, y: FloatArray, level: _Level, min_samples_leaf: int
) -> tuple[FloatArray, IntArray, FloatArray]:
    """Each node's best split: its score (sum^2/n of both sides), feature and threshold."""
    n_nodes = len(level.tree)
    counts = np.bincount(level.node, minlength=n_nodes)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    targets = y[level.rows]
    totals = np.bincount(level.node, weights=targets, minlength=n_nodes)
    best_score = np.full(n_nodes, -np.inf)
    best_feature = np.zeros(n_nodes, dtype=np.int64)
    best_threshold = np.zeros(n_nodes)
    positions = np.arange(len(level.node))
    for feature in range(x.shape[1]):
        values = x[level.rows, feature]
        order = np.lexsort((values, level.node))
        sorted_values = values[order]
        node = level.node[order]
        cumulative = np.cumsum(targets[order])
        before_start = np.where(starts > 0, cumulative[starts - 1], 0.0)[node]
        left_sum = cumulative - before_start
        left_n = positions - starts[node] + 1
        right_n = counts[node] - left_n
        right_sum = totals[node] - left_sum
        next_value = np.append(sorted_values[1:], np.inf)
        valid = (
            (left_n >= min_samples_leaf)
            & (right_n >= min_samples_leaf)
            & (next_value > sorted_values)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(
                valid, left_sum**2 / left_n + right_sum**2 / np.maximum(right_n, 1), -np.inf
            )
        node_best = np.maximum.reduceat(score, starts)
        at_best = np.where(score == node_best[node], positions, len(positions))
        first = np.minimum.reduceat(at_best, starts)
        better = node_best > best_score
        chosen = first[better]
        best_score[better] = node_best[better]
        best_feature[better] = feature
        best_threshold[better] = (sorted_values[chosen] + next_value[chosen]) / 2.0
    return best_score, best_feature, best_threshold


def grow_forest(
    x: FloatArray,
    y: FloatArray,
    *,
    n_trees: int,
    rng: np.random.Generator,
    min_samples_leaf: int = 1,
    max_depth: int = 64,
) -> LeafBoxes:
    """Fit ``n_trees`` regression trees, each on a bootstrap sample of the rows of ``x``.

    Args:
        x: ``n x d`` inputs in [0, 1], no NaN.
        y: ``n`` targets.
        n_trees: how many trees.
        rng: the source of the bootstrap samples.
        min_samples_leaf: the fewest samples a leaf may hold.
        max_depth: the deepest a leaf may be.

    Returns:
        The leaves of every tree: boxes that partition [0, 1]^d, per tree.
    """
    n, d = x.shape
    bootstrap = rng.integers(0, n, size=(n_trees, n))
    level = _Level(
        rows=bootstrap.reshape(-1),
        node=np.repeat(np.arange(n_trees), n),
        tree=np.arange(n_trees),
        low=np.zeros((n_trees, d)),
        high=np.ones((n_trees, d)),
    )
    leaves: list[tuple[IntArray, FloatArray, FloatArray, FloatArray]] = []
    for depth in range(max_depth + 1):
        n_nodes = len(level.tree)
        counts = np.bincount(level.node, minlength=n_nodes)
        sums = np.bincount(level.node, weights=y[level.rows], minlength=n_nodes)
        squares = np.bincount(level.node, weights=y[level.rows] ** 2, minlength=n_nodes)
        unsplit_score = sums**2 / counts
        error = squares - unsplit_score
        if depth < max_depth:
            score, feature, threshold = _best_splits(x, y, level, min_samples_leaf)
            splits = (score - unsplit_score > _MIN_RELATIVE_GAIN * np.maximum(error, 0.0)) & (
                error > 0.0
            )
        else:
            splits = np.zeros(n_nodes, dtype=bool)
        stops = ~splits
        leaves.append(
            (level.tree[stops], level.low[stops], level.high[stops], (sums / counts)[stops])
        )
        if not splits.any():
            break
        level = _split(x, level, splits, feature, threshold)
    tree, low, high, value = (np.concatenate(parts) for parts in zip(*leaves, strict=True))
    return LeafBoxes(tree=tree, low=low, high=high, value=value)


def _split(
    x: FloatArray,
    level: _Level,
    splits: npt.NDArray[np.bool_],
    feature: IntArray,
    threshold: FloatArray,
) -> _Level:
    """The next level: each splitting node's two children, with their samples, grouped."""
    parents = np.flatnonzero(splits)
    child_of_parent = np.full(len(splits), -1)
    child_of_parent[parents] = 2 * np.arange(len(parents))
    kept = splits[level.node]
    rows, node = level.rows[kept], level.node[kept]
    goes_right = x[rows, feature[node]] > threshold[node]
    child = child_of_parent[node] + goes_right
    order = np.argsort(child, kind="stable")
    low = np.repeat(level.low[parents], 2, axis=0)
    high = np.repeat(level.high[parents], 2, axis=0)
    sides = np.arange(2 * len(parents))
    split_feature = np.repeat(feature[parents], 2)
    split_threshold = np.repeat(threshold[parents], 2)
    high[sides[0::2], split_feature[0::2]] = split_threshold[0::2]
    low[sides[1::2], split_feature[1::2]] = split_threshold[1::2]
    return _Level(
        rows=rows[order],
        node=child[order],
        tree=np.repeat(level.tree[parents], 2),
        low=low,
        high=high,
    )
