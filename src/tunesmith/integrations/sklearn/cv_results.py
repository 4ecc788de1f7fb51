"""The ``cv_results_`` table of a search, in scikit-learn's layout, built from a study's trials.

Each trial that ran folds is one row (one candidate), whatever its state:
complete, pruned (the folds it did not run are NaN) or failed because
folds failed to fit (those folds hold ``error_score``). The trial carries
its fold results as the user attribute ``CV_FOLDS``: ``cross_validate``'s
result keys (``fit_time``, ``score_time``, ``test_<score>``,
``train_<score>``) -> one number per fold run (None where a fold scored
NaN), and the reasons of failed folds as ``CV_FIT_ERRORS``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.integrations.sklearn.fold_records import finite_or_none
from tunesmith.trial import FrozenTrial

__all__ = ["CV_FIT_ERRORS", "CV_FOLDS", "build_cv_results", "fold_results_to_attr", "fit_errors"]

# The user attribute holding a trial's per-fold cross-validation results.
CV_FOLDS = "cv_folds"
# The user attribute holding, per fold, None or why the fold failed to fit.
CV_FIT_ERRORS = "cv_fit_errors"


def fold_results_to_attr(results: Mapping[str, Any]) -> dict[str, list[float | None]]:
    """The numeric per-fold entries of ``cross_validate`` results, as JSON-ready lists.

    NaN becomes None, as a storage keeps attributes as JSON.
    """
    return {
        key: [finite_or_none(float(value)) for value in results[key]]
        for key in sorted(results)
        if key != "estimator"
    }


def fit_errors(trials: Sequence[FrozenTrial]) -> tuple[int, list[str]]:
    """How many folds the ``trials`` ran, and the reason of each that failed to fit."""
    n_folds = sum(len(trial.user_attrs[CV_FOLDS]["fit_time"]) for trial in trials)
    reasons = [
        reason
        for trial in trials
        for reason in trial.user_attrs.get(CV_FIT_ERRORS, [])
        if reason is not None
    ]
    return n_folds, reasons


def build_cv_results(
    trials: Sequence[FrozenTrial],
    score_names: Sequence[str],
    *,
    return_train_score: bool,
    n_splits: int,
) -> dict[str, Any]:
    """The ``cv_results_`` dict of ``trials``, in the order given.

    Args:
        trials: trials with the ``CV_FOLDS`` attribute, in any state.
        score_names: ``["score"]`` for one metric, else the metric names.
        return_train_score: whether to add the ``train`` keys.
        n_splits: the folds of a full row; a pruned trial's missing ones are NaN.

    Returns:
        scikit-learn's keys: ``param_<name>`` (masked where a trial did not
        use the hyperparameter), ``params``, ``split<k>_test_<score>``,
        ``mean_/std_/rank_test_<score>``, ``mean_/std_fit_time``,
        ``mean_/std_score_time`` and, with train scores, ``split<k>_train_<score>``
        and ``mean_/std_train_<score>``; and ``state``, each trial's state name
        (``"COMPLETE"``, ``"PRUNED"`` or ``"FAIL"``).
    """
    folds = [trial.user_attrs[CV_FOLDS] for trial in trials]
    results: dict[str, Any] = {}
    for key in ("fit_time", "score_time"):
        _store(results, key, _matrix(folds, key, n_splits), splits=False)
    params = [dict(trial.params) for trial in trials]
    results.update(_param_columns(params))
    results["params"] = params
    for name in score_names:
        test = _matrix(folds, f"test_{name}", n_splits)
        _store(results, f"test_{name}", test, splits=True)
        results[f"rank_test_{name}"] = _rank(results[f"mean_test_{name}"])
        if return_train_score:
            train = _matrix(folds, f"train_{name}", n_splits)
            _store(results, f"train_{name}", train, splits=True)
    results["state"] = np.array([trial.state.name for trial in trials], dtype=object)
    return results


def _matrix(folds: Sequence[Mapping[str, Any]], key: str, n_splits: int) -> npt.NDArray[np.float64]:
    matrix = np.full((len(folds), n_splits), math.nan)
    for row, fold in enumerate(folds):
        for split, value in enumerate(fold[key]):
            matrix[row, split] = math.nan if value is None else value
    return matrix


def _store(
    results: dict[str, Any], key: str, matrix: npt.NDArray[np.float64], *, splits: bool
) -> None:
    if splits:
        for split in range(matrix.shape[1]):
            results[f"split{split}_{key}"] = matrix[:, split]
    results[f"mean_{key}"] = matrix.mean(axis=1)
    results[f"std_{key}"] = matrix.std(axis=1)


def _rank(means: npt.NDArray[np.float64]) -> npt.NDArray[np.int32]:
    """Rank 1 for the highest mean; ties share the lowest rank; NaN ranks with the worst."""
    if means.size == 0:
        return np.array([], dtype=np.int32)
    if np.isnan(means).all():
        return np.ones(means.size, dtype=np.int32)
    filled = np.where(np.isnan(means), np.nanmin(means) - 1.0, means)
    # A candidate's rank is one more than the number of candidates scoring strictly higher.
    ascending = np.sort(filled)
    higher = filled.size - np.searchsorted(ascending, filled, side="right")
    return np.asarray(higher + 1, dtype=np.int32)


def _param_columns(params: Sequence[Mapping[str, Any]]) -> dict[str, np.ma.MaskedArray[Any, Any]]:
    names = sorted({name for row in params for name in row})
    columns: dict[str, np.ma.MaskedArray[Any, Any]] = {}
    for name in names:
        present = [row[name] for row in params if name in row]
        inferred = np.array(present)
        # Strings (and anything not one-dimensional) stay Python objects, as in scikit-learn.
        dtype = inferred.dtype if inferred.dtype.kind != "U" and inferred.ndim == 1 else object
        column: np.ma.MaskedArray[Any, Any] = np.ma.MaskedArray(
            np.empty(len(params), dtype=dtype), mask=True
        )
        for index, row in enumerate(params):
            if name in row:
                column[index] = row[name]
        columns[f"param_{name}"] = column
    return columns
