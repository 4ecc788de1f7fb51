"""Row masks that line up with an intermediate-values snapshot."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tunesmith.history import History
from tunesmith.trial import TrialState

__all__ = ["rows_in_state"]


def rows_in_state(history: History, n_rows: int, *states: TrialState) -> npt.NDArray[np.bool_]:
    """Which of the first ``n_rows`` trials are in any of ``states``.

    Another worker may refresh the history between reading the states and
    taking a snapshot, so the two can differ in length; rows beyond what the
    states cover are trials too new to be in any finished state.
    """
    mask = history.mask(*states)[:n_rows]
    if mask.size < n_rows:
        mask = np.concatenate([mask, np.zeros(n_rows - mask.size, dtype=np.bool_)])
    return mask
