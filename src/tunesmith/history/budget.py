"""The training budget pruning saved: steps trained against running every trial to the end.

A trial's cost is counted in the study's reported steps: the number of
distinct steps any trial reported, up to and including the trial's last one.
When trials report steps 1, 2, 3, ... that is the last step itself (epochs,
folds); when they report every tenth epoch, it counts reports, which keeps
the ratio of the costs right either way. A full run goes to the last step of
the longest completed trial.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tunesmith.history.history import History
from tunesmith.trial import TrialState

__all__ = ["StepBudget", "step_budget"]


@dataclass(frozen=True, slots=True)
class StepBudget:
    """How many training steps a study's trials took, and how many running each to the end would.

    Attributes:
        n_trials: the COMPLETE and PRUNED trials that reported a step (failed
            trials stopped for another reason and are left out).
        n_pruned: how many of them were pruned.
        steps_trained: the steps they trained, in all.
        steps_unpruned: the steps they would have trained had each run to
            the end (``n_trials * full_run_steps``).
        full_run_steps: the steps of one full run.
    """

    n_trials: int
    n_pruned: int
    steps_trained: int
    steps_unpruned: int
    full_run_steps: int

    @property
    def steps_saved(self) -> int:
        """Steps not trained thanks to pruning."""
        return self.steps_unpruned - self.steps_trained

    @property
    def times_fewer(self) -> float:
        """``steps_unpruned / steps_trained``: 3.0 means a third of the steps."""
        return self.steps_unpruned / self.steps_trained if self.steps_trained else 1.0


def step_budget(history: History) -> StepBudget | None:
    """The budget of the study ``history`` reads, refreshed first; None when no trial reported.

    >>> import tunesmith
    >>> study = tunesmith.create_study()
    >>> for last_step in (10, 10, 2):
    ...     trial = study.ask()
    ...     for step in range(1, last_step + 1):
    ...         trial.report(1.0 / step, step)
    ...     if last_step == 10:
    ...         _ = study.tell(trial, 0.1)
    ...     else:
    ...         _ = study.tell(trial, state=tunesmith.TrialState.PRUNED)
    >>> budget = step_budget(study.history)
    >>> budget.n_pruned, budget.steps_trained, budget.steps_unpruned, budget.steps_saved
    (1, 22, 30, 8)
    """
    history.refresh()
    snapshot = history.intermediate_snapshot()
    n_rows = min(snapshot.reported.shape[0], history.states.shape[0])
    last_steps = snapshot.last_steps()[:n_rows]
    complete = history.mask(TrialState.COMPLETE)[:n_rows]
    pruned = history.mask(TrialState.PRUNED)[:n_rows]
    counted = (complete | pruned) & (last_steps >= 0)
    if not counted.any():
        return None
    # Position in the sorted step index, counted from 1: the steps trained up to there.
    costs = np.searchsorted(snapshot.steps, last_steps[counted], side="right")
    finished = last_steps[complete & counted]
    full_run_step = int(finished.max()) if finished.size else int(last_steps[counted].max())
    full_run = int(np.searchsorted(snapshot.steps, full_run_step, side="right"))
    n_trials = int(counted.sum())
    return StepBudget(
        n_trials=n_trials,
        n_pruned=int((pruned & counted).sum()),
        steps_trained=int(costs.sum()),
        steps_unpruned=n_trials * full_run,
        full_run_steps=full_run,
    )
