"""The GP's math on arrays: kernel, likelihood, posterior, log EI, warping."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm

from tunesmith.samplers._gp.acquisition import log_expected_improvement, log_h
from tunesmith.samplers._gp.activity import learn_activity
from tunesmith.samplers._gp.fit import fit_hyperparameters, negative_log_posterior
from tunesmith.samplers._gp.kernel import (
    cross_kernel,
    cross_kernel_with_gradient,
    matern52,
    squared_differences,
)
from tunesmith.samplers._gp.posterior import condition
from tunesmith.samplers._gp.prior import default_prior
from tunesmith.samplers._gp.warp import power_warp

IS_CATEGORICAL = np.array([False, False, True])
LENGTH_SCALES = np.array([0.3, 0.7, 0.5])


def _points(rng: np.random.Generator, n: int) -> np.ndarray:
    points = rng.random((n, 3))
    points[:, 2] = (rng.integers(0, 3, n) + 0.5) / 3  # a categorical with three choices
    return points


def _direct_kernel(a: np.ndarray, b: np.ndarray, signal_variance: float) -> float:
    r2 = sum(((a[i] - b[i]) / LENGTH_SCALES[i]) ** 2 for i in range(2))
    r2 += float(a[2] != b[2]) / LENGTH_SCALES[2] ** 2
    r = math.sqrt(r2)
    return signal_variance * (1 + math.sqrt(5) * r + 5 * r2 / 3) * math.exp(-math.sqrt(5) * r)


def _finite_difference(function, at: np.ndarray, step: float = 1e-6) -> np.ndarray:
    gradient = np.empty_like(at)
    for i in range(len(at)):
        up, down = at.copy(), at.copy()
        up[i] += step
        down[i] -= step
        gradient[i] = (function(up) - function(down)) / (2 * step)
    return gradient


def test_kernel_matches_the_matern_formula() -> None:
    rng = np.random.default_rng(0)
    a, b = _points(rng, 4), _points(rng, 5)
    expected = np.array([[_direct_kernel(p, q, 1.7) for q in b] for p in a])
    assert np.allclose(cross_kernel(a, b, LENGTH_SCALES, 1.7, IS_CATEGORICAL), expected)
    value, _ = cross_kernel_with_gradient(a, b, LENGTH_SCALES, 1.7, IS_CATEGORICAL)
    assert np.allclose(value, expected)


def test_kernel_matrix_is_positive_semi_definite() -> None:
    points = _points(np.random.default_rng(1), 40)
    matrix = cross_kernel(points, points, LENGTH_SCALES, 1.0, IS_CATEGORICAL)
    assert np.allclose(matrix, matrix.T, atol=1e-12)
    assert np.linalg.eigvalsh((matrix + matrix.T) / 2).min() > -1e-9


def test_kernel_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(2)
    query, points = _points(rng, 1), _points(rng, 6)
    _, gradient = cross_kernel_with_gradient(query, points, LENGTH_SCALES, 1.3, IS_CATEGORICAL)
    for j in range(len(points)):

        def kernel_to_point(x: np.ndarray, j: int = j) -> float:
            q = np.array([[x[0], x[1], query[0, 2]]])
            return float(
                cross_kernel(q, points[j : j + 1], LENGTH_SCALES, 1.3, IS_CATEGORICAL)[0, 0]
            )

        numeric = _finite_difference(kernel_to_point, query[0, :2])
        assert np.allclose(gradient[0, j, :2], numeric, atol=1e-7)
        assert gradient[0, j, 2] == 0.0


@pytest.mark.parametrize("deterministic", [False, True])
def test_log_posterior_gradient_matches_finite_differences(deterministic: bool) -> None:
    rng = np.random.default_rng(3)
    points = _points(rng, 25)
    y = np.sin(6 * points[:, 0]) + points[:, 1] + 0.05 * rng.standard_normal(25)
    y = (y - y.mean()) / y.std()
    differences = squared_differences(points, points, IS_CATEGORICAL)
    prior = default_prior(3, deterministic)
    theta = np.array([-1.0, -0.3, 0.2, 0.1, math.log(1e-2)])
    _, gradient = negative_log_posterior(theta, differences, y, prior)

    def value(t: np.ndarray) -> float:
        return negative_log_posterior(t, differences, y, prior)[0]

    assert np.allclose(gradient, _finite_difference(value, theta), rtol=1e-5, atol=1e-5)


def test_fit_finds_a_better_posterior_than_its_start() -> None:
    rng = np.random.default_rng(4)
    points = _points(rng, 30)
    y = np.sin(6 * points[:, 0])
    y = (y - y.mean()) / y.std()
    differences = squared_differences(points, points, IS_CATEGORICAL)
    prior = default_prior(3, False)
    theta = fit_hyperparameters(differences, y, prior, [prior.mode])
    assert (
        negative_log_posterior(theta, differences, y, prior)[0]
        < negative_log_posterior(prior.mode, differences, y, prior)[0]
    )
    # The second column carries no signal, so its length scale grows past the first's.
    assert theta[1] > theta[0]


def test_posterior_interpolates_noiseless_data() -> None:
    rng = np.random.default_rng(5)
    points = _points(rng, 15)
    y = np.cos(4 * points[:, 0]) - points[:, 1]
    theta = np.concatenate([np.log(LENGTH_SCALES), [0.0, math.log(1e-8)]])
    posterior = condition(points, y, theta, IS_CATEGORICAL)
    mean, variance = posterior.predict(points)
    assert np.allclose(mean, y, atol=1e-5)
    assert variance.max() < 1e-5
    far_mean, far_variance = posterior.predict(np.array([[5.0, 5.0, 0.5]]))
    assert far_variance[0] == pytest.approx(1.0, abs=1e-6)  # back to the prior far away
    assert abs(far_mean[0]) < 1e-6


def test_fantasised_rows_are_held_exactly_while_observations_keep_their_noise() -> None:
    # A running trial is fantasised without noise: the model must be sure of it, or a
    # second worker would propose the same point.
    rng = np.random.default_rng(6)
    points = _points(rng, 12)
    y = np.sin(3 * points[:, 0]) + points[:, 1]
    theta = np.concatenate([np.log(LENGTH_SCALES), [0.0, math.log(0.1)]])
    posterior = condition(points, y, theta, IS_CATEGORICAL, n_noisy=10)
    variance = posterior.predict(points)[1]
    assert variance[10:].max() < 1e-5
    assert variance[:10].min() > 1e-3


def test_posterior_gradients_match_finite_differences() -> None:
    rng = np.random.default_rng(6)
    points = _points(rng, 12)
    theta = np.concatenate([np.log(LENGTH_SCALES), [0.3, math.log(1e-3)]])
    posterior = condition(points, rng.standard_normal(12), theta, IS_CATEGORICAL)
    query = _points(rng, 1)
    _, _, mean_gradient, variance_gradient = posterior.predict_with_gradient(query)

    def predicted(x: np.ndarray, which: int) -> float:
        return float(posterior.predict(np.array([[x[0], x[1], query[0, 2]]]))[which][0])

    for which, gradient in ((0, mean_gradient), (1, variance_gradient)):
        numeric = _finite_difference(lambda x, w=which: predicted(x, w), query[0, :2])
        assert np.allclose(gradient[0, :2], numeric, atol=1e-6)


def test_log_ei_equals_log_of_ei_where_ei_is_not_tiny() -> None:
    mean = np.linspace(-3.0, 6.0, 50)
    variance = np.full(50, 0.8)
    sigma = math.sqrt(0.8)
    z = (0.5 - mean) / sigma
    expected = np.log(sigma * (norm.pdf(z) + z * norm.cdf(z)))
    log_ei, _, _ = log_expected_improvement(mean, variance, 0.5)
    assert np.allclose(log_ei, expected, rtol=1e-9)


def test_log_ei_stays_finite_and_accurate_far_below_the_incumbent() -> None:
    z = np.array([-40.0, -100.0, -1e3, -1e6])
    values = log_h(z)
    assert np.all(np.isfinite(values))
    # h(z) ~ phi(z) / z**2 for very negative z.
    asymptotic = -0.5 * z**2 - 0.5 * math.log(2 * math.pi) - 2 * np.log(-z)
    assert np.allclose(values, asymptotic, rtol=1e-3)
    # Continuous where the evaluation switches method.
    for switch in (-1.0, -100.0):
        left, right = log_h(np.array([switch - 1e-9, switch + 1e-9]))
        assert left == pytest.approx(right, rel=1e-7)
    log_ei, by_mean, by_variance = log_expected_improvement(np.array([40.0]), np.array([1.0]), 0.0)
    assert np.isfinite([log_ei[0], by_mean[0], by_variance[0]]).all()


@pytest.mark.parametrize("mean", [-2.0, 0.3, 4.0, 40.0])
def test_log_ei_gradient_matches_finite_differences(mean: float) -> None:
    at = np.array([mean, 0.7])

    def value(x: np.ndarray) -> float:
        return float(log_expected_improvement(x[:1], x[1:], 0.1)[0][0])

    _, by_mean, by_variance = log_expected_improvement(at[:1], at[1:], 0.1)
    numeric = _finite_difference(value, at, step=1e-5)
    assert by_mean[0] == pytest.approx(numeric[0], rel=1e-5)
    assert by_variance[0] == pytest.approx(numeric[1], rel=1e-5)


def test_warp_keeps_order_and_tames_a_heavy_tail() -> None:
    rng = np.random.default_rng(7)
    y = np.exp(rng.normal(0.0, 5.0, 60))
    warped = power_warp(y)
    assert np.array_equal(np.argsort(warped), np.argsort(y))
    assert np.all(np.isfinite(warped))
    assert np.abs(warped).max() < 4.0


def test_warp_keeps_good_values_apart_beside_huge_outliers() -> None:
    # The good runs span 1e-13 of the range; after plain standardising the GP cannot tell them
    # apart. After the warp they span a visible share of it.
    rng = np.random.default_rng(8)
    good = 5.0 + rng.random(20)
    y = np.concatenate([good, 10.0 ** rng.uniform(6.0, 14.0, 10)])
    warped = power_warp(y)
    assert np.ptp(warped[:20]) > 0.05 * np.ptp(warped)
    assert np.allclose(power_warp(3.0 * y - 7.0), warped)


def test_warp_of_constant_values_is_zero() -> None:
    assert np.array_equal(power_warp(np.full(5, 2.5)), np.zeros(5))


def _with_inactive(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``points`` with the numeric second and categorical third column inactive in some rows."""
    points = points.copy()
    points[rng.random(len(points)) < 0.4, 1] = np.nan
    points[rng.random(len(points)) < 0.3, 2] = np.nan
    return points


