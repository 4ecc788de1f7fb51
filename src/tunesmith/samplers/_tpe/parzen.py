"""Parzen estimators over the unit cube: fit, log-density and draws.

A Parzen estimator is a weighted mixture of product kernels, one per
observation plus a broad *prior* kernel that keeps every region possible.
Along each axis a kernel is

- continuous: a Gaussian cut to [0, 1] (density);
- ordinal: the same cut Gaussian's mass on each value's cell, so integers and
  stepped floats get a proper distribution over their values, not a rounded
  density;
- categorical: its observed choice, except for a share of mass spread evenly
  over all choices (more of it while observations are few);
- uniform where the observation did not use the axis (a conditional
  hyperparameter), which is what integrating that axis out of a product
  kernel amounts to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._tpe import truncnorm
from tunesmith.samplers._tpe.bandwidth import evidence_count, kernel_bandwidths
from tunesmith.samplers._tpe.layout import (
    CATEGORICAL,
    CONTINUOUS,
    ORDINAL,
    Layout,
    cell_bounds,
    snap,
)

__all__ = ["PRIOR_WEIGHT", "ParzenEstimator", "fit_parzen", "log_pdf", "sample"]

FloatArray = npt.NDArray[np.float64]

# The prior kernel counts as much as one observation of full weight.
PRIOR_WEIGHT = 1.0
# The prior kernel: centred, as wide as the range, so it is nearly flat but never zero.
_PRIOR_MU = 0.5
_PRIOR_SIGMA = 1.0
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
# A kernel's log-density this far below the largest at a point is negligible (e**-60 < 1e-26).
_NEGLIGIBLE_LOG_RATIO = -60.0


@dataclass(frozen=True, slots=True)
class ParzenEstimator:
    """A fitted mixture of product kernels; the last kernel is the prior.

    Attributes:
        log_weights: the log of each kernel's mixture weight (k,), summing to one.
        mus: each kernel's centre along each axis (k x d); NaN where it is uniform.
        sigmas: each kernel's bandwidth along each numeric axis (k x d).
        log_normalisers: the log-mass each numeric kernel keeps inside [0, 1] (k x d).
        uniform_share: per categorical axis, the mass a kernel spreads over all choices (d,).
    """

    log_weights: FloatArray
    mus: FloatArray
    sigmas: FloatArray
    log_normalisers: FloatArray
    uniform_share: FloatArray


def fit_parzen(
    points: FloatArray,
    weights: FloatArray,
    layout: Layout,
    prior_weight: float = PRIOR_WEIGHT,
    n_seen: FloatArray | None = None,
    bandwidths: FloatArray | None = None,
) -> ParzenEstimator:
    """Fit a Parzen estimator to weighted observations.

    Args:
        points: observations in the unit cube (n x d), NaN where unused.
        weights: the non-negative weight of each observation (n,).
        layout: the axes of the columns.
        prior_weight: the weight of the prior kernel, on the scale of ``weights``.
        n_seen: per axis, how many observations the search has made in all, in
            either group (d,); with the group's own count it sets how narrow
            kernels may get and how little a categorical kernel is smoothed
            (``bandwidth.evidence_count``). None: the count in ``points`` alone.
        bandwidths: each observation's kernel bandwidths (n x d), when they come
            from the spacing of a larger set of points; None: from ``points``.

    Returns:
        The estimator, with n + 1 kernels.
    """
    categorical = layout.kinds == CATEGORICAL
    prior_mu = np.where(categorical, np.nan, _PRIOR_MU)
    prior_sigma = np.where(categorical, np.nan, _PRIOR_SIGMA)
    mus = np.vstack([points, prior_mu[None, :]])
    n_used = np.sum(~np.isnan(points), axis=0).astype(np.float64)
    evidence = n_used if n_seen is None else evidence_count(n_used, n_seen)
    if bandwidths is None:
        bandwidths = kernel_bandwidths(points, layout, evidence)
    sigmas = np.vstack([bandwidths, prior_sigma[None, :]])
    numeric = ~np.isnan(mus) & ~categorical
    log_normalisers = np.where(
        numeric,
        truncnorm.log_normaliser(np.where(numeric, mus, 0.5), np.where(numeric, sigmas, 1.0)),
        0.0,
    )
    all_weights = np.append(np.asarray(weights, dtype=np.float64), prior_weight)
    with np.errstate(divide="ignore"):
        log_weights = np.log(all_weights / all_weights.sum())
    # As much mass spread evenly as one pseudo-observation per choice would give.
    uniform_share = np.where(categorical, layout.n_cells / (layout.n_cells + evidence), 0.0)
    return ParzenEstimator(log_weights, mus, sigmas, log_normalisers, uniform_share)


def _continuous_log_pdf(
    estimator: ParzenEstimator, columns: npt.NDArray[np.bool_], x: FloatArray
) -> FloatArray:
    """Sum over continuous axes of each kernel's log-density at each point (c x k)."""
    mus = estimator.mus[:, columns]
    used = ~np.isnan(mus)
    sigmas = np.where(used, estimator.sigmas[:, columns], 1.0)
    mus = np.where(used, mus, 0.0)
    # Expanding (x - mu)^2 / sigma^2 turns the sum over axes into two matrix products.
    precision = np.where(used, 1.0 / (sigmas * sigmas), 0.0)
    constant = np.where(
        used,
        -0.5 * mus * mus * precision
        - np.log(sigmas)
        - _LOG_SQRT_2PI
        - estimator.log_normalisers[:, columns],
        0.0,
    ).sum(axis=1)
    quadratic = -0.5 * (x * x) @ precision.T + x @ (mus * precision).T
    return np.asarray(quadratic + constant)


