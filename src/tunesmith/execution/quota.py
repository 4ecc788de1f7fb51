"""How many trials one ``optimize`` call may still start, shared by all its workers.

``optimize(n_trials=N)`` runs N trials in that call, however many other
processes work on the same study at the same time. The count lives in shared
memory so the call's worker processes draw from it too; it is handed to them
when they start (a shared counter cannot travel any other way).
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import SpawnContext

__all__ = ["TrialQuota"]


class TrialQuota:
    """A counter of trials left, safe for threads and for processes started with ``spawn``.

    >>> quota = TrialQuota(2)
    >>> [quota.take(), quota.take(), quota.take()]
    [True, True, False]
    """

    def __init__(self, n_trials: int, context: SpawnContext | None = None) -> None:
        chosen = context or multiprocessing.get_context("spawn")
        self._left = chosen.Value("q", n_trials)

    def take(self) -> bool:
        """Take one trial from the quota; False when none is left."""
        with self._left.get_lock():
            if self._left.value <= 0:
                return False
            self._left.value -= 1
            return True

    @property
    def left(self) -> int:
        """Trials not taken yet."""
        return int(self._left.value)
