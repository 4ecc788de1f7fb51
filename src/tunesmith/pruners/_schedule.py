"""When a trial's latest report is one at which a pruner may decide."""

from __future__ import annotations

from tunesmith.trial import FrozenTrial

__all__ = ["is_decision_step", "previous_step"]


def previous_step(trial: FrozenTrial) -> int:
    """The step the trial reported before its last one; -1 when there is none."""
    last = trial.last_step
    return max((step for step in trial.intermediate_values if step != last), default=-1)


def is_decision_step(trial: FrozenTrial, n_warmup_steps: int, interval_steps: int) -> bool:
    """Whether the trial's latest report is the first one in a pruning interval after warm-up.

    Intervals start at ``n_warmup_steps`` and every ``interval_steps`` after. A
    trial that skips steps is still judged once per interval, at its first
    report inside it.
    """
    step = trial.last_step
    if step is None or step < n_warmup_steps:
        return False
    interval_start = step - (step - n_warmup_steps) % interval_steps
    return previous_step(trial) < interval_start
