"""Trials whose worker died: fail them with the reason, and queue their retries.

A worker can die without a word (SIGKILL, the OOM killer, a machine that
loses power). Two things notice: the parent of a worker process, at once,
when the process ends; and every worker's heartbeat thread, for workers on
any machine, once a running trial's heartbeat is older than the grace period.
Either way the trial is stored as FAIL with the reason, and, when the run
allows retries, its hyperparameters are queued to run again as a new trial.
"""

from __future__ import annotations

import contextlib
import logging

from tunesmith.exceptions import TrialFinishedError
from tunesmith.storage import Storage
from tunesmith.trial import (
    FAIL_REASON_ATTR,
    FIXED_PARAMS_ATTR,
    RETRY_ATTEMPT_ATTR,
    RETRY_OF_ATTR,
    FrozenTrial,
    TrialState,
)

__all__ = ["enqueue_retry", "fail_dead_trial", "fail_stale_trials", "timeout_reason"]

_logger = logging.getLogger("tunesmith")


def timeout_reason(trial_timeout: float) -> str:
    """Why a trial that ran past ``trial_timeout`` seconds failed.

    >>> timeout_reason(2.5)
    'The trial ran longer than trial_timeout=2.5 s and was stopped.'
    """
    return f"The trial ran longer than trial_timeout={trial_timeout:g} s and was stopped."


def enqueue_retry(storage: Storage, study_id: int, failed: FrozenTrial, retries: int) -> bool:
    """Queue ``failed``'s hyperparameters as a new trial, unless it used up its ``retries``.

    The new trial records the number of the trial it retries and which
    attempt it is (1 for the first retry). Returns whether one was queued.
    """
    attempt = int(failed.system_attrs.get(RETRY_ATTEMPT_ATTR, 0)) + 1
    if failed.state is not TrialState.FAIL or attempt > retries:
        return False
    storage.create_trial(
        study_id,
        state=TrialState.WAITING,
        system_attrs={
            FIXED_PARAMS_ATTR: dict(failed.params),
            RETRY_OF_ATTR: failed.number,
            RETRY_ATTEMPT_ATTR: attempt,
        },
    )
    return True


def fail_stale_trials(
    storage: Storage, study_id: int, grace_seconds: float, retries: int
) -> list[FrozenTrial]:
    """Fail the study's running trials with no heartbeat for ``grace_seconds``; retry them."""
    failed = storage.fail_stale_trials(study_id, grace_seconds)
    for record in failed:
        _logger.warning(
            "Trial %d failed: %s", record.number, record.system_attrs.get(FAIL_REASON_ATTR)
        )
        enqueue_retry(storage, study_id, record, retries)
    return failed


def fail_dead_trial(
    storage: Storage, study_id: int, trial_id: int, reason: str, retries: int
) -> FrozenTrial | None:
    """Fail a trial whose worker is known to be dead; None if it had finished already."""
    with contextlib.suppress(TrialFinishedError):
        if storage.get_trial(trial_id).state is TrialState.RUNNING:
            storage.set_trial_system_attr(trial_id, FAIL_REASON_ATTR, reason)
            record = storage.finish_trial(trial_id, TrialState.FAIL)
            _logger.warning("Trial %d failed: %s", record.number, reason)
            enqueue_retry(storage, study_id, record, retries)
            return record
    return None
