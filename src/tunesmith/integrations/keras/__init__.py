"""Keras 3: a pruning callback for ``model.fit``.

- ``KerasPruningCallback(trial, monitor)``: reports a validation metric after
  each epoch and stops a trial the study's pruner prunes.

Needs Keras 3 and a backend; tunesmith tests it on PyTorch
(``KERAS_BACKEND=torch``): ``pip install "tunesmith[keras]"``.
"""

try:
    import keras  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.keras needs Keras 3: pip install "tunesmith[keras]" '
        "(and set KERAS_BACKEND=torch to run it on PyTorch)"
    ) from None

from tunesmith.integrations.keras.pruning import KerasPruningCallback

__all__ = ["KerasPruningCallback"]
