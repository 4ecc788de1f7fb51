"""The ARD Matérn 5/2 kernel on the unit cube, with its gradients.

Inputs are points of the unit cube, one column per hyperparameter. A numeric
column (float, integer, stepped) adds its squared difference divided by the
squared length scale to the scaled squared distance ``r2``; a categorical
column adds ``1 / length_scale**2`` when the two choices differ and nothing
when they are equal (a Hamming distance), because the order of a categorical
encoding means nothing. The kernel is then
``signal_variance * (1 + a + a**2 / 3) * exp(-a)`` with ``a = sqrt(5 * r2)``.

A NaN coordinate marks a hyperparameter that the point leaves inactive (a
conditional one its branch does not use). Such a column adds nothing when both
points leave it inactive and ``1 / length_scale**2`` when only one does: to the
kernel, "inactive" is one more value of the hyperparameter, as far from every
active value as the two ends of its range are from each other (or as two
choices are). This is the arc kernel of Swersky et al. (2014) with its radius
fixed, so it needs no extra hyperparameter to fit, and, unlike imputing a
constant, it does not make "inactive" look like one end of the range.

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


def _with_inactive(squared: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    """``squared`` with 0 where both ``a`` and ``b`` are inactive (NaN), 1 where only one is."""
    a_inactive = np.isnan(a)
    b_inactive = np.isnan(b)
    return np.where(a_inactive | b_inactive, (a_inactive != b_inactive).astype(np.float64), squared)


def _inactive_columns(a: FloatArray, b: FloatArray) -> BoolArray:
    """The columns that either set of rows leaves inactive somewhere."""
    return np.asarray(np.isnan(a).any(axis=0) | np.isnan(b).any(axis=0))


def squared_differences(a: FloatArray, b: FloatArray, is_categorical: BoolArray) -> FloatArray:
    """Per-column squared differences of every pair of rows: shape ``(len(a), len(b), d)``.

    Categorical columns hold 0 where the choices agree and 1 where they differ;
    a column one row leaves inactive (NaN) and the other not holds 1, and one
    both leave inactive 0.
    """
    return _differences(a, b, is_categorical)[1]


def _differences(
    a: FloatArray, b: FloatArray, is_categorical: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """``a_i - b_j`` per column (0 where either is inactive) and ``squared_differences``."""
    difference = a[:, None, :] - b[None, :, :]
    squared = difference * difference
    if is_categorical.any():
        squared[:, :, is_categorical] = (squared[:, :, is_categorical] > 0.0).astype(np.float64)
    inactive = _inactive_columns(a, b)
    if inactive.any():
        squared[:, :, inactive] = _with_inactive(
            squared[:, :, inactive], a[:, None, inactive], b[None, :, inactive]
        )
        difference = np.nan_to_num(difference, nan=0.0)
    return difference, squared


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
    is clipped. Categorical columns, and columns a point leaves inactive,
    are compared column by column.
    """
    inactive = _inactive_columns(query, points)
    numeric = ~is_categorical & ~inactive
    scale = np.sqrt(inverse_squared_scales[numeric])
    q = query[:, numeric] * scale
    p = points[:, numeric] * scale
    r2: FloatArray = (q * q).sum(axis=1)[:, None] + (p * p).sum(axis=1)[None, :] - 2.0 * (q @ p.T)
    np.maximum(r2, 0.0, out=r2)
    for column in np.flatnonzero(is_categorical & ~inactive):
        differs = query[:, column][:, None] != points[:, column][None, :]
        r2 += differs * inverse_squared_scales[column]
    for column in np.flatnonzero(inactive):
        q, p = query[:, column][:, None], points[:, column][None, :]
        squared = (q != p).astype(np.float64) if is_categorical[column] else (q - p) ** 2
        r2 += _with_inactive(squared, q, p) * inverse_squared_scales[column]
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
    searched choice by choice, never by gradient. So is the gradient along a
    column the query or the point leaves inactive: the kernel is flat there.
    """
    inverse_squared_scales = 1.0 / (length_scales * length_scales)
    difference, squared = _differences(query, points, is_categorical)
    r2 = squared @ inverse_squared_scales
    profile, profile_slope = matern52_with_derivative(r2)
    value = signal_variance * profile
    slope = signal_variance * profile_slope
    # d r2 / d query = 2 (query - point) / length_scale**2 along each numeric column.
    weights = np.where(is_categorical, 0.0, 2.0 * inverse_squared_scales)
    gradient = slope[:, :, None] * difference * weights
    return value, gradient
