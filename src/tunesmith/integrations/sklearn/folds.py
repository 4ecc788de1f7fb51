"""Cross-validation one fold at a time, each fold a step a pruner can stop after.

``cross_validate_by_fold`` is ``sklearn.model_selection.cross_validate`` run
fold by fold: after each fold it reports the running mean test score to a
trial and asks the trial's pruner whether to go on. The config runner and
``TuneSearchCV`` both use it.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.steps import report_step
from tunesmith.study import Trial

__all__ = [
    "SteppedResults",
    "cross_validate_by_fold",
    "failed_fold_result",
    "merge_fold_results",
]


@dataclass(frozen=True, slots=True)
class SteppedResults:
    """What a cross-validation in steps produced, as far as it went.

    Attributes:
        results: as ``cross_validate`` returns them (``test_score`` or
            ``test_<metric>``, ``fit_time``, ``score_time``, ``train_*`` when
            asked), for the folds evaluated, at the last step trained.
        last_step: the last step trained and reported.
        pruned: whether the trial's pruner stopped it before the last step.
        fit_errors: one entry per fold evaluated: None, or why its fit or
            scoring failed (``"ValueError: ..."``) when ``error_score`` is a
            number and the fold scored it.
    """

    results: dict[str, Any]
    last_step: int
    pruned: bool
    fit_errors: tuple[str | None, ...] = ()

    @property
    def n_failed_folds(self) -> int:
        """How many folds failed to fit or score."""
        return sum(error is not None for error in self.fit_errors)


def merge_fold_results(per_fold: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Join ``cross_validate`` results of single folds into one, as if run at once.

    Arrays are concatenated and lists (``estimator``) joined, key by key.
    """
    merged: dict[str, Any] = {}
    for key in per_fold[0] if per_fold else ():
        parts = [fold[key] for fold in per_fold]
        if isinstance(parts[0], np.ndarray):
            merged[key] = np.concatenate(parts)
        else:
            merged[key] = [item for part in parts for item in part]
    return merged


def cross_validate_by_fold(
    estimator: Any,
    X: Any,  # noqa: N803 - the name scikit-learn gives the features
    y: Any = None,
    *,
    scoring: str | Callable[..., Any] | list[str] | dict[str, Any] | None = None,
    cv: Any = 5,
    trial: Trial | None = None,
    report_metric: str | None = None,
    groups: Any = None,
    params: Mapping[str, Any] | None = None,
    return_train_score: bool = False,
    return_estimator: bool = False,
    error_score: str | float = "raise",
    score_params: Mapping[str, Any] | None = None,
) -> SteppedResults:
    """Cross-validate fold by fold, reporting the running mean test score after each fold.

    Fold k (counted from 1) is step k. After each fold but the last, the
    trial's ``should_prune`` decides whether to stop; a stopped run returns
    what the folds done so far gave, with ``pruned=True``, and the caller
    raises ``TrialPruned`` (after recording what it wants). Without a trial,
    every fold runs and nothing is reported.

    Args:
        estimator: an unfitted estimator or pipeline (cloned for each fold).
        X: the features.
        y: the target (None for unsupervised estimators).
        scoring: anything ``cross_validate`` takes: one scorer name or
            callable, a list or dict of them, or None for ``estimator.score``.
        cv: the number of folds or a scikit-learn splitter; an int means
            stratified folds for a classifier, as in scikit-learn.
        trial: where to report; None to report nothing.
        report_metric: with several metrics and a trial, the one whose
            running mean is reported (a key of ``scoring``); None for one metric.
        groups, params: the groups of a group splitter, and the fit
            parameters, as ``cross_validate`` takes them.
        return_train_score, return_estimator, error_score: as in
            ``cross_validate``; ``error_score="raise"`` (the default here) lets
            a failing fit fail the trial instead of scoring NaN. With a number,
            a fold whose fit or scoring fails scores that number, its reason is
            kept in ``fit_errors``, and the running mean is no longer reported
            (the remaining folds still run, as in scikit-learn).
        score_params: per-sample arrays (``sample_weight``) each fold's scorers
            receive for that fold's test samples, as GridSearchCV gives them;
            ``scoring`` must then be a scorer callable or a dict of them.

    Raises:
        InvalidArgumentError: a trial and several metrics without
            ``report_metric``, or a ``report_metric`` that is not one of them.

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> run = cross_validate_by_fold(DecisionTreeClassifier(random_state=0), X, y, cv=3)
    >>> run.results["test_score"].shape, run.last_step, run.pruned
    ((3,), 3, False)
    """
    from sklearn.base import is_classifier
    from sklearn.model_selection import check_cv, cross_validate

    test_key = _test_key(scoring, report_metric) if trial is not None else None
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    splits = list(splitter.split(X, y, groups))
    per_fold: list[dict[str, Any]] = []
    fit_errors: list[str | None] = []
    for fold, split in enumerate(splits):
        started = time.perf_counter()
        try:
            result = cross_validate(
                estimator,
                X,
                y,
                scoring=_scoring_for_fold(scoring, score_params, split[1]),
                cv=[split],
                params=dict(params) if params else None,
                return_train_score=return_train_score,
                return_estimator=return_estimator,
                error_score="raise",
            )
            fit_errors.append(None)
        except Exception as error:
            if isinstance(error_score, str):
                raise
            fit_errors.append(f"{type(error).__name__}: {error}")
            result = failed_fold_result(
                scoring,
                float(error_score),
                seconds=time.perf_counter() - started,
                return_train_score=return_train_score,
                estimator=estimator if return_estimator else None,
            )
        per_fold.append(result)
        step = fold + 1
        if test_key is None or any(fit_errors):
            continue
        running_mean = float(np.mean([result[test_key][0] for result in per_fold]))
        if report_step(trial, running_mean, step, last=step == len(splits)):
            return SteppedResults(merge_fold_results(per_fold), step, True, tuple(fit_errors))
    return SteppedResults(merge_fold_results(per_fold), len(splits), False, tuple(fit_errors))


