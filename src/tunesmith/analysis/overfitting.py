"""Overfitting: trials that learned their training folds at the expense of validation.

A trial of the scikit-learn objective records its mean training-fold score as
the user attribute ``mean_train_score`` and its test-fold scores as
``split{k}_test_score``; its value (the first objective) is the mean
validation score. The gap is "train better than validation", in the score's
units: ``train - validation`` for a maximised score, ``validation - train``
for a minimised one (a loss), so a positive gap always means the model did
better on data it was trained on.

A gap alone is not overfitting. A random forest scores far better on the rows
it was grown on whatever its size, and on the diabetes example every forest
deeper than a stump had a gap above 0.05, including the best ones and the
shallow ones that underfit: a warning on 36 of 40 trials says nothing. What a
person looking at the train and validation curves calls overfitting is the
right-hand side of the curve: past the sweet spot, the train score keeps
rising while the validation score falls. Within one study the sweet spot
shows as other trials, so a trial is flagged when all three hold:

1. its gap exceeds ``max_gap``, the floor the user sets (``overfit_gap`` in
   a config): smaller gaps never matter;
2. its gap exceeds ``NOISE_MULTIPLE`` (two) standard errors of its test-fold
   scores: a gap within the folds' own spread may be chance;
3. the study holds a trial that fitted its training folds less and yet
   validated better by more than those two standard errors, or fitted them
   less by more than ``max_gap`` and validated at least as well: the extra
   fit this trial found did not carry over, it memorised. A study with one
   trial has no curve to read; its gap decides alone.

The best-validating trial is never past the sweet spot, and a trial that
underfits (both scores low) has no trial fitting less that validates better,
so neither is flagged; a deep tree next to a shallower one that validates
as well is. On the examples (seed 0): the SVM flags 6 of 30 trials (train
0.98 to 1.0, validation 0.74 to 0.94 where the best is 0.98), the diabetes
forests 16 of 40, down from 36 (forests of one to fifteen trees, and depth 7
and 8 forests that a depth-5 one matches), the wine forests 0 of 20, down
from 5 (every gap within fold noise or bought back on validation). "As
well" is strict: a forest 0.001 below a less fitted one on validation is
flagged, one 0.004 above it is not.

Trials that recorded no fold scores (user objectives) are judged with a noise
of 0. Studies stored before this rule read as they are: the same attributes,
the same ``overfit_gap``.
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
from tunesmith.trial import FrozenTrial
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE, fold_test_scores

__all__ = [
    "DEFAULT_MAX_GAP",
    "NOISE_MULTIPLE",
    "TrainValidationGap",
    "fits_less_validates_better",
    "overfitting",
    "train_validation_gaps",
]

# How many standard errors of its fold scores a difference must exceed to count: a gap of two
# arises from fold-to-fold noise alone about one time in twenty.
NOISE_MULTIPLE = 2.0


@dataclass(frozen=True, slots=True)
class TrainValidationGap:
    """One completed trial's train and validation scores, and whether it may overfit.

    Attributes:
        number: the trial's number.
        train: its mean score on the training folds.
        validation: its value (the first objective): the mean validation score.
        gap: how much better train is than validation, in the score's units
            (negative when validation is better).
        noise: the standard error of its test-fold scores (0.0 when it
            recorded fewer than two).
        flagged: whether it may overfit: its gap exceeds ``max_gap`` and
            ``NOISE_MULTIPLE * noise``, and a trial that fitted its training
            folds less validated better by more than that noise (or it is
            the study's only trial with a train score).
        fits_less_validates_better: the number of that trial (the one
            validating best among them), or None.
    """

    number: int
    train: float
    validation: float
    gap: float
    noise: float
    flagged: bool
    fits_less_validates_better: int | None


def _check_max_gap(max_gap: object) -> float:
    """``max_gap`` as a float, refused unless it is a finite number >= 0.

    Raises:
        InvalidArgumentError: naming the argument, the rule and the value.
    """
    if not _is_finite_number(max_gap) or max_gap < 0:
        raise InvalidArgumentError(
            "The 'max_gap' argument of overfitting must be a finite number >= 0 (the smallest "
            f"train-validation gap, in the score's units, that may be flagged); got {max_gap!r}."
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


def _fold_noise(trial: FrozenTrial) -> float:
    """The standard error of a trial's test-fold scores; 0.0 with fewer than two finite ones."""
    folds = [score for score in fold_test_scores(trial.user_attrs) if _is_finite_number(score)]
    if len(folds) < 2:
        return 0.0
    return float(np.std(folds, ddof=1) / math.sqrt(len(folds)))


def overfitting(study: Study, max_gap: float = DEFAULT_MAX_GAP) -> list[TrainValidationGap]:
    """Every completed trial that recorded a train score, flagged where it may overfit.

    The validation score is the trial's value (its first objective, for
    several); the train score is its user attribute ``mean_train_score``,
    which ``CrossValidationObjective``, ``tunesmith run`` and ``TuneSearchCV``
    with ``return_train_score=True`` record. Trials without one are left out,
    so a study that recorded none gives an empty list. The rule is in this
    module's docstring: a gap over ``max_gap`` and over the fold noise, on a
    trial that another trial beat on validation while fitting less.

    Args:
        study: the study.
        max_gap: the floor: a trial whose gap is at most this, in the
            score's units, is never flagged (0.05: five points of accuracy).

    Returns:
        One record per such trial, by trial number.

    Raises:
        InvalidArgumentError: ``max_gap`` is not a finite number >= 0.

    >>> import tunesmith
    >>> study = tunesmith.create_study(direction="maximize")
    >>> for train, validation in [(0.90, 0.88), (1.0, 0.75)]:
    ...     trial = study.ask()
    ...     trial.set_user_attr("mean_train_score", train)
    ...     _ = study.tell(trial, validation)
    >>> [(record.number, record.flagged) for record in overfitting(study)]
    [(0, False), (1, True)]
    """
    floor = _check_max_gap(max_gap)
    maximize = score_is_maximised(study)
    rows = [
        (trial.number, float(train), validation, _fold_noise(trial))
        for trial, validation in scored_trials(study)
        if _is_finite_number(train := trial.user_attrs.get(MEAN_TRAIN_SCORE))
    ]
    if not rows:
        return []
    numbers, train, validation, noise = (np.asarray(column) for column in zip(*rows, strict=True))
    # In "greater is better" units, so that one comparison serves scores and losses.
    sign = 1.0 if maximize else -1.0
    margins = NOISE_MULTIPLE * noise
    references = fits_less_validates_better(sign * train, sign * validation, margins, floor)
    gaps = train_validation_gaps(train, validation, maximize=maximize)
    alone = len(rows) == 1
    return [
        TrainValidationGap(
            number=int(numbers[index]),
            train=float(train[index]),
            validation=float(validation[index]),
            gap=float(gaps[index]),
            noise=float(noise[index]),
            flagged=bool(
                gaps[index] > floor
                and gaps[index] > margins[index]
                and (alone or references[index] >= 0)
            ),
            fits_less_validates_better=(
                None if references[index] < 0 else int(numbers[references[index]])
            ),
        )
        for index in range(len(rows))
    ]


def fits_less_validates_better(
    train: npt.ArrayLike, validation: npt.ArrayLike, margin: npt.ArrayLike, floor: float
) -> npt.NDArray[np.intp]:
    """For each trial, a trial that fitted its training folds less and validated as well.

    Scores are greater-is-better. Trial ``j`` has one when some trial ``i``
    has ``train[i] < train[j]`` and ``validation[i] > validation[j] +
    margin[j]`` (clearly better), or ``train[i] < train[j] - floor`` and
    ``validation[i] >= validation[j]`` (clearly less fitted, no worse).

    Args:
        train: train scores, one per trial.
        validation: validation scores, in the same order.
        margin: for each trial, how much better another trial must validate
            to count as clearly better (its noise).
        floor: how much less another trial must fit to count as clearly
            less fitted while validating only as well.

    Returns:
        For each trial, the index of the best-validating such trial, or -1.
        Sorting by train score once makes it O(n log n), for studies of
        thousands of trials.

    >>> fits_less_validates_better([0.8, 1.0, 0.7], [0.9, 0.8, 0.6], [0.01] * 3, 0.05).tolist()
    [-1, 0, -1]
    """
    train_scores = np.asarray(train, dtype=np.float64)
    validation_scores = np.asarray(validation, dtype=np.float64)
    margins = np.broadcast_to(np.asarray(margin, dtype=np.float64), train_scores.shape)
    order = np.argsort(train_scores, kind="stable")
    sorted_train = train_scores[order]
    sorted_validation = validation_scores[order]
    # best_so_far[k]: the trial validating best among the k + 1 that fit least.
    running_best = np.maximum.accumulate(sorted_validation)
    last_best_position = np.where(sorted_validation == running_best, np.arange(len(order)), 0)
    best_so_far = order[np.maximum.accumulate(last_best_position)]

    def best_fitting_below(limit: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
        below = np.searchsorted(sorted_train, limit, side="left")  # how many fit strictly less
        return np.where(below > 0, best_so_far[np.maximum(below - 1, 0)], -1)

    less = best_fitting_below(train_scores)
    clearly_less = best_fitting_below(train_scores - floor)
    clearly_better = (less >= 0) & (validation_scores[less] - validation_scores > margins)
    as_well = (clearly_less >= 0) & (validation_scores[clearly_less] >= validation_scores)
    return np.where(clearly_better, less, np.where(as_well, clearly_less, -1))


def _is_finite_number(value: object) -> TypeGuard[float]:
    # The objective stores None for a NaN train score (attributes are JSON).
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
