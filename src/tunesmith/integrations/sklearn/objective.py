"""CrossValidationObjective: score an estimator's hyperparameters by cross-validation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from sklearn.base import clone

from tunesmith.exceptions import TrialPruned
from tunesmith.integrations.sklearn.capture import capture_warnings
from tunesmith.integrations.sklearn.fold_records import (
    finite_or_none,
    record_fold_test_scores,
    record_mean_train_score,
)
from tunesmith.integrations.sklearn.folds import SteppedResults, cross_validate_by_fold
from tunesmith.integrations.sklearn.lockstep import cross_validate_in_steps
from tunesmith.integrations.sklearn.model_size import record_model_size
from tunesmith.integrations.sklearn.steps import TrainingSteps
from tunesmith.space import parse_space
from tunesmith.study import Trial
from tunesmith.trial.user_attrs import STD_TEST_SCORE

__all__ = ["CrossValidationObjective"]

# Enough to show why a configuration struggles, few enough to keep the record small.
_MAX_WARNINGS = 5


class CrossValidationObjective:
    """An objective that cross-validates an estimator with the trial's hyperparameters.

    Each call suggests every hyperparameter of ``space`` (in name order),
    clones the estimator with them (``set_params``), cross-validates it and
    returns the mean test score. Training is reported in ``steps`` (see
    ``TrainingSteps``), so the study's pruner can stop a bad configuration
    early: by default each fold is a step and the running mean score is
    reported after it; ``partial_fit`` and ``warm_start`` train all folds an
    epoch or a growth step at a time and report the mean score per step. A
    pruned trial ends PRUNED with its last reported score.

    It records with the trial, as user attributes, ``mean_train_score`` (for
    a completed trial), ``std_test_score``, ``split<k>_test_score`` for each
    fold evaluated, ``n_parameters`` and ``n_bytes`` (the size of the model
    fitted on the first fold, by ``tunesmith.inspect``, when it can count
    that model) and, when fitting raised any, ``warnings`` (the first line
    of each distinct warning: a ConvergenceWarning is recorded rather than
    shown). A fit that raises makes the call raise, so the trial fails with
    that reason. Instances pickle, so process workers can run them.

    Args:
        estimator: an unfitted estimator or pipeline; it is never fitted itself.
        X: the features.
        y: the target (None for unsupervised estimators).
        scoring: a scorer name (``"accuracy"``, ``"roc_auc"``, ``"r2"``, ...), a
            scorer callable, or None for the estimator's own ``score``. Scores
            are greater-is-better, so studies using them maximise.
        cv: the number of folds, or a scikit-learn splitter.
        space: hyperparameter name -> distribution (or its plain-data form),
            with the names ``set_params`` takes (``step__name`` in a pipeline).
        steps: how training is split into reported steps; None means each
            fold is a step (``TrainingSteps("folds")``).

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.linear_model import LogisticRegression
    >>> import tunesmith
    >>> X, y = load_iris(return_X_y=True)
    >>> objective = CrossValidationObjective(
    ...     LogisticRegression(max_iter=500), X, y, "accuracy", 3,
    ...     space={"C": tunesmith.Float(0.01, 10, log=True)})
    >>> study = tunesmith.create_study(direction="maximize", seed=0)
    >>> study.optimize(objective, n_trials=3)
    >>> study.best_value > 0.8
    True
    """

    def __init__(
        self,
        estimator: Any,
        X: Any,  # noqa: N803 - the name scikit-learn gives the features
        y: Any,
        scoring: str | Callable[..., float] | None = None,
        cv: Any = 5,
        *,
        space: Mapping[str, Any],
        steps: TrainingSteps | None = None,
    ) -> None:
        self.estimator = estimator
        self.X = X
        self.y = y
        self.scoring = scoring
        self.cv = cv
        self.space = space
        self.steps = steps

    def __repr__(self) -> str:
        return (
            f"CrossValidationObjective(estimator={self.estimator!r}, scoring={self.scoring!r}, "
            f"cv={self.cv!r}, space={dict(self.space)!r}, steps={self.steps!r})"
        )

    def __call__(self, trial: Trial) -> float:
        distributions = parse_space(self.space)
        hyperparameters = {
            name: trial.suggest(name, distributions[name]) for name in sorted(distributions)
        }
        estimator = clone(self.estimator).set_params(**hyperparameters)
        with capture_warnings() as caught:
            run = self._cross_validate(estimator, trial)
        self._record(trial, run, caught)
        if run.pruned:
            raise TrialPruned()
        return float(np.mean(run.results["test_score"]))

    def _cross_validate(self, estimator: Any, trial: Trial) -> SteppedResults:
        steps = self.steps or TrainingSteps()
        if steps.by == "folds":
            # A failing fit must fail the trial, not score NaN with a warning.
            return cross_validate_by_fold(
                estimator,
                self.X,
                self.y,
                scoring=self.scoring,
                cv=self.cv,
                trial=trial,
                return_train_score=True,
                return_estimator=True,
                error_score="raise",
            )
        return cross_validate_in_steps(
            estimator,
            self.X,
            self.y,
            steps,
            scoring=self.scoring,
            cv=self.cv,
            trial=trial,
            return_train_score=True,
            return_estimator=True,
        )

    @staticmethod
    def _record(trial: Trial, run: SteppedResults, caught: list[str]) -> None:
        test_scores = np.asarray(run.results["test_score"], dtype=np.float64)
        if not run.pruned:
            record_mean_train_score(trial, run.results["train_score"])
        trial.set_user_attr(STD_TEST_SCORE, finite_or_none(float(np.std(test_scores))))
        record_fold_test_scores(trial, test_scores)
        if run.results.get("estimator"):
            record_model_size(trial, run.results["estimator"][0])
        if caught:
            # The first line says what happened; the rest is usually advice on what to try.
            summaries = dict.fromkeys(warning.split("\n", 1)[0] for warning in caught)
            trial.set_user_attr("warnings", list(summaries)[:_MAX_WARNINGS])
