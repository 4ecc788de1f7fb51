"""MAP fit of the GP hyperparameters: the log marginal likelihood plus the log prior.

The hyperparameters are fitted in log space (see ``prior``) by L-BFGS-B with
the analytic gradient, from a few starting points; the best end point wins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.linalg import lapack
from scipy.optimize import minimize

from tunesmith.samplers._gp.kernel import matern52_with_derivative
from tunesmith.samplers._gp.prior import HyperPrior, log_prior

__all__ = ["cholesky", "fit_hyperparameters", "negative_log_posterior", "solve_cholesky"]

FloatArray = npt.NDArray[np.float64]

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
# Jitter added to the diagonal, relative to its mean, on each retry of a failed factorisation.
_JITTERS = (0.0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2)
# L-BFGS-B stops once an iteration lowers the negative log posterior by less than this
# fraction, or every projected gradient component is below _GTOL. SciPy's defaults
# (2.2e-9, 1e-5) polish the fit far past what moves the posterior, at a third more
# likelihood evaluations.
_FTOL = 1e-6
_GTOL = 1e-3


def cholesky(matrix: FloatArray) -> FloatArray:
    """The lower Cholesky factor of a symmetric matrix, adding jitter to the diagonal if needed.

    Raises:
        numpy.linalg.LinAlgError: the matrix is not positive definite even with
            a jitter of 1% of its diagonal (it holds NaN, say).
    """
    scale = float(np.mean(np.diag(matrix))) if matrix.size else 1.0
    for jitter in _JITTERS:
        shifted = matrix + jitter * scale * np.eye(len(matrix)) if jitter else matrix
        factor, info = lapack.dpotrf(shifted, lower=1, clean=1)
        if info == 0:
            return np.asarray(factor)
    raise np.linalg.LinAlgError("The kernel matrix is not positive definite, even with jitter.")


def solve_cholesky(factor: FloatArray, right: FloatArray) -> FloatArray:
    """Solve ``(L L^T) x = right`` for ``x`` given the lower factor ``L``."""
    solution, info = lapack.dpotrs(factor, right, lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dpotrs failed with info={info}.")
    return np.asarray(solution)


def _inverse_from_cholesky(factor: FloatArray) -> FloatArray:
    """The inverse of ``L L^T`` from the lower factor ``L``, whose upper triangle holds zeros."""
    lower_inverse, info = lapack.dpotri(factor, lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dpotri failed with info={info}.")
    # dpotri fills the lower triangle and leaves the factor's zeros above it.
    inverse = np.asarray(lower_inverse + lower_inverse.T)
    inverse[np.diag_indices(len(inverse))] *= 0.5
    return inverse


def negative_log_posterior(
    theta: FloatArray, squared_diffs: FloatArray, y: FloatArray, prior: HyperPrior
) -> tuple[float, FloatArray]:
    """``-(log p(y | theta) + log p(theta))`` and its gradient with respect to ``theta``.

    Args:
        theta: log length scales, log signal variance, log noise variance.
        squared_diffs: ``kernel.squared_differences(X, X, is_categorical)``, shape (n, n, d).
        y: the standardised outputs, shape (n,).
        prior: the priors on ``theta``.
    """
    n, _, n_dims = squared_diffs.shape
    inverse_squared_scales = np.exp(-2.0 * theta[:n_dims])
    signal_variance = math.exp(theta[n_dims])
    noise_variance = math.exp(theta[n_dims + 1])
    r2 = squared_diffs @ inverse_squared_scales
    profile, profile_slope = matern52_with_derivative(r2)
    covariance = signal_variance * profile
    covariance[np.diag_indices(n)] += noise_variance
    factor = cholesky(covariance)
    alpha = solve_cholesky(factor, y)
    value = 0.5 * float(y @ alpha) + float(np.log(np.diag(factor)).sum()) + n * _HALF_LOG_2PI
    # d(-log p)/d theta_j = tr((K^-1 - alpha alpha^T) dK/d theta_j) / 2
    weights = _inverse_from_cholesky(factor) - np.outer(alpha, alpha)
    weighted_slope = (weights * profile_slope).reshape(-1)
    gradient = np.empty(n_dims + 2)
    gradient[:n_dims] = (
        -signal_variance
        * inverse_squared_scales
        * (weighted_slope @ squared_diffs.reshape(n * n, n_dims))
    )
    gradient[n_dims] = 0.5 * signal_variance * float((weights * profile).sum())
    gradient[n_dims + 1] = 0.5 * noise_variance * float(np.trace(weights))
    prior_value, prior_gradient = log_prior(theta, prior)
    return value - prior_value, gradient - prior_gradient


def fit_hyperparameters(
    squared_diffs: FloatArray,
    y: FloatArray,
    prior: HyperPrior,
    starts: Sequence[FloatArray],
    max_iterations: int = 200,
) -> FloatArray:
    """The MAP ``theta``: L-BFGS-B from each start, keeping the lowest negative log posterior.

    Args:
        squared_diffs: per-column squared differences of the training inputs, (n, n, d).
        y: the standardised outputs, (n,).
        prior: priors and bounds of ``theta``.
        starts: where L-BFGS-B starts; each is clipped into the bounds.
        max_iterations: the iteration cap of each L-BFGS-B run.
    """
    bounds = list(zip(prior.lower, prior.upper, strict=True))
    best_theta = np.clip(starts[0], prior.lower, prior.upper)
    best_value = math.inf
    for start in starts:
        result = minimize(
            negative_log_posterior,
            np.clip(start, prior.lower, prior.upper),
            args=(squared_diffs, y, prior),
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"maxiter": max_iterations, "ftol": _FTOL, "gtol": _GTOL},
        )
        if math.isfinite(result.fun) and result.fun < best_value:
            best_value = float(result.fun)
            best_theta = np.asarray(result.x, dtype=np.float64)
    return best_theta
