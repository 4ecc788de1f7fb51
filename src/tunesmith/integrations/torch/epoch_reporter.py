"""A per-epoch pruning hook for a training loop of one's own.

A training loop calls the reporter once per epoch with the validation score.
The reporter hands the score to the trial as that epoch's intermediate value
and, when the study's pruner says the trial looks worse than others did at
the same epoch, raises ``TrialPruned``. ``Study.optimize`` stores the trial
as PRUNED, with the last reported score as its value.
"""

from __future__ import annotations

from tunesmith.exceptions import InvalidArgumentError, TrialPruned
from tunesmith.study import Trial

__all__ = ["EpochReporter"]


class EpochReporter:
    """Report a validation score after each epoch; stop the trial when its pruner says so.

    Args:
        trial: the trial the objective received.

    Example, in a plain PyTorch loop (``train_one_epoch`` and ``accuracy`` are
    the user's own)::

        def objective(trial):
            model = build(trial.suggest_int("width", 8, 256, log=True))
            report = EpochReporter(trial)
            for epoch in range(1, 31):
                train_one_epoch(model)
                report(accuracy(model, X_val, y_val), epoch)   # may raise TrialPruned
            return accuracy(model, X_val, y_val)

        study = tunesmith.create_study(direction="maximize", pruner="hyperband")
    """

    def __init__(self, trial: Trial) -> None:
        self.trial = trial
        self._last_epoch: int | None = None

    def __repr__(self) -> str:
        return f"EpochReporter(trial={self.trial!r})"

    @property
    def last_epoch(self) -> int | None:
        """The last epoch reported, or None before the first report."""
        return self._last_epoch

    def __call__(self, score: float, epoch: int | None = None) -> None:
        """Report ``score`` as the value at ``epoch`` and ask the pruner whether to go on.

        Args:
            score: the validation score after the epoch (a number, or a
                one-element tensor), in the direction of the study's first
                objective.
            epoch: the epoch just trained (from 0 or 1, as the loop counts);
                by default the one after the last reported epoch, 1 for the
                first report.

        Raises:
            TrialPruned: the study's pruner says the trial should stop; let it
                propagate out of the objective.
            InvalidArgumentError: an epoch that is not a non-negative int above
                the last reported one, or a score that is not a number.
        """
        last = self._last_epoch
        step = (1 if last is None else last + 1) if epoch is None else epoch
        lowest = 0 if last is None else last + 1
        if isinstance(step, bool) or not isinstance(step, int) or step < lowest:
            rule = (
                "a non-negative int"
                if last is None
                else f"an int above the last reported epoch, {last} (each epoch once, in order)"
            )
            raise InvalidArgumentError(
                f"The 'epoch' argument of EpochReporter must be {rule}; got {epoch!r}."
            )
        self.trial.report(score, step)
        self._last_epoch = step
        if self.trial.should_prune():
            raise TrialPruned(
                f"Trial {self.trial.number} was pruned after epoch {step} "
                f"(validation score {float(score):.6g})."
            )
