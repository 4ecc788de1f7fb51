"""NSGA-II's pieces: crowding distance, survivors, tournaments, crossover and mutation."""

from __future__ import annotations

import numpy as np
import pytest

from tunesmith.samplers._nsga2.crowding import crowding_distances
from tunesmith.samplers._nsga2.survival import select_survivors
from tunesmith.samplers._nsga2.tournament import tournament
from tunesmith.samplers._nsga2.variation import (
    Variation,
    breed,
    polynomial_mutation,
    simulated_binary_crossover,
)


def test_crowding_distance_by_hand() -> None:
    front = np.array([[0.0, 10.0], [1.0, 6.0], [2.0, 5.0], [4.0, 0.0]])
    # x range 4, y range 10: point 1 has neighbours (0, 10) and (2, 5); point 2 (1, 6), (4, 0).
    expected = [np.inf, 2 / 4 + 5 / 10, 3 / 4 + 6 / 10, np.inf]
    assert crowding_distances(front) == pytest.approx(expected)


def test_survivors_keep_whole_fronts_then_the_least_crowded() -> None:
    values = np.array(
        [
            [5.0, 5.0],  # rank 1 (dominated by the rank-0 points)
            [0.0, 4.0],  # rank 0, extreme
            [1.0, 3.0],  # rank 0, crowded between its neighbours
            [1.5, 1.5],  # rank 0, more room
            [4.0, 0.0],  # rank 0, extreme
        ]
    )
    rows = np.array([20, 21, 22, 23, 24])
    assert sorted(select_survivors(rows, values, 5).rows.tolist()) == rows.tolist()
    assert sorted(select_survivors(rows, values, 3).rows.tolist()) == [21, 23, 24]
    population = select_survivors(rows, values, 4)
    assert sorted(population.rows.tolist()) == [21, 22, 23, 24]
    assert population.ranks.tolist() == [0, 0, 0, 0]


def test_tournaments_prefer_the_better_front() -> None:
    values = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    population = select_survivors(np.array([0, 1, 2]), values, 3)
    rng = np.random.default_rng(0)
    winners = [int(population.rows[tournament(population, rng)]) for _ in range(300)]
    counts = np.bincount(winners, minlength=3)
    # The best wins every tournament it enters (2 in 3), the worst none.
    assert counts[2] == 0
    assert counts[0] > 170


def test_crossover_children_stay_in_the_cube_and_near_their_parents() -> None:
    rng = np.random.default_rng(1)
    first, second = np.full(2000, 0.2), np.full(2000, 0.3)
    children = simulated_binary_crossover(first, second, eta=20.0, rng=rng)
    assert ((children >= 0) & (children <= 1)).all()
    crossed = children != first
    # About half the coordinates cross; those spread around the parents, mostly between
    # a little below 0.2 and a little above 0.3.
    assert 0.4 < crossed.mean() < 0.6
    assert np.mean(np.abs(children[crossed] - 0.25) < 0.1) > 0.95
    assert np.isclose(children[crossed].mean(), 0.25, atol=0.01)


def test_crossover_near_a_bound_never_leaves_the_cube() -> None:
    rng = np.random.default_rng(2)
    children = simulated_binary_crossover(np.zeros(1000), np.full(1000, 0.05), 2.0, rng)
    assert children.min() >= 0.0
    assert children.max() <= 1.0
    assert (children > 0.05).any()  # it spreads outwards too, but only inside


def test_polynomial_mutation_makes_small_moves_within_bounds() -> None:
    rng = np.random.default_rng(3)
    values = rng.random(5000)
    moved = polynomial_mutation(values, eta=20.0, rng=rng)
    assert ((moved >= 0) & (moved <= 1)).all()
    assert np.median(np.abs(moved - values)) < 0.05
    edges = polynomial_mutation(np.array([0.0, 1.0] * 500), eta=20.0, rng=rng)
    assert ((edges >= 0) & (edges <= 1)).all()


def test_a_child_lacks_what_a_parent_lacks_and_copies_categoricals() -> None:
    variation = Variation(
        crossover_probability=1.0, mutation_probability=0.0, crossover_eta=20, mutation_eta=20
    )
    first = np.array([0.1, np.nan, 0.25, 0.75])
    second = np.array([0.2, 0.5, np.nan, 0.25])
    categorical = np.array([False, False, True, True])
    for seed in range(20):
        child = breed(first, second, categorical, variation, np.random.default_rng(seed))
        assert np.isnan(child[1])
        assert np.isnan(child[2])
        assert child[3] in (0.75, 0.25)
        assert 0.0 <= child[0] <= 1.0


def test_the_same_stream_breeds_the_same_child() -> None:
    variation = Variation(
        crossover_probability=0.9, mutation_probability=None, crossover_eta=20, mutation_eta=20
    )
    first, second = np.array([0.1, 0.9, 0.3]), np.array([0.6, 0.2, 0.7])
    categorical = np.array([False, False, True])
    children = [
        breed(first, second, categorical, variation, np.random.default_rng(7)) for _ in range(2)
    ]
    assert children[0].tolist() == children[1].tolist()
