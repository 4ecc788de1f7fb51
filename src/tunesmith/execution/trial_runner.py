"""Run trials: ask, call the objective, tell, whatever the objective does."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence

from tunesmith.exceptions import TrialFinishedError, TrialPruned
from tunesmith.execution.dead_trials import enqueue_retry
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.interruption import store_interrupted
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["run_one_trial", "run_trials"]


def run_one_trial(
    study: StudyT, order: WorkOrder[StudyT, TrialT], heartbeat: Heartbeat
) -> FrozenTrial | None:
    """Run the objective on one new trial and store the outcome.

    Returns the finished record, or None when the budget (or the grid) is spent.
    An exception in ``catch`` fails the trial and is logged; any other
    exception fails the trial and is raised, so the stored study never keeps
    a trial RUNNING because its worker gave up. Ctrl-C stores the trial as
    interrupted (see ``execution/interruption.py``) and is raised. A failed
    trial is queued to run again while the order's ``retries`` allow it.
    """
    if order.quota is not None and not order.quota.take():
        return None
    trial: TrialT | None = study.ask_within(order.max_total_trials)
    if trial is None:
        return None
    with heartbeat.beating(trial.trial_id):
        try:
            record = _run_objective(study, order, trial)
        except TrialFinishedError:
            # Finished meanwhile by someone else: a trial_timeout, or a stale-trial check that
            # found this worker too slow to beat. The stored outcome stands.
            return study.storage.get_trial(trial.trial_id)
    if record.state is TrialState.FAIL:
        enqueue_retry(study.storage, study.study_id, record, order.retries)
    return record


def _run_objective(study: StudyT, order: WorkOrder[StudyT, TrialT], trial: TrialT) -> FrozenTrial:
    try:
        # Annotated wider than the objective's type: a function that forgets to return gives
        # None.
        result: float | Sequence[float] | None = order.objective(trial)
    except TrialPruned:
        return study.tell(trial, state=TrialState.PRUNED)
    except TrialFinishedError:
        # The trial was finished under the objective (a trial_timeout): its record stands.
        raise
    except order.catch as error:
        return study.fail(trial, f"{type(error).__name__}: {error}")
    except MemoryError as error:
        if order.trial_memory is None:
            with contextlib.suppress(TrialFinishedError):
                study.fail(trial, f"MemoryError: {error}")
            raise
        return study.fail(
            trial, f"The trial needed more than trial_memory={order.trial_memory} MB: MemoryError."
        )
    except KeyboardInterrupt:
        store_interrupted(study.storage, trial.trial_id)
        raise
    except BaseException as error:
        with contextlib.suppress(TrialFinishedError):
            study.fail(trial, f"{type(error).__name__}: {error}")
        raise
    if result is None:
        # tell(trial, None) means "failed, for no stated reason"; here the reason is known.
        return study.fail(
            trial, "The objective returned None; it must return the value to optimise."
        )
    return study.tell(trial, result)


def run_trials(
    study: StudyT,
    order: WorkOrder[StudyT, TrialT],
    heartbeat: Heartbeat,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """One worker's loop: run trials until the budget, the deadline or a stop request.

    ``keep_going`` is asked after every trial; False ends this worker alone.
    """
    while not study.stop_requested and keep_going():
        if order.deadline is not None and time.monotonic() >= order.deadline:
            return
        record = run_one_trial(study, order, heartbeat)
        if record is None:
            return
        for callback in order.callbacks:
            callback(study, record)
