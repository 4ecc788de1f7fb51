"""The mathematics of TPE (tunesmith.samplers._tpe): densities, masses, draws, splits, weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tunesmith.samplers._tpe.bandwidth import (
    classifier_bandwidths,
    kernel_bandwidths,
    smallest_bandwidth,
)
from tunesmith.samplers._tpe.layout import layout_of, snap
from tunesmith.samplers._tpe.parzen import fit_parzen, log_pdf, sample
from tunesmith.samplers._tpe.split import below_count, split_below
from tunesmith.samplers._tpe.tree import branching_columns, usage_groups
from tunesmith.samplers._tpe.weights import recency_weights
from tunesmith.space import Categorical, Distribution, Float, Int


def fitted(space: list[Distribution], n_points: int = 12, seed: int = 0, missing: float = 0.0):
    """A layout and an estimator fitted to random observations (some unused, as NaN)."""
    layout = layout_of(space)
    rng = np.random.default_rng(seed)
    points = snap(layout, rng.random((n_points, len(space))))
    points[rng.random(points.shape) < missing] = np.nan
    return layout, fit_parzen(points, rng.random(n_points) + 0.5, layout)


def cell_middles(distribution: Distribution) -> np.ndarray:
    """The unit position of the middle of every value's cell, in order of value."""
    internal = [distribution.to_internal(value) for value in distribution.grid_values()]
    return snap(layout_of([distribution]), distribution.to_unit(internal)[:, None])[:, 0]


# Densities and masses -------------------------------------------------------------------


@pytest.mark.parametrize("missing", [0.0, 0.3])
def test_a_continuous_density_integrates_to_one(missing: float) -> None:
    layout, estimator = fitted([Float(0.0, 1.0)], missing=missing)
    grid = np.linspace(0.0, 1.0, 20001)
    density = np.exp(log_pdf(estimator, layout, grid[:, None]))
    assert np.trapezoid(density, grid) == pytest.approx(1.0, abs=1e-4)


def test_a_joint_continuous_density_integrates_to_one() -> None:
    layout, estimator = fitted([Float(0.0, 1.0), Float(1e-3, 1.0, log=True)], missing=0.2)
    axis = np.linspace(0.0, 1.0, 401)
    grid = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1).reshape(-1, 2)
    density = np.exp(log_pdf(estimator, layout, grid)).reshape(401, 401)
    integral = np.trapezoid(np.trapezoid(density, axis, axis=1), axis)
    assert integral == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    "distribution",
    [
        Int(-3, 7),
        Int(1, 1000, log=True),
        Int(0, 30, step=3),
        Float(-1.0, 1.0, step=0.25),
        Categorical(["a", "b", None, 2.5]),
    ],
)
def test_discrete_masses_sum_to_one(distribution: Distribution) -> None:
    layout, estimator = fitted([distribution], missing=0.2)
    masses = np.exp(log_pdf(estimator, layout, cell_middles(distribution)[:, None]))
    assert masses.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.all(masses > 0)


def test_masses_of_a_mixed_space_sum_to_one() -> None:
    space: list[Distribution] = [Int(1, 50, log=True), Categorical([True, False, None])]
    layout, estimator = fitted(space, missing=0.3)
    grid = np.array(
        [[a, b] for a in cell_middles(space[0]) for b in cell_middles(space[1])], dtype=float
    )
    assert np.exp(log_pdf(estimator, layout, grid)).sum() == pytest.approx(1.0, abs=1e-9)


def test_a_categorical_kernel_favours_the_observed_choice() -> None:
    space = [Categorical(["a", "b", "c", "d"])]
    layout = layout_of(space)
    observed = np.array([[0.625], [0.625], [0.625], [0.125]])  # "c" three times, "a" once
    estimator = fit_parzen(observed, np.ones(4), layout)
    masses = np.exp(log_pdf(estimator, layout, cell_middles(space[0])[:, None]))
    assert masses.argmax() == 2
    assert masses[2] > masses[0] > masses[1]
    assert masses[1] == pytest.approx(masses[3])  # unseen choices share the smoothing alike


