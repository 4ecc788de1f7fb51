"""XGBoost: a pruning callback for ``xgboost.train``, ``xgboost.cv`` and the scikit-learn wrappers.

- ``XGBoostPruningCallback(trial, metric)``: reports the validation metric
  after each boosting round (the mean over folds under ``xgboost.cv``) and
  stops a trial the study's pruner prunes.

Needs XGBoost: ``pip install "tunesmith[xgboost]"``.
"""

try:
    import xgboost  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.xgboost needs XGBoost: pip install "tunesmith[xgboost]"'
    ) from None

from tunesmith.integrations.xgboost.pruning import XGBoostPruningCallback

__all__ = ["XGBoostPruningCallback"]
