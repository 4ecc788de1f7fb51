"""Overfitting: how much better each trial scored on its training folds than on validation.

A trial of the scikit-learn objective records its mean training-fold score as
the user attribute ``mean_train_score``; its value (the first objective) is the
mean validation score. The gap is "train better than validation", in the
score's units: ``train - validation`` for a maximised score, ``validation -
train`` for a minimised one (a loss), so a positive gap always means the model
did better on data it was trained on. A trial whose gap exceeds ``max_gap`` is
flagged: it may overfit (memorise its training folds rather than learn what
carries over).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeGuard

import numpy as np
import numpy.typing as npt

from tunesmith.analysis._scores import score_is_maximised, scored_trials
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import Study
from tunesmith.study.metadata import DEFAULT_MAX_GAP
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE

__all__ = [
    "DEFAULT_MAX_GAP",
    "TrainValidationGap",
    "overfitting",
    "train_validation_gaps",
]


@dataclass(frozen=True, slots=True)
class TrainValidationGap:
    """One completed trial's train and validation scores, and whether its gap is too wide.

    Attributes:
        number: the trial's number.
        train: its mean score on the training folds.
        validation: its value (the first objective): the mean validation score.
        gap: how much better train is than validation, in the score's units
            (negative when validation is better).
        flagged: whether ``gap > max_gap``: the trial may overfit.
    """

    number: int
    train: float
    validation: float
    gap: float
    flagged: bool


def _check_max_gap(max_gap: object) -> float:
    """``max_gap`` as a float, refused unless it is a finite number >= 0.

    Raises:
        InvalidArgumentError: naming the argument, the rule and the value.
    """
    if not _is_finite_number(max_gap) or max_gap < 0:
        raise InvalidArgumentError(
            "The 'max_gap' argument of overfitting must be a finite number >= 0 (the largest "
            f"train-validation gap, in the score's units, not flagged); got {max_gap!r}."
        )
    return float(max_gap)


def train_validation_gaps(
    train: npt.ArrayLike, validation: npt.ArrayLike, *, maximize: bool
) -> npt.NDArray[np.float64]:
    """How much better each train score is than its validation score, in the score's units.

    Args:
        train: train scores, one per trial.
        validation: validation scores, in the same order.
        maximize: whether the score is greater-is-better (accuracy) rather
            than a loss.

    Returns:
        ``train - validation`` for a maximised score, ``validation - train``
        for a minimised one.

    >>> train_validation_gaps([1.0, 0.5], [0.75, 0.5], maximize=True).tolist()
    [0.25, 0.0]
    >>> train_validation_gaps([0.25], [0.5], maximize=False).tolist()
    [0.25]
    """
    difference = np.asarray(train, dtype=np.float64) - np.asarray(validation, dtype=np.float64)
    return difference if maximize else -difference


def overfitting(study: Study, max_gap: float = DEFAULT_MAX_GAP) -> list[TrainValidationGap]:
    """The train-validation gap of every completed trial that recorded a train score.

    The validation score is the trial's value (its first objective, for
    several); the train score is its user attribute ``mean_train_score``,
    which ``CrossValidationObjective``, ``tunesmith run`` and ``TuneSearchCV``
    with ``return_train_score=True`` record. Trials without one are left out,
    so a study that recorded none gives an empty list.

    Args:
        study: the study.
        max_gap: a trial whose gap exceeds this, in the score's units, is
            flagged (0.05: five points of accuracy).

    Returns:
        One record per such trial, by trial number.

    Raises:
        InvalidArgumentError: ``max_gap`` is not a finite number >= 0.

    >>> import tunesmith
    >>> study = tunesmith.create_study(direction="maximize")
    >>> trial = study.ask()
    >>> trial.set_user_attr("mean_train_score", 1.0)
    >>> _ = study.tell(trial, 0.875)
    >>> overfitting(study)
    [TrainValidationGap(number=0, train=1.0, validation=0.875, gap=0.125, flagged=True)]
    """
    threshold = _check_max_gap(max_gap)
    rows = [
        (trial.number, float(train), validation)
        for trial, validation in scored_trials(study)
        if _is_finite_number(train := trial.user_attrs.get(MEAN_TRAIN_SCORE))
    ]
    if not rows:
        return []
    numbers, train, validation = zip(*rows, strict=True)
    gaps = train_validation_gaps(train, validation, maximize=score_is_maximised(study))
    return [
        TrainValidationGap(
            number=number,
            train=train_score,
            validation=validation_score,
            gap=float(gap),
            flagged=bool(gap > threshold),
        )
        for number, train_score, validation_score, gap in zip(
            numbers, train, validation, gaps, strict=True
        )
    ]


def _is_finite_number(value: object) -> TypeGuard[float]:
    # The objective stores None for a NaN train score (attributes are JSON).
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
