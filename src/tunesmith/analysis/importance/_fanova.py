"""fANOVA: each input's share of a forest's variance over the unit cube (Hutter et al., 2014).

A regression tree is a constant on each of the boxes that partition [0, 1]^d.
Under the uniform measure, the mean of the tree given ``x_i`` alone is a step
function of ``x_i`` whose steps are the box edges along ``i``: each box adds
its value times its volume across the other inputs to the steps it spans. The
variance of that step function is the main effect of input ``i``; its ratio to
the tree's variance is the input's share. Shares are averaged over the trees.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.analysis.importance._forest import LeafBoxes

__all__ = ["main_effect_shares", "tree_main_effects"]

FloatArray = npt.NDArray[np.float64]


def tree_main_effects(leaves: LeafBoxes) -> tuple[FloatArray, float]:
    """One tree's variance of each input's main effect, and the tree's total variance."""
    widths = leaves.high - leaves.low
    volume = np.prod(widths, axis=1)
    mean = float(np.sum(volume * leaves.value))
    total = float(np.sum(volume * (leaves.value - mean) ** 2))
    n_inputs = leaves.low.shape[1]
    effects = np.zeros(n_inputs)
    for i in range(n_inputs):
        edges = np.unique(np.concatenate([leaves.low[:, i], leaves.high[:, i]]))
        first = np.searchsorted(edges, leaves.low[:, i])
        past = np.searchsorted(edges, leaves.high[:, i])
        # The box's value weighted by its volume across every other input.
        weight = leaves.value * volume / widths[:, i]
        steps = np.cumsum(
            np.bincount(first, weights=weight, minlength=len(edges))
            - np.bincount(past, weights=weight, minlength=len(edges))
        )[:-1]
        effects[i] = float(np.sum(np.diff(edges) * (steps - mean) ** 2))
    return effects, total


def main_effect_shares(leaves: LeafBoxes, n_trees: int) -> FloatArray:
    """Each input's share of the variance, averaged over trees and scaled to sum to 1.

    A tree without variance (a constant) adds nothing; all-zero shares mean the
    forest found no input that changes the target.
    """
    fractions = np.zeros(leaves.low.shape[1])
    for index in range(n_trees):
        effects, total = tree_main_effects(leaves.of_tree(index))
        if total > 0.0:
            fractions += effects / total
    overall = fractions.sum()
    return fractions / overall if overall > 0.0 else fractions