def _ordinal_log_pdf(
    estimator: ParzenEstimator, layout: Layout, columns: npt.NDArray[np.bool_], x: FloatArray
) -> FloatArray:
    """Sum over ordinal axes of each kernel's log-mass on each point's cell (c x k)."""
    lower, upper = cell_bounds(_select(layout, columns), x)
    mus = estimator.mus[:, columns]
    used = ~np.isnan(mus)
    masses = truncnorm.log_mass(
        lower[:, None, :],
        upper[:, None, :],
        np.where(used, mus, 0.5)[None],
        np.where(used, estimator.sigmas[:, columns], 1.0)[None],
        estimator.log_normalisers[:, columns][None],
    )
    uniform = np.log(upper - lower)[:, None, :]
    return np.asarray(np.where(used[None], masses, uniform).sum(axis=2))


def _categorical_log_pdf(
    estimator: ParzenEstimator, layout: Layout, columns: npt.NDArray[np.bool_], x: FloatArray
) -> FloatArray:
    """Sum over categorical axes of each kernel's log-probability of each point's choice."""
    n_choices = layout.n_cells[columns]
    share = estimator.uniform_share[columns]
    chosen = np.minimum(np.floor(x * n_choices), n_choices - 1)
    mus = estimator.mus[:, columns]
    observed = np.floor(mus * n_choices)  # NaN stays NaN: a uniform kernel
    log_other = np.log(share / n_choices)
    log_own = np.log1p(-share + share / n_choices)
    same = chosen[:, None, :] == observed[None]
    logs = np.where(same, log_own, log_other)
    logs = np.where(np.isnan(observed)[None], -np.log(n_choices), logs)
    return np.asarray(logs.sum(axis=2))


def _select(layout: Layout, columns: npt.NDArray[np.bool_]) -> Layout:
    return Layout(
        layout.kinds[columns],
        layout.n_cells[columns],
        layout.log_origin[columns],
        layout.log_span[columns],
    )


def log_pdf(estimator: ParzenEstimator, layout: Layout, points: FloatArray) -> FloatArray:
    """The log-density of the mixture at each point (c,).

    Ordinal and categorical axes contribute probabilities of the point's cell,
    continuous axes densities; the ratio of two estimators' values is what TPE
    ranks candidates by, so the mix of the two is consistent.
    """
    per_kernel = np.tile(estimator.log_weights, (len(points), 1))
    continuous = layout.kinds == CONTINUOUS
    if continuous.any():
        per_kernel += _continuous_log_pdf(estimator, continuous, points[:, continuous])
    ordinal = layout.kinds == ORDINAL
    if ordinal.any():
        per_kernel += _ordinal_log_pdf(estimator, layout, ordinal, points[:, ordinal])
    categorical = layout.kinds == CATEGORICAL
    if categorical.any():
        per_kernel += _categorical_log_pdf(estimator, layout, categorical, points[:, categorical])
    peak = per_kernel.max(axis=1)  # finite: the prior kernel is positive everywhere
    per_kernel -= peak[:, None]
    # Terms this far below the peak change the sum by less than 1e-20 of it, and exp is
    # many times slower on the subnormal numbers they would underflow to.
    np.maximum(per_kernel, _NEGLIGIBLE_LOG_RATIO, out=per_kernel)
    return np.asarray(peak + np.log(np.exp(per_kernel, out=per_kernel).sum(axis=1)))


def sample(
    estimator: ParzenEstimator, layout: Layout, rng: np.random.Generator, size: int
) -> FloatArray:
    """Draw ``size`` points from the mixture (s x d).

    Ordinal and categorical coordinates come out at the middles of their cells.
    """
    cumulative = np.cumsum(np.exp(estimator.log_weights))
    kernel = np.minimum(
        np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right"),
        len(cumulative) - 1,
    )
    mus = estimator.mus[kernel]
    uniforms = rng.random(mus.shape)
    uniform_axis = np.isnan(mus)
    numeric = ~uniform_axis & (layout.kinds != CATEGORICAL)
    draws = truncnorm.sample(
        np.where(numeric, mus, 0.5), np.where(numeric, estimator.sigmas[kernel], 1.0), uniforms
    )
    # A categorical kernel keeps its choice unless its uniform share redraws it.
    redraw = rng.random(mus.shape) < estimator.uniform_share
    categorical = np.where(redraw, uniforms, mus)
    points = np.where(layout.kinds == CATEGORICAL, categorical, draws)
    points = np.where(uniform_axis, uniforms, points)
    return snap(layout, points)
