"""Threshold pruning: stop a trial whose latest value leaves fixed bounds or is not finite."""

from __future__ import annotations

import math

from tunesmith.arguments import Problem, check_finite, check_int, or_none
from tunesmith.history import History
from tunesmith.pruners._schedule import is_decision_step
from tunesmith.pruners.base import Pruner
from tunesmith.trial import FrozenTrial

__all__ = ["ThresholdPruner"]


class ThresholdPruner(Pruner):
    """Prune a trial whose latest value is out of bounds, NaN or infinite.

    A value below ``lower`` or above ``upper`` prunes. The bounds are in the
    objective's own units and do not depend on the study's direction; a NaN
    or infinite value always prunes, so with no bounds at all this pruner
    stops diverged runs only. It needs no other trial.

    Args:
        lower: prune below this value; None for no lower bound.
        upper: prune above this value; None for no upper bound.
        n_warmup_steps: no pruning before this step.
        interval_steps: decide once every this many steps after the warm-up.

    >>> import tunesmith
    >>> from tunesmith.pruners import ThresholdPruner
    >>> study = tunesmith.create_study(pruner=ThresholdPruner(upper=1.0))
    >>> def objective(trial):
    ...     for step, loss in enumerate([0.9, 3.0, 0.5]):
    ...         trial.report(loss, step)
    ...         if trial.should_prune():
    ...             raise tunesmith.TrialPruned()
    ...     return loss
    >>> study.optimize(objective, n_trials=1)
    >>> study.trials[0].state.name, study.trials[0].value
    ('PRUNED', 3.0)
    """

    def __init__(
        self,
        lower: float | None = None,
        upper: float | None = None,
        n_warmup_steps: int = 0,
        interval_steps: int = 1,
    ) -> None:
        self.lower = lower
        self.upper = upper
        self.n_warmup_steps = n_warmup_steps
        self.interval_steps = interval_steps

    def problems(self) -> list[Problem]:
        checks = [
            or_none(check_finite("lower", self.lower)),
            or_none(check_finite("upper", self.upper)),
            check_int("n_warmup_steps", self.n_warmup_steps, 0),
            check_int("interval_steps", self.interval_steps, 1),
        ]
        problems = [problem for problem in checks if problem is not None]
        bounded = not problems and self.lower is not None and self.upper is not None
        if bounded and self.lower > self.upper:  # type: ignore[operator]
            problems.append(Problem("lower", f"<= upper ({self.upper!r})", self.lower))
        return problems

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.validate()
        if not is_decision_step(trial, self.n_warmup_steps, self.interval_steps):
            return False
        step = trial.last_step
        assert step is not None  # a decision step is a reported step
        value = trial.intermediate_values[step]
        if not math.isfinite(value):
            return True
        if self.lower is not None and value < self.lower:
            return True
        return self.upper is not None and value > self.upper
