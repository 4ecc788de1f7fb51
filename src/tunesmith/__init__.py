"""tunesmith: find the hyperparameters that make a model fit its task.

Hyperparameters are what is set before training (learning rate, depth, C);
parameters are what a model learns in training (weights, splits). tunesmith
tunes the first and counts the second.
"""

from tunesmith.analysis import Importance, importance
from tunesmith.exceptions import TrialPruned, TunesmithError
from tunesmith.models import ModelCard, inspect
from tunesmith.report import report
from tunesmith.space import Categorical, Float, Int
from tunesmith.storage import InMemoryStorage, StudySummary
from tunesmith.study import (
    Study,
    Trial,
    copy_study,
    create_study,
    delete_study,
    list_studies,
    load_study,
)
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__version__ = "0.1.0"

__all__ = [
    "Categorical",
    "Float",
    "FrozenTrial",
    "Importance",
    "InMemoryStorage",
    "Int",
    "ModelCard",
    "Study",
    "StudyDirection",
    "StudySummary",
    "Trial",
    "TrialPruned",
    "TrialState",
    "TunesmithError",
    "__version__",
    "copy_study",
    "create_study",
    "delete_study",
    "importance",
    "inspect",
    "list_studies",
    "load_study",
    "report",
]
