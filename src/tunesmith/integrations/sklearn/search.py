"""TuneSearchCV: a drop-in for GridSearchCV / RandomizedSearchCV that runs a tunesmith study."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.model_selection import check_cv
from sklearn.model_selection._search import BaseSearchCV

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.integrations.sklearn.cv_results import build_cv_results
from tunesmith.integrations.sklearn.refit import refit_estimator
from tunesmith.integrations.sklearn.search_arguments import (
    check_scoring_argument,
    resolve_space,
    searched_metric,
)
from tunesmith.integrations.sklearn.search_objective import SearchObjective
from tunesmith.study import Study, create_study
from tunesmith.study.selection import parse_selection_rule
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, TrialState
from tunesmith.trial.user_attrs import N_PARAMETERS

__all__ = ["TuneSearchCV"]

# Trials run when the space is not a grid and n_trials is None, as RandomizedSearchCV's n_iter.
_DEFAULT_N_TRIALS = 10


class TuneSearchCV(BaseSearchCV):  # type: ignore[misc]
    """Search an estimator's hyperparameters by cross-validation, with a tunesmith study.

    Used as ``GridSearchCV`` or ``RandomizedSearchCV``: ``fit`` runs the
    search, and the fitted object has the same attributes (``cv_results_``,
    ``best_estimator_``, ``best_params_``, ``best_score_``, ``best_index_``,
    ``refit_time_``, ``scorer_``, ``n_splits_``, ``multimetric_``) and
    predicts with the refitted best model. It also keeps the study as
    ``study_``, its objectives named (``study_.metric_names``: the scorer's
    or searched metric's name, then ``n_parameters`` with ``size_objective``).
    Each trial cross-validates a clone one fold at a time and reports the
    running mean test score after each fold, so a pruner can stop a poor
    configuration after its first folds; ``cv_results_`` lists the completed
    trials, in trial order.

    Args:
        estimator: the estimator or pipeline to tune (never fitted itself).
        search_space: hyperparameter name -> ``tunesmith.Float`` / ``Int`` /
            ``Categorical`` (a list is the values to try), with the names
            ``set_params`` takes (``pca__n_components`` in a pipeline). None
            for the estimator's default space (``default_space``).
        n_trials: the trials to run. None runs the whole grid when every
            entry of ``search_space`` is a list (as GridSearchCV), else 10.
        scoring: a scorer name, a callable, None for the estimator's
            ``score``, or a list / dict of them for several metrics.
        cv: the number of folds or a scikit-learn splitter.
        refit: refit the chosen configuration on all the data. With several
            metrics, the metric name that chooses it (or False); a callable
            takes ``cv_results_`` and returns ``best_index_``, as in scikit-learn.
        sampler, pruner: as ``tunesmith.create_study`` takes them. A grid
            (every entry a list, ``n_trials`` None) uses the grid sampler.
        n_jobs: trials run at once (threads).
        storage, study_name: where the study lives; a named study that
            exists is continued.
        return_train_score: also record the training folds' scores.
        select: the selection rule choosing ``best_params_`` and the refitted
            model: ``"best"``, ``"smallest_within:1se"``, ... (see
            ``tunesmith.study.selection``).
        size_objective: make the parameter count a second objective
            (maximise the score, minimise the count); ``"best"`` then means
            the best score.
        random_state: the seed of the sampler.

    Raises (from ``fit``, before any trial runs):
        InvalidArgumentError: a hyperparameter the estimator lacks, an unknown
            scorer name, a bad ``refit``, ``select`` or ``n_trials``, or no
            default space for the estimator.

    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> X, y = load_iris(return_X_y=True)
    >>> search = TuneSearchCV(SVC(), {"C": [0.1, 1.0, 10.0]}, cv=3).fit(X, y)
    >>> search.best_params_, len(search.cv_results_["params"])
    ({'C': 10.0}, 3)
    """

    def __init__(
        self,
        estimator: Any,
        search_space: Mapping[str, Any] | None = None,
        n_trials: int | None = None,
        scoring: Any = None,
        cv: Any = 5,
        refit: Any = True,
        sampler: Any = "auto",
        pruner: Any = None,
        n_jobs: int = 1,
        storage: Any = None,
        study_name: str | None = None,
        return_train_score: bool = False,
        select: str = "best",
        size_objective: bool = False,
        random_state: Any = None,
    ) -> None:
        self.estimator = estimator
        self.search_space = search_space
        self.n_trials = n_trials
        self.scoring = scoring
        self.cv = cv
        self.refit = refit
        self.sampler = sampler
        self.pruner = pruner
        self.n_jobs = n_jobs
        self.storage = storage
        self.study_name = study_name
        self.return_train_score = return_train_score
        self.select = select
        self.size_objective = size_objective
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None, *, groups: Any = None, **fit_params: Any) -> TuneSearchCV:  # noqa: N803
        """Run the search on ``X, y`` and, with ``refit``, fit the chosen configuration on them.

        Args:
            X, y: the data (y None for unsupervised estimators).
            groups: the groups of a group splitter (``GroupKFold``, ...).
            fit_params: passed to every fit of the estimator.

        Returns:
            self, fitted.
        """
        space = resolve_space(self.estimator, self.search_space)
        scoring = check_scoring_argument(self.estimator, self.scoring)
        metric = searched_metric(self.refit, scoring)
        rule = parse_selection_rule(self.select)
        n_trials, sampler = self._budget_and_sampler()
        splitter = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        self.study_ = self._create_study(sampler)
        self.study_.set_metric_names(self._metric_names(metric))
        objective = SearchObjective(
            self.estimator,
            X,
            y,
            space=space,
            scoring=scoring.scorer,
            metric=metric,
            cv=splitter,
            groups=groups,
            fit_params=fit_params,
            return_train_score=self.return_train_score,
            size_objective=self.size_objective,
        )
        self.study_.optimize(objective, n_trials=n_trials, n_jobs=self.n_jobs)

        completed = sorted(
            self.study_.get_trials([TrialState.COMPLETE]), key=lambda trial: trial.number
        )
        if not completed:
            raise NoCompletedTrialsError(_nothing_completed(self.study_))
        self.multimetric_ = scoring.multimetric
        self.scorer_ = scoring.scorer
        self.n_splits_ = splitter.get_n_splits(X, y, groups)
        self.cv_results_ = build_cv_results(
            completed, scoring.names, return_train_score=self.return_train_score
        )
        if self.refit is False and self.multimetric_:
            return self
        if callable(self.refit):
            self.best_index_ = int(self.refit(self.cv_results_))
        else:
            chosen = self._chosen_trial(completed, rule.is_best)
            self.best_index_ = completed.index(chosen)
            score_name = metric or "score"
            self.best_score_ = float(self.cv_results_[f"mean_test_{score_name}"][self.best_index_])
        self.best_params_ = dict(self.cv_results_["params"][self.best_index_])
        if self.refit:
            self.best_estimator_, self.refit_time_ = refit_estimator(
                self.estimator, self.best_params_, X, y, fit_params
            )
        return self

    def _budget_and_sampler(self) -> tuple[int, Any]:
        from tunesmith.samplers import GridSampler

        n_trials = self.n_trials
        if n_trials is not None and (
            isinstance(n_trials, bool) or not isinstance(n_trials, int) or n_trials < 1
        ):
            raise InvalidArgumentError(
                f"The 'n_trials' argument of TuneSearchCV must be an int >= 1 or None; "
                f"got {n_trials!r}."
            )
        space = self.search_space
        is_grid = space is not None and all(isinstance(v, list) for v in space.values())
        if n_trials is None and is_grid:
            assert space is not None
            grid = GridSampler(dict(space))
            return grid.max_trials(), grid
        return (n_trials or _DEFAULT_N_TRIALS), self.sampler

    def _create_study(self, sampler: Any) -> Study:
        directions = ["maximize", "minimize"] if self.size_objective else ["maximize"]
        return create_study(
            study_name=self.study_name,
            storage=self.storage,
            directions=directions,
            sampler=sampler,
            pruner=self.pruner,
            seed=self.random_state,
            load_if_exists=self.study_name is not None,
        )

    def _metric_names(self, metric: str | None) -> list[str]:
        """The study's objectives by name: the searched metric (or scorer), then the size."""
        score_name = metric or (self.scoring if isinstance(self.scoring, str) else "score")
        return [score_name, N_PARAMETERS] if self.size_objective else [score_name]

    def _chosen_trial(self, completed: list[FrozenTrial], best_rule: bool) -> FrozenTrial:
        if self.size_objective and best_rule:
            # The best score; ties go to the earlier trial, as scikit-learn's rank 1 does.
            scores = np.array([trial.values[0] for trial in completed if trial.values])
            return completed[int(np.argmax(scores))]
        return self.study_.select(self.select)


def _nothing_completed(study: Study) -> str:
    failed = study.get_trials([TrialState.FAIL])
    pruned = study.get_trials([TrialState.PRUNED])
    message = (
        f"No trial of the search's study {study.study_name!r} completed "
        f"({len(failed)} failed, {len(pruned)} pruned), so there is no best configuration."
    )
    if failed:
        message += f" The last failure: {failed[-1].system_attrs.get(FAIL_REASON_ATTR)}"
    return message
