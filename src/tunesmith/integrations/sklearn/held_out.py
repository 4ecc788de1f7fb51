"""A test set held out before tuning, and the chosen configuration's score on it.

Splitting first and tuning on the rest leaves data no trial saw; refitting the
chosen hyperparameters on the tuning part and scoring that model on the
held-out part measures it without the optimism of having picked the best of
many cross-validation scores. The refit trains as each fold of a trial did
(by ``fit``, or in the same ``partial_fit`` epochs or ``warm_start`` growth),
the whole tuning part being its training fold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.capture import capture_warnings
from tunesmith.integrations.sklearn.folds import cross_validate_by_fold
from tunesmith.integrations.sklearn.lockstep import cross_validate_in_steps
from tunesmith.integrations.sklearn.steps import TrainingSteps

__all__ = ["HeldOutSplit", "HeldOutTest", "score_held_out", "split_held_out"]


@dataclass(frozen=True, slots=True)
class HeldOutSplit:
    """A dataset and which of its samples are tuned on and which are held out.

    Attributes:
        X, y: the whole dataset (y None for unsupervised estimators).
        tuning: the indices of the samples tuned on.
        test: the indices of the samples held out.
    """

    X: Any
    y: Any
    tuning: npt.NDArray[np.intp]
    test: npt.NDArray[np.intp]

    @property
    def X_tune(self) -> Any:  # noqa: N802 - scikit-learn's name for features
        """The features tuned on."""
        return _rows(self.X, self.tuning)

    @property
    def y_tune(self) -> Any:
        """The target tuned on."""
        return _rows(self.y, self.tuning)

    @property
    def n_tuning_samples(self) -> int:
        return len(self.tuning)

    @property
    def n_test_samples(self) -> int:
        return len(self.test)


@dataclass(frozen=True, slots=True)
class HeldOutTest:
    """The refitted model's score on the held-out data, and the warnings its training raised."""

    score: float
    warnings: list[str]


def _rows(data: Any, indices: npt.NDArray[np.intp]) -> Any:
    from sklearn.utils import _safe_indexing

    return None if data is None else _safe_indexing(data, indices)


def split_held_out(
    estimator: Any,
    X: Any,  # noqa: N803 - the name scikit-learn gives the features
    y: Any,
    *,
    test_size: float,
    seed: int,
) -> HeldOutSplit:
    """Hold out a share ``test_size`` of the samples, stratified by class for a classifier.

    Raises:
        InvalidArgumentError: the data cannot be split so (too few samples, or
            a class too rare to appear on both sides), naming ``test_size``.

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> X, y = load_iris(return_X_y=True)
    >>> split = split_held_out(SVC(), X, y, test_size=0.2, seed=0)
    >>> split.n_tuning_samples, split.n_test_samples, split.X_tune.shape
    (120, 30, (120, 4))
    """
    from sklearn.base import is_classifier
    from sklearn.model_selection import train_test_split

    stratify = y if y is not None and is_classifier(estimator) else None
    try:
        tuning, test = train_test_split(
            np.arange(len(X)), test_size=test_size, random_state=seed, stratify=stratify
        )
    except ValueError as error:
        raise InvalidArgumentError(
            f"Cannot hold out test_size={test_size!r} of {len(X)} samples"
            f"{' stratified by class' if stratify is not None else ''}: {error}"
        ) from None
    return HeldOutSplit(X=X, y=y, tuning=tuning, test=test)


def score_held_out(
    estimator: Any,
    hyperparameters: Mapping[str, Any],
    split: HeldOutSplit,
    scoring: str | Callable[..., float] | None,
    steps: TrainingSteps | None = None,
) -> HeldOutTest:
    """Train a clone with ``hyperparameters`` on the tuning part; score it on the held-out part.

    Args:
        estimator: the unfitted estimator or pipeline that was tuned.
        hyperparameters: the chosen trial's, as ``set_params`` takes them.
        split: the data.
        scoring: the scorer the study used (a name, a callable, or None for
            the estimator's own ``score``).
        steps: how the trials trained (None: by ``fit``, fold by fold).

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.neighbors import KNeighborsClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> split = split_held_out(KNeighborsClassifier(), X, y, test_size=0.2, seed=0)
    >>> score_held_out(KNeighborsClassifier(), {"n_neighbors": 5}, split, "accuracy").score > 0.9
    True
    """
    from sklearn.base import clone

    model = clone(estimator).set_params(**hyperparameters)
    one_split = [(split.tuning, split.test)]
    with capture_warnings() as caught:
        if steps is None or steps.by == "folds":
            run = cross_validate_by_fold(
                model, split.X, split.y, scoring=scoring, cv=one_split, error_score="raise"
            )
        else:
            run = cross_validate_in_steps(
                model, split.X, split.y, steps, scoring=scoring, cv=one_split
            )
    score = float(run.results["test_score"][0])
    return HeldOutTest(score=score, warnings=list(dict.fromkeys(caught)))
