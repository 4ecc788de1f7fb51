"""What a cross-validated trial records about its folds, written the same way by every objective.

``CrossValidationObjective`` (configs and Python), ``TuneSearchCV``'s objective and the
score-and-size objective of configs all record these user attributes, which the
selection rules, the overfitting check and the CLI tables read (names in
``tunesmith.trial.user_attrs``). Scores that are NaN are stored as None: a storage
keeps attributes as JSON.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import Trial
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE, N_PARAMETERS, fold_test_score

__all__ = [
    "finite_or_none",
    "record_fold_test_scores",
    "record_mean_train_score",
    "score_and_size",
]


def finite_or_none(value: float) -> float | None:
    """``value``, or None for NaN and infinities, which JSON attributes cannot hold."""
    return value if math.isfinite(value) else None


def record_fold_test_scores(trial: Trial, scores: npt.ArrayLike) -> None:
    """Each fold's test score as ``split<k>_test_score``."""
    for fold, score in enumerate(np.asarray(scores, dtype=np.float64)):
        trial.set_user_attr(fold_test_score(fold), finite_or_none(float(score)))


def record_mean_train_score(trial: Trial, scores: npt.ArrayLike) -> None:
    """The mean training-fold score, which ``tunesmith.analysis.overfitting`` compares."""
    mean = float(np.mean(np.asarray(scores, dtype=np.float64)))
    trial.set_user_attr(MEAN_TRAIN_SCORE, finite_or_none(mean))


def score_and_size(
    trial: Trial, score: float, model: object, needed_by: str, remedy: str
) -> tuple[float, float]:
    """``(score, n_parameters)`` for a study that minimises the model's size beside its score.

    Args:
        trial: the trial, whose ``n_parameters`` attribute holds the count.
        score: the trial's cross-validated score.
        model: the fitted model, named in the error.
        needed_by: what asked for the size, as the error names it.
        remedy: what the user can change instead, as the error says it.

    Raises:
        InvalidArgumentError: tunesmith could not count the model's parameters.
    """
    n_parameters = trial.user_attrs.get(N_PARAMETERS)
    if n_parameters is None:
        raise InvalidArgumentError(
            f"{needed_by} needs the parameter count of each fitted model, but tunesmith cannot "
            f"count those of {type(model).__name__} (see tunesmith.inspect); {remedy}."
        )
    return score, float(n_parameters)
