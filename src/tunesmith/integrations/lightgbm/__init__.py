"""LightGBM: a pruning callback for ``lightgbm.train``, ``lightgbm.cv`` and ``LGBMModel.fit``.

- ``LightGBMPruningCallback(trial, metric)``: reports the validation metric
  after each boosting round (the mean over folds under ``lightgbm.cv``) and
  stops a trial the study's pruner prunes.

Needs LightGBM: ``pip install "tunesmith[lightgbm]"``.
"""

try:
    import lightgbm  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.lightgbm needs LightGBM: pip install "tunesmith[lightgbm]"'
    ) from None

from tunesmith.integrations.lightgbm.pruning import LightGBMPruningCallback

__all__ = ["LightGBMPruningCallback"]
