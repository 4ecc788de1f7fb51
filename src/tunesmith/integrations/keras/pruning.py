"""The Keras pruning callback: one report per epoch, a pruned trial stops training.

Keras's own way to stop is a callback setting ``model.stop_training``: the
epoch ends cleanly and ``on_train_end`` runs. This callback stops a pruned
trial so, then raises ``TrialPruned`` from ``on_train_end``, which leaves
``model.fit`` and the objective, and ``Study.optimize`` records the trial as
PRUNED.
"""

from __future__ import annotations

from typing import Any

import keras

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.pruning_report import pruned, report_and_ask, require_name
from tunesmith.study import Trial

__all__ = ["KerasPruningCallback"]


class KerasPruningCallback(keras.callbacks.Callback):  # type: ignore[misc]
    """Report a validation metric after each epoch; stop the trial when its pruner says so.

    Args:
        trial: the trial the objective received.
        monitor: the log entry to report, as ``fit`` names it
            (``"val_loss"``, ``"val_accuracy"``); the study's first direction
            must suit it.

    Epoch ``e`` (from 1) is reported as step ``e``, so a pruner's resource
    is epochs::

        model.fit(X, y, validation_data=(X_val, y_val), epochs=30,
                  callbacks=[KerasPruningCallback(trial, "val_accuracy")])

    Raises (when called by Keras):
        TrialPruned: after the epoch the study's pruner pruned; let it leave the objective.
        InvalidArgumentError: the epoch's logs have no ``monitor`` entry.
    """

    def __init__(self, trial: Trial, monitor: str = "val_loss") -> None:
        super().__init__()
        self.trial = trial
        self.monitor = require_name("KerasPruningCallback", "monitor", monitor)
        self._pruned_at: tuple[int, float] | None = None

    def __repr__(self) -> str:
        return f"KerasPruningCallback(trial={self.trial!r}, monitor={self.monitor!r})"

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        """Forget a previous fit's pruning."""
        self._pruned_at = None

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        """Report epoch ``epoch + 1``; ask Keras to stop when the pruner prunes the trial."""
        logs = logs or {}
        if self.monitor not in logs:
            raise InvalidArgumentError(
                "The 'monitor' argument of KerasPruningCallback must name an entry of the "
                f"epoch's logs; got {self.monitor!r}. Logged: {sorted(logs)}. Give fit "
                "validation_data (or validation_split) for the val_ entries."
            )
        score = float(logs[self.monitor])
        step = epoch + 1
        if report_and_ask(self.trial, score, step):
            self._pruned_at = (step, score)
            self.model.stop_training = True

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        """Raise ``TrialPruned`` when training stopped because the trial was pruned."""
        if self._pruned_at is not None:
            step, score = self._pruned_at
            raise pruned(self.trial, step, score, "epoch")
