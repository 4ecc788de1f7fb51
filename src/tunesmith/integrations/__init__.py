"""Bridges to other libraries: scikit-learn, PyTorch, LightGBM, XGBoost, Keras and MLflow.

Each subpackage imports its library only when it is itself imported, so
``import tunesmith`` never needs them.
"""

__all__: list[str] = []
