"""What finished trials tell a model-based sampler: a value for each, and which ones diverged.

A completed trial has its objective value. A pruned trial is information
too: it is stored with its last finite intermediate value; one stored without
a value either reported nothing (its value is unknown) or last reported NaN or
infinity (it diverged, which is as bad as a failure).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.history import History

__all__ = ["pruned_last_values"]


def pruned_last_values(
    history: History, stored: npt.NDArray[np.float64], rows: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """The last value each pruned trial of ``rows`` reported, and which of them diverged.

    Args:
        history: the study's history, for the intermediate values.
        stored: every trial's stored value of the first objective ("minimise" form),
            as a sampler read it from the history.
        rows: trial numbers of pruned trials.

    Returns:
        The values in "minimise" form (NaN where a trial reported nothing),
        and a mask of the trials whose last report was NaN or infinite.
    """
    values = stored[rows]
    missing = np.isnan(values)
    if missing.any():
        snapshot = history.intermediate_snapshot()
        last_steps = snapshot.last_steps()[rows]
        missing &= last_steps >= 0
        columns = np.searchsorted(snapshot.steps, last_steps[missing])
        values[missing] = snapshot.minimised[rows[missing], columns]
    return values, missing & ~np.isfinite(values)