def failed_fold_result(
    scoring: object,
    error_score: float,
    *,
    seconds: float,
    return_train_score: bool,
    estimator: Any = None,
) -> dict[str, Any]:
    """What ``cross_validate`` gives for one fold that failed: ``error_score`` for every score.

    As in scikit-learn, the time spent counts as fit time and scoring took none.
    """
    result: dict[str, Any] = {
        "fit_time": np.array([seconds]),
        "score_time": np.array([0.0]),
    }
    kinds = ("test", "train") if return_train_score else ("test",)
    for name in _score_names(scoring):
        for kind in kinds:
            result[f"{kind}_{name}"] = np.array([error_score])
    if estimator is not None:
        result["estimator"] = [estimator]
    return result


def _scoring_for_fold(scoring: Any, score_params: Mapping[str, Any] | None, test: Any) -> Any:
    """``scoring`` with the test samples' share of ``score_params`` bound to each scorer."""
    if not score_params:
        return scoring
    fold_params = {name: np.asarray(values)[test] for name, values in score_params.items()}
    if isinstance(scoring, dict):
        return {name: functools.partial(scorer, **fold_params) for name, scorer in scoring.items()}
    return functools.partial(scoring, **fold_params)


def _score_names(scoring: object) -> list[str]:
    if isinstance(scoring, dict):
        return [str(name) for name in scoring]
    if isinstance(scoring, list | tuple | set):
        return [str(name) for name in scoring]
    return ["score"]


def _test_key(scoring: object, report_metric: str | None) -> str:
    if not isinstance(scoring, list | tuple | set | dict):
        if report_metric is not None:
            raise InvalidArgumentError(
                "The 'report_metric' argument of cross_validate_by_fold names one of several "
                f"metrics in 'scoring'; with one metric it must be None; got {report_metric!r}."
            )
        return "test_score"
    names = sorted(str(name) for name in scoring)
    if report_metric not in names:
        raise InvalidArgumentError(
            "The 'report_metric' argument of cross_validate_by_fold must be one of the metrics "
            f"of 'scoring' ({', '.join(names)}); got {report_metric!r}."
        )
    return f"test_{report_metric}"