def test_an_inactive_hyperparameter_is_one_more_value_to_the_kernel() -> None:
    # Both inactive: as if equal. One inactive: as far as the two ends of the range,
    # whatever the active value; a categorical column alike, as far as another choice.
    inactive = np.array([[0.2, np.nan, 0.5]])
    active = np.array([[0.2, 0.0, 0.5], [0.2, 0.7, 0.5], [0.2, 1.0, 0.5]])
    assert cross_kernel(inactive, inactive, LENGTH_SCALES, 1.0, IS_CATEGORICAL)[0, 0] == 1.0
    to_active = cross_kernel(inactive, active, LENGTH_SCALES, 1.0, IS_CATEGORICAL)[0]
    ends = cross_kernel(active[:1], active[2:], LENGTH_SCALES, 1.0, IS_CATEGORICAL)[0, 0]
    assert np.allclose(to_active, ends)
    no_choice = np.array([[0.2, 0.0, np.nan]])
    other_choice = cross_kernel(
        active[:1], np.array([[0.2, 0.0, 0.9]]), LENGTH_SCALES, 1.0, IS_CATEGORICAL
    )
    assert cross_kernel(no_choice, active[:1], LENGTH_SCALES, 1.0, IS_CATEGORICAL) == pytest.approx(
        other_choice
    )


