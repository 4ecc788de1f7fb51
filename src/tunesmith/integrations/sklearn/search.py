"""TuneSearchCV: a drop-in for GridSearchCV / RandomizedSearchCV that runs a tunesmith study."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.exceptions import FitFailedWarning
from sklearn.model_selection import check_cv
from sklearn.model_selection._search import BaseSearchCV

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.integrations.sklearn.candidates import (
    CandidateSampler,
    expand_grids,
    merged_space,
)
from tunesmith.integrations.sklearn.cv_results import CV_FOLDS, build_cv_results, fit_errors
from tunesmith.integrations.sklearn.refit import refit_estimator
from tunesmith.integrations.sklearn.search_arguments import (
    check_scoring_argument,
    resolve_space,
    searched_metric,
)
from tunesmith.integrations.sklearn.search_budget import (
    SearchBudget,
    given_n_trials,
    given_space,
    plan_budget,
)
from tunesmith.integrations.sklearn.search_objective import FitFailedError, SearchObjective
from tunesmith.integrations.sklearn.study_snapshot import StudySnapshot
from tunesmith.study import Study, create_study
from tunesmith.study.selection import parse_selection_rule
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, TrialState
from tunesmith.trial.user_attrs import N_PARAMETERS

__all__ = ["TuneSearchCV"]


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
    configuration after its first folds; ``cv_results_`` has a row for
    every trial that ran folds, in trial order, with its state in the
    ``state`` column (``"COMPLETE"``, ``"PRUNED"`` with the folds it did not
    run as NaN, or ``"FAIL"`` when folds failed to fit). A fitted search
    pickles (``pickle``, ``joblib.dump``); the unpickled ``study_`` is an
    in-memory copy of the study.

    Args:
        estimator: the estimator or pipeline to tune (never fitted itself).
        search_space: hyperparameter name -> ``tunesmith.Float`` / ``Int`` /
            ``Categorical`` (a list is the values to try) or a scipy.stats
            ``loguniform`` / ``uniform`` / ``randint`` (as RandomizedSearchCV
            takes them), with the names ``set_params`` takes
            (``pca__n_components`` in a pipeline). None for the estimator's
            default space (``default_space``). A list of such dicts of lists is
            a list of grids, as GridSearchCV takes it: each grid's candidates in turn.
        n_trials: the trials the study holds when ``fit`` ends (the study's
            total, as in the CLI: a stored study that already holds some
            finished trials runs only the rest). None runs the whole grid when
            every entry of ``search_space`` is a list (as GridSearchCV), else 10.
        scoring: a scorer name, a callable, None for the estimator's
            ``score``, or a list / dict of them for several metrics.
        cv: the number of folds or a scikit-learn splitter.
        refit: refit the chosen configuration on all the data. With several
            metrics, the metric name that chooses it (or False); a callable
            takes ``cv_results_`` and returns ``best_index_``, as in scikit-learn.
        sampler, pruner: as ``tunesmith.create_study`` takes them. A grid
            (every entry a list, ``n_trials`` None) and ``sampler="grid"`` use
            the grid sampler over the search's space, in GridSearchCV's order.
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
        random_state: the seed of the sampler (for a grid, of the order of a
            budget smaller than the grid; a full grid runs in GridSearchCV's order).
        error_score: as in scikit-learn: the score of a fold whose fit fails
            (``np.nan`` by default; the search goes on, warns with
            ``FitFailedWarning`` how many fits failed, and the trial is recorded
            as failed with the reason), or ``"raise"`` to raise the fit's error.
        param_grid, param_distributions: GridSearchCV's and RandomizedSearchCV's
            names for ``search_space`` (give one of the three).
            ``param_distributions`` means a search of ``n_iter`` trials even
            when every entry is a list.
        n_iter: RandomizedSearchCV's name for ``n_trials`` (give one of them).
        verbose: above 0, print how many folds and candidates ``fit`` runs, as
            scikit-learn does.

    Raises (from ``fit``, before any trial runs):
        InvalidArgumentError: a hyperparameter the estimator lacks, an unknown
            scorer name, a bad ``refit``, ``select``, ``error_score`` or
            ``n_trials``, two names for one argument, a scipy.stats
            distribution without a range, or no default space for the estimator.

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
        search_space: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
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
        error_score: Any = np.nan,
        param_grid: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        param_distributions: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        n_iter: int | None = None,
        verbose: int = 0,
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
        self.error_score = error_score
        self.param_grid = param_grid
        self.param_distributions = param_distributions
        self.n_iter = n_iter
        self.verbose = verbose

    def fit(self, X: Any, y: Any = None, *, groups: Any = None, **fit_params: Any) -> TuneSearchCV:  # noqa: N803
        """Run the search on ``X, y`` and, with ``refit``, fit the chosen configuration on them.

        Args:
            X, y: the data (y None for unsupervised estimators).
            groups: the groups of a group splitter (``GroupKFold``, ...).
            fit_params: passed to every fit of the estimator.

        Returns:
            self, fitted.

        Raises:
            NoCompletedTrialsError: no trial completed (every fit failed, say).
        """
        given = given_space(self.search_space, self.param_grid, self.param_distributions)
        candidates = None if given.grids is None else expand_grids(given.grids)
        space = resolve_space(
            self.estimator, given.space if candidates is None else merged_space(candidates)
        )
        scoring = check_scoring_argument(self.estimator, self.scoring)
        metric = searched_metric(self.refit, scoring)
        rule = parse_selection_rule(self.select)
        error_score = check_error_score(self.error_score)
        budget = plan_budget(
            space,
            given.space,
            n_trials=given_n_trials(self.n_trials, self.n_iter),
            sampler=self.sampler,
            random_state=self.random_state,
            as_distributions=given.as_distributions,
            candidates=candidates,
        )
        splitter = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        self.n_splits_ = splitter.get_n_splits(X, y, groups)
        self.study_ = self._create_study(budget)
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
            error_score=error_score,
            candidates=budget.sampler if isinstance(budget.sampler, CandidateSampler) else None,
        )
        finished = self.study_.get_trials([TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL])
        to_run = max(0, budget.total_trials - len(finished))
        if self.verbose > 0:
            print(
                f"Fitting {self.n_splits_} folds for each of {to_run} candidates, "
                f"totalling {to_run * self.n_splits_} fits"
            )
        self.study_.optimize(
            objective,
            n_trials=to_run,
            n_jobs=self.n_jobs,
            catch=() if error_score == "raise" else FitFailedError,
        )

        rows = sorted(
            (trial for trial in self.study_.trials if CV_FOLDS in trial.user_attrs),
            key=lambda trial: trial.number,
        )
        completed = [trial for trial in rows if trial.state == TrialState.COMPLETE]
        if not completed:
            raise NoCompletedTrialsError(_nothing_completed(self.study_))
        _warn_about_fit_failures(rows, error_score)
        self.multimetric_ = scoring.multimetric
        self.scorer_ = scoring.scorer
        self.cv_results_ = build_cv_results(
            rows,
            scoring.names,
            return_train_score=self.return_train_score,
            n_splits=self.n_splits_,
        )
        if self.refit is False and self.multimetric_:
            return self
        if callable(self.refit):
            self.best_index_ = int(self.refit(self.cv_results_))
        else:
            chosen = self._chosen_trial(completed, rule.is_best)
            self.best_index_ = rows.index(chosen)
            score_name = metric or "score"
            self.best_score_ = float(self.cv_results_[f"mean_test_{score_name}"][self.best_index_])
        self.best_params_ = dict(self.cv_results_["params"][self.best_index_])
        if self.refit:
            self.best_estimator_, self.refit_time_ = refit_estimator(
                self.estimator, self.best_params_, X, y, fit_params
            )
            if hasattr(self.best_estimator_, "feature_names_in_"):
                self.feature_names_in_ = self.best_estimator_.feature_names_in_
        return self

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        if isinstance(state.get("study_"), Study):
            state = {**state, "study_": StudySnapshot.of(state["study_"])}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if isinstance(state.get("study_"), StudySnapshot):
            state = {**state, "study_": state["study_"].restore()}
        super().__setstate__(state)

    def _create_study(self, budget: SearchBudget) -> Study:
        directions = ["maximize", "minimize"] if self.size_objective else ["maximize"]
        return create_study(
            study_name=self.study_name,
            storage=self.storage,
            directions=directions,
            sampler=budget.sampler,
            pruner=self.pruner,
            seed=budget.seed,
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


def check_error_score(error_score: object) -> str | float:
    """``error_score`` as scikit-learn takes it: ``"raise"`` or a number.

    Raises:
        InvalidArgumentError: anything else.
    """
    if error_score == "raise":
        return "raise"
    if isinstance(error_score, bool) or not isinstance(error_score, int | float | np.number):
        raise InvalidArgumentError(
            "The 'error_score' argument of TuneSearchCV must be 'raise' or a number (np.nan "
            f"by default); got {error_score!r}."
        )
    return float(error_score)


def _warn_about_fit_failures(rows: list[FrozenTrial], error_score: str | float) -> None:
    """Warn as scikit-learn does when some fits failed and scored ``error_score``."""
    n_fits, reasons = fit_errors(rows)
    if not reasons:
        return
    delimiter = "-" * 80 + "\n"
    summary = "\n".join(
        f"{delimiter}{count} fits failed with the following error:\n{reason}"
        for reason, count in Counter(reasons).items()
    )
    warnings.warn(
        f"\n{len(reasons)} fits failed out of a total of {n_fits}.\n"
        "The score on these train-test partitions for these parameters will be set to "
        f"{error_score}.\nIf these failures are not expected, you can try to debug them by "
        "setting error_score='raise'.\n\nBelow are more details about the failures:\n"
        f"{summary}",
        FitFailedWarning,
        stacklevel=3,
    )


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
