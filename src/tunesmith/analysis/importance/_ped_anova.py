"""PED-ANOVA: importance from where the best trials gather (Watanabe et al., 2023).

For each input, compare the density of the best ``quantile`` of the trials
with the density of all of them. An input that does not matter has the best
trials spread like the rest; one that matters has them bunched. The local
importance is the Pearson divergence between the two densities,
``integral (p_best - p_all)^2 / p_all``, estimated with a Gaussian kernel density
on a grid over [0, 1] for numeric inputs and with smoothed frequencies for
categorical ones. It needs no model, only one pass over the trials per input.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["DEFAULT_QUANTILE", "pearson_divergences"]

FloatArray = npt.NDArray[np.float64]

DEFAULT_QUANTILE = 0.1
_GRID_POINTS = 128
# Kernel densities are evaluated in chunks of samples, to bound memory at 10,000s of trials.
_CHUNK = 4096


def _kernel_density(samples: FloatArray, grid: FloatArray) -> FloatArray:
    """A Gaussian kernel density of ``samples`` (Scott's bandwidth) on ``grid``, summing to 1."""
    spread = float(np.std(samples)) if len(samples) > 1 else 0.0
    bandwidth = max(1.06 * spread * len(samples) ** -0.2, 1.0 / _GRID_POINTS)
    density = np.zeros_like(grid)
    for start in range(0, len(samples), _CHUNK):
        chunk = samples[start : start + _CHUNK]
        density += np.exp(-0.5 * ((grid[:, None] - chunk[None, :]) / bandwidth) ** 2).sum(axis=1)
    return np.asarray(density / density.sum(), dtype=np.float64)


def _frequencies(samples: FloatArray, n_choices: int) -> FloatArray:
    """Each choice's share of ``samples`` (indices), with one pseudo-count per choice."""
    counts = np.bincount(samples.astype(np.int64), minlength=n_choices) + 1.0
    return np.asarray(counts / counts.sum(), dtype=np.float64)


def pearson_divergences(
    unit: FloatArray,
    y: FloatArray,
    n_choices: list[int | None],
    quantile: float = DEFAULT_QUANTILE,
) -> FloatArray:
    """Each input's Pearson divergence between its best-``quantile`` and overall densities.

    Args:
        unit: ``n x d`` inputs in [0, 1], no NaN.
        y: ``n`` targets, lower is better.
        n_choices: per input, its number of choices when categorical, else None.
        quantile: the share of trials counted as the best (at least 2 trials).

    Returns:
        ``d`` non-negative divergences; larger means the input matters more.
    """
    n_best = max(2, int(np.ceil(quantile * len(y))))
    best = np.argsort(y, kind="stable")[:n_best]
    grid = (np.arange(_GRID_POINTS) + 0.5) / _GRID_POINTS
    divergences = np.zeros(unit.shape[1])
    for i, choices in enumerate(n_choices):
        if choices is None:
            p_best = _kernel_density(unit[best, i], grid)
            p_all = _kernel_density(unit[:, i], grid)
        else:
            indices = np.minimum(np.floor(unit[:, i] * choices), choices - 1)
            p_best = _frequencies(indices[best], choices)
            p_all = _frequencies(indices, choices)
        divergences[i] = float(np.sum((p_best - p_all) ** 2 / p_all))
    return divergences