def test_kernel_with_inactive_columns_agrees_in_every_form_and_stays_definite() -> None:
    rng = np.random.default_rng(8)
    points = _with_inactive(_points(rng, 30), rng)
    query = _with_inactive(_points(rng, 7), rng)
    matrix = cross_kernel(points, points, LENGTH_SCALES, 1.0, IS_CATEGORICAL)
    assert np.linalg.eigvalsh((matrix + matrix.T) / 2).min() > -1e-9
    from_differences = matern52(
        squared_differences(query, points, IS_CATEGORICAL) @ (1 / LENGTH_SCALES**2)
    )
    value, gradient = cross_kernel_with_gradient(query, points, LENGTH_SCALES, 1.0, IS_CATEGORICAL)
    assert np.allclose(cross_kernel(query, points, LENGTH_SCALES, 1.0, IS_CATEGORICAL), value)
    assert np.allclose(value, from_differences)
    assert np.isfinite(gradient).all()
    assert (gradient[np.isnan(query[:, 1]), :, 1] == 0.0).all()


def test_the_choice_that_decides_a_conditional_hyperparameter_is_learned() -> None:
    rng = np.random.default_rng(9)
    n_layers = rng.choice([0.25, 0.75], 20)  # a choice of two
    x = rng.random(20)
    width2 = np.where(n_layers == 0.75, rng.random(20), np.nan)  # used with two layers
    y = np.where(x > 0.5, rng.random(20), np.nan)  # decided by a float: unexplained
    activity = learn_activity(
        np.column_stack([n_layers, x, width2, y]), np.array([True, False, False, False])
    )
    assert activity.explained.tolist() == [True, True, True, False]
    [rule] = activity.rules
    assert (rule.child, rule.parent, rule.values.tolist()) == (2, 0, [0.75])
    queries = np.array([[0.25, 0.1, 0.6, 0.0], [0.75, 0.1, 0.6, 0.0]])
    assert activity.active(queries)[:, 2].tolist() == [False, True]
    assert np.isnan(activity.deactivate(queries)[0, 2])
