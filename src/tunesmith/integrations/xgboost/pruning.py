"""The XGBoost pruning callback: one report per boosting round, a pruned trial stops training.

XGBoost's own way to stop is a ``TrainingCallback`` whose ``after_iteration``
returns True: training ends after that round and every callback's
``after_training`` runs. This callback stops a pruned trial so, then raises
``TrialPruned`` from ``after_training``, which leaves ``xgboost.train`` and
the objective, and ``Study.optimize`` records the trial as PRUNED.

``xgboost.cv`` cannot be stopped so: when a callback other than its own early
stopping ends training, it reads a best iteration that was never set and
fails (XGBoost 3.2). Under ``xgboost.cv`` (whose model is not a ``Booster``
but its folds packed together) the callback raises ``TrialPruned`` straight
from ``after_iteration``.
"""

from __future__ import annotations

from typing import Any

import xgboost

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.pruning_report import pruned, report_and_ask, require_name
from tunesmith.study import Trial

__all__ = ["XGBoostPruningCallback"]


class XGBoostPruningCallback(xgboost.callback.TrainingCallback):
    """Report a validation metric after each boosting round; stop the trial when pruned.

    Args:
        trial: the trial the objective received.
        metric: the metric to report, as XGBoost names it (``"rmse"``,
            ``"logloss"``, ``"auc"``); the study's first direction must suit it.
        valid_name: the evaluation set to read, as named in ``evals``
            (``"validation_0"`` for the scikit-learn wrappers' first
            ``eval_set``); None reads the last set listed, as XGBoost's early
            stopping does (``"test"`` under ``xgboost.cv``, whose value is the
            mean over folds).

    Round ``r`` (from 1) is reported as step ``r``, so a pruner's resource is
    boosting rounds. Use it in any of::

        xgboost.train(params, dtrain, evals=[(dvalid, "valid")],
                      callbacks=[XGBoostPruningCallback(trial, "logloss")])
        xgboost.cv(params, dtrain, callbacks=[XGBoostPruningCallback(trial, "rmse")])
        XGBClassifier(callbacks=[XGBoostPruningCallback(trial, "logloss")]).fit(
            X, y, eval_set=[(X_val, y_val)])

    Raises (when called by XGBoost):
        TrialPruned: after the round the study's pruner pruned; let it leave the objective.
        InvalidArgumentError: no evaluation names the metric and set.
    """

    def __init__(self, trial: Trial, metric: str, valid_name: str | None = None) -> None:
        super().__init__()
        self.trial = trial
        self.metric = require_name("XGBoostPruningCallback", "metric", metric)
        self.valid_name = (
            None
            if valid_name is None
            else require_name("XGBoostPruningCallback", "valid_name", valid_name)
        )
        self._pruned_at: tuple[int, float] | None = None

    def __repr__(self) -> str:
        return (
            f"XGBoostPruningCallback(trial={self.trial!r}, metric={self.metric!r}, "
            f"valid_name={self.valid_name!r})"
        )

    def before_training(self, model: Any) -> Any:
        """Forget a previous fit's pruning (the scikit-learn wrappers reuse their callbacks)."""
        self._pruned_at = None
        return model

    def after_iteration(self, model: Any, epoch: int, evals_log: Any) -> bool:
        """Report round ``epoch + 1``; True (stop training) when the pruner prunes the trial."""
        score = self._score(evals_log)
        step = epoch + 1
        if not report_and_ask(self.trial, score, step):
            return False
        if not isinstance(model, xgboost.Booster):
            raise pruned(self.trial, step, score, "boosting round")
        self._pruned_at = (step, score)
        return True

    def after_training(self, model: Any) -> Any:
        """Raise ``TrialPruned`` when training stopped because the trial was pruned."""
        if self._pruned_at is not None:
            step, score = self._pruned_at
            raise pruned(self.trial, step, score, "boosting round")
        return model

    def _score(self, evals_log: Any) -> float:
        names = list(evals_log) if self.valid_name is None else [self.valid_name]
        wanted = names[-1] if names else None
        history = evals_log.get(wanted, {}).get(self.metric)
        if not history:
            available = sorted(f"{data}/{name}" for data in evals_log for name in evals_log[data])
            raise InvalidArgumentError(
                "The 'metric' and 'valid_name' arguments of XGBoostPruningCallback must name an "
                f"evaluation XGBoost computes; got {wanted}/{self.metric}. Computed: "
                f"{available}. Give an evaluation set (evals, or eval_set for the scikit-learn "
                "wrappers) and the metric as XGBoost names it."
            )
        latest = history[-1]
        # xgboost.cv logs (mean over folds, standard deviation) per round.
        return float(latest[0] if isinstance(latest, tuple) else latest)
