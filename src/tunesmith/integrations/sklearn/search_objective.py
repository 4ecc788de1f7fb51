"""What one trial of ``TuneSearchCV`` does: cross-validate a clone with the trial's hyperparameters.

Folds run one at a time (``cross_validate_by_fold``), so the study's pruner
can stop a configuration after its first folds. Each trial records what
``cv_results_`` and the selection rules read: its per-fold results
(``CV_FOLDS``), the fold test scores of the searched metric
(``split<k>_test_score``), the size of the model fitted on the first
fold (``n_parameters``, ``n_bytes``) and, with train scores, their mean
(``mean_train_score``, read by ``tunesmith.analysis.overfitting``).

Every trial that ran folds records them, so a pruned trial and a trial
whose folds failed to fit are rows of ``cv_results_`` too. A fold that
fails to fit scores ``error_score``, as in scikit-learn, and the trial is
recorded as failed with the reason (``FitFailedError``).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

import numpy as np

from tunesmith.exceptions import TrialPruned, TunesmithError
from tunesmith.integrations.sklearn.candidates import CandidateSampler
from tunesmith.integrations.sklearn.cv_results import (
    CV_FIT_ERRORS,
    CV_FOLDS,
    fold_results_to_attr,
)
from tunesmith.integrations.sklearn.fold_records import (
    record_fold_test_scores,
    record_mean_train_score,
    score_and_size,
)
from tunesmith.integrations.sklearn.folds import cross_validate_by_fold
from tunesmith.integrations.sklearn.model_size import record_model_size
from tunesmith.space import Distribution
from tunesmith.study import Trial

__all__ = ["FitFailedError", "SearchObjective", "scored_sample_weight"]


class FitFailedError(TunesmithError, RuntimeError):
    """Folds of a search's trial failed to fit or score; the message says how many and why."""


def scored_sample_weight(scoring: Any, fit_params: Mapping[str, Any] | None) -> dict[str, Any]:
    """``{"sample_weight": ...}`` when fits get sample weights and every scorer takes them.

    GridSearchCV weighs the test scores by the fit's ``sample_weight`` so; a
    scorer that cannot take them scores unweighted, as there.
    """
    weights = (fit_params or {}).get("sample_weight")
    scorers = scoring.values() if isinstance(scoring, Mapping) else [scoring]
    if weights is None or not all(_accepts_sample_weight(scorer) for scorer in scorers):
        return {}
    return {"sample_weight": weights}


def _accepts_sample_weight(scorer: Any) -> bool:
    # scikit-learn's scorers say so themselves; a plain function, by its signature.
    accepts = getattr(scorer, "_accept_sample_weight", None)
    if accepts is not None:
        return bool(accepts())
    return "sample_weight" in inspect.signature(scorer).parameters


class SearchObjective:
    """Scores one configuration for a search; the value is the mean test score of ``metric``.

    Args:
        estimator: the unfitted estimator or pipeline to clone.
        X, y, groups: the data, and the groups of a group splitter.
        space: hyperparameter name -> distribution, suggested in name order.
        scoring: what ``cross_validate`` takes (one scorer, a list or a dict).
        metric: the metric searched: None for one metric, else a key of ``scoring``.
        cv: the number of folds or a splitter.
        fit_params: passed to every fit.
        return_train_score: also score the training folds.
        size_objective: return ``(score, n_parameters)`` instead of the score.
        error_score: ``"raise"`` to let a failing fit raise, or the score a
            failed fold gets; a trial with a failed fold raises ``FitFailedError``
            after recording its folds.
        candidates: for a list of grids, the sampler whose ``candidate(k)`` names
            the hyperparameters trial k sets; None to set every name of ``space``.
    """

    def __init__(
        self,
        estimator: Any,
        X: Any,  # noqa: N803 - the name scikit-learn gives the features
        y: Any,
        *,
        space: Mapping[str, Distribution],
        scoring: Any,
        metric: str | None,
        cv: Any,
        groups: Any = None,
        fit_params: Mapping[str, Any] | None = None,
        return_train_score: bool = False,
        size_objective: bool = False,
        error_score: str | float = "raise",
        candidates: CandidateSampler | None = None,
    ) -> None:
        self.estimator = estimator
        self.X = X
        self.y = y
        self.space = space
        self.scoring = scoring
        self.metric = metric
        self.cv = cv
        self.groups = groups
        self.fit_params = fit_params
        self.return_train_score = return_train_score
        self.size_objective = size_objective
        self.error_score = error_score
        self.candidates = candidates

    def __call__(self, trial: Trial) -> float | tuple[float, float]:
        from sklearn.base import clone

        names = self.space if self.candidates is None else self.candidates.candidate(trial.number)
        hyperparameters = {name: trial.suggest(name, self.space[name]) for name in sorted(names)}
        estimator = clone(self.estimator).set_params(**hyperparameters)
        run = cross_validate_by_fold(
            estimator,
            self.X,
            self.y,
            scoring=self.scoring,
            cv=self.cv,
            trial=trial,
            report_metric=self.metric,
            groups=self.groups,
            params=self.fit_params,
            return_train_score=self.return_train_score,
            return_estimator=True,
            error_score=self.error_score,
            score_params=scored_sample_weight(self.scoring, self.fit_params),
        )
        suffix = "score" if self.metric is None else self.metric
        test_scores = run.results[f"test_{suffix}"]
        record_fold_test_scores(trial, test_scores)
        trial.set_user_attr(CV_FOLDS, fold_results_to_attr(run.results))
        fitted = [
            model
            for model, error in zip(run.results["estimator"], run.fit_errors, strict=True)
            if error is None
        ]
        model = fitted[0] if fitted else None
        if model is not None:
            record_model_size(trial, model)
        if run.n_failed_folds:
            trial.set_user_attr(CV_FIT_ERRORS, list(run.fit_errors))
            first_error = next(error for error in run.fit_errors if error is not None)
            raise FitFailedError(
                f"{run.n_failed_folds} of {len(run.fit_errors)} folds failed to fit and scored "
                f"error_score={self.error_score!r}; the first: {first_error}"
            )
        if run.pruned:
            raise TrialPruned()
        if self.return_train_score:
            record_mean_train_score(trial, run.results[f"train_{suffix}"])
        score = float(np.mean(test_scores))
        if not self.size_objective:
            return score
        return score_and_size(
            trial,
            score,
            model,
            needed_by="The 'size_objective' argument of TuneSearchCV",
            remedy="set size_objective=False",
        )
