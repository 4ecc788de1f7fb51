"""How a cross-validated estimator is trained in steps, so that a pruner can stop it early.

Three ways, named by ``TrainingSteps.by``:

- ``"folds"``: each cross-validation fold is a step; the running mean of the
  test scores is reported after each fold.
- ``"partial_fit"``: every fold trains its own copy of the estimator one epoch
  (one ``partial_fit`` call over the fold's training data) per step, in
  lockstep; the mean validation score over the folds is reported per epoch.
- ``"warm_start"``: every fold grows an ensemble with ``warm_start=True``:
  step k of n fits up to ``ceil(k * final / n)`` members, ``final`` being the
  estimator's own ``n_estimators`` (or the hyperparameter named by ``grow``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import Trial

__all__ = [
    "STEP_KINDS",
    "TrainingSteps",
    "check_training_steps",
    "final_estimator",
    "report_step",
    "warm_start_sizes",
]

StepKind = Literal["folds", "partial_fit", "warm_start"]

STEP_KINDS: tuple[StepKind, ...] = ("folds", "partial_fit", "warm_start")


@dataclass(frozen=True, slots=True)
class TrainingSteps:
    """What one step of training is.

    Attributes:
        by: ``"folds"``, ``"partial_fit"`` or ``"warm_start"`` (see the module).
        n_steps: epochs (``partial_fit``) or growth steps (``warm_start``);
            None for ``folds``, whose steps are the folds.
        grow: the hyperparameter a ``warm_start`` ensemble grows:
            ``"n_estimators"``, or ``"max_iter"`` for HistGradientBoosting.

    >>> TrainingSteps("partial_fit", n_steps=30)
    TrainingSteps(by='partial_fit', n_steps=30, grow='n_estimators')
    """

    by: StepKind = "folds"
    n_steps: int | None = None
    grow: str = "n_estimators"

    def __post_init__(self) -> None:
        if self.by not in STEP_KINDS:
            raise InvalidArgumentError(
                f"The 'by' argument of TrainingSteps must be one of {list(STEP_KINDS)}; "
                f"got {self.by!r}."
            )
        if self.by == "folds":
            if self.n_steps is not None:
                raise InvalidArgumentError(
                    "The 'n_steps' argument of TrainingSteps must be None when by='folds' "
                    f"(the folds are the steps); got {self.n_steps!r}."
                )
            return
        n_steps = self.n_steps
        if isinstance(n_steps, bool) or not isinstance(n_steps, int) or n_steps < 1:
            raise InvalidArgumentError(
                f"The 'n_steps' argument of TrainingSteps must be an int >= 1 when "
                f"by={self.by!r}; got {n_steps!r}."
            )


def final_estimator(estimator: Any) -> Any:
    """The estimator that learns: the last step of a pipeline, else the estimator itself."""
    from sklearn.pipeline import Pipeline

    return estimator.steps[-1][1] if isinstance(estimator, Pipeline) else estimator


def check_training_steps(estimator: Any, steps: TrainingSteps) -> None:
    """Refuse an estimator that cannot be trained in ``steps``.

    ``estimator`` has its hyperparameters set already: whether an MLP has
    ``partial_fit`` depends on its solver.

    Raises:
        InvalidArgumentError: ``partial_fit`` for an estimator without it;
            ``warm_start`` for one without ``warm_start`` or without the
            hyperparameter to grow, or whose size to reach is not an int >= 1.
    """
    learner = final_estimator(estimator)
    name = type(learner).__name__
    if steps.by == "partial_fit" and not hasattr(learner, "partial_fit"):
        raise InvalidArgumentError(
            f"Training by='partial_fit' needs an estimator with partial_fit; {name} has none "
            f"with these hyperparameters ({learner!r}). Use SGDClassifier, MLPClassifier "
            "(solver sgd or adam), ... or by='folds'."
        )
    if steps.by == "warm_start":
        params = learner.get_params(deep=False)
        if "warm_start" not in params or steps.grow not in params:
            raise InvalidArgumentError(
                f"Training by='warm_start' needs an estimator with the hyperparameters "
                f"'warm_start' and {steps.grow!r}; {name} lacks "
                f"{'warm_start' if 'warm_start' not in params else repr(steps.grow)}."
            )
        size = params[steps.grow]
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidArgumentError(
                f"Training by='warm_start' grows {steps.grow!r} of {name} up to its value, which "
                f"must be an int >= 1; got {size!r}."
            )


def warm_start_sizes(final_size: int, n_steps: int) -> list[int]:
    """The ensemble size after each of ``n_steps`` steps, growing evenly to ``final_size``.

    >>> warm_start_sizes(100, 4), warm_start_sizes(3, 5)
    ([25, 50, 75, 100], [1, 2, 2, 3, 3])
    """
    return [max(1, math.ceil(k * final_size / n_steps)) for k in range(1, n_steps + 1)]


def report_step(trial: Trial | None, value: float, step: int, *, last: bool) -> bool:
    """Report ``value`` at ``step``; whether the pruner says to stop.

    The last step is reported but never judged: stopping there saves nothing,
    and the trial would lose its complete score. A NaN score is reported as
    it is (pruners treat it as the worst). Without a trial, nothing happens.
    """
    if trial is None:
        return False
    trial.report(value, step)
    return not last and trial.should_prune()
