"""Patient pruning: let a trial that still improves go on, whatever another pruner says."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_int, check_number_at_least
from tunesmith.history import History
from tunesmith.pruners.base import Pruner
from tunesmith.trial import FrozenTrial

__all__ = ["PatientPruner"]


class PatientPruner(Pruner):
    """Prune only a trial that has not improved for ``patience`` reports.

    A trial has improved when the best of its last ``patience`` values beats
    the best of its values before them by more than ``min_delta`` (in the
    study's direction; NaN values count as no improvement). A stalled trial is
    pruned when ``wrapped_pruner`` also says so, or at once when there is no
    wrapped pruner.

    Args:
        wrapped_pruner: the pruner to consult once a trial has stalled; None
            to prune every stalled trial.
        patience: how many reports without improvement make a trial stalled.
        min_delta: the least change that counts as an improvement.

    >>> import tunesmith
    >>> from tunesmith.pruners import PatientPruner
    >>> study = tunesmith.create_study(pruner=PatientPruner(patience=2))
    >>> def objective(trial):
    ...     for step, loss in enumerate([1.0, 0.5, 0.6, 0.7, 0.8]):
    ...         trial.report(loss, step)
    ...         if trial.should_prune():
    ...             raise tunesmith.TrialPruned()
    ...     return loss
    >>> study.optimize(objective, n_trials=1)
    >>> study.trials[0].state.name, study.trials[0].last_step
    ('PRUNED', 3)
    """

    def __init__(
        self, wrapped_pruner: Pruner | None = None, patience: int = 5, min_delta: float = 0.0
    ) -> None:
        self.wrapped_pruner = wrapped_pruner
        self.patience = patience
        self.min_delta = min_delta

    def problems(self) -> list[Problem]:
        # The wrapped pruner checks its own arguments when it is first consulted.
        checks = [
            None
            if self.wrapped_pruner is None or isinstance(self.wrapped_pruner, Pruner)
            else Problem("wrapped_pruner", "a Pruner or None", self.wrapped_pruner),
            check_int("patience", self.patience, 1),
            check_number_at_least("min_delta", self.min_delta, 0.0),
        ]
        return [problem for problem in checks if problem is not None]

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.validate()
        if not self._stalled(history, trial):
            return False
        if self.wrapped_pruner is None:
            return True
        return self.wrapped_pruner.should_prune(history, trial)

    def system_attrs_to_record(self, history: History, trial: FrozenTrial) -> dict[str, Any]:
        """What the wrapped pruner records (Hyperband's bracket); nothing without one."""
        if self.wrapped_pruner is None:
            return {}
        return self.wrapped_pruner.system_attrs_to_record(history, trial)

    def sampling_rows(self, history: History, trial_number: int) -> npt.NDArray[np.bool_] | None:
        """The wrapped pruner's choice (Hyperband's bracket); None without one."""
        if self.wrapped_pruner is None:
            return None
        return self.wrapped_pruner.sampling_rows(history, trial_number)

    def _stalled(self, history: History, trial: FrozenTrial) -> bool:
        snapshot = history.intermediate_snapshot()
        if trial.number >= snapshot.minimised.shape[0]:
            return False
        row = snapshot.reported[trial.number]
        if int(row.sum()) <= self.patience:
            return False
        minimised = snapshot.minimised[trial.number, row]  # in step order
        before, recent = minimised[: -self.patience], minimised[-self.patience :]
        recent_best = float(np.min(recent[~np.isnan(recent)], initial=np.inf))
        before_best = float(np.min(before[~np.isnan(before)], initial=np.inf))
        if before_best == np.inf:  # nothing to improve on yet
            return recent_best == np.inf
        return recent_best > before_best - float(self.min_delta)
