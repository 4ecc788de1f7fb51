"""Heartbeats: how workers on other machines learn that a trial's worker died.

While a trial runs, a background thread records a heartbeat for it every
``HEARTBEAT_INTERVAL_SECONDS``. The same thread looks, as often, for running
trials of the study whose heartbeat is older than ``HEARTBEAT_GRACE_SECONDS``:
their workers are taken for dead, and the trials are failed with the reason
(and retried when the run allows it) while the study runs, by whichever
worker looks first.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator

from tunesmith.exceptions import StorageError
from tunesmith.execution.dead_trials import fail_stale_trials
from tunesmith.storage import InMemoryStorage, Storage

__all__ = ["HEARTBEAT_GRACE_SECONDS", "HEARTBEAT_INTERVAL_SECONDS", "Heartbeat"]

HEARTBEAT_INTERVAL_SECONDS = 10.0
# Several missed beats, so a slow database or a paused process is not taken for dead.
HEARTBEAT_GRACE_SECONDS = 6 * HEARTBEAT_INTERVAL_SECONDS


class Heartbeat:
    """Beats for every trial registered with ``beating`` while its block runs.

    Args:
        storage: where the study lives.
        study_id: the study whose dead trials this heartbeat looks for; None
            to only beat.
        retries: how many times a failed trial's hyperparameters run again.
        announce: called with the id of the trial this worker starts, and
            with None when it ends, so a parent process knows which trial
            died with its worker.

    The interval and grace are read from this module when the heartbeat is
    built, so a test can shorten them.
    """

    def __init__(
        self,
        storage: Storage,
        study_id: int | None = None,
        *,
        retries: int = 0,
        announce: Callable[[int | None], None] | None = None,
    ) -> None:
        self._storage = storage
        self._study_id = study_id
        self._retries = retries
        self._announce = announce
        self._interval = HEARTBEAT_INTERVAL_SECONDS
        self._grace = HEARTBEAT_GRACE_SECONDS
        # Trial id -> (when it started, by time.monotonic(); the thread running it).
        self._trials: dict[int, tuple[float, int]] = {}
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
            for trial_id in self.running_trial_ids():
                self._beat(trial_id)
            self._fail_dead_trials()

    def _beat(self, trial_id: int) -> None:
        # The trial may have finished between the copy of the set and this write.
        with contextlib.suppress(StorageError):
            self._storage.record_heartbeat(trial_id)

    def _fail_dead_trials(self) -> None:
        if self._study_id is None:
            return
        # A database that is down now is retried at the next beat.
        with contextlib.suppress(StorageError):
            fail_stale_trials(self._storage, self._study_id, self._grace, self._retries)

    @contextlib.contextmanager
    def beating(self, trial_id: int) -> Iterator[None]:
        """Keep ``trial_id`` alive while the block runs.

        The first beat is the trial's start: the storage stamps a trial it
        creates or claims as RUNNING, so the thread beats next after an interval.
        """
        if self._announce is not None:
            self._announce(trial_id)
        with self._lock:
            self._trials[trial_id] = (time.monotonic(), threading.get_ident())
        try:
            yield
        finally:
            with self._lock:
                self._trials.pop(trial_id, None)
            if self._announce is not None:
                self._announce(None)

    def running_trial_ids(self) -> list[int]:
        """The trials in a ``beating`` block now, in id order."""
        with self._lock:
            return sorted(self._trials)

    def running_threads(self) -> set[int]:
        """The idents of the threads in a ``beating`` block now."""
        with self._lock:
            return {thread for _, thread in self._trials.values()}

    def overdue_trials(self, seconds: float) -> dict[int, int]:
        """The trials in a ``beating`` block for more than ``seconds``: id -> thread ident."""
        now = time.monotonic()
        with self._lock:
            return {
                trial_id: thread
                for trial_id, (started, thread) in sorted(self._trials.items())
                if now - started > seconds
            }
