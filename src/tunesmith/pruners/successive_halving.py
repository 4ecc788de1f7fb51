"""Asynchronous successive halving: at each rung, only the best fraction of trials goes on."""

from __future__ import annotations

import math
from typing import Literal

from tunesmith.arguments import Problem, check_int, check_resource
from tunesmith.history import History
from tunesmith.history.intermediate import IntermediateValues
from tunesmith.pruners._halving import rung_resources, survives_new_rungs
from tunesmith.pruners._rows import rows_in_state
from tunesmith.pruners._schedule import previous_step
from tunesmith.pruners.base import Pruner
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["AUTO_MIN_RESOURCE_RUNGS", "SuccessiveHalvingPruner", "full_run_steps"]

# With min_resource="auto", the first rung sits this many halvings below the
# length of a full run, so a study gets about this many chances to stop a trial.
AUTO_MIN_RESOURCE_RUNGS = 4


def full_run_steps(history: History, snapshot: IntermediateValues) -> int | None:
    """The last step of the longest COMPLETE trial: the resource a full run uses.

    None before any trial has completed with a report.
    """
    n_rows = snapshot.minimised.shape[0]
    complete = rows_in_state(history, n_rows, TrialState.COMPLETE)
    last_steps = snapshot.last_steps()[complete]
    if last_steps.size == 0 or last_steps.max() < 1:
        return None
    return int(last_steps.max())


class SuccessiveHalvingPruner(Pruner):
    """Asynchronous successive halving (ASHA): promote the best trials rung by rung.

    Rung r sits at step ``min_resource * reduction_factor ** (min_early_stopping_rate
    + r)``. A trial whose report reaches a rung is compared with every trial
    that has reached that rung so far, and goes on only if it is among the
    best ``1 / reduction_factor`` of them (while fewer than
    ``reduction_factor`` have, only if it is the best). Workers never wait for
    a rung to fill, and each trial is judged once per rung, so call
    ``should_prune`` after every report. A rung at or beyond the length of a
    full run (the last step of the longest completed trial) is skipped:
    stopping a trial there saves nothing. A NaN report prunes at once.

    Steps count resource: step 9 is the trial's state after 9 units (epochs).

    Args:
        min_resource: the first rung's step, or "auto" to place it
            ``AUTO_MIN_RESOURCE_RUNGS`` halvings below the length of the first
            completed trials (no pruning until a trial completes).
        reduction_factor: an int >= 2; each rung keeps ``1 / reduction_factor``.
        min_early_stopping_rate: skip this many rungs below the first one.
        n_startup_trials: no pruning until this many trials have completed.

    With "auto", the learned attribute ``min_resource_`` holds the inferred
    step once a trial has completed; it stays fixed from then on.

    >>> import tunesmith
    >>> from tunesmith.pruners import SuccessiveHalvingPruner
    >>> pruner = SuccessiveHalvingPruner(min_resource=1, reduction_factor=2)
    >>> study = tunesmith.create_study(pruner=pruner)
    >>> def objective(trial):
    ...     start = trial.suggest_float("start", 0.0, 1.0)
    ...     for step in range(1, 9):
    ...         trial.report(start / step, step)
    ...         if trial.should_prune():
    ...             raise tunesmith.TrialPruned()
    ...     return start / 8
    >>> for start in (0.5, 0.9, 0.1):
    ...     study.enqueue_trial({"start": start})
    >>> study.optimize(objective, n_trials=3)
    >>> [(t.state.name, t.last_step) for t in study.trials]
    [('COMPLETE', 8), ('PRUNED', 1), ('COMPLETE', 8)]
    """

    min_resource_: int | None = None

    def __init__(
        self,
        min_resource: int | Literal["auto"] = "auto",
        reduction_factor: int = 3,
        min_early_stopping_rate: int = 0,
        n_startup_trials: int = 0,
    ) -> None:
        self.min_resource = min_resource
        self.reduction_factor = reduction_factor
        self.min_early_stopping_rate = min_early_stopping_rate
        self.n_startup_trials = n_startup_trials

    def problems(self) -> list[Problem]:
        checks = [
            check_resource("min_resource", self.min_resource, 1),
            check_int("reduction_factor", self.reduction_factor, 2),
            check_int("min_early_stopping_rate", self.min_early_stopping_rate, 0),
            check_int("n_startup_trials", self.n_startup_trials, 0),
        ]
        return [problem for problem in checks if problem is not None]

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.validate()
        step = trial.last_step
        if step is None:
            return False
        if int(history.mask(TrialState.COMPLETE).sum()) < self.n_startup_trials:
            return False
        snapshot = history.intermediate_snapshot()
        if trial.number >= snapshot.minimised.shape[0]:
            return False
        full_run = full_run_steps(history, snapshot)
        min_resource = self._min_resource(full_run)
        if min_resource is None:
            return False
        if math.isnan(trial.intermediate_values[step]):
            return True
        resources = rung_resources(
            min_resource,
            self.reduction_factor,
            self.min_early_stopping_rate,
            below=full_run if full_run is not None else step + 1,
        )
        return not survives_new_rungs(
            snapshot, trial.number, previous_step(trial), step, resources, self.reduction_factor
        )

    def _min_resource(self, full_run: int | None) -> int | None:
        if self.min_resource != "auto":
            return int(self.min_resource)
        if self.min_resource_ is None and full_run is not None:
            self.min_resource_ = max(1, full_run // self.reduction_factor**AUTO_MIN_RESOURCE_RUNGS)
        return self.min_resource_
