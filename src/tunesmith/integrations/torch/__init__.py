"""PyTorch: a pruning hook for your own training loop, and a small classifier training loop.

- ``EpochReporter(trial)``: call it after each epoch with the validation score;
  it reports the score to the trial and raises ``TrialPruned`` when the
  study's pruner says to stop.
- ``train_classifier(model, X_train, y_train, X_val, y_val, ...)``: trains a
  classifier on tensors or arrays, seeded, reporting each epoch's validation
  accuracy to a trial when given one.

Needs PyTorch: ``pip install "tunesmith[torch]"``.
"""

try:
    import torch  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.torch needs PyTorch: pip install "tunesmith[torch]"'
    ) from None

from tunesmith.integrations.torch.epoch_reporter import EpochReporter
from tunesmith.integrations.torch.training import TrainingResult, train_classifier

__all__ = ["EpochReporter", "TrainingResult", "train_classifier"]
