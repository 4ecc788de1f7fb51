"""What the analyses read from a study: the score is its first objective, in its direction."""

from __future__ import annotations

from tunesmith.study import Study
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = ["score_is_maximised", "scored_trials"]


def score_is_maximised(study: Study) -> bool:
    """Whether the study's first objective (the score) is maximised."""
    return study.directions[0] is StudyDirection.MAXIMIZE


def scored_trials(study: Study) -> list[tuple[FrozenTrial, float]]:
    """The study's COMPLETE trials by number, each with its score (its first value)."""
    return [
        (trial, trial.values[0])
        for trial in study.get_trials([TrialState.COMPLETE])
        if trial.values
    ]
