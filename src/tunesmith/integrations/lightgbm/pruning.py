"""The LightGBM pruning callback: one report per boosting round, a pruned trial stops training.

LightGBM calls each callback after every round with the round's evaluation
results: one entry per (data set, metric), the mean over folds under
``lightgbm.cv``. A LightGBM callback stops training by raising; this one
raises ``TrialPruned``, which leaves ``lightgbm.train`` and the objective, and
``Study.optimize`` records the trial as PRUNED.
"""

from __future__ import annotations

from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.pruning_report import pruned, report_and_ask, require_name
from tunesmith.study import Trial

__all__ = ["LightGBMPruningCallback"]


class LightGBMPruningCallback:
    """Report a validation metric after each boosting round; stop the trial when pruned.

    Args:
        trial: the trial the objective received.
        metric: the metric to report, as LightGBM names it (``"l2"``,
            ``"binary_logloss"``, ``"auc"``); the study's first direction
            must suit it (minimise a loss, maximise ``auc``).
        valid_name: the validation set to read, as named in ``valid_names``
            (``"valid_0"`` by default in ``lightgbm.train``); None reads the
            last set listed that is not the training set, and ``"valid"``
            under ``lightgbm.cv``, whose value is the mean over folds.

    Round ``r`` (from 1) is reported as step ``r``, so a pruner's resource is
    boosting rounds. Use it in any of::

        lightgbm.train(params, train_set, valid_sets=[valid_set],
                       callbacks=[LightGBMPruningCallback(trial, "binary_logloss")])
        lightgbm.cv(params, train_set, callbacks=[LightGBMPruningCallback(trial, "l2")])
        LGBMClassifier().fit(X, y, eval_set=[(X_val, y_val)],
                             callbacks=[LightGBMPruningCallback(trial, "binary_logloss")])

    Raises (when called by LightGBM):
        TrialPruned: the study's pruner says to stop; let it leave the objective.
        InvalidArgumentError: no evaluation result names the metric and set.
    """

    def __init__(self, trial: Trial, metric: str, valid_name: str | None = None) -> None:
        self.trial = trial
        self.metric = require_name("LightGBMPruningCallback", "metric", metric)
        self.valid_name = (
            None
            if valid_name is None
            else require_name("LightGBMPruningCallback", "valid_name", valid_name)
        )

    def __repr__(self) -> str:
        return (
            f"LightGBMPruningCallback(trial={self.trial!r}, metric={self.metric!r}, "
            f"valid_name={self.valid_name!r})"
        )

    def __call__(self, env: Any) -> None:
        """Report the round LightGBM just trained (``env`` is its ``CallbackEnv``)."""
        score = self._score(env.evaluation_result_list)
        step = env.iteration - env.begin_iteration + 1
        if report_and_ask(self.trial, score, step):
            raise pruned(self.trial, step, score, "boosting round")

    def _score(self, results: list[Any]) -> float:
        # Each result starts (data set, metric, value, ...), a tuple or a named tuple.
        validation = [r for r in results if r[0] not in ("training", "train")]
        names = [r[0] for r in validation] if self.valid_name is None else [self.valid_name]
        wanted = names[-1] if names else None
        for result in results:
            if result[0] == wanted and result[1] == self.metric:
                return float(result[2])
        available = sorted({f"{r[0]}/{r[1]}" for r in results})
        raise InvalidArgumentError(
            "The 'metric' and 'valid_name' arguments of LightGBMPruningCallback must name an "
            f"evaluation LightGBM computes; got {wanted}/{self.metric}. Computed: {available}. "
            "Give a validation set (valid_sets, or eval_set for the scikit-learn wrappers) and "
            "the metric as LightGBM names it."
        )
