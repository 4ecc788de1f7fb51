"""Output warping: turn objective values into something a GP with Gaussian noise fits well.

Losses are often skewed or heavy-tailed: a few diverged runs are orders of
magnitude worse than the rest. Standardising such values squeezes every good
run into a sliver near the minimum, and the GP spends its variance on the
outliers. A rank-preserving power transform, fitted to the values, fixes that
without changing which point is best.

The transform must see the values before they are standardised: once the
outliers have set the scale, the good runs differ by less than any smooth
transform can spread out again. So the values are first measured from their
minimum in units of their median distance from it, which leaves the good
half of the runs spread over [0, 1] whatever the outliers do.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize_scalar

__all__ = ["power_warp", "standardize", "yeo_johnson"]

FloatArray = npt.NDArray[np.float64]

# The Yeo-Johnson exponent is searched in this range; on the rescaled values
# it keeps every power finite.
_EXPONENT_RANGE = (-3.0, 3.0)


def standardize(y: FloatArray) -> FloatArray:
    """``y`` shifted to mean 0 and scaled to standard deviation 1 (just shifted if constant)."""
    centred: FloatArray = y - y.mean()
    scale = float(centred.std())
    return centred / scale if scale > 0.0 else centred


def yeo_johnson(y: FloatArray, exponent: float) -> FloatArray:
    """The Yeo-Johnson transform of values ``y >= 0``: ``((1 + y)**exponent - 1) / exponent``.

    It is ``log(1 + y)`` at exponent 0, and increasing for every exponent.
    """
    log_shifted = np.log1p(y)
    if abs(exponent) < 1e-12:
        return log_shifted
    return np.asarray(np.expm1(exponent * log_shifted) / exponent, dtype=np.float64)


def _negative_profile_log_likelihood(exponent: float, y: FloatArray, log_jacobian: float) -> float:
    """Minus the normal log likelihood of transformed ``y``, maximised over mean and variance."""
    variance = float(yeo_johnson(y, exponent).var())
    if not variance > 0.0:
        return float(np.inf)
    return float(0.5 * len(y) * np.log(variance) - (exponent - 1.0) * log_jacobian)


def power_warp(y: FloatArray) -> FloatArray:
    """Rescale from the minimum, apply a Yeo-Johnson transform fitted by likelihood, standardise.

    The result has the order of ``y``, mean 0 and standard deviation 1 (all
    zeros for constant ``y``), and does not change when ``y`` is shifted or
    multiplied by a positive number.
    """
    from_minimum = y - y.min()
    scale = float(np.median(from_minimum))
    if not scale > 0.0:
        # Most values tie at the minimum: the mean distance still measures the rest.
        scale = float(from_minimum.mean())
    if len(y) < 3 or not scale > 0.0:
        return standardize(y)
    rescaled = from_minimum / scale
    # On values >= 0, the log of the transform's derivative is (exponent - 1) log(1 + y).
    log_jacobian = float(np.log1p(rescaled).sum())
    result = minimize_scalar(
        _negative_profile_log_likelihood,
        bounds=_EXPONENT_RANGE,
        args=(rescaled, log_jacobian),
        method="bounded",
    )
    return standardize(yeo_johnson(rescaled, float(result.x)))
