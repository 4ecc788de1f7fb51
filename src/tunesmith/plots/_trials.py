"""What several plots read from a study: trials with a value for one objective, and labels."""

from __future__ import annotations

import math

from tunesmith.space import Categorical, Distribution, Float, Int
from tunesmith.study import StudyBase
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = ["axis_type", "completed_with_value", "is_log", "is_maximised", "sorted_param_names"]


def completed_with_value(study: StudyBase, index: int) -> list[FrozenTrial]:
    """The COMPLETE trials with a finite value for objective ``index``, by number."""
    return [
        trial
        for trial in study.get_trials([TrialState.COMPLETE])
        if trial.values is not None and math.isfinite(trial.values[index])
    ]


def sorted_param_names(trials: list[FrozenTrial], params: list[str] | None) -> list[str]:
    """``params``, or every hyperparameter the trials used, sorted."""
    if params is not None:
        return list(params)
    return sorted({name for trial in trials for name in trial.params})


def is_log(distribution: Distribution) -> bool:
    return isinstance(distribution, Float | Int) and distribution.log


def axis_type(distribution: Distribution) -> str:
    """The plotly axis type showing ``distribution``'s values as the sampler sees them."""
    if isinstance(distribution, Categorical):
        return "category"
    return "log" if is_log(distribution) else "linear"


def is_maximised(study: StudyBase, index: int) -> bool:
    return study.directions[index] is StudyDirection.MAXIMIZE