def test_an_integer_density_is_peaked_at_observed_values_not_rounded() -> None:
    space = [Int(0, 9)]
    layout = layout_of(space)
    estimator = fit_parzen(np.array([[0.45], [0.45]]), np.ones(2), layout)  # value 4 twice
    masses = np.exp(log_pdf(estimator, layout, cell_middles(space[0])[:, None]))
    assert masses.argmax() == 4
    assert np.all(np.diff(masses[4:]) < 0)
    assert np.all(np.diff(masses[:5]) > 0)


# Draws ----------------------------------------------------------------------------------


def test_draws_stay_in_range_and_on_cells() -> None:
    space: list[Distribution] = [
        Float(-2.0, 3.0),
        Float(1e-5, 1e2, log=True),
        Float(-1.0, 1.0, step=0.25),
        Int(1, 1024, log=True),
        Int(0, 2**50),
        Categorical([None, True, False, "a", 1, 2.5]),
    ]
    layout, estimator = fitted(space, n_points=30, missing=0.2)
    draws = sample(estimator, layout, np.random.default_rng(1), 2000)
    assert np.all((draws >= 0.0) & (draws <= 1.0))
    for column, distribution in enumerate(space):
        values = distribution.from_unit(draws[:, column])
        assert all(distribution.contains(distribution.to_external(v)) for v in values[:200])
        if distribution.n_values is not None:
            # A discrete draw sits at its cell's middle, which maps back to itself.
            again = snap(layout_of([distribution]), draws[:, [column]])[:, 0]
            np.testing.assert_array_equal(again, draws[:, column])


def test_draws_follow_the_masses() -> None:
    space = [Int(1, 20, log=True)]
    layout, estimator = fitted(space, n_points=5)
    middles = cell_middles(space[0])
    masses = np.exp(log_pdf(estimator, layout, middles[:, None]))
    draws = sample(estimator, layout, np.random.default_rng(2), 20000)[:, 0]
    frequencies = (draws[:, None] == middles[None, :]).mean(axis=0)
    assert frequencies.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(frequencies, masses, atol=0.012)


@settings(max_examples=200, deadline=None)
@given(
    low=st.integers(1, 10**6),
    width=st.integers(0, 10**9),
    log=st.booleans(),
    unit=st.floats(0.0, 1.0),
)
def test_snapping_an_integer_keeps_its_value(low: int, width: int, log: bool, unit: float) -> None:
    distribution = Int(low, low + width, log=log)
    snapped = snap(layout_of([distribution]), np.array([[unit]]))[0, 0]
    assert distribution.from_unit(snapped) == distribution.from_unit(unit)


# Bandwidths, splits and weights ---------------------------------------------------------


def test_bandwidths_are_equal_for_equal_observations_and_respect_the_floor() -> None:
    layout = layout_of([Float(0.0, 1.0), Float(0.0, 1.0)])
    points = np.array([[0.5, 0.1], [0.5, np.nan], [0.5001, 0.9], [0.9, np.nan]])
    widths = kernel_bandwidths(points, layout)
    assert widths[0, 0] == widths[1, 0]
    assert np.isnan(widths[1, 1])
    assert np.isnan(widths[3, 1])
    floor = smallest_bandwidth(np.array([4.0, 2.0]))
    assert np.all(widths[~np.isnan(widths)] >= np.repeat(floor[None], 4, axis=0)[~np.isnan(widths)])


def test_below_count_defaults_to_ten_percent_capped_at_twenty_five() -> None:
    assert [below_count(n, None) for n in (0, 1, 10, 11, 100, 1000)] == [0, 1, 1, 2, 10, 25]
    assert below_count(1000, None, n_objectives=2) == 100
    assert below_count(10, 0.25) == 3


def test_split_takes_the_lowest_and_ranks_pruned_after_complete_ties() -> None:
    values = np.array([[3.0], [1.0], [2.0], [1.0], [0.5]])
    pruned = np.array([False, True, False, False, True])
    assert split_below(values, pruned, 2).tolist() == [False, False, False, True, True]


