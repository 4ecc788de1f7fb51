"""How much each observation counts in its Parzen estimator."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["recency_weights"]

FloatArray = npt.NDArray[np.float64]

# The newest observations of a group that all keep full weight.
FULL_WEIGHT_COUNT = 25


def recency_weights(trial_numbers: npt.NDArray[np.int64]) -> FloatArray:
    """Weights that fade linearly with age beyond the newest ``FULL_WEIGHT_COUNT`` trials.

    Early trials were drawn when the model knew little; fading them lets the
    estimator follow where the search has moved. The oldest of n trials keeps
    1 / n, so no observation is ever dropped.

    >>> recency_weights(np.arange(3)).tolist()
    [1.0, 1.0, 1.0]
    """
    n = len(trial_numbers)
    if n <= FULL_WEIGHT_COUNT:
        return np.ones(n)
    age_rank = np.empty(n, dtype=np.float64)
    age_rank[np.argsort(trial_numbers, kind="stable")] = np.arange(n)
    n_fading = n - FULL_WEIGHT_COUNT
    fading = 1.0 / n + (1.0 - 1.0 / n) * age_rank / max(n_fading - 1, 1)
    return np.asarray(np.where(age_rank >= n_fading, 1.0, fading))
