"""Percentile and median pruning: stop a trial that trails most completed trials at its step."""

from __future__ import annotations

import math

import numpy as np

from tunesmith.arguments import Problem, check_int, check_number_in
from tunesmith.history import History
from tunesmith.pruners._rows import rows_in_state
from tunesmith.pruners._schedule import is_decision_step
from tunesmith.pruners.base import Pruner
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["MedianPruner", "PercentilePruner"]


class PercentilePruner(Pruner):
    """Prune a trial whose best value so far is worse than a percentile of completed trials.

    At each decision step, the trial's best intermediate value up to that
    step is compared with the best values the COMPLETE trials had reached by
    the same step. Best-so-far on both sides compares like with like, even
    when trials report at different steps or their curves are noisy. The
    trial is pruned when it is worse than the ``percentile``-th percentile of
    them, counted from the best: ``percentile=25`` keeps trials in the best
    quarter. A trial whose latest value is NaN (a diverged run) is pruned at
    its next decision step.

    Args:
        percentile: in [0, 100]; lower prunes more.
        n_startup_trials: no pruning until this many trials have completed.
        n_warmup_steps: no pruning before this step.
        interval_steps: decide once every this many steps after the warm-up.
        n_min_trials: no pruning at a step fewer completed trials had reached.

    >>> import tunesmith
    >>> from tunesmith.pruners import PercentilePruner
    >>> study = tunesmith.create_study(pruner=PercentilePruner(25.0, n_startup_trials=2))
    >>> def objective(trial):
    ...     slope = trial.suggest_float("slope", 0.0, 1.0)
    ...     for step in range(10):
    ...         trial.report(slope * 10 - step * 0.1, step)
    ...         if trial.should_prune():
    ...             raise tunesmith.TrialPruned()
    ...     return slope * 10 - 1.0
    >>> for slope in (0.1, 0.2, 0.9):
    ...     study.enqueue_trial({"slope": slope})
    >>> study.optimize(objective, n_trials=3)
    >>> [t.state.name for t in study.trials]
    ['COMPLETE', 'COMPLETE', 'PRUNED']
    """

    def __init__(
        self,
        percentile: float = 25.0,
        n_startup_trials: int = 5,
        n_warmup_steps: int = 0,
        interval_steps: int = 1,
        n_min_trials: int = 1,
    ) -> None:
        self.percentile = percentile
        self.n_startup_trials = n_startup_trials
        self.n_warmup_steps = n_warmup_steps
        self.interval_steps = interval_steps
        self.n_min_trials = n_min_trials

    def problems(self) -> list[Problem]:
        checks = [
            check_number_in("percentile", self.percentile, 0.0, 100.0),
            check_int("n_startup_trials", self.n_startup_trials, 0),
            check_int("n_warmup_steps", self.n_warmup_steps, 0),
            check_int("interval_steps", self.interval_steps, 1),
            check_int("n_min_trials", self.n_min_trials, 1),
        ]
        return [problem for problem in checks if problem is not None]

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.validate()
        if not is_decision_step(trial, self.n_warmup_steps, self.interval_steps):
            return False
        if int(history.mask(TrialState.COMPLETE).sum()) < self.n_startup_trials:
            return False
        step = trial.last_step
        assert step is not None  # a decision step is a reported step
        if math.isnan(trial.intermediate_values[step]):
            return True
        best = history.intermediate_snapshot().best_until(step)
        if trial.number >= best.size:  # a record newer than the history: nothing to compare
            return False
        complete = rows_in_state(history, best.size, TrialState.COMPLETE)
        complete[trial.number] = False
        others = best[complete]
        others = others[~np.isnan(others)]
        if others.size < self.n_min_trials:
            return False
        own = best[trial.number]
        return bool(own > np.percentile(others, float(self.percentile)))


class MedianPruner(PercentilePruner):
    """Prune a trial whose best value so far is worse than the median of completed trials.

    The ``PercentilePruner`` at the 50th percentile; see it for the rule and
    the arguments.

    >>> from tunesmith.pruners import MedianPruner
    >>> MedianPruner(n_warmup_steps=3)
    MedianPruner(n_startup_trials=5, n_warmup_steps=3, interval_steps=1, n_min_trials=1)
    """

    def __init__(
        self,
        n_startup_trials: int = 5,
        n_warmup_steps: int = 0,
        interval_steps: int = 1,
        n_min_trials: int = 1,
    ) -> None:
        super().__init__(50.0, n_startup_trials, n_warmup_steps, interval_steps, n_min_trials)
