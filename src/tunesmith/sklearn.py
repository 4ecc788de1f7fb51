"""scikit-learn for tunesmith users: ``TuneSearchCV`` and the default search spaces.

Importing this module imports scikit-learn (``import tunesmith`` does not).
Needs scikit-learn: ``pip install "tunesmith[sklearn]"``.

>>> from tunesmith.sklearn import TuneSearchCV, default_space
"""

from tunesmith.integrations.sklearn.default_spaces import default_space
from tunesmith.integrations.sklearn.search import TuneSearchCV

__all__ = ["TuneSearchCV", "default_space"]
