"""Studies of trials with train and fold scores, as a cross-validated objective stores them."""

from __future__ import annotations

from collections.abc import Sequence

import tunesmith

# One trial: (validation score, mean train score, the test score of each fold).
ScoredTrial = tuple[float, float, Sequence[float]]


def scored_study(
    trials: Sequence[ScoredTrial], name: str | None = None, storage: str | None = None
) -> tunesmith.Study:
    """A maximised study of ``trials``, numbered in order."""
    study = tunesmith.create_study(name, storage, direction="maximize")
    for validation, train, folds in trials:
        trial = study.ask()
        trial.set_user_attr("mean_train_score", train)
        for fold, score in enumerate(folds):
            trial.set_user_attr(f"split{fold}_test_score", score)
        study.tell(trial, validation)
    return study
