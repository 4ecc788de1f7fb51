"""scikit-learn: a cross-validation objective and the datasets the CLI can load.

Needs scikit-learn: ``pip install "tunesmith[sklearn]"``.
"""

try:
    import sklearn  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.sklearn needs scikit-learn: pip install "tunesmith[sklearn]"'
    ) from None

from tunesmith.integrations.sklearn.datasets import BUNDLED_DATASETS, load_dataset
from tunesmith.integrations.sklearn.objective import CrossValidationObjective

__all__ = ["BUNDLED_DATASETS", "CrossValidationObjective", "load_dataset"]
