"""scikit-learn: TuneSearchCV, a cross-validation objective, training in reported steps, datasets.

``tunesmith.sklearn`` re-exports ``TuneSearchCV`` and ``default_space`` under a shorter name.

Needs scikit-learn: ``pip install "tunesmith[sklearn]"``.
"""

try:
    import sklearn  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.sklearn needs scikit-learn: pip install "tunesmith[sklearn]"'
    ) from None

from tunesmith.integrations.sklearn.datasets import BUNDLED_DATASETS, load_dataset
from tunesmith.integrations.sklearn.default_spaces import default_space
from tunesmith.integrations.sklearn.folds import SteppedResults, cross_validate_by_fold
from tunesmith.integrations.sklearn.lockstep import cross_validate_in_steps
from tunesmith.integrations.sklearn.objective import CrossValidationObjective
from tunesmith.integrations.sklearn.search import TuneSearchCV
from tunesmith.integrations.sklearn.steps import STEP_KINDS, TrainingSteps, check_training_steps

__all__ = [
    "BUNDLED_DATASETS",
    "STEP_KINDS",
    "CrossValidationObjective",
    "SteppedResults",
    "TrainingSteps",
    "TuneSearchCV",
    "check_training_steps",
    "cross_validate_by_fold",
    "cross_validate_in_steps",
    "default_space",
    "load_dataset",
]
