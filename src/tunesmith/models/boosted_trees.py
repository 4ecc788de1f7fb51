"""The parameters of gradient-boosted trees (LightGBM, XGBoost), counted by nodes.

The rule is the one ``sklearn_trees`` follows: a split counts 2 (the feature
it tests and its threshold) and a leaf counts the values it predicts (one for
a LightGBM or XGBoost leaf). A boosted model grows one tree per class (one in
all for regression and binary classification) in each boosting round; all of
them are pooled into two entries, ``trees.splits`` and ``trees.leaf_values``.
Only the rounds the model predicts with are counted: where early stopping
kept fewer rounds than were trained, the trees after the best round are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from tunesmith.models.card import LearnedParameter

__all__ = ["BoostedTrees"]


@dataclass(frozen=True, slots=True)
class BoostedTrees:
    """What a boosted model's predicting trees hold, and how they were found.

    Attributes:
        n_splits: internal nodes over all counted trees.
        n_leaves: leaves over all counted trees.
        values_per_leaf: numbers each leaf predicts (more than one only for
            XGBoost's vector-leaf trees).
        split_bytes: memory of one split (feature index and threshold).
        value_bytes: memory of one leaf value.
        rounds: boosting rounds counted (the best round's, under early stopping).
        rounds_trained: boosting rounds the model holds trees for.
        trees_per_round: trees grown in each round (classes x parallel trees).
    """

    n_splits: int
    n_leaves: int
    values_per_leaf: int
    split_bytes: int
    value_bytes: int
    rounds: int
    rounds_trained: int
    trees_per_round: int

    def parameters(self) -> tuple[LearnedParameter, ...]:
        """``trees.splits`` of shape (splits, 2) and ``trees.leaf_values`` of (leaves, values)."""
        return (
            LearnedParameter("trees.splits", (self.n_splits, 2), self.n_splits * self.split_bytes),
            LearnedParameter(
                "trees.leaf_values",
                (self.n_leaves, self.values_per_leaf),
                self.n_leaves * self.values_per_leaf * self.value_bytes,
            ),
        )

    def notes(self) -> tuple[str, ...]:
        """In words, which trees were counted and what each node counts."""
        n_trees = self.rounds * self.trees_per_round
        counted = (
            f"{self.rounds:,} boosting rounds x {self.trees_per_round} trees per round = "
            f"{n_trees:,} trees: {self.n_splits:,} splits (feature and threshold, 2 each) and "
            f"{self.n_leaves:,} leaves ({self.values_per_leaf} value each)"
        )
        if self.rounds == self.rounds_trained:
            return (counted,)
        stopped = (
            f"early stopping kept {self.rounds:,} of the {self.rounds_trained:,} rounds trained; "
            "the trees of later rounds do not predict and are not counted"
        )
        return (counted, stopped)
