"""Model inspection: the hyperparameters a model was set to and the parameters it learned.

``inspect(model)`` returns a ModelCard for a fitted scikit-learn estimator or
pipeline, a PyTorch module, a LightGBM or XGBoost model, a Keras model, or
any object with a ``__tunesmith_parameters__()`` method
(``SupportsInspection``). None of those libraries is imported here: a model
of theirs can only exist once its library is imported.
"""

from tunesmith.models.card import LearnedParameter, ModelCard, ParameterKind
from tunesmith.models.dispatch import inspect
from tunesmith.models.protocol import SupportsInspection

__all__ = ["LearnedParameter", "ModelCard", "ParameterKind", "SupportsInspection", "inspect"]
