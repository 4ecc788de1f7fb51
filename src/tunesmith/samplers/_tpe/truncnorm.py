"""A Gaussian cut to the unit interval [0, 1]: the kernel of every numeric axis.

Arrays broadcast against each other; ``mus`` lie in [0, 1] and ``sigmas`` are
positive. Because each mean lies inside [0, 1], the interval always holds the
centre of its Gaussian, so the normaliser never falls below Phi(0.5) - 0.5 and
inverse-CDF draws stay away from the far tails where they lose precision.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["log_density", "log_mass", "log_normaliser", "sample"]

FloatArray = npt.NDArray[np.float64]

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
# The log of a mass that underflowed: far below any mixture with a prior component in it.
_LOG_TINY = math.log(1e-300)


def _interval_probability(lower: FloatArray, upper: FloatArray) -> FloatArray:
    """Phi(upper) - Phi(lower) for standardised bounds, accurate in both tails."""
    # scipy.special takes most of a second to import: only a study that uses TPE pays it.
    from scipy.special import ndtr

    # In the upper tail Phi is 1 - tiny; reflect to the lower tail, where it is exact.
    reflect = lower > 0.0
    low = np.where(reflect, -upper, lower)
    high = np.where(reflect, -lower, upper)
    return np.asarray(ndtr(high) - ndtr(low), dtype=np.float64)


def log_normaliser(mus: FloatArray, sigmas: FloatArray) -> FloatArray:
    """The log of the mass that each Gaussian puts on [0, 1]."""
    from scipy.special import ndtr

    # The interval holds the mean, so neither bound is in a far tail: no reflection needed.
    probability = ndtr((1.0 - mus) / sigmas) - ndtr(-mus / sigmas)
    return np.asarray(np.log(probability), dtype=np.float64)


def log_density(
    x: FloatArray, mus: FloatArray, sigmas: FloatArray, log_normalisers: FloatArray
) -> FloatArray:
    """The log-density at ``x`` of the Gaussians cut to [0, 1]."""
    z = (x - mus) / sigmas
    return np.asarray(-0.5 * z * z - np.log(sigmas) - _LOG_SQRT_2PI - log_normalisers)


def log_mass(
    lower: FloatArray,
    upper: FloatArray,
    mus: FloatArray,
    sigmas: FloatArray,
    log_normalisers: FloatArray,
) -> FloatArray:
    """The log of the mass the cut Gaussians put on the cells [lower, upper] of [0, 1]."""
    probability = _interval_probability((lower - mus) / sigmas, (upper - mus) / sigmas)
    with np.errstate(divide="ignore"):
        logs = np.log(probability)
    return np.asarray(np.maximum(logs, _LOG_TINY) - log_normalisers)


def sample(mus: FloatArray, sigmas: FloatArray, uniforms: FloatArray) -> FloatArray:
    """Draw from the cut Gaussians by inverting their CDF at ``uniforms`` (in [0, 1))."""
    from scipy.special import ndtr, ndtri

    below_zero = ndtr(-mus / sigmas)
    below_one = ndtr((1.0 - mus) / sigmas)
    with np.errstate(over="ignore", invalid="ignore"):
        z = ndtri(below_zero + uniforms * (below_one - below_zero))
        x = mus + sigmas * z
    # A quantile of exactly 0 or 1 gives an infinite z, which means the nearer end.
    return np.asarray(np.clip(x, 0.0, 1.0))
