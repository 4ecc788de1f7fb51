"""Log expected improvement (for minimisation), stable far below the incumbent.

With the posterior ``f ~ N(mean, sigma**2)`` and the best value so far
``best``, the expected improvement is ``sigma * h(z)`` with
``z = (best - mean) / sigma`` and ``h(z) = phi(z) + z * Phi(z)``. Far from the
incumbent ``z`` is very negative and ``h(z)`` underflows to zero, where plain
EI is flat and gives the optimiser nothing to climb; its logarithm stays
finite and keeps a useful gradient, so that is what is maximised.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from scipy.special import erfcx, log_ndtr, ndtr

__all__ = ["log_expected_improvement", "log_h"]

FloatArray = npt.NDArray[np.float64]

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_SQRT_HALF_PI = math.sqrt(0.5 * math.pi)
# Below -1, h(z) = phi(z) * (1 - t R(t)) with t = -z and R the Mills ratio; direct
# evaluation of phi + z Phi would lose every digit to cancellation there.
_MILLS_FROM = -1.0
# Below -100, 1 - t R(t) is taken from its asymptotic series in 1 / t**2, where the
# Mills-ratio form starts to lose digits (about t**2 * machine epsilon).
_ASYMPTOTIC_FROM = -100.0


def log_h(z: FloatArray) -> FloatArray:
    """``log(phi(z) + z * Phi(z))``, finite for every finite ``z``."""
    z = np.asarray(z, dtype=np.float64)
    result = np.empty_like(z)
    log_phi = -0.5 * z * z - _LOG_SQRT_2PI

    direct = z > _MILLS_FROM
    zd = z[direct]
    result[direct] = np.log(np.exp(log_phi[direct]) + zd * ndtr(zd))

    mills = (z <= _MILLS_FROM) & (z > _ASYMPTOTIC_FROM)
    t = -z[mills]
    result[mills] = log_phi[mills] + np.log1p(-t * _SQRT_HALF_PI * erfcx(t / math.sqrt(2.0)))

    far = z <= _ASYMPTOTIC_FROM
    inverse_square = 1.0 / (z[far] * z[far])
    # 1 - t R(t) = t^-2 (1 - 3 t^-2 + 15 t^-4 - 105 t^-6 + ...)
    series = inverse_square * (-3.0 + inverse_square * (15.0 - 105.0 * inverse_square))
    result[far] = log_phi[far] + np.log(inverse_square) + np.log1p(series)
    return result


def log_expected_improvement(
    mean: FloatArray, variance: FloatArray, best: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Log EI below ``best`` and its derivatives with respect to ``mean`` and ``variance``.

    Args:
        mean: posterior means, (m,).
        variance: posterior variances, (m,), positive.
        best: the incumbent (lowest) value, in the units of ``mean``.

    Returns:
        ``(log_ei, d log_ei / d mean, d log_ei / d variance)``, each (m,).
    """
    sigma = np.sqrt(variance)
    z = (best - mean) / sigma
    log_hz = log_h(z)
    log_ei = np.log(sigma) + log_hz
    # d log h / d z = Phi(z) / h(z); d log EI / d sigma = phi(z) / (sigma h(z)).
    d_mean = -np.exp(log_ndtr(z) - log_hz) / sigma
    d_sigma = np.exp(-0.5 * z * z - _LOG_SQRT_2PI - log_hz) / sigma
    return log_ei, d_mean, d_sigma / (2.0 * sigma)
