"""Heartbeats: how workers on other machines learn that a trial's worker died.

While a trial runs, a background thread records a heartbeat for it every
``interval`` seconds. A trial whose heartbeat is older than the grace period
is taken for dead and marked FAIL by the next worker that starts.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from tunesmith.exceptions import StorageError
from tunesmith.storage import InMemoryStorage, Storage

__all__ = ["HEARTBEAT_GRACE_SECONDS", "HEARTBEAT_INTERVAL_SECONDS", "Heartbeat"]

HEARTBEAT_INTERVAL_SECONDS = 10.0
# Several missed beats, so a slow database or a paused process is not taken for dead.
HEARTBEAT_GRACE_SECONDS = 6 * HEARTBEAT_INTERVAL_SECONDS


class Heartbeat:
    """Beats for every trial registered with ``beating`` while its block runs."""

    def __init__(self, storage: Storage, interval: float = HEARTBEAT_INTERVAL_SECONDS) -> None:
        self._storage = storage
        self._interval = interval
        self._trial_ids: set[int] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def needed(self) -> bool:
        # Only another process can find a trial dead, and memory is not shared.
        return not isinstance(self._storage, InMemoryStorage)

    def __enter__(self) -> Heartbeat:
        if self.needed:
            self._thread = threading.Thread(
                target=self._run, name="tunesmith-heartbeat", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            with self._lock:
                trial_ids = sorted(self._trial_ids)
            for trial_id in trial_ids:
                self._beat(trial_id)

    def _beat(self, trial_id: int) -> None:
        # The trial may have finished between the copy of the set and this write.
        with contextlib.suppress(StorageError):
            self._storage.record_heartbeat(trial_id)

    @contextlib.contextmanager
    def beating(self, trial_id: int) -> Iterator[None]:
        """Keep ``trial_id`` alive while the block runs."""
        if not self.needed:
            yield
            return
        self._beat(trial_id)
        with self._lock:
            self._trial_ids.add(trial_id)
        try:
            yield
        finally:
            with self._lock:
                self._trial_ids.discard(trial_id)
