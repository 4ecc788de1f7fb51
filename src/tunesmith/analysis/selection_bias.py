"""How optimistic the best cross-validation score is, and a corrected estimate.

The best of many trials' cross-validation scores is optimistic: each score is
a noisy estimate, and picking the highest picks noise in its favour as well as
a good configuration. Tibshirani & Tibshirani (2009) estimate that optimism
from the per-fold scores every trial already has, without new fits: on each
fold k, compare the best score any trial got on that fold with the score the
chosen trial got there,

    bias_k = max_j S[j, k] - S[chosen, k]        (scores greater-is-better)
    estimated bias = mean over folds of bias_k
    corrected score = chosen trial's CV score - estimated bias

Reference: Ryan J. Tibshirani and Robert Tibshirani, "A bias correction for
the minimum error rate in cross-validation", The Annals of Applied Statistics
3(2), 822-829, 2009.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.analysis._scores import score_is_maximised, scored_trials
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.study import Study
from tunesmith.trial.user_attrs import fold_test_score, fold_test_scores

__all__ = ["SelectionBias", "selection_bias", "tibshirani_bias"]


@dataclass(frozen=True, slots=True)
class SelectionBias:
    """The best cross-validation score, its estimated optimism and the corrected estimate.

    Attributes:
        trial_number: the best trial among those counted.
        best_cv_score: its value (the first objective), in the study's direction.
        estimated_bias: how much better than its true performance that score
            likely is, in the score's units; never negative.
        corrected_score: ``best_cv_score`` moved by ``estimated_bias`` towards
            worse (down for a maximised score, up for a loss).
        n_trials: the completed trials counted (those with every fold's score).
        n_folds: the cross-validation folds.
    """

    trial_number: int
    best_cv_score: float
    estimated_bias: float
    corrected_score: float
    n_trials: int
    n_folds: int


def tibshirani_bias(fold_scores: npt.ArrayLike, chosen: int) -> float:
    """The mean over folds of (best score on the fold) - (the chosen row's score on it).

    Args:
        fold_scores: an ``n_trials x n_folds`` matrix of greater-is-better
            scores (negate losses), every trial scored on the same folds.
        chosen: the row of the chosen trial (usually the best mean).

    Returns:
        The estimated bias (>= 0) of the chosen row's mean score.

    Raises:
        InvalidArgumentError: not a 2-D matrix of finite numbers with at least
            one row and one column, or ``chosen`` not one of its rows.

    >>> tibshirani_bias([[1.0, 0.5], [0.75, 0.75]], chosen=1)
    0.125
    """
    scores = np.asarray(fold_scores, dtype=np.float64)
    if scores.ndim != 2 or scores.size == 0 or not np.isfinite(scores).all():
        raise InvalidArgumentError(
            "The 'fold_scores' argument of tibshirani_bias must be a non-empty n_trials x "
            f"n_folds matrix of finite scores; got shape {scores.shape}."
        )
    if not 0 <= chosen < scores.shape[0]:
        raise InvalidArgumentError(
            f"The 'chosen' argument of tibshirani_bias must be a row of the {scores.shape[0]} "
            f"trials (0 to {scores.shape[0] - 1}); got {chosen!r}."
        )
    return float(np.mean(scores.max(axis=0) - scores[chosen]))


def selection_bias(study: Study) -> SelectionBias:
    """Estimate how optimistic a study's best cross-validation score is (Tibshirani & Tibshirani).

    The score is the first objective; its fold scores are the user attributes
    ``split0_test_score``, ``split1_test_score``, ... that
    ``CrossValidationObjective``, ``tunesmith run`` and ``TuneSearchCV``
    record. Only completed trials with a score for every fold count; the best
    of them is the trial corrected.

    Limits: the estimate assumes every trial was scored on the same folds
    (the objective's fixed splitter does that); it is itself noisy, as it
    averages a handful of folds; it covers the optimism of picking the best
    of these trials only, not leakage or a test distribution unlike the
    training data; it is never negative. With one trial it is 0. A held-out
    test set (``test_size`` in a config) measures the same thing directly.

    Returns:
        The best trial's score, the estimated bias and the corrected score.

    Raises:
        NoCompletedTrialsError: no trial has completed.
        InvalidArgumentError: no completed trial recorded every fold's score.

    >>> import tunesmith
    >>> study = tunesmith.create_study(direction="maximize")
    >>> for folds in ([1.0, 0.5], [0.875, 0.75]):
    ...     trial = study.ask()
    ...     for fold, score in enumerate(folds):
    ...         trial.set_user_attr(f"split{fold}_test_score", score)
    ...     _ = study.tell(trial, sum(folds) / 2)
    >>> estimate = selection_bias(study)
    >>> estimate.trial_number, estimate.best_cv_score, estimate.estimated_bias
    (1, 0.8125, 0.0625)
    >>> estimate.corrected_score
    0.75
    """
    scored = scored_trials(study)
    if not scored:
        raise NoCompletedTrialsError(
            f"Study {study.study_name!r} has no completed trial yet, so it has no best score "
            "to correct; run optimize first."
        )
    folds = [fold_test_scores(trial.user_attrs) for trial, _ in scored]
    n_folds = max(len(scores) for scores in folds)
    counted = [
        (trial.number, value, scores)
        for (trial, value), scores in zip(scored, folds, strict=True)
        if n_folds > 0 and len(scores) == n_folds and None not in scores
    ]
    if not counted:
        raise InvalidArgumentError(
            f"selection_bias needs each trial's per-fold test scores (user attributes "
            f"{fold_test_score(0)!r}, {fold_test_score(1)!r}, ...; CrossValidationObjective, "
            f"tunesmith run and TuneSearchCV record them), but no completed trial of study "
            f"{study.study_name!r} has a score for every fold."
        )
    maximize = score_is_maximised(study)
    sign = 1.0 if maximize else -1.0
    numbers = [number for number, _, _ in counted]
    values = np.array([value for _, value, _ in counted], dtype=np.float64)
    matrix = sign * np.array([scores for _, _, scores in counted], dtype=np.float64)
    # The lowest-numbered best trial, as Study.best_trial breaks ties.
    chosen = int(np.argmax(sign * values))
    bias = tibshirani_bias(matrix, chosen)
    best = float(values[chosen])
    return SelectionBias(
        trial_number=numbers[chosen],
        best_cv_score=best,
        estimated_bias=bias,
        corrected_score=best - sign * bias,
        n_trials=len(counted),
        n_folds=n_folds,
    )
