"""Trials that Ctrl-C stopped: stored as interrupted, not as a failure of the objective.

Such a trial is stored as FAIL (it has no result) with ``INTERRUPTED_ATTR``.
The history reads it as never started, so samplers do not learn from it, no
budget counts it, and ``--resume`` brings a study to its ``n_trials``
finished trials all the same.
"""

from __future__ import annotations

import contextlib

from tunesmith.exceptions import TrialFinishedError
from tunesmith.storage import Storage
from tunesmith.trial import FAIL_REASON_ATTR, INTERRUPTED_ATTR, FrozenTrial, TrialState

__all__ = ["INTERRUPTED_REASON", "store_interrupted"]

INTERRUPTED_REASON = "Interrupted: Ctrl-C stopped the run while this trial ran."


def store_interrupted(storage: Storage, trial_id: int) -> FrozenTrial | None:
    """Store the running trial ``trial_id`` as interrupted; None if it had finished already."""
    with contextlib.suppress(TrialFinishedError):
        if storage.get_trial(trial_id).state is TrialState.RUNNING:
            storage.set_trial_system_attr(trial_id, INTERRUPTED_ATTR, True)
            storage.set_trial_system_attr(trial_id, FAIL_REASON_ATTR, INTERRUPTED_REASON)
            return storage.finish_trial(trial_id, TrialState.FAIL)
    return None
