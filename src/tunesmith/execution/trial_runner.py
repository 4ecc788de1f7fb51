"""Run trials: ask, call the objective, tell, whatever the objective does."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from tunesmith.exceptions import TrialPruned
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.study import Objective, Study
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["Callback", "run_one_trial", "run_trials"]

Callback = Callable[[Study, FrozenTrial], None]


def run_one_trial(
    study: Study,
    objective: Objective,
    max_total_trials: int | None,
    catch: tuple[type[Exception], ...],
    heartbeat: Heartbeat,
) -> FrozenTrial | None:
    """Run the objective on one new trial and store the outcome.

    Returns the finished record, or None when the budget (or the grid) is spent.
    An exception in ``catch`` fails the trial and is logged; any other
    exception (Ctrl-C included) fails the trial and is raised, so the stored
    study never keeps a trial RUNNING because its worker gave up.
    """
    trial = study._ask_within(max_total_trials)
    if trial is None:
        return None
    with heartbeat.beating(trial.trial_id):
        try:
            # Annotated wider than Objective: a function that forgets to return gives None.
            result: float | Sequence[float] | None = objective(trial)
        except TrialPruned:
            return study.tell(trial, state=TrialState.PRUNED)
        except catch as error:
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


def run_trials(
    study: Study,
    objective: Objective,
    max_total_trials: int | None,
    deadline: float | None,
    callbacks: Sequence[Callback],
    catch: tuple[type[Exception], ...],
    heartbeat: Heartbeat,
) -> None:
    """One worker's loop: run trials until the budget, the deadline or a stop request."""
    while not study.stop_requested:
        if deadline is not None and time.monotonic() >= deadline:
            return
        record = run_one_trial(study, objective, max_total_trials, catch, heartbeat)
        if record is None:
            return
        for callback in callbacks:
            callback(study, record)
