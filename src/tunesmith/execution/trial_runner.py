"""Run trials: ask, call the objective, tell, whatever the objective does."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tunesmith.exceptions import TrialPruned
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.study import Objective, Study
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["Callback", "WorkOrder", "run_one_trial", "run_trials"]

Callback = Callable[[Study, FrozenTrial], None]


@dataclass(frozen=True)
class WorkOrder:
    """What every worker of one ``optimize`` call does, in threads or in processes.

    Attributes:
        objective: the function that scores a trial.
        max_total_trials: the study's total budget (None: no limit).
        deadline: the ``time.monotonic()`` at which workers stop (None: no deadline).
        callbacks: called with the study and each finished trial.
        catch: exceptions that fail a trial and let the study go on.
    """

    objective: Objective
    max_total_trials: int | None
    deadline: float | None
    callbacks: Sequence[Callback]
    catch: tuple[type[Exception], ...]


def run_one_trial(study: Study, order: WorkOrder, heartbeat: Heartbeat) -> FrozenTrial | None:
    """Run the objective on one new trial and store the outcome.

    Returns the finished record, or None when the budget (or the grid) is spent.
    An exception in ``catch`` fails the trial and is logged; any other
    exception (Ctrl-C included) fails the trial and is raised, so the stored
    study never keeps a trial RUNNING because its worker gave up.
    """
    trial = study._ask_within(order.max_total_trials)
    if trial is None:
        return None
    with heartbeat.beating(trial.trial_id):
        try:
            # Annotated wider than Objective: a function that forgets to return gives None.
            result: float | Sequence[float] | None = order.objective(trial)
        except TrialPruned:
            return study.tell(trial, state=TrialState.PRUNED)
        except order.catch as error:
            return study._fail(trial.trial_id, f"{type(error).__name__}: {error}")
        except BaseException as error:
            study._fail(trial.trial_id, f"{type(error).__name__}: {error}")
            raise
    if result is None:
        # tell(trial, None) means "failed, for no stated reason"; here the reason is known.
        return study._fail(
            trial.trial_id, "The objective returned None; it must return the value to optimise."
        )
    return study.tell(trial, result)


def run_trials(study: Study, order: WorkOrder, heartbeat: Heartbeat) -> None:
    """One worker's loop: run trials until the budget, the deadline or a stop request."""
    while not study.stop_requested:
        if order.deadline is not None and time.monotonic() >= order.deadline:
            return
        record = run_one_trial(study, order, heartbeat)
        if record is None:
            return
        for callback in order.callbacks:
            callback(study, record)
