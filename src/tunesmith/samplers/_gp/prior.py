"""Priors and bounds of the GP hyperparameters, in the log space the fit works in.

The fit works on ``theta = [log length_scale_1, ..., log length_scale_d,
log signal_variance, log noise_variance]``. Each entry has a normal prior
(a log-normal one on the hyperparameter itself) and box bounds. The priors
keep the first fits, on ten or so points, from collapsing to a length scale
that interpolates every point with spikes, or to noise that explains
everything away; with more data the likelihood takes over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["HyperPrior", "default_prior", "log_prior"]

FloatArray = npt.NDArray[np.float64]

# The noise variance, in units of the standardised output, never goes below this:
# it keeps the kernel matrix well conditioned when two points (nearly) coincide.
MIN_NOISE_VARIANCE = 1e-6
# The noise variance a deterministic objective is fitted with, fixed.
DETERMINISTIC_NOISE_VARIANCE = 1e-6


@dataclass(frozen=True, slots=True)
class HyperPrior:
    """Normal priors on ``theta`` (``mean``, ``std``) and its box (``lower``, ``upper``)."""

    mean: FloatArray
    std: FloatArray
    lower: FloatArray
    upper: FloatArray

    @property
    def mode(self) -> FloatArray:
        """The prior's most likely ``theta``, clipped into the box: a cold start for the fit."""
        return np.clip(self.mean, self.lower, self.upper)


def default_prior(n_dims: int, deterministic: bool) -> HyperPrior:
    """The prior of a GP over ``n_dims`` unit-cube inputs and standardised outputs.

    Length scales: log-normal with a median that grows like ``sqrt(n_dims)``,
    because the distance between random points of the unit cube does; a
    fixed median would make every added dimension look rougher. Signal
    variance: log-normal around 1, the variance of standardised outputs.
    Noise variance: log-normal with a small median, since most objectives are
    close to deterministic; with ``deterministic`` it is pinned to a tiny
    constant that only keeps the Cholesky factorisation stable.
    """
    length_mean = math.log(0.5 * math.sqrt(n_dims))
    noise_floor = DETERMINISTIC_NOISE_VARIANCE if deterministic else MIN_NOISE_VARIANCE
    noise_ceiling = DETERMINISTIC_NOISE_VARIANCE if deterministic else 1.0
    mean = np.array([length_mean] * n_dims + [0.0, math.log(1e-3)])
    std = np.array([1.0] * n_dims + [1.0, 2.0])
    lower = np.array([math.log(1e-2)] * n_dims + [math.log(1e-2), math.log(noise_floor)])
    upper = np.array([math.log(1e2)] * n_dims + [math.log(1e2), math.log(noise_ceiling)])
    return HyperPrior(mean=mean, std=std, lower=lower, upper=upper)


def log_prior(theta: FloatArray, prior: HyperPrior) -> tuple[float, FloatArray]:
    """The log prior density of ``theta`` (up to a constant) and its gradient."""
    standardised = (theta - prior.mean) / prior.std
    return float(-0.5 * standardised @ standardised), -standardised / prior.std
