"""The ARD Matérn 5/2 kernel on the unit cube, with its gradients.

Inputs are points of the unit cube, one column per hyperparameter. A numeric
column (float, integer, stepped) adds its squared difference divided by the
squared length scale to the scaled squared distance ``r2``; a categorical
column adds ``1 / length_scale**2`` when the two choices differ and nothing
when they are equal (a Hamming distance), because the order of a categorical
encoding means nothing. The kernel is then
``signal_variance * (1 + a + a**2 / 3) * exp(-a)`` with ``a = sqrt(5 * r2)``.

Everything here is written in terms of ``r2`` rather than ``r``: the
derivative of the Matérn 5/2 profile with respect to ``r2`` is finite at 0,
where the one with respect to ``r`` is not, so identical points need no
special case.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "cross_kernel",
    "cross_kernel_with_gradient",
    "matern52",
    "matern52_with_derivative",
    "squared_differences",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def squared_differences(a: FloatArray, b: FloatArray, is_categorical: BoolArray) -> FloatArray:
    """Per-column squared differences of every pair of rows: shape ``(len(a), len(b), d)``.

    Categorical columns hold 0 where the choices agree and 1 where they differ.
    """
    difference = a[:, None, :] - b[None, :, :]
    squared = difference * difference
    if is_categorical.any():
        squared[:, :, is_categorical] = (squared[:, :, is_categorical] > 0.0).astype(np.float64)
    return squared


def matern52(r2: FloatArray) -> FloatArray:
    """The unit-variance Matérn 5/2 profile as a function of the scaled squared distance."""
    a = np.sqrt(5.0 * r2)
    return np.asarray((1.0 + a + a * a / 3.0) * np.exp(-a))


def matern52_with_derivative(r2: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``matern52(r2)`` and its derivative with respect to ``r2`` (``-5/6`` at 0), together."""
    a = np.sqrt(5.0 * r2)
    decay = np.exp(-a)
    return (1.0 + a + a * a / 3.0) * decay, -(5.0 / 6.0) * (1.0 + a) * decay


def _scaled_r2(
    query: FloatArray,
    points: FloatArray,
    inverse_squared_scales: FloatArray,
    is_categorical: BoolArray,
) -> FloatArray:
    """``r2`` between every query and every point, without building the (m, n, d) array.

    The numeric part uses ``|q|^2 + |p|^2 - 2 q.p`` on inputs divided by their
    length scales; the rounding of that form can leave a tiny negative, which
    is clipped. Categorical columns compare exactly.
    """
    numeric = ~is_categorical
    scale = np.sqrt(inverse_squared_scales[numeric])
    q = query[:, numeric] * scale
    p = points[:, numeric] * scale
    r2: FloatArray = (q * q).sum(axis=1)[:, None] + (p * p).sum(axis=1)[None, :] - 2.0 * (q @ p.T)
    np.maximum(r2, 0.0, out=r2)
    for column in np.flatnonzero(is_categorical):
        differs = query[:, column][:, None] != points[:, column][None, :]
        r2 += differs * inverse_squared_scales[column]
    return r2


def cross_kernel(
    query: FloatArray,
    points: FloatArray,
    length_scales: FloatArray,
    signal_variance: float,
    is_categorical: BoolArray,
) -> FloatArray:
    """The kernel between every query row and every point row: shape ``(m, n)``."""
    r2 = _scaled_r2(query, points, 1.0 / (length_scales * length_scales), is_categorical)
    return signal_variance * matern52(r2)


def cross_kernel_with_gradient(
    query: FloatArray,
    points: FloatArray,
    length_scales: FloatArray,
    signal_variance: float,
    is_categorical: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """The kernel ``(m, n)`` and its gradient with respect to the query, shape ``(m, n, d)``.

    The gradient along a categorical column is zero: those columns are
    searched choice by choice, never by gradient.
    """
    inverse_squared_scales = 1.0 / (length_scales * length_scales)
    difference = query[:, None, :] - points[None, :, :]
    squared = difference * difference
    if is_categorical.any():
        squared[:, :, is_categorical] = (squared[:, :, is_categorical] > 0.0).astype(np.float64)
    r2 = squared @ inverse_squared_scales
    profile, profile_slope = matern52_with_derivative(r2)
    value = signal_variance * profile
    slope = signal_variance * profile_slope
    # d r2 / d query = 2 (query - point) / length_scale**2 along each numeric column.
    weights = np.where(is_categorical, 0.0, 2.0 * inverse_squared_scales)
    gradient = slope[:, :, None] * difference * weights
    return value, gradient
