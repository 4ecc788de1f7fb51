"""Pareto ranks: which front each trial belongs to."""

from __future__ import annotations

import numpy as np

from tunesmith.history import non_dominated_mask, non_dominated_ranks


def test_ranks_peel_the_fronts_one_by_one() -> None:
    values = np.array(
        [
            [3.0, 3.0],  # dominated by (2, 2), which (1, 1) dominates: rank 2
            [1.0, 1.0],  # dominates everything else: rank 0
            [2.0, 2.0],  # rank 1
            [0.5, 4.0],  # better than (1, 1) in the first objective: rank 0
            [2.0, 2.0],  # a copy: the same rank as the original
        ]
    )
    assert non_dominated_ranks(values).tolist() == [2, 0, 1, 0, 1]


def test_rank_zero_is_the_non_dominated_set() -> None:
    values = np.random.default_rng(0).random((60, 3))
    ranks = non_dominated_ranks(values)
    assert (ranks == 0).tolist() == non_dominated_mask(values).tolist()
    # No point dominates another of its own rank.
    for rank in np.unique(ranks):
        assert non_dominated_mask(values[ranks == rank]).all()


def test_no_rows_have_no_ranks() -> None:
    assert non_dominated_ranks(np.empty((0, 2))).tolist() == []