def test_multi_objective_split_takes_the_pareto_front_first() -> None:
    front = np.array([[0.0, 4.0], [1.0, 2.0], [2.0, 1.0], [4.0, 0.0]])
    dominated = front + 1.0
    values = np.vstack([dominated, front])
    below = split_below(values, np.zeros(8, dtype=bool), 4)
    assert below.tolist() == [False] * 4 + [True] * 4
    # Cutting the front keeps its ends, which crowding distance rates loneliest.
    below = split_below(values, np.zeros(8, dtype=bool), 2)
    assert np.flatnonzero(below).tolist() == [4, 7]


def test_recency_weights_fade_old_trials_but_keep_the_newest_whole() -> None:
    numbers = np.arange(100)[::-1]  # any order: weights follow trial numbers
    weights = recency_weights(numbers)
    assert np.all(weights[numbers >= 75] == 1.0)
    by_age = weights[np.argsort(numbers)]
    assert np.all(np.diff(by_age) >= 0)
    assert by_age[0] == pytest.approx(0.01)


def test_kernels_narrow_as_the_search_sees_more_trials() -> None:
    def masses(space: list[Distribution], good: list[float], at: list[float], n_seen: float):
        layout = layout_of(space)
        estimator = fit_parzen(
            np.array(good)[:, None], np.ones(len(good)), layout, n_seen=np.full(1, n_seen)
        )
        return np.exp(log_pdf(estimator, layout, np.array(at)[:, None]))

    # Three good trials near 0.32; the density there, and away from it at 0.9.
    early, late = (masses([Float(0.0, 1.0)], [0.30, 0.32, 0.34], [0.32, 0.9], n) for n in (10, 200))
    assert late[0] > 2 * early[0]
    assert late[1] < early[1]
    # Three good trials chose "a"; the probability of "c", which none chose.
    space: list[Distribution] = [Categorical(["a", "b", "c", "d"])]
    early, late = (masses(space, [0.125] * 3, [0.625], n) for n in (10, 200))
    assert late[0] < 0.7 * early[0]  # the prior kernel keeps a quarter of its mass on each


def test_a_classifier_kernel_keeps_a_failed_integer_apart_from_its_neighbours() -> None:
    space = [Int(1, 6)]
    layout = layout_of(space)
    middles = cell_middles(space[0])
    tried = middles[[1, 2, 3], None]  # 2 and 4 completed, 3 failed between them
    widths = classifier_bandwidths(tried, layout, np.array([100.0]))  # many trials seen
    failed = fit_parzen(tried[[1]], np.ones(1), layout, bandwidths=widths[[1]], prior_weight=0.0)
    masses = np.exp(log_pdf(failed, layout, middles[:, None]))
    assert masses[2] > 0.9


def test_the_tree_of_a_conditional_space_is_read_from_which_trials_used_what() -> None:
    # Columns: kind (picks the branch), x and y (branch "a"), z (branch "b"), colour (always).
    layout = layout_of(
        [
            Categorical(["a", "b"]),
            Float(0.0, 1.0),
            Float(0.0, 1.0),
            Float(0.0, 1.0),
            Categorical(["red", "blue"]),
        ]
    )
    nan = np.nan
    unit = np.array(
        [
            [0.25, 0.1, 0.2, nan, 0.25],
            [0.75, nan, nan, 0.3, 0.25],
            [0.25, 0.4, 0.5, nan, 0.75],
            [0.75, nan, nan, 0.6, 0.75],
        ]
    )
    groups = usage_groups(~np.isnan(unit))
    assert [group.tolist() for group in groups] == [[0, 4], [1, 2], [3]]
    assert branching_columns(unit, layout).tolist() == [True, False, False, False, False]
    # Without the branch hyperparameters, neither categorical picks a branch.
    choices_only = layout_of([Categorical(["a", "b"]), Categorical(["red", "blue"])])
    assert not branching_columns(unit[:, [0, 4]], choices_only).any()
