"""Hyperparameter importance: which hyperparameters an objective depends on.

``importance(study, method="fanova" | "ped_anova")`` returns an ``Importance``
with each hyperparameter's share of the objective's variance. The math lives
in private modules as functions on arrays: ``_forest`` (a random forest kept
as leaf boxes), ``_fanova`` (the variance of each main effect) and
``_ped_anova`` (Pearson divergence of the best trials' density).
"""

from tunesmith.analysis.importance.evaluate import METHODS, importance
from tunesmith.analysis.importance.result import Importance

__all__ = ["METHODS", "Importance", "importance"]
