"""Analysis of a study: which hyperparameters matter, and how far to trust its best score.

- ``importance(study, method="fanova" | "ped_anova")``: each hyperparameter's
  share of an objective's variance (``Importance``).
- ``overfitting(study, max_gap=0.05)``: each completed trial's train score,
  validation score and the gap between them, flagged when the gap is wider
  than ``max_gap`` and than its fold noise, and a trial that fitted its
  training folds less validated clearly better (past the sweet spot).
- ``selection_bias(study)``: the best cross-validation score, its estimated
  optimism from the per-fold scores (Tibshirani & Tibshirani, 2009) and the
  corrected estimate; ``tibshirani_bias`` is the same on a matrix of scores.
- ``held_out_score(study)``: the score on held-out data of the configuration
  a run chose, when one was recorded (``test_size`` in a config).
"""

from tunesmith.analysis.held_out import (
    HELD_OUT_SCORE_ATTR,
    HeldOutScore,
    held_out_score,
    record_held_out_score,
)
from tunesmith.analysis.importance import Importance, importance
from tunesmith.analysis.overfitting import (
    DEFAULT_MAX_GAP,
    TrainValidationGap,
    overfitting,
    train_validation_gaps,
)
from tunesmith.analysis.selection_bias import SelectionBias, selection_bias, tibshirani_bias

__all__ = [
    "DEFAULT_MAX_GAP",
    "HELD_OUT_SCORE_ATTR",
    "HeldOutScore",
    "Importance",
    "SelectionBias",
    "TrainValidationGap",
    "held_out_score",
    "importance",
    "overfitting",
    "record_held_out_score",
    "selection_bias",
    "tibshirani_bias",
    "train_validation_gaps",
]
