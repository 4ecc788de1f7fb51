"""The GP posterior: condition on data once, then predict means and variances (with gradients).

The posterior is of the latent function (without observation noise): it is
what expected improvement needs, and it keeps the variance at an observed
point near zero, so the search does not return to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.linalg import solve_triangular

from tunesmith.samplers._gp.fit import cholesky, solve_cholesky
from tunesmith.samplers._gp.kernel import (
    cross_kernel,
    cross_kernel_with_gradient,
    matern52,
    squared_differences,
)
from tunesmith.samplers._gp.prior import DETERMINISTIC_NOISE_VARIANCE

__all__ = ["Posterior", "condition"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# A predicted variance never falls below this fraction of the signal variance:
# rounding can otherwise make it zero or negative at an observed point.
_MIN_VARIANCE_FRACTION = 1e-12


@dataclass(frozen=True, slots=True)
class Posterior:
    """A GP conditioned on ``points`` (n, d): what ``predict`` needs, computed once."""

    points: FloatArray
    factor: FloatArray
    alpha: FloatArray
    length_scales: FloatArray
    signal_variance: float
    is_categorical: BoolArray

    def predict(self, query: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Posterior mean and variance at each row of ``query`` (m, d)."""
        k = cross_kernel(
            query, self.points, self.length_scales, self.signal_variance, self.is_categorical
        )
        mean = k @ self.alpha
        v = solve_triangular(self.factor, k.T, lower=True, check_finite=False)
        variance = self.signal_variance - (v * v).sum(axis=0)
        floor = _MIN_VARIANCE_FRACTION * self.signal_variance
        return mean, np.maximum(variance, floor)

    def predict_with_gradient(
        self, query: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Mean and variance (m,) and their gradients with respect to the query (m, d).

        Gradients along categorical columns are zero.
        """
        k, dk = cross_kernel_with_gradient(
            query, self.points, self.length_scales, self.signal_variance, self.is_categorical
        )
        mean = k @ self.alpha
        mean_gradient = np.einsum("mnd,n->md", dk, self.alpha)
        weights = solve_cholesky(self.factor, k.T)  # K^-1 k, shape (n, m)
        variance = self.signal_variance - np.einsum("mn,nm->m", k, weights)
        variance_gradient = -2.0 * np.einsum("mnd,nm->md", dk, weights)
        floor = _MIN_VARIANCE_FRACTION * self.signal_variance
        clipped = variance < floor
        variance_gradient[clipped] = 0.0
        return mean, np.maximum(variance, floor), mean_gradient, variance_gradient


def condition(
    points: FloatArray,
    y: FloatArray,
    theta: FloatArray,
    is_categorical: BoolArray,
    n_noisy: int | None = None,
) -> Posterior:
    """The posterior of a zero-mean GP with hyperparameters ``theta`` given ``y`` at ``points``.

    Args:
        points: unit-cube inputs, (n, d).
        y: standardised outputs, (n,).
        theta: log length scales, log signal variance, log noise variance (see ``prior``).
        is_categorical: which columns are categorical, (d,).
        n_noisy: how many leading rows carry the fitted observation noise (all by
            default); the rest are held as exact, with only the deterministic floor.
    """
    n_dims = points.shape[1]
    length_scales = np.exp(theta[:n_dims])
    signal_variance = math.exp(theta[n_dims])
    noise = np.full(len(points), math.exp(theta[n_dims + 1]))
    noise[len(points) if n_noisy is None else n_noisy :] = DETERMINISTIC_NOISE_VARIANCE
    r2 = squared_differences(points, points, is_categorical) @ (1.0 / length_scales**2)
    covariance = signal_variance * matern52(r2)
    covariance[np.diag_indices(len(points))] += noise
    factor = cholesky(covariance)
    return Posterior(
        points=points,
        factor=factor,
        alpha=solve_cholesky(factor, y),
        length_scales=length_scales,
        signal_variance=signal_variance,
        is_categorical=is_categorical,
    )
