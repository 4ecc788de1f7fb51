"""One round's validation score handed to a trial, and the signal that stops a pruned trial.

The LightGBM, XGBoost and Keras pruning hooks all report a score per boosting
round or epoch, numbered from 1 (the rounds trained so far), and all stop a
pruned trial with the same ``TrialPruned`` message.
"""

from __future__ import annotations

from tunesmith.exceptions import InvalidArgumentError, TrialPruned
from tunesmith.study import Trial

__all__ = ["pruned", "report_and_ask", "require_name"]


def report_and_ask(trial: Trial, score: float, step: int) -> bool:
    """Report ``score`` as the trial's value at ``step``; whether its pruner says to stop."""
    trial.report(score, step)
    return trial.should_prune()


def pruned(trial: Trial, step: int, score: float, unit: str) -> TrialPruned:
    """The signal for a trial pruned after ``step`` (a ``unit``: "boosting round", "epoch")."""
    return TrialPruned(
        f"Trial {trial.number} was pruned after {unit} {step} (validation score {score:.6g})."
    )


def require_name(owner: str, argument: str, value: object) -> str:
    """``value`` when it is a non-empty string; otherwise the one-form argument error."""
    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(
            f"The '{argument}' argument of {owner} must be a non-empty str; got {value!r}."
        )
    return value
