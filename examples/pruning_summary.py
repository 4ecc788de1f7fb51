"""What a pruned example prints about its study: trials by state and the epochs pruning saved.

Shared by ``torch_digits_pruned.py`` and ``keras_digits_pruned.py``; each adds its own line
about the best trial.
"""

from __future__ import annotations

import tunesmith
from tunesmith.history import step_budget


def pruning_lines(study: tunesmith.Study) -> list[str]:
    """How many trials were pruned, and the epochs that saved."""
    states = [trial.state for trial in study.trials]
    n_complete = states.count(tunesmith.TrialState.COMPLETE)
    n_pruned = states.count(tunesmith.TrialState.PRUNED)
    lines = [f"{len(states)} trials: {n_complete} complete, {n_pruned} pruned"]
    budget = step_budget(study.history)
    if budget is not None:
        lines.append(
            f"Epochs trained: {budget.steps_trained} instead of {budget.steps_unpruned} "
            f"without pruning ({budget.times_fewer:.1f}x fewer)"
        )
    return lines
