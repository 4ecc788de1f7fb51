"""Hyperband: successive halving in brackets of different aggressiveness, run side by side."""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_int, check_resource
from tunesmith.exceptions import NoCompletedTrialsError
from tunesmith.history import History
from tunesmith.pruners._halving import (
    bracket_shares,
    brackets_of,
    n_brackets,
    rung_resources,
    survives_new_rungs,
)
from tunesmith.pruners._schedule import previous_step
from tunesmith.pruners.base import Pruner
from tunesmith.pruners.successive_halving import full_run_steps
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["BRACKET_ATTR", "HyperbandPruner"]

# The trial system attribute that records a trial's Hyperband bracket.
BRACKET_ATTR = "hyperband_bracket"


class HyperbandPruner(Pruner):
    """Hyperband: several asynchronous successive halvings, each trial in one of them.

    Bracket b is an asynchronous successive halving whose first rung is at
    step ``min_resource * reduction_factor ** b``: bracket 0 stops trials
    earliest, the last bracket latest, which hedges against curves that start
    slow and end best. There is one bracket per rung that fits below
    ``max_resource``. Each trial belongs to one bracket, a fixed function of
    its number (so every worker agrees), with the share of trials Hyperband
    prescribes so that each bracket spends about the same number of steps.

    The bracket decides at which steps a trial is judged; at each of them it
    must be in the best ``1 / reduction_factor`` of every trial that has
    reached that step, whatever their brackets. Values at one step compare
    alike, and pooling them gives each rung many more competitors than one
    bracket has in a study of a few dozen trials, so fewer trials slip
    through to the end only because their bracket's rung was nearly empty.

    The study's live trial records the bracket in its system attribute
    ``"hyperband_bracket"`` when it asks ``should_prune`` (see
    ``system_attrs_to_record``); ``bracket_of`` tells it in advance. The study's
    sampler learns from the trials of the bracket it draws for, whose pruned
    values compare with each other, and from every completed trial of any
    bracket (``sampling_rows``). A NaN report prunes at once.

    Args:
        min_resource: the first rung of the most aggressive bracket.
        max_resource: the step a full run reaches, or "auto" to take the last
            step of the first completed trials (no pruning until one completes).
        reduction_factor: an int >= 2; each rung keeps ``1 / reduction_factor``.
        n_startup_trials: no pruning until this many trials have completed.

    With "auto", the learned attribute ``max_resource_`` holds the inferred
    step once a trial has completed; it stays fixed from then on.

    >>> import tunesmith
    >>> from tunesmith.pruners import HyperbandPruner
    >>> pruner = HyperbandPruner(min_resource=1, max_resource=27)
    >>> [pruner.bracket_of(number) for number in range(8)]
    [1, 0, 2, 0, 0, 1, 0, 3]
    >>> study = tunesmith.create_study(pruner=pruner, sampler="random", seed=0)
    >>> def objective(trial):
    ...     rate = trial.suggest_float("rate", 0.01, 1.0, log=True)
    ...     for epoch in range(1, 28):
    ...         trial.report(1.0 / (1.0 + rate * epoch), epoch)
    ...         if trial.should_prune():
    ...             raise tunesmith.TrialPruned()
    ...     return 1.0 / (1.0 + rate * 27)
    >>> study.optimize(objective, n_trials=30)
    >>> pruned = [t for t in study.trials if t.state is tunesmith.TrialState.PRUNED]
    >>> sorted({t.system_attrs["hyperband_bracket"] for t in pruned})
    [0, 1, 2]
    """

    max_resource_: int | None = None

    def __init__(
        self,
        min_resource: int = 1,
        max_resource: int | Literal["auto"] = "auto",
        reduction_factor: int = 3,
        n_startup_trials: int = 0,
    ) -> None:
        self.min_resource = min_resource
        self.max_resource = max_resource
        self.reduction_factor = reduction_factor
        self.n_startup_trials = n_startup_trials

    def problems(self) -> list[Problem]:
        checks = [
            check_int("min_resource", self.min_resource, 1),
            check_resource("max_resource", self.max_resource, 1),
            check_int("reduction_factor", self.reduction_factor, 2),
            check_int("n_startup_trials", self.n_startup_trials, 0),
        ]
        problems = [problem for problem in checks if problem is not None]
        if not problems and self.max_resource != "auto" and self.max_resource < self.min_resource:
            rule = f"'auto' or an int >= min_resource ({self.min_resource!r})"
            problems.append(Problem("max_resource", rule, self.max_resource))
        return problems

    def bracket_of(self, trial_number: int) -> int:
        """The bracket of trial ``trial_number``: 0 for the most aggressive.

        Raises:
            InvalidArgumentError: invalid arguments of this pruner.
            NoCompletedTrialsError: ``max_resource`` is "auto" and not inferred
                yet, because no trial has completed in a study using this pruner.
        """
        self.validate()
        max_resource = self._known_max_resource()
        if max_resource is None:
            raise NoCompletedTrialsError(
                "HyperbandPruner(max_resource='auto') learns its brackets from the first "
                f"completed trial, and none has completed yet; bracket_of({trial_number!r}) "
                "is known after that, or give max_resource as an int."
            )
        return int(self._brackets(np.array([trial_number], dtype=np.int64), max_resource)[0])

    def sampling_rows(self, history: History, trial_number: int) -> npt.NDArray[np.bool_] | None:
        """The trials of ``trial_number``'s bracket and every completed trial.

        A pruned trial's last value compares only with its own bracket, whose
        rungs stop trials at the same steps; a completed trial trained to the
        end compares with any. Keeping the completed ones lets a sampler learn
        from all finished work, which matters at small budgets: with four
        brackets, a bracket alone holds a quarter of the trials. None while
        the brackets are unknown (all trials).

        Raises:
            InvalidArgumentError: invalid arguments of this pruner.
        """
        self.validate()
        max_resource = self._learn_max_resource(history)
        if max_resource is None:
            return None
        complete = history.mask(TrialState.COMPLETE)
        brackets = self._brackets(np.arange(complete.size, dtype=np.int64), max_resource)
        own = self._brackets(np.array([trial_number], dtype=np.int64), max_resource)[0]
        mask: npt.NDArray[np.bool_] = (brackets == own) | complete
        return mask

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.validate()
        step = trial.last_step
        if step is None:
            return False
        if int(history.mask(TrialState.COMPLETE).sum()) < self.n_startup_trials:
            return False
        snapshot = history.intermediate_snapshot()
        n_rows = snapshot.minimised.shape[0]
        if trial.number >= n_rows:
            return False
        max_resource = self._learn_max_resource(history)
        if max_resource is None:
            return False
        bracket = int(self._brackets(np.array([trial.number], dtype=np.int64), max_resource)[0])
        if math.isnan(trial.intermediate_values[step]):
            return True
        resources = rung_resources(
            self.min_resource, self.reduction_factor, bracket, below=max_resource
        )
        return not survives_new_rungs(
            snapshot, trial.number, previous_step(trial), step, resources, self.reduction_factor
        )

    def system_attrs_to_record(self, history: History, trial: FrozenTrial) -> dict[str, Any]:
        """The trial's bracket under ``"hyperband_bracket"``, once the brackets are known.

        Raises:
            InvalidArgumentError: invalid arguments of this pruner.
        """
        self.validate()
        max_resource = self._learn_max_resource(history)
        if max_resource is None:
            return {}
        bracket = self._brackets(np.array([trial.number], dtype=np.int64), max_resource)[0]
        return {BRACKET_ATTR: int(bracket)}

    def _learn_max_resource(self, history: History) -> int | None:
        """``max_resource``; with "auto", learned from ``history`` the first time it can be.

        ``should_prune`` and ``sampling_rows`` both learn it, so the brackets
        are known once a trial has completed whichever asks first: a reloaded
        study or a new worker then shows its sampler the same trials as an
        uninterrupted run does.
        """
        if self.max_resource == "auto" and self.max_resource_ is None:
            self.max_resource_ = full_run_steps(history, history.intermediate_snapshot())
        return self._known_max_resource()

    def _known_max_resource(self) -> int | None:
        return self.max_resource_ if self.max_resource == "auto" else int(self.max_resource)

    def _brackets(
        self, trial_numbers: npt.NDArray[np.int64], max_resource: int
    ) -> npt.NDArray[np.int64]:
        count = n_brackets(self.min_resource, max_resource, self.reduction_factor)
        return brackets_of(trial_numbers, bracket_shares(count, self.reduction_factor))
