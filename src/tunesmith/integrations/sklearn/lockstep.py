"""Cross-validation where every fold trains in steps, all folds in lockstep.

Each fold clones the estimator; a pipeline's preprocessing steps are fitted
once on the fold's training data and its last step is trained in steps
(``partial_fit`` epochs, or a ``warm_start`` ensemble growing). After each
step every fold is scored on its held-out data, and the mean of those scores
is reported, so a pruner compares configurations at equal training.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.folds import SteppedResults
from tunesmith.integrations.sklearn.steps import (
    TrainingSteps,
    check_training_steps,
    final_estimator,
    report_step,
    warm_start_sizes,
)
from tunesmith.study import Trial

__all__ = ["cross_validate_in_steps"]


@dataclass
class _Fold:
    """One fold's model and data, and the time it spent."""

    model: Any
    x_train: Any
    y_train: Any
    x_train_transformed: Any
    x_test: Any
    y_test: Any
    fit_time: float = 0.0
    score_time: float = 0.0
    test_scores: list[float] = field(default_factory=list)


def _take(data: Any, indices: npt.NDArray[np.intp]) -> Any:
    from sklearn.utils import _safe_indexing

    return None if data is None else _safe_indexing(data, indices)


def _prepare_fold(estimator: Any, X: Any, y: Any, train: Any, test: Any) -> _Fold:  # noqa: N803
    from sklearn.base import clone
    from sklearn.pipeline import Pipeline

    model = clone(estimator)
    x_train, y_train = _take(X, train), _take(y, train)
    started = time.perf_counter()
    transformed = x_train
    if isinstance(model, Pipeline) and len(model.steps) > 1:
        # Preprocessing does not change from one step to the next: fit it once.
        transformed = model[:-1].fit_transform(x_train, y_train)
    fold = _Fold(model, x_train, y_train, transformed, _take(X, test), _take(y, test))
    fold.fit_time += time.perf_counter() - started
    return fold


def _trainer(estimator: Any, steps: TrainingSteps, classes: Any) -> Callable[[_Fold, int], None]:
    """What step k (from 0) does to one fold's model, a clone of ``estimator``."""
    if steps.by == "partial_fit":

        def epoch(fold: _Fold, _: int) -> None:
            learner = final_estimator(fold.model)
            extra = {} if classes is None else {"classes": classes}
            learner.partial_fit(fold.x_train_transformed, fold.y_train, **extra)

        return epoch

    assert steps.n_steps is not None
    sizes = warm_start_sizes(final_estimator(estimator).get_params()[steps.grow], steps.n_steps)

    def grow(fold: _Fold, step: int) -> None:
        learner = final_estimator(fold.model)
        if step > 0 and sizes[step] == sizes[step - 1]:
            return  # the ensemble already has this many members
        if step == 0:
            learner.set_params(warm_start=True)
        learner.set_params(**{steps.grow: sizes[step]})
        learner.fit(fold.x_train_transformed, fold.y_train)

    return grow


def cross_validate_in_steps(
    estimator: Any,
    X: Any,  # noqa: N803 - the name scikit-learn gives the features
    y: Any,
    steps: TrainingSteps,
    *,
    scoring: str | Callable[..., Any] | None = None,
    cv: Any = 5,
    trial: Trial | None = None,
    groups: Any = None,
    return_train_score: bool = False,
    return_estimator: bool = False,
) -> SteppedResults:
    """Train every fold's model in ``steps`` at once, reporting the mean test score per step.

    Step k (from 1) is the k-th ``partial_fit`` epoch, or the k-th growth of
    a ``warm_start`` ensemble. After each step but the last, the trial's
    ``should_prune`` decides whether to go on; a stopped run returns the
    scores of its last step with ``pruned=True``, and the caller raises
    ``TrialPruned``. Train scores, when asked for, are computed once, after
    the last step (not for a pruned run).

    Args:
        estimator: an unfitted estimator or pipeline whose last step can be
            trained in ``steps`` (cloned for each fold).
        X, y: the features and the target.
        steps: ``by="partial_fit"`` or ``by="warm_start"``, with ``n_steps``.
        scoring: one scorer name or callable, or None for ``estimator.score``.
        cv: the number of folds or a scikit-learn splitter.
        trial: where to report; None to report nothing.
        groups: the groups of a group splitter.
        return_train_score: add ``train_score`` to the results.
        return_estimator: add ``estimator``, each fold's model as trained.

    Returns:
        ``SteppedResults`` whose ``results`` hold ``test_score``, ``fit_time``
        and ``score_time`` per fold (and ``train_score``, ``estimator``).

    Raises:
        InvalidArgumentError: ``steps`` that the estimator cannot be trained in.

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.linear_model import SGDClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> run = cross_validate_in_steps(
    ...     SGDClassifier(random_state=0), X, y, TrainingSteps("partial_fit", 5), cv=3)
    >>> run.results["test_score"].shape, run.last_step, run.pruned
    ((3,), 5, False)
    """
    from sklearn.base import is_classifier
    from sklearn.metrics import check_scoring
    from sklearn.model_selection import check_cv

    if steps.by not in ("partial_fit", "warm_start"):
        raise InvalidArgumentError(
            "The 'steps' argument of cross_validate_in_steps must train by 'partial_fit' or "
            f"'warm_start'; got by={steps.by!r}. Use cross_validate_by_fold for folds."
        )
    check_training_steps(estimator, steps)
    assert steps.n_steps is not None
    scorer = check_scoring(estimator, scoring=scoring)
    classifier = is_classifier(final_estimator(estimator))
    classes = np.unique(y) if classifier and steps.by == "partial_fit" else None
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    folds = [
        _prepare_fold(estimator, X, y, train, test) for train, test in splitter.split(X, y, groups)
    ]
    train_step = _trainer(estimator, steps, classes)
    for index in range(steps.n_steps):
        for fold in folds:
            started = time.perf_counter()
            train_step(fold, index)
            scored = time.perf_counter()
            fold.test_scores.append(float(scorer(fold.model, fold.x_test, fold.y_test)))
            fold.fit_time += scored - started
            fold.score_time += time.perf_counter() - scored
        step = index + 1
        mean_score = float(np.mean([fold.test_scores[-1] for fold in folds]))
        if report_step(trial, mean_score, step, last=step == steps.n_steps):
            results = _results(folds, scorer, train=False, models=return_estimator)
            return SteppedResults(results, step, pruned=True)
    results = _results(folds, scorer, train=return_train_score, models=return_estimator)
    return SteppedResults(results, steps.n_steps, pruned=False)


def _results(folds: list[_Fold], scorer: Any, *, train: bool, models: bool) -> dict[str, Any]:
    results: dict[str, Any] = {
        "test_score": np.array([fold.test_scores[-1] for fold in folds]),
        "fit_time": np.array([fold.fit_time for fold in folds]),
        "score_time": np.array([fold.score_time for fold in folds]),
    }
    if train:
        results["train_score"] = np.array(
            [float(scorer(fold.model, fold.x_train, fold.y_train)) for fold in folds]
        )
    if models:
        results["estimator"] = [fold.model for fold in folds]
    return results
